"""Step 3, structure: policy (mission, goals, indicators, strategies), plan (actions, feedback
loops), the customer charter and the complaints handling policy.

The goal → strategy → action tree is kept as flat lists joined by parent ids, so that every
section is a plain list of items (easy to edit, compare across sessions and import)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from workshop.model.base import Item, ItemId, Model, Text


class Goal(Item):
    """An aim the strategy works towards (smaller than the mission)."""


class Indicator(Item):
    """A measurable sign that a goal is being met (text: its name)."""

    goal_id: ItemId | None = Field(default=None, description="The goal it measures.")
    unit: Text = Field(default="", description="What the numbers count: %, days, calls, …")
    baseline: float | None = Field(default=None, description="Where we start.")
    target: float | None = Field(default=None, description="Where we aim to be.")
    due: date | None = Field(default=None, description="When the target should be reached.")
    latest: float | None = Field(default=None, description="The latest measured value.")


class Strategy(Item):
    """How a goal will be reached: a plan of attack."""

    goal_id: ItemId | None = Field(default=None, description="The goal it serves.")


class ActionStatus(StrEnum):
    """Where an action stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in progress"
    DONE = "done"
    BLOCKED = "blocked"
    DROPPED = "dropped"


class Action(Item):
    """Something to be done to carry out a strategy."""

    strategy_id: ItemId | None = Field(default=None, description="The strategy it carries out.")
    owner: Text = Field(default="", description="Who is responsible.")
    due: date | None = Field(default=None, description="When it should be done.")
    status: ActionStatus = Field(default=ActionStatus.PLANNED)


class FeedbackLoop(Item):
    """A regular review that tells the group whether the plan works (text: what is reviewed)."""

    reviewer: Text = Field(default="", description="Who reviews it.")
    frequency: Text = Field(default="", description="How often: weekly, monthly, …")


class Promise(Item):
    """A promise to customers in the charter."""

    standard: Text = Field(default="", description="The measurable standard that proves it.")
    channels: Text = Field(default="", description="Where it applies: phone, web, counter, …")
    hours: Text = Field(default="", description="When it applies.")


class ComplaintStageKind(StrEnum):
    """The stages a complaints policy must cover."""

    ACKNOWLEDGE = "acknowledge"
    RESOLVE = "resolve"
    ESCALATE = "escalate"
    INDEPENDENT_REVIEW = "independent review"


class ComplaintStage(Item):
    """One stage of complaints handling (text: what happens)."""

    stage: ComplaintStageKind = Field(description="Which stage this is.")
    timeframe: Text = Field(default="", description="How fast: '2 working days', …")


class Principle(StrEnum):
    """The principles of fair complaints handling."""

    ACCESSIBLE = "accessible"
    RESPONSIVE = "responsive"
    OBJECTIVE = "objective"
    CONFIDENTIAL = "confidential"
    ACCOUNTABLE = "accountable"
    LEARNING = "learning"


PRINCIPLE_HINTS: dict[Principle, str] = {
    Principle.ACCESSIBLE: "Easy to find and to use, for every customer",
    Principle.RESPONSIVE: "Acknowledged and answered quickly, with updates",
    Principle.OBJECTIVE: "Looked at fairly, by someone not involved",
    Principle.CONFIDENTIAL: "Personal details protected",
    Principle.ACCOUNTABLE: "Someone owns each complaint and reports on them",
    Principle.LEARNING: "Complaints feed back into better service",
}


class Structure(Model):
    """Everything captured in step 3."""

    mission: Text = Field(default="", description="The customer-service mission statement.")
    goals: list[Goal] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    strategies: list[Strategy] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    feedback_loops: list[FeedbackLoop] = Field(default_factory=list)
    promises: list[Promise] = Field(default_factory=list)
    complaint_stages: list[ComplaintStage] = Field(default_factory=list)
    principles: dict[Principle, Text] = Field(
        default_factory=dict,
        description="How the policy meets each fair-handling principle (empty: not yet).",
    )
