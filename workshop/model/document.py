"""Step 4, the strategy document: the narrative sections written around steps 1–3."""

from __future__ import annotations

from pydantic import Field

from workshop.model.base import Model, Text


class Document(Model):
    """The narrative of the strategy document; the rest is assembled from steps 1–3."""

    title: Text = Field(default="", description="The document's title (default: from the group).")
    aims: Text = Field(default="", description="What the strategy aims for.")
    rationale: Text = Field(
        default="", description="Why this is the right course for the organisation."
    )
    delivery: Text = Field(default="", description="How it will be delivered.")
    assessment: Text = Field(default="", description="How success will be assessed.")
    benefits_organisation: Text = Field(default="", description="What the organisation gains.")
    benefits_customers: Text = Field(default="", description="What customers gain.")


#: The narrative sections in the order the document shows them, with their headings.
NARRATIVE_SECTIONS: dict[str, str] = {
    "aims": "What we are aiming for",
    "rationale": "Why this is the right course",
    "delivery": "How we will deliver it",
    "assessment": "How we will know it is working",
    "benefits_organisation": "What the organisation gains",
    "benefits_customers": "What our customers gain",
}
