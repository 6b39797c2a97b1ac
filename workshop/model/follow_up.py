"""Starting the next session of a group from an earlier one."""

from __future__ import annotations

from datetime import date

from workshop.errors import InvalidInput
from workshop.model.base import now
from workshop.model.sections import all_items
from workshop.model.session import Session, SessionStatus, Timebox, new_session_id


def follow_up(earlier: Session, on: date, facilitator: str | None = None) -> Session:
    """The next session: all the work carried forward with the same item ids, recording which
    session it follows, with fresh attendance, timers, notes and votes. It cannot be dated
    before the session it follows (its review would compare the work backwards)."""
    if on < earlier.date:
        raise InvalidInput(
            f"a follow-up cannot be dated {on.isoformat()}, before the session it follows "
            f"({earlier.date.isoformat()})"
        )
    data = earlier.model_copy(deep=True)
    data.id = new_session_id()
    data.part = earlier.part + 1
    data.date = on
    data.title = ""
    data.follows = earlier.id
    data.status = SessionStatus.PLANNED
    data.revision = 0
    data.updated_at = now()
    if facilitator is not None:
        data.facilitator = facilitator
    data.notes = {}
    data.agenda = {step: Timebox(minutes=box.minutes) for step, box in earlier.agenda.items()}
    for participant in data.participants:
        participant.present = False
    for item in all_items(data):
        item.votes = 0
    return data
