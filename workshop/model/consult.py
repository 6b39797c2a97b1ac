"""Step 2, consult: the internal stakeholders, goals we share with them, what we depend on."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from workshop.model.base import Item, ItemId, Model, Text


class Stance(StrEnum):
    """Where a stakeholder stands on the strategy."""

    UNKNOWN = "unknown"
    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    OPPOSED = "opposed"


class Influence(StrEnum):
    """How much a stakeholder's decisions weigh on the service."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Stakeholder(Item):
    """An internal unit or person whose decisions touch customer service (text: who they are)."""

    unit: Text = Field(default="", description="Technology, marketing, legal, finance, …")
    contact: Text = Field(default="", description="Who to talk to there.")
    influence: Influence | None = Field(default=None, description="Low, medium or high.")
    stance: Stance = Field(default=Stance.UNKNOWN, description="Where they stand today.")


class SharedGoal(Item):
    """A goal that a stakeholder and customer service can both sign up to."""

    stakeholder_ids: list[ItemId] = Field(
        default_factory=list, description="Ids of the stakeholders who share it."
    )


class Dependency(Item):
    """A stakeholder's investment or operating decision that affects the service (text: the
    decision)."""

    stakeholder_id: ItemId | None = Field(default=None, description="Whose decision it is.")
    effect: Text = Field(default="", description="How it affects the service we can give.")
    ask: Text = Field(default="", description="What we ask of them.")


class Consult(Model):
    """Everything captured in step 2."""

    stakeholders: list[Stakeholder] = Field(default_factory=list)
    shared_goals: list[SharedGoal] = Field(default_factory=list)
    dependencies: list[Dependency] = Field(default_factory=list)
