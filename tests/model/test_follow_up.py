from __future__ import annotations

from datetime import date

import pytest

from tests.model.factories import expectation, make_session
from workshop.errors import InvalidInput
from workshop.model import Decision, Participant, SessionStatus, Step, follow_up


def test_follow_up_keeps_item_ids_and_resets_the_room() -> None:
    earlier = make_session(facilitator="Ann", revision=7, status=SessionStatus.CLOSED)
    earlier.participants = [Participant(name="Bo")]
    earlier.research.expectations = [expectation(5, 2, text="Answer the phone")]
    earlier.research.expectations[0].votes = 4
    earlier.decisions = [Decision(text="Fund the callback service", votes=2)]
    earlier.notes = {Step.RESEARCH: "Lively"}
    earlier.agenda[Step.RESEARCH].spent_seconds = 1800

    later = follow_up(earlier, date(2026, 11, 12))

    assert later.id != earlier.id
    assert later.follows == earlier.id
    assert later.part == 2
    assert later.date == date(2026, 11, 12)
    assert later.revision == 0
    assert later.status is SessionStatus.PLANNED
    assert later.facilitator == "Ann"
    assert [e.id for e in later.research.expectations] == [
        e.id for e in earlier.research.expectations
    ]
    assert later.research.expectations[0].votes == 0
    assert later.decisions[0].votes == 0
    assert later.notes == {}
    assert later.agenda[Step.RESEARCH].spent_seconds == 0
    assert later.agenda[Step.RESEARCH].minutes == earlier.agenda[Step.RESEARCH].minutes
    assert later.participants[0].present is False
    assert later.participants[0].id == earlier.participants[0].id
    # the earlier session is untouched
    assert earlier.research.expectations[0].votes == 4
    assert earlier.participants[0].present is True


def test_a_follow_up_is_never_dated_before_the_session_it_follows() -> None:
    earlier = make_session()
    assert follow_up(earlier, earlier.date).date == earlier.date  # the same day is fine
    day = date.fromordinal(earlier.date.toordinal() - 1)
    with pytest.raises(InvalidInput, match="before the session it follows"):
        follow_up(earlier, day)
