"""What a listing shows of groups and sessions, and a group file as read.

Listing is on the start-up path of `workshop list` and the home screen, so this module
imports neither pydantic nor the model: the records are plain frozen records built from
the stored documents, their shapes and types checked by hand. Sessions are validated by the
model only when a summary is missing or does not match its session (see `schema`).

The records are written out rather than made with `dataclasses`, which imports `inspect`
(and `ast`, `dis`, `tokenize`…): that alone costs `workshop list` about a tenth of its time.
They behave as frozen dataclasses do: compared and hashed by their fields, read-only."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see workshop.cli)
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from workshop.model.session import Group, Session

#: The steps' values in order (those of `workshop.model.base.Step`; a test checks they agree).
STEP_VALUES = ("research", "consult", "structure", "document")
#: Each step's name as a person reads it (`workshop.model.base.STEP_TITLES`), in order.
STEP_LABELS = {
    "research": "Research",
    "consult": "Consult",
    "structure": "Structure",
    "document": "Strategy document",
}
#: The statuses a session can have (those of `workshop.model.session.SessionStatus`).
STATUS_VALUES = ("planned", "in progress", "closed")
#: A session document's keys (the fields of `workshop.model.session.Session`).
SESSION_KEYS = frozenset(
    (
        "id",
        "group_id",
        "part",
        "date",
        "title",
        "facilitator",
        "follows",
        "status",
        "revision",
        "updated_at",
        "participants",
        "agenda",
        "notes",
        "decisions",
        "parking_lot",
        "research",
        "consult",
        "structure",
        "document",
    )
)
#: The longest text the model accepts (`workshop.model.base.MAX_TEXT`).
MAX_TEXT = 200_000
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class _Record:
    """A frozen record: its fields are its `__slots__`, set once by `__init__`; equal to a
    record of the same class with equal fields (and hashed by them), as a frozen dataclass."""

    # Each class's __slots__ lists its fields in the order of its __init__ (hence the noqa)
    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r} of a frozen record")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r} of a frozen record")

    def __reduce__(self) -> tuple[type[_Record], tuple[Any, ...]]:
        return self.__class__, self._values()  # copy and pickle through __init__


_set = object.__setattr__


class ListedGroup(_Record):
    """A group as a listing shows it (the fields of `workshop.model.session.Group`)."""

    __slots__ = ("id", "name", "organisation", "created_at")  # noqa: RUF023
    id: str
    name: str
    organisation: str
    created_at: dt.datetime

    def __init__(self, id: str, name: str, organisation: str, created_at: dt.datetime) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "organisation", organisation)
        _set(self, "created_at", created_at)


class SessionSummary(_Record):
    """One session as a listing shows it. Stored beside each session at save time.

    `status` is the status's value ('planned', 'in progress', 'closed'); `completeness` maps
    each step's value to its percent (a `Step` looks it up too: steps are strings)."""

    __slots__ = (  # noqa: RUF023
        "id",
        "group_id",
        "part",
        "date",
        "title",
        "facilitator",
        "status",
        "follows",
        "revision",
        "updated_at",
        "item_count",
        "completeness",
    )
    id: str
    group_id: str
    part: int
    date: dt.date
    title: str
    facilitator: str
    status: str
    follows: str | None
    revision: int
    updated_at: dt.datetime
    item_count: int
    #: How complete each step is, in percent.
    completeness: Mapping[str, int]

    def __init__(
        self,
        id: str,
        group_id: str,
        part: int,
        date: dt.date,
        title: str,
        facilitator: str,
        status: str,
        follows: str | None,
        revision: int,
        updated_at: dt.datetime,
        item_count: int,
        completeness: Mapping[str, int],
    ) -> None:
        _set(self, "id", id)
        _set(self, "group_id", group_id)
        _set(self, "part", part)
        _set(self, "date", date)
        _set(self, "title", title)
        _set(self, "facilitator", facilitator)
        _set(self, "status", status)
        _set(self, "follows", follows)
        _set(self, "revision", revision)
        _set(self, "updated_at", updated_at)
        _set(self, "item_count", item_count)
        _set(self, "completeness", completeness)

    def to_doc(self) -> dict[str, Any]:
        """The summary as its stored JSON document."""
        return {
            "id": self.id,
            "group_id": self.group_id,
            "part": self.part,
            "date": self.date.isoformat(),
            "title": self.title,
            "facilitator": self.facilitator,
            "status": self.status,
            "follows": self.follows,
            "revision": self.revision,
            "updated_at": self.updated_at.isoformat(),
            "item_count": self.item_count,
            "completeness": dict(self.completeness),
        }


class GroupSummary(_Record):
    """A group file as the home screen and `workshop list` show it. A file that cannot be
    read gives `group=None` and `error` set to the one-line reason."""

    __slots__ = ("group", "path", "sessions", "error")  # noqa: RUF023
    group: ListedGroup | None
    path: Path
    sessions: list[SessionSummary]
    error: str | None

    def __init__(
        self,
        group: ListedGroup | None,
        path: Path,
        sessions: list[SessionSummary] | None = None,
        error: str | None = None,
    ) -> None:
        _set(self, "group", group)
        _set(self, "path", path)
        _set(self, "sessions", [] if sessions is None else sessions)
        _set(self, "error", error)


