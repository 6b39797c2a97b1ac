"""What a listing shows of groups and sessions, without validating whole sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from workshop.model.base import Step
from workshop.model.derive import all_completeness
from workshop.model.sections import SECTIONS
from workshop.model.session import Group, Session, SessionStatus


class SessionSummary(BaseModel):
    """One session as a listing shows it. Stored beside each session at save time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    group_id: str
    part: int
    date: dt.date
    title: str
    facilitator: str
    status: SessionStatus
    follows: str | None
    revision: int
    updated_at: dt.datetime
    item_count: int
    #: How complete each step is, in percent.
    completeness: dict[Step, int]


def summarise(session: Session) -> SessionSummary:
    """The listing's view of a session (counts every item of every section)."""
    return SessionSummary(
        id=session.id,
        group_id=session.group_id,
        part=session.part,
        date=session.date,
        title=session.title,
        facilitator=session.facilitator,
        status=session.status,
        follows=session.follows,
        revision=session.revision,
        updated_at=session.updated_at,
        item_count=sum(len(section.items(session)) for section in SECTIONS),
        completeness={step: c.percent for step, c in all_completeness(session).items()},
    )


@dataclass(frozen=True)
class GroupSummary:
    """A group file as the home screen and `workshop list` show it. A file that cannot be
    read gives `group=None` and `error` set to the one-line reason."""

    group: Group | None
    path: Path
    sessions: list[SessionSummary] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class GroupFile:
    """A group and its sessions, read from its file (read-only)."""

    group: Group
    sessions: list[Session]
    path: Path

    def session(self, session_id: str) -> Session | None:
        return next((s for s in self.sessions if s.id == session_id), None)


@dataclass(frozen=True)
class GroupVersion:
    """A previous version of a group file kept under `.history/`."""

    name: str
    path: Path
    saved_at: dt.datetime
    reason: str
