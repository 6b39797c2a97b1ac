"""What every captured thing shares: an item with a stable id, its text, who raised it, votes."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, NoReturn, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Pydantic looks for plugins among the metadata of every installed package when it builds the
# first validator (importing importlib.metadata and the email package on the way): 40–60 ms
# of opening a session, for plugins these private models never use. Someone who sets the
# variable (to disable only some plugins, or none) keeps their setting.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

#: Longest text a single field accepts. Generous: a pasted paragraph is fine, a novel is not.
MAX_TEXT = 200_000

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
RequiredText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
Score = Annotated[int, Field(ge=1, le=5)]
ItemId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


def new_id() -> str:
    """A short random id, stable for the life of an item (follow-ups keep it)."""
    return secrets.token_hex(4)


def now() -> datetime:
    """The current instant, timezone-aware. Tests patch `workshop.model.base.now`."""
    return datetime.now(UTC)


class Step(StrEnum):
    """The four steps of building the strategy, in order."""

    RESEARCH = "research"
    CONSULT = "consult"
    STRUCTURE = "structure"
    DOCUMENT = "document"

    @property
    def number(self) -> int:
        return list(Step).index(self) + 1

    @property
    def label(self) -> str:
        """The step's name as a person reads it: 'Strategy document'."""
        return STEP_TITLES[self]


STEP_TITLES: dict[Step, str] = {
    Step.RESEARCH: "Research",
    Step.CONSULT: "Consult",
    Step.STRUCTURE: "Structure",
    Step.DOCUMENT: "Strategy document",
}


class Model(BaseModel):
    """Base of every model: unknown fields are refused, values are checked on assignment."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=False,
        use_enum_values=False,
        # JSON cannot hold NaN or infinity: refuse them rather than lose them on save
        allow_inf_nan=False,
        # build validators on first use, not at import: keeps the app's start-up fast
        defer_build=True,
    )


class Item(Model):
    """Anything captured in the room."""

    id: ItemId = Field(default_factory=new_id, description="Stable id; kept by follow-ups.")
    text: RequiredText = Field(description="What was said, in the room's words.")
    raised_by: ItemId | None = Field(
        default=None, description="Id of the participant who raised it, if attributed."
    )
    created_at: datetime = Field(default_factory=now, description="When it was captured.")
    votes: int = Field(default=0, ge=0, le=10_000, description="Dot votes given to it.")


# -- memory --------------------------------------------------------------------------------------


class EveryField(set[str]):
    """The names of every field of a model class, as the one `model_fields_set` shared by each
    loaded instance that was given all of them (see `compact`).

    Pydantic keeps a set of the fields given explicitly in each instance: about 700 bytes for
    an item, more than the item's own values, so 7 MB of a 10,000-item session. A loaded item
    was given every field (the store writes them all), and pydantic only ever adds a field's
    name to that set (on assignment), which leaves this one as it is; anything that would
    change it is refused. A copy (`model_copy`) gets a set of its own, as always."""

    __slots__ = ()

    def add(self, name: str) -> None:
        if name not in self:
            raise TypeError(f"{name!r} is not a field; this shared set never changes")

    def update(self, *others: Iterable[str]) -> None:
        for other in others:
            for name in other:
                self.add(name)

    def _refuse(self, *args: object) -> NoReturn:
        raise TypeError("the set of a class's fields, shared by its instances, never changes")

    discard = remove = pop = clear = _refuse
    difference_update = intersection_update = symmetric_difference_update = _refuse
    __isub__ = __iand__ = __ixor__ = _refuse

    def __ior__(self, other: AbstractSet[str]) -> Self:  # type: ignore[misc,override]
        self.update(other)
        return self

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: dict[int, object]) -> set[str]:
        return set(self)

    def __reduce__(self) -> tuple[type[set[str]], tuple[list[str]]]:
        return set, (list(self),)


_EVERY_FIELD: dict[type[BaseModel], EveryField] = {}

#: Longest text `compact` shares between the models holding it: names, ids, categories.
SHARED_TEXT = 64


def compact(model: BaseModel) -> None:
    """Make a model just loaded, and every model inside it, lighter without changing what it
    holds or does:
    - a model that was given all its fields gets the one `EveryField` set of its class in
      place of a set of its own (see EveryField);
    - a short text that many items repeat (who raised it, an owner, a segment, the id of a
      goal) is kept once, not once per item (a file's decoder makes a new copy each time).
    A loaded 10,000-item session then takes about half the memory."""
    _compact(model, {})


def _compact(model: BaseModel, texts: dict[str, str]) -> None:
    cls = type(model)
    every = _EVERY_FIELD.get(cls)
    if every is None:
        every = _EVERY_FIELD[cls] = EveryField(cls.model_fields)
    if model.__pydantic_fields_set__ == every:
        object.__setattr__(model, "__pydantic_fields_set__", every)
    values = model.__dict__
    for name, value in values.items():
        if type(value) is str:
            if len(value) <= SHARED_TEXT:
                values[name] = texts.setdefault(value, value)
        elif isinstance(value, BaseModel):
            _compact(value, texts)
        elif isinstance(value, list | dict):
            for inner in value.values() if isinstance(value, dict) else value:
                if isinstance(inner, BaseModel):
                    _compact(inner, texts)
