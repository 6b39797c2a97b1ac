"""A group, and a session: one workshop meeting of the group, holding the four steps' work."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from workshop.model.base import (
    Item,
    ItemId,
    Model,
    RequiredText,
    Step,
    Text,
    new_id,
    now,
)
from workshop.model.consult import Consult
from workshop.model.document import Document
from workshop.model.research import Research
from workshop.model.structure import Structure


class Group(Model):
    """One team building one strategy."""

    id: ItemId = Field(default_factory=new_id, description="Stable id of the group.")
    name: RequiredText = Field(description="The team, e.g. 'Riverside Council Customer Service'.")
    organisation: Text = Field(default="", description="The organisation the team belongs to.")
    created_at: dt.datetime = Field(default_factory=now)


class Participant(Model):
    """Someone in the room."""

    id: ItemId = Field(default_factory=new_id)
    name: RequiredText = Field(description="Their name.")
    role: Text = Field(default="", description="Their role or unit.")
    present: bool = Field(default=True, description="Attending this session.")


class Timebox(Model):
    """The time given to a step on the agenda, and the time spent on it so far."""

    minutes: int = Field(default=30, ge=0, le=24 * 60, description="Minutes planned.")
    spent_seconds: float = Field(default=0, ge=0, description="Seconds the timer has run.")


def default_agenda() -> dict[Step, Timebox]:
    return {
        Step.RESEARCH: Timebox(minutes=45),
        Step.CONSULT: Timebox(minutes=30),
        Step.STRUCTURE: Timebox(minutes=60),
        Step.DOCUMENT: Timebox(minutes=30),
    }


class Decision(Item):
    """Something the group decided."""

    step: Step | None = Field(default=None, description="The step it was taken in.")


class ParkedItem(Item):
    """A point set aside to come back to later."""

    step: Step | None = Field(default=None, description="The step it came up in.")


class SessionStatus(StrEnum):
    """Where a session stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in progress"
    CLOSED = "closed"


def new_session_id() -> str:
    """Session ids are longer than item ids: they are unique across every group."""
    return new_id() + new_id()[:4]


class Session(Model):
    """One workshop meeting of a group."""

    id: ItemId = Field(default_factory=new_session_id, description="Stable id of the session.")
    group_id: ItemId = Field(description="The group it belongs to.")
    part: int = Field(default=1, ge=1, le=1000, description="1 for the first workshop, 2 next…")
    date: dt.date = Field(description="The day of the workshop.")
    title: Text = Field(default="", description="A short title, e.g. 'Part 1: building it'.")
    facilitator: Text = Field(default="", description="Who runs the session.")
    follows: ItemId | None = Field(default=None, description="Id of the session it follows.")
    status: SessionStatus = Field(default=SessionStatus.PLANNED)
    revision: int = Field(default=0, ge=0, description="Bumped by every save; stale saves fail.")
    updated_at: dt.datetime = Field(default_factory=now)

    participants: list[Participant] = Field(default_factory=list)
    agenda: dict[Step, Timebox] = Field(default_factory=default_agenda)
    notes: dict[Step, Text] = Field(default_factory=dict, description="Facilitator notes.")
    decisions: list[Decision] = Field(default_factory=list)
    parking_lot: list[ParkedItem] = Field(default_factory=list)

    research: Research = Field(default_factory=Research)
    consult: Consult = Field(default_factory=Consult)
    structure: Structure = Field(default_factory=Structure)
    document: Document = Field(default_factory=Document)

    def participant_name(self, participant_id: str | None) -> str:
        """The name of a participant by id, or '' when unknown or unattributed."""
        for participant in self.participants:
            if participant.id == participant_id:
                return participant.name
        return ""

    @property
    def label(self) -> str:
        """How the session is named to a person: 'Part 2 · 2026-05-12'."""
        return f"Part {self.part} · {self.date.isoformat()}"
