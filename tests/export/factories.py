"""Small factories for export tests: a session with every section filled, and ways to fill every
text field of it with the same (possibly hostile) text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from workshop.model import (
    Action,
    ActionStatus,
    ComplaintStage,
    ComplaintStageKind,
    Decision,
    Dependency,
    Expectation,
    FeedbackLoop,
    Goal,
    Group,
    Indicator,
    ParkedItem,
    Participant,
    Principle,
    Promise,
    ServiceStandard,
    Session,
    SharedGoal,
    Stakeholder,
    Step,
    Strategy,
    follow_up,
)
from workshop.model.consult import Influence, Stance

#: Fields holding ids or references, never free text.
NOT_TEXT = {"id", "group_id", "raised_by", "follows", "goal_id", "strategy_id", "stakeholder_id"}


def make_group(name: str = "Riverside Council Customer Service") -> Group:
    return Group(id="grp1", name=name, organisation="Riverside Council")


def full_session(group: Group | None = None, on: date = date(2026, 5, 12)) -> Session:
    """A first session with one or two items in every section and every field set."""
    group = group or make_group()
    ann = Participant(id="p1", name="Ann Lee", role="Contact centre lead")
    bob = Participant(id="p2", name="Bob Okafor", role="Finance", present=False)
    session = Session(
        id="sess1",
        group_id=group.id,
        date=on,
        title="Part 1: building the strategy",
        facilitator="Sam Reid",
        participants=[ann, bob],
    )
    session.agenda[Step.RESEARCH].spent_seconds = 50 * 60
    session.notes = {Step.RESEARCH: "Good energy.\n\nCome back to the web survey."}
    research = session.research
    research.expectations = [
        Expectation(
            id="e1",
            text="Answer the phone quickly",
            evidence="Survey 2025",
            segment="Phone",
            importance=5,
            performance=2,
            votes=4,
            raised_by="p1",
        ),
        Expectation(id="e2", text="Clear letters", importance=3, performance=4),
    ]
    research.standards = [
        ServiceStandard(
            id="s1", text="Answer 80% of calls in 60 s", annual_cost=120_000, chosen=True
        ),
        ServiceStandard(id="s2", text="Open on Saturdays", annual_cost=90_000),
    ]
    research.budget = 150_000
    consult = session.consult
    consult.stakeholders = [
        Stakeholder(
            id="k1",
            text="IT services",
            unit="Technology",
            contact="Priya",
            influence=Influence.HIGH,
            stance=Stance.SUPPORTIVE,
        )
    ]
    consult.shared_goals = [SharedGoal(id="sg1", text="Fewer repeat calls", stakeholder_ids=["k1"])]
    consult.dependencies = [
        Dependency(
            id="d1",
            text="New phone system",
            stakeholder_id="k1",
            effect="Call-backs",
            ask="Go live by March",
        )
    ]
    structure = session.structure
    structure.mission = "Every resident gets a clear answer, first time."
    structure.goals = [Goal(id="g1", text="Resolve more enquiries at first contact")]
    structure.indicators = [
        Indicator(
            id="i1",
            text="First-contact resolution",
            goal_id="g1",
            unit="%",
            baseline=62,
            target=80,
            due=date(2027, 3, 31),
            latest=62,
        )
    ]
    structure.strategies = [Strategy(id="st1", text="Equip advisers to answer more", goal_id="g1")]
    structure.actions = [
        Action(
            id="a1",
            text="Build a knowledge base",
            strategy_id="st1",
            owner="Ann Lee",
            due=date(2026, 9, 30),
        ),
        Action(
            id="a2", text="Train advisers", strategy_id="st1", owner="Bob", due=date(2026, 7, 1)
        ),
    ]
    structure.feedback_loops = [
        FeedbackLoop(id="f1", text="Call statistics", reviewer="Ann", frequency="Monthly")
    ]
    structure.promises = [
        Promise(
            id="pr1",
            text="We answer emails quickly",
            standard="Within 2 working days",
            channels="Email",
            hours="Mon–Fri",
        )
    ]
    structure.complaint_stages = [
        ComplaintStage(
            id="c1",
            stage=ComplaintStageKind.ACKNOWLEDGE,
            text="We confirm receipt",
            timeframe="2 days",
        ),
        ComplaintStage(
            id="c2", stage=ComplaintStageKind.RESOLVE, text="We put it right", timeframe="10 days"
        ),
    ]
    structure.principles = {p: f"We are {p.value}." for p in Principle}
    document = session.document
    document.title = "Riverside customer service strategy"
    for name in (
        "aims",
        "rationale",
        "delivery",
        "assessment",
        "benefits_organisation",
        "benefits_customers",
    ):
        setattr(document, name, f"The {name.replace('_', ' ')} of the strategy.")
    session.decisions = [
        Decision(id="dc1", text="Fund the phone standard", step=Step.RESEARCH, raised_by="p1")
    ]
    session.parking_lot = [ParkedItem(id="pk1", text="Web chat?", step=Step.CONSULT)]
    return session


def later_session(earlier: Session, on: date = date(2026, 11, 12)) -> Session:
    """A follow-up six months on, with progress, slippage and changes of every kind."""
    later = follow_up(earlier, on)
    structure = later.structure
    structure.actions[0].status = ActionStatus.DONE
    structure.actions[1].status = ActionStatus.BLOCKED
    structure.actions.append(
        Action(id="a3", text="Publish the charter", owner="Sam", due=date(2027, 1, 1))
    )
    structure.indicators[0].latest = 71
    structure.promises[0].standard = "Within 1 working day"
    later.consult.stakeholders[0].stance = Stance.NEUTRAL
    later.research.expectations[0].performance = 4
    later.research.expectations.append(
        Expectation(id="e3", text="Online forms that work", importance=4, performance=1)
    )
    later.parking_lot = []
    return later


def fill_text(session: Session, pick: Callable[[], str]) -> Session:
    """A copy of `session` with every free-text field (items, narrative, notes, names…) set to
    what `pick()` returns; required fields get a non-blank fallback when pick gives blank."""
    copy = session.model_copy(deep=True)
    _fill(copy, pick)
    copy.notes = {step: pick() for step in Step}
    copy.structure.principles = {p: pick() for p in Principle}
    return copy


def fill_group(group: Group, pick: Callable[[], str]) -> Group:
    copy = group.model_copy(deep=True)
    _fill(copy, pick)
    return copy


def _fill(model: BaseModel, pick: Callable[[], str]) -> None:
    for name in type(model).model_fields:
        value: Any = getattr(model, name)
        if name in NOT_TEXT:
            continue
        if type(value) is str:
            text = pick()
            try:
                setattr(model, name, text)
            except ValidationError:  # a required field: blank is refused by the model
                setattr(model, name, text or " ")
        elif isinstance(value, BaseModel):
            _fill(value, pick)
        elif isinstance(value, list):
            for element in value:
                if isinstance(element, BaseModel):
                    _fill(element, pick)
