"""What every captured thing shares: an item with a stable id, its text, who raised it, votes."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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
