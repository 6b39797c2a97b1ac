"""Step 1, research: what customers expect, where we fall short, what service we can afford."""

from __future__ import annotations

from pydantic import Field

from workshop.model.base import Item, Model, Score, Text


class Expectation(Item):
    """Something customers expect of the service, with how much it matters and how we do."""

    evidence: Text = Field(default="", description="Where this comes from: survey, complaints, …")
    segment: Text = Field(default="", description="Customer segment or channel it concerns.")
    importance: Score | None = Field(
        default=None, description="How much it matters to customers, 1 (little) to 5 (a lot)."
    )
    performance: Score | None = Field(
        default=None, description="How well we meet it today, 1 (poorly) to 5 (fully)."
    )


class ServiceStandard(Item):
    """A level of service under consideration, with what it costs a year."""

    annual_cost: float = Field(default=0, ge=0, le=1e12, description="Cost per year.")
    chosen: bool = Field(default=False, description="Whether the group chose to fund it.")


class Research(Model):
    """Everything captured in step 1."""

    expectations: list[Expectation] = Field(default_factory=list)
    standards: list[ServiceStandard] = Field(default_factory=list)
    budget: float | None = Field(
        default=None, ge=0, le=1e12, description="What can be spent a year on service standards."
    )
    currency: Text = Field(default="£", description="Symbol shown before amounts.")
