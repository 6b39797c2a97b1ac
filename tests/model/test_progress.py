"""The progress model on hand-built pairs of sessions: every kind of change, and a chain."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.model.factories import make_session
from workshop.model import (
    Action,
    ActionStatus,
    Decision,
    Expectation,
    Indicator,
    Principle,
    Promise,
    Quadrant,
    Session,
    Stakeholder,
    Stance,
    follow_up,
)
from workshop.model.progress import (
    ActionKind,
    GapKind,
    Presence,
    chain,
    compare,
)

THEN = date(2026, 1, 1)
NOW = date(2026, 7, 1)


def earlier_session(**overrides: object) -> Session:
    return make_session(id="sess0001", date=THEN, **overrides)


def later_of(earlier: Session, on: date = NOW) -> Session:
    return follow_up(earlier, on)


def action(
    key: str, status: ActionStatus = ActionStatus.PLANNED, due: date | None = None
) -> Action:
    return Action(id=key, text=f"Action {key}", owner="Ann", due=due, status=status)


def indicator(key: str, **fields: object) -> Indicator:
    values: dict[str, object] = {"unit": "%", "baseline": 50.0, "target": 100.0}
    values.update(fields)
    return Indicator(id=key, text=f"Indicator {key}", **values)


def expectation(key: str, importance: int | None, performance: int | None) -> Expectation:
    return Expectation(id=key, text=f"Expect {key}", importance=importance, performance=performance)


# --- items added, changed, removed ------------------------------------------------------------


def test_items_added_changed_and_removed_are_found_by_id() -> None:
    earlier = earlier_session()
    earlier.decisions = [Decision(id="d1", text="Keep"), Decision(id="d2", text="Go")]
    earlier.research.expectations = [expectation("e1", 5, 2)]
    later = later_of(earlier)
    later.decisions = [later.decisions[0], Decision(id="d3", text="New one")]
    later.research.expectations[0].performance = 4
    later.research.expectations[0].evidence = "Survey"

    progress = compare(earlier, later)

    decisions = progress.sections["decisions"]
    assert [i.id for i in decisions.added] == ["d3"]
    assert [i.text for i in decisions.removed] == ["Go"]
    assert decisions.changed == ()
    changed = progress.sections["expectations"].changed
    assert [c.id for c in changed] == ["e1"]
    fields = {f.name: (f.then, f.now, f.then_text, f.now_text) for f in changed[0].fields}
    assert fields == {"evidence": ("", "Survey", "", "Survey"), "performance": (2, 4, "2", "4")}
    assert progress.added == 1 and progress.removed == 1 and progress.changed == 1


def test_a_plain_follow_up_changes_nothing_even_votes_reset() -> None:
    earlier = earlier_session()
    earlier.decisions = [Decision(id="d1", text="Keep", votes=5)]
    progress = compare(earlier, later_of(earlier))
    assert all(s.empty for s in progress.sections.values())
    assert progress.other_changes == ()
    assert next(iter(progress.sections)) == "expectations"


def test_mission_budget_principles_and_narrative_changes_are_listed() -> None:
    earlier = earlier_session()
    earlier.research.budget = 1000
    later = later_of(earlier)
    later.structure.mission = "Clear answers"
    later.research.budget = 1500
    later.structure.principles[Principle.LEARNING] = "We learn"
    later.document.aims = "Aims"
    changes = {c.name: (c.then_text, c.now_text) for c in compare(earlier, later).other_changes}
    assert changes == {
        "mission": ("", "Clear answers"),
        "budget": ("1,000", "1,500"),
        "principle:learning": ("", "We learn"),
        "aims": ("", "Aims"),
    }


# --- actions ----------------------------------------------------------------------------------


def test_every_kind_of_action_change() -> None:
    earlier = earlier_session()
    earlier.structure.actions = [
        action("done"),
        action("slipped", due=date(2026, 3, 1)),
        action("blocked", due=date(2026, 3, 1)),
        action("open", ActionStatus.IN_PROGRESS, due=date(2026, 12, 1)),
        action("undated"),
        action("dropped"),
        action("gone"),
    ]
    later = later_of(earlier)
    statuses = {"done": ActionStatus.DONE, "blocked": ActionStatus.BLOCKED}
    statuses["dropped"] = ActionStatus.DROPPED
    for a in later.structure.actions:
        a.status = statuses.get(a.id, a.status)
    later.structure.actions = [a for a in later.structure.actions if a.id != "gone"]
    later.structure.actions.append(action("new", due=date(2026, 1, 2)))

    actions = compare(earlier, later).actions

    kinds = {c.id: c.kind for c in actions.changes}
    assert kinds == {
        "done": ActionKind.DONE,
        "slipped": ActionKind.SLIPPED,
        "blocked": ActionKind.BLOCKED,
        "open": ActionKind.OPEN,
        "undated": ActionKind.OPEN,
        "dropped": ActionKind.DROPPED,
        "new": ActionKind.NEW,
        "gone": ActionKind.REMOVED,
    }
    by_id = {c.id: c for c in actions.changes}
    assert by_id["blocked"].overdue and by_id["slipped"].overdue and by_id["new"].overdue
    assert not by_id["done"].overdue and not by_id["open"].overdue
    assert by_id["new"].status_then is None and by_id["gone"].status_now is None
    assert by_id["done"].status_changed and not by_id["open"].status_changed
    assert [c.id for c in actions.newly_done] == ["done"]
    assert actions.status_then[ActionStatus.PLANNED] == 6
    assert actions.status_then[ActionStatus.DONE] == 0
    assert actions.status_now == {
        ActionStatus.PLANNED: 3,
        ActionStatus.IN_PROGRESS: 1,
        ActionStatus.DONE: 1,
        ActionStatus.BLOCKED: 1,
        ActionStatus.DROPPED: 1,
    }
    assert actions.by_kind[ActionKind.OPEN] == 2
    assert [c.id for c in actions.of_kind(ActionKind.SLIPPED)] == ["slipped"]


def test_slippage_is_judged_on_the_day_given() -> None:
    earlier = earlier_session()
    earlier.structure.actions = [action("a", due=date(2026, 8, 1))]
    later = later_of(earlier)
    assert compare(earlier, later).actions.changes[0].kind is ActionKind.OPEN
    late = compare(earlier, later, today=date(2026, 9, 1))
    assert late.actions.changes[0].kind is ActionKind.SLIPPED
    assert late.today == date(2026, 9, 1)


# --- indicators -------------------------------------------------------------------------------


def indicator_pair(**then_fields: object) -> tuple[Session, Session]:
    earlier = earlier_session()
    earlier.structure.indicators = [indicator("i", **then_fields)]
    return earlier, later_of(earlier)


def test_indicator_on_track_when_ahead_of_the_straight_line() -> None:
    # half the time to the due date has passed (Jan → Jul of Jan → Jan)
    earlier, later = indicator_pair(latest=50.0, due=date(2027, 1, 1))
    later.structure.indicators[0].latest = 80.0
    progress = compare(earlier, later).indicators[0]
    assert (progress.baseline, progress.then, progress.now, progress.target) == (50, 50, 80, 100)
    assert progress.progress_fraction == pytest.approx(0.6)
    assert progress.on_track is True and progress.status == "on track"
    assert progress.moved == 30
    assert progress.presence is Presence.KEPT


def test_a_measure_behind_stays_behind_at_the_next_part_when_nothing_moved() -> None:
    # captured in January at 38 complaints a month, aiming for 20 by next January; measured
    # at 41 in July (behind, and worse than the baseline). A follow-up held the same day with
    # nothing changed must not call it on track: the line is drawn from the baseline and the
    # day the measure was first captured, not again from where it had got to
    captured = datetime(2026, 1, 1, 9, tzinfo=UTC)
    first = earlier_session()
    first.structure.indicators = [
        indicator("c", baseline=38.0, target=20.0, latest=38.0, due=date(2027, 1, 1))
    ]
    first.structure.indicators[0].created_at = captured
    july = later_of(first)
    july.structure.indicators[0].latest = 41.0
    assert compare(first, july).indicators[0].on_track is False
    assert compare(first, july).indicators[0].status == "behind, and worse"  # 38 → 41
    same_day = later_of(july, on=july.date)
    assert same_day.structure.indicators[0].created_at == captured  # kept by the follow-up
    progress = compare(july, same_day).indicators[0]
    assert (progress.then, progress.now) == (41.0, 41.0)
    assert progress.on_track is False and progress.status == "behind"
    # halfway through the year it has to be at least halfway from 38 to 20
    same_day.structure.indicators[0].latest = 28.0
    assert compare(july, same_day).indicators[0].on_track is True


def test_the_line_starts_at_the_earlier_session_when_the_capture_date_is_later() -> None:
    # an item imported later than the session it sits in: the session's date is the start
    earlier, later = indicator_pair(latest=50.0, due=date(2027, 1, 1))
    earlier.structure.indicators[0].created_at = datetime(2026, 6, 30, tzinfo=UTC)
    later.structure.indicators[0].created_at = datetime(2026, 6, 30, tzinfo=UTC)
    later.structure.indicators[0].latest = 60.0  # a fifth of the way, half the time gone
    assert compare(earlier, later).indicators[0].on_track is False


def test_indicator_behind_when_short_of_the_straight_line() -> None:
    earlier, later = indicator_pair(latest=50.0, due=date(2027, 1, 1))
    later.structure.indicators[0].latest = 60.0
    progress = compare(earlier, later).indicators[0]
    assert progress.on_track is False and progress.status == "behind"


def test_a_target_below_the_baseline_counts_downwards() -> None:
    earlier, later = indicator_pair(baseline=40.0, target=20.0, latest=40.0, due=date(2027, 1, 1))
    later.structure.indicators[0].latest = 25.0
    progress = compare(earlier, later).indicators[0]
    assert progress.progress_fraction == pytest.approx(0.75)
    assert progress.on_track is True
    later.structure.indicators[0].latest = 45.0  # worse than the baseline
    worse = compare(earlier, later).indicators[0]
    assert worse.progress_fraction == 0.0 and worse.on_track is False


def test_reaching_the_target_is_on_track_and_the_bar_is_full() -> None:
    earlier, later = indicator_pair(latest=60.0, due=date(2026, 3, 1))  # due already passed
    later.structure.indicators[0].latest = 110.0
    progress = compare(earlier, later).indicators[0]
    assert progress.reached and progress.on_track is True
    assert progress.progress_fraction == 1.0 and progress.status == "target reached"


def test_past_due_and_short_of_target_is_behind() -> None:
    earlier, later = indicator_pair(latest=60.0, due=date(2026, 3, 1))
    later.structure.indicators[0].latest = 90.0
    assert compare(earlier, later).indicators[0].on_track is False


def test_no_earlier_value_draws_the_line_from_the_baseline() -> None:
    earlier, later = indicator_pair(due=date(2027, 1, 1))
    later.structure.indicators[0].latest = 80.0
    progress = compare(earlier, later).indicators[0]
    assert progress.then is None and progress.moved is None
    assert progress.on_track is True


def test_target_equal_to_baseline_has_no_fraction_but_can_be_held() -> None:
    earlier, later = indicator_pair(baseline=90.0, target=90.0, due=date(2027, 1, 1))
    later.structure.indicators[0].latest = 90.0
    held = compare(earlier, later).indicators[0]
    assert held.progress_fraction is None and held.reached and held.on_track is True
    later.structure.indicators[0].latest = 85.0
    missed = compare(earlier, later).indicators[0]
    assert missed.progress_fraction is None and not missed.reached
    assert missed.on_track is False


def test_an_indicator_with_no_due_date_cannot_be_judged_on_track() -> None:
    earlier, later = indicator_pair(latest=50.0)
    later.structure.indicators[0].latest = 70.0
    progress = compare(earlier, later).indicators[0]
    assert progress.on_track is None and progress.status == "no due date"
    assert progress.progress_fraction == pytest.approx(0.4)


def test_missing_numbers_give_none_not_an_error() -> None:
    earlier, later = indicator_pair(baseline=None, target=None)
    progress = compare(earlier, later).indicators[0]
    assert progress.progress_fraction is None and progress.on_track is None
    assert progress.status == "not measured"
    later.structure.indicators[0].latest = 3.0
    assert compare(earlier, later).indicators[0].status == "no target"


def test_new_and_removed_indicators_are_kept_apart() -> None:
    earlier, later = indicator_pair(latest=55.0)
    later.structure.indicators = [indicator("fresh", latest=80.0, due=date(2027, 1, 1))]
    indicators = compare(earlier, later).indicators
    assert [(i.id, i.presence) for i in indicators] == [
        ("fresh", Presence.NEW),
        ("i", Presence.REMOVED),
    ]
    assert indicators[0].then is None and indicators[0].on_track is True
    assert indicators[1].then == 55.0 and indicators[1].now is None
    assert indicators[1].status == "removed"


# --- gaps, promises, stances ------------------------------------------------------------------


def test_every_kind_of_gap_change() -> None:
    earlier = earlier_session()
    earlier.research.expectations = [
        expectation("closed", 5, 2),
        expectation("narrowed", 5, 1),
        expectation("widened", 4, 3),
        expectation("same", 3, 3),
        expectation("scored", None, None),
        expectation("unscored", 4, 2),
        expectation("never", None, 3),
        expectation("gone", 2, 1),
    ]
    later = later_of(earlier)
    scores = {
        "closed": (5, 5),
        "narrowed": (5, 3),
        "widened": (4, 1),
        "same": (3, 3),
        "scored": (4, 2),
        "unscored": (4, None),
        "never": (None, 3),
    }
    later.research.expectations = [
        e.model_copy(update=dict(zip(("importance", "performance"), scores[e.id], strict=True)))
        for e in later.research.expectations
        if e.id in scores
    ]
    later.research.expectations.append(expectation("fresh", 5, 1))
    later.research.expectations.append(expectation("raw", None, None))

    progress = compare(earlier, later)

    kinds = {g.id: g.kind for g in progress.gaps}
    assert kinds == {
        "closed": GapKind.CLOSED,
        "narrowed": GapKind.NARROWED,
        "widened": GapKind.WIDENED,
        "same": GapKind.UNCHANGED,
        "scored": GapKind.NEW,
        "unscored": GapKind.UNSCORED,
        "never": GapKind.NOT_SCORED,  # unscored then and now: not "no longer" scored
        "fresh": GapKind.NEW,
        "raw": GapKind.NOT_SCORED,  # new and unscored (was "no longer scored")
        "gone": GapKind.REMOVED,
    }
    closed = next(g for g in progress.gaps if g.id == "closed")
    assert (closed.gap_then, closed.gap_now) == (3, 0)
    assert (closed.quadrant_then, closed.quadrant_now) == (Quadrant.FIX_FIRST, Quadrant.KEEP_IT_UP)
    assert (closed.importance_then, closed.performance_then) == (5, 2)
    assert (closed.importance_now, closed.performance_now) == (5, 5)
    gone = progress.gaps_of_kind(GapKind.REMOVED)[0]
    assert gone.gap_now is None and gone.quadrant_now is None and gone.gap_then == 1
    assert progress.gap_counts[GapKind.NEW] == 2
    assert progress.gap_counts[GapKind.CLOSED] == 1


def test_a_gap_already_closed_and_still_closed_is_unchanged_not_closed() -> None:
    earlier = earlier_session()
    earlier.research.expectations = [expectation("e", 3, 4)]
    later = later_of(earlier)
    assert compare(earlier, later).gaps[0].kind is GapKind.UNCHANGED


def test_promises_whose_standard_changed_and_stances_that_moved() -> None:
    earlier = earlier_session()
    earlier.structure.promises = [
        Promise(id="p1", text="Reply fast", standard="2 days"),
        Promise(id="p2", text="Be polite", standard="Always"),
    ]
    earlier.consult.stakeholders = [
        Stakeholder(id="k1", text="IT", stance=Stance.OPPOSED),
        Stakeholder(id="k2", text="Legal"),
    ]
    later = later_of(earlier)
    later.structure.promises[0].standard = "1 day"
    later.structure.promises[1].text = "Be kind"  # text only: not a standard change
    later.structure.promises.append(Promise(id="p3", text="New", standard="x"))
    later.consult.stakeholders[0].stance = Stance.SUPPORTIVE

    progress = compare(earlier, later)

    assert [(p.id, p.standard_then, p.standard_now) for p in progress.promises_changed] == [
        ("p1", "2 days", "1 day")
    ]
    assert [(s.stakeholder, s.stance_then, s.stance_now) for s in progress.stances_changed] == [
        ("IT", Stance.OPPOSED, Stance.SUPPORTIVE)
    ]


# --- a chain ----------------------------------------------------------------------------------


def test_chain_compares_each_session_with_the_one_it_follows() -> None:
    first = earlier_session()
    first.structure.actions = [action("a", due=date(2026, 6, 1))]
    first.structure.indicators = [indicator("i", latest=50.0, due=date(2027, 1, 1))]
    second = later_of(first)
    second.structure.indicators[0].latest = 70.0
    third = later_of(second, on=date(2027, 1, 1))
    third.structure.actions[0].status = ActionStatus.DONE
    third.structure.indicators[0].latest = 100.0

    steps = chain([third, first, second])

    assert [(p.earlier_id, p.later_id) for p in steps] == [
        (first.id, second.id),
        (second.id, third.id),
    ]
    assert steps[0].actions.changes[0].kind is ActionKind.SLIPPED
    assert steps[1].actions.changes[0].kind is ActionKind.DONE
    assert (steps[1].indicators[0].then, steps[1].indicators[0].now) == (70.0, 100.0)
    assert steps[1].indicators[0].status == "target reached"
    assert chain([first]) == [] and chain([]) == []


def test_chain_uses_the_follows_link_when_sessions_branch() -> None:
    first = earlier_session()
    second = later_of(first)
    other = later_of(first, on=date(2026, 9, 1))  # also follows the first, not the second
    steps = chain([first, second, other])
    assert [(p.earlier_id, p.later_id) for p in steps] == [
        (first.id, second.id),
        (first.id, other.id),
    ]