class GroupFile:
    """A group and its sessions, read from its file (read-only).

    Sessions are validated when first asked for (then kept): `session(id)` validates one,
    `sessions` all of them. A session that fails raises UnreadableFile with a one-line reason.
    `Store.load_group` has already validated every session it could not vouch for."""

    def __init__(
        self,
        group: Group,
        docs: Mapping[str, dict[str, Any]],
        path: Path,
        validate: Callable[[dict[str, Any]], Session],
        validated: Mapping[str, Session] | None = None,
    ) -> None:
        self.group = group
        self.path = path
        self._docs = dict(docs)  # session id -> document
        self._validate = validate
        self._validated: dict[str, Session] = dict(validated or {})
        self._ordered: list[Session] | None = None

    @classmethod
    def of(cls, group: Group, sessions: list[Session], path: Path) -> GroupFile:
        """A group file of sessions already validated."""
        validated = {s.id: s for s in sessions}
        return cls(group, {s.id: {} for s in sessions}, path, _never, validated)

    @property
    def session_ids(self) -> list[str]:
        """Every session's id, without validating any session."""
        return list(self._docs)

    def session(self, session_id: str) -> Session | None:
        """One session, validated on first access; None when the group has no such session."""
        found = self._validated.get(session_id)
        if found is None and session_id in self._docs:
            found = self._validated[session_id] = self._validate(self._docs[session_id])
        return found

    @property
    def sessions(self) -> list[Session]:
        """Every session, validated, ordered by part, date and id."""
        if self._ordered is None:
            every = [self.session(sid) for sid in self._docs]
            self._ordered = sorted(
                (s for s in every if s is not None), key=lambda s: (s.part, s.date, s.id)
            )
        return list(self._ordered)

    def __repr__(self) -> str:
        return f"GroupFile({self.group.name!r}, {len(self._docs)} sessions, {self.path})"


def _never(doc: dict[str, Any]) -> Session:  # pragma: no cover - every session is validated
    raise AssertionError("a validated group file has nothing left to validate")


class GroupVersion(_Record):
    """A previous version of a group file kept under `.history/`."""

    __slots__ = ("name", "path", "saved_at", "reason")  # noqa: RUF023
    name: str
    path: Path
    saved_at: dt.datetime
    reason: str

    def __init__(self, name: str, path: Path, saved_at: dt.datetime, reason: str) -> None:
        _set(self, "name", name)
        _set(self, "path", path)
        _set(self, "saved_at", saved_at)
        _set(self, "reason", reason)


# -- checking stored documents by hand ---------------------------------------------------------


def _text(value: Any, required: bool = False) -> bool:
    return type(value) is str and len(value) <= MAX_TEXT and (bool(value) or not required)


def _is_id(value: Any) -> bool:
    return type(value) is str and _ID.fullmatch(value) is not None


def _datetime(value: Any) -> dt.datetime | None:
    if type(value) is not str:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def listed_group(doc: Mapping[str, Any]) -> ListedGroup | str:
    """The group record of a file, checked by hand; a one-line reason when it is not valid."""
    if set(doc) - {"id", "name", "organisation", "created_at"}:
        return "group: unknown fields"
    if not _is_id(doc.get("id")):
        return "group: its id is missing or not an id"
    if not _text(doc.get("name"), required=True):
        return "group: its name is missing or not a text"
    if not _text(doc.get("organisation", "")):
        return "group: its organisation is not a text"
    created = _datetime(doc.get("created_at"))
    if created is None:
        return "group: created_at is not a date and time"
    return ListedGroup(doc["id"], doc["name"], doc.get("organisation", ""), created)


def _int(value: Any, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def listed_session(doc: Mapping[str, Any]) -> SessionSummary | None:
    """A stored summary document as a SessionSummary; None when any part of it is not valid
    (the caller then computes it from the session)."""
    try:
        completeness = doc["completeness"]
        if not (
            _is_id(doc["id"])
            and _is_id(doc["group_id"])
            and _int(doc["part"], 1, 1000)
            and _text(doc["title"])
            and _text(doc["facilitator"])
            and doc["status"] in STATUS_VALUES
            and (doc["follows"] is None or _is_id(doc["follows"]))
            and _int(doc["revision"], 0, 2**63)
            and _int(doc["item_count"], 0, 2**63)
            and type(completeness) is dict
            and tuple(completeness) == STEP_VALUES
            and all(_int(p, 0, 100) for p in completeness.values())
            and type(doc["date"]) is str
        ):
            return None
        day = dt.date.fromisoformat(doc["date"])
        updated_at = _datetime(doc["updated_at"])
    except (KeyError, TypeError, ValueError):
        return None
    if updated_at is None:
        return None
    return SessionSummary(
        id=doc["id"],
        group_id=doc["group_id"],
        part=doc["part"],
        date=day,
        title=doc["title"],
        facilitator=doc["facilitator"],
        status=doc["status"],
        follows=doc["follows"],
        revision=doc["revision"],
        updated_at=updated_at,
        item_count=doc["item_count"],
        completeness=completeness,
    )


def summarise(session: Session) -> SessionSummary:
    """The listing's view of a session (counts every item of every section)."""
    from workshop.model.derive import all_completeness
    from workshop.model.sections import SECTIONS

    return SessionSummary(
        id=session.id,
        group_id=session.group_id,
        part=session.part,
        date=session.date,
        title=session.title,
        facilitator=session.facilitator,
        status=session.status.value,
        follows=session.follows,
        revision=session.revision,
        updated_at=session.updated_at,
        item_count=sum(len(section.items(session)) for section in SECTIONS),
        completeness={step.value: c.percent for step, c in all_completeness(session).items()},
    )
