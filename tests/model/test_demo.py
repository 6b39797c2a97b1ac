"""The demo: a realistic group whose two sessions fill every step and show real progress."""

from __future__ import annotations

from datetime import date, timedelta

from workshop.model.base import Step
from workshop.model.checks import checks
from workshop.model.consult import Stance
from workshop.model.demo import DEMO_GROUP_ID, build_demo
from workshop.model.derive import all_completeness, gap
from workshop.model.document import NARRATIVE_SECTIONS
from workshop.model.sections import SECTIONS
from workshop.model.structure import ActionStatus, ComplaintStageKind, Principle

TODAY = date(2026, 11, 23)


def test_demo_is_deterministic_and_dated_from_today() -> None:
    assert build_demo(TODAY) == build_demo(TODAY)
    group, (first, second) = build_demo(TODAY)
    assert group.id == DEMO_GROUP_ID
    assert second.date == TODAY
    assert timedelta(days=170) < second.date - first.date < timedelta(days=200)
    later = build_demo(TODAY + timedelta(days=30))[1][1]
    assert later.date == TODAY + timedelta(days=30)


def test_every_section_and_step_is_filled_in_both_sessions() -> None:
    group, sessions = build_demo(TODAY)
    assert group.name and group.organisation
    for session in sessions:
        for section in SECTIONS:
            assert section.items(session), f"{section.key} empty in part {session.part}"
        assert session.structure.mission
        assert session.research.budget
        assert any(s.chosen for s in session.research.standards)
        assert all(getattr(session.document, name) for name in NARRATIVE_SECTIONS)
        assert set(session.notes) == set(Step)
        assert all(box.spent_seconds > 0 for box in session.agenda.values())
        assert len(session.participants) >= 6
        assert any(p.present for p in session.participants)
        assert session.structure.principles
        assert any(item.votes for section in SECTIONS for item in section.items(session))
        assert any(item.raised_by for section in SECTIONS for item in section.items(session))
        assert session.title and session.facilitator
    first = sessions[0]
    assert 8 <= len(first.research.expectations) <= 10
    assert len(first.structure.actions) >= 12
    assert all(a.owner and a.due for a in first.structure.actions)


def test_follow_up_keeps_the_ids_and_records_what_it_follows() -> None:
    _, (first, second) = build_demo(TODAY)
    assert second.follows == first.id
    assert second.part == first.part + 1
    for section in SECTIONS:
        before = {item.id for item in section.items(first)}
        after = {item.id for item in section.items(second)}
        assert len(before & after) >= len(before) - 1, section.key
    assert {p.id for p in first.participants} <= {p.id for p in second.participants}


def test_second_session_shows_done_slipped_and_blocked_actions() -> None:
    _, (first, second) = build_demo(TODAY)
    statuses = {a.status for a in second.structure.actions}
    assert {ActionStatus.DONE, ActionStatus.BLOCKED, ActionStatus.DROPPED} <= statuses
    slipped = [
        a
        for a in second.structure.actions
        if a.due and a.due < second.date and a.status not in (ActionStatus.DONE, "dropped")
    ]
    assert len(slipped) >= 2
    done_now = {a.id for a in second.structure.actions if a.status is ActionStatus.DONE}
    done_then = {a.id for a in first.structure.actions if a.status is ActionStatus.DONE}
    assert len(done_now - done_then) >= 4


def test_second_session_moves_indicators_gaps_promises_and_stances() -> None:
    _, (first, second) = build_demo(TODAY)
    then = {i.id: i for i in first.structure.indicators}
    moved = [i for i in second.structure.indicators if i.latest != then[i.id].latest]
    assert len(moved) >= 4
    on_track = [i for i in moved if i.latest is not None and i.target is not None]
    towards = [i for i in on_track if abs(i.target - i.latest) < abs(i.target - then[i.id].latest)]  # type: ignore[operator]
    assert 0 < len(towards) < len(on_track)  # some on track, some not

    gaps_then = {e.id: gap(e) for e in first.research.expectations}
    gaps_now = {e.id: gap(e) for e in second.research.expectations}
    common = gaps_then.keys() & gaps_now.keys()
    assert any(gaps_now[i] < gaps_then[i] for i in common)  # type: ignore[operator]
    assert any(gaps_now[i] > gaps_then[i] for i in common)  # type: ignore[operator]
    assert any(gaps_now[i] == 0 < gaps_then[i] for i in common)  # type: ignore[operator]
    assert gaps_then.keys() - gaps_now.keys()  # one removed
    assert gaps_now.keys() - gaps_then.keys()  # one added

    standards_then = {p.id: p.standard for p in first.structure.promises}
    assert any(p.standard != standards_then[p.id] for p in second.structure.promises)
    stances_then = {s.id: s.stance for s in first.consult.stakeholders}
    changed = [
        s
        for s in second.consult.stakeholders
        if s.id in stances_then and s.stance != stances_then[s.id]
    ]
    assert any(s.stance is Stance.SUPPORTIVE for s in changed)
    assert len(second.consult.stakeholders) > len(first.consult.stakeholders)


def test_demo_exercises_the_checks() -> None:
    _, (first, second) = build_demo(TODAY)
    first_warnings = " | ".join(w.message for w in checks(first))
    assert "not SMART" in first_warnings
    assert "no number to measure" in first_warnings
    assert "independent review" in first_warnings  # part 1 lacks that stage
    assert {s.stage for s in second.structure.complaint_stages} == set(ComplaintStageKind)
    assert set(second.structure.principles) == set(Principle)
    assert all(c.percent == 100 for c in all_completeness(second).values())
