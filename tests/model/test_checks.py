from __future__ import annotations

from datetime import date

from tests.model.factories import expectation, make_session
from workshop.model import (
    Action,
    ActionStatus,
    ComplaintStage,
    ComplaintStageKind,
    Indicator,
    Principle,
    Promise,
    ServiceStandard,
    Step,
    checks,
    indicator_gaps,
    promise_is_measurable,
)


def messages(session, section: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.message for w in checks(session) if w.section == section]


def test_complete_indicator_is_smart() -> None:
    indicator = Indicator(
        text="First-contact resolution", unit="%", baseline=61, target=75, due=date(2027, 3, 31)
    )
    assert indicator_gaps(indicator) == []


def test_indicator_without_number_unit_or_date_is_flagged() -> None:
    session = make_session()
    session.structure.indicators = [Indicator(text="Happier customers")]
    [message] = messages(session, "indicators")
    assert "not SMART" in message
    for needed in ("a target number", "a unit", "a due date"):
        assert needed in message


def test_promise_needs_a_measurable_standard() -> None:
    session = make_session()
    session.structure.promises = [
        Promise(text="We answer quickly"),
        Promise(text="We reply to email", standard="promptly"),
        Promise(text="We pick up", standard="80% of calls within 60 seconds"),
    ]
    found = messages(session, "promises")
    assert len(found) == 2
    assert "no measurable standard" in found[0]
    assert "no number" in found[1]
    assert promise_is_measurable("within 2 working days")
    assert not promise_is_measurable("as soon as we can")


def test_over_budget_is_flagged_with_the_amount() -> None:
    session = make_session()
    session.research.budget = 1000
    session.research.standards = [ServiceStandard(text="a", annual_cost=1500, chosen=True)]
    [message] = messages(session, "standards")
    assert "£500 over the budget" in message


def test_unscored_expectation_is_flagged() -> None:
    session = make_session()
    session.research.expectations = [expectation(None, 3, text="Call back when promised")]
    [warning] = [w for w in checks(session) if w.section == "expectations"]
    assert warning.step is Step.RESEARCH
    assert warning.item_id == session.research.expectations[0].id


def test_complaints_policy_missing_stages_and_principles() -> None:
    session = make_session()
    session.structure.complaint_stages = [
        ComplaintStage(stage=ComplaintStageKind.ACKNOWLEDGE, text="Log it", timeframe="1 day"),
        ComplaintStage(stage=ComplaintStageKind.RESOLVE, text="Fix it"),
    ]
    session.structure.principles = {Principle.ACCESSIBLE: "Online form and phone"}
    stage_messages = messages(session, "complaint_stages")
    assert "The complaints policy has no 'escalate' or 'independent review' stages" in (
        stage_messages
    )
    assert any("'resolve' stage has no timeframe" in m for m in stage_messages)
    [principles] = messages(session, "principles")
    assert "accessible" not in principles
    assert "learning" in principles


def test_no_complaints_work_yet_means_no_complaints_warning() -> None:
    assert messages(make_session(), "complaint_stages") == []


def test_open_action_without_owner_is_flagged_but_done_one_is_not() -> None:
    session = make_session()
    session.structure.actions = [
        Action(text="Publish the charter"),
        Action(text="Old thing", status=ActionStatus.DONE),
    ]
    [message] = [m for m in messages(session, "actions") if "owner" in m]
    assert "Publish the charter" in message
    assert message.endswith("has no owner or due date")  # not "has no an owner"


def test_unlinked_goals_strategies_and_actions_are_flagged() -> None:
    """Quick captures leave the plan unlinked, and the strategy document then reads "No
    measures are set for this goal yet" and "Other actions": the guidance says so first."""
    from workshop.model.structure import Goal, Strategy

    session = make_session()
    goal = Goal(text="Answer first time")
    strategy = Strategy(text="Train the team", goal_id=goal.id)
    session.structure.goals = [goal, Goal(text="Learn from complaints")]
    session.structure.strategies = [strategy, Strategy(text="Loose one")]
    session.structure.indicators = [Indicator(text="First-time fix rate", goal_id=goal.id)]
    session.structure.actions = [
        Action(text="Course for advisers", strategy_id=strategy.id, owner="Ann"),
        Action(text="Stray task", owner="Bo"),
        Action(text="Given up", status=ActionStatus.DROPPED),
    ]
    assert messages(session, "mission") == ["The mission is not written yet"]
    assert messages(session, "goals") == [
        "Goal 'Learn from complaints' has no indicator to say when it is met"
    ]
    assert messages(session, "strategies") == ["Strategy 'Loose one' serves no goal yet"]
    linked = [m for m in messages(session, "actions") if "strategy" in m]
    assert linked == ["Action 'Stray task' carries out no strategy yet"]
    session.structure.mission = "Right first time"
    assert messages(session, "mission") == []
