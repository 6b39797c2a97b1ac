"""The model: what a group, a session and their items are, and what follows from them.

Knows nothing of files, TinyDB, Textual or the terminal."""

from __future__ import annotations

from workshop.model.base import MAX_TEXT, Item, Model, Step, new_id, now
from workshop.model.checks import Warning, checks, indicator_gaps, promise_is_measurable
from workshop.model.consult import Consult, Dependency, Influence, SharedGoal, Stakeholder, Stance
from workshop.model.derive import (
    BudgetSummary,
    Completeness,
    Quadrant,
    all_completeness,
    budget_summary,
    completeness,
    gap,
    quadrant,
)
from workshop.model.document import NARRATIVE_SECTIONS, Document
from workshop.model.fields import explain, format_number, format_value, parse_value
from workshop.model.follow_up import follow_up
from workshop.model.research import Expectation, Research, ServiceStandard
from workshop.model.sections import (
    SECTIONS,
    STEP_PROMPTS,
    FieldKind,
    FieldSpec,
    Section,
    section,
    sections_for,
)
from workshop.model.session import (
    Decision,
    Group,
    ParkedItem,
    Participant,
    Session,
    SessionStatus,
    Timebox,
)
from workshop.model.structure import (
    Action,
    ActionStatus,
    ComplaintStage,
    ComplaintStageKind,
    FeedbackLoop,
    Goal,
    Indicator,
    Principle,
    Promise,
    Strategy,
    Structure,
)

__all__ = [
    "MAX_TEXT",
    "NARRATIVE_SECTIONS",
    "SECTIONS",
    "STEP_PROMPTS",
    "Action",
    "ActionStatus",
    "BudgetSummary",
    "ComplaintStage",
    "ComplaintStageKind",
    "Completeness",
    "Consult",
    "Decision",
    "Dependency",
    "Document",
    "Expectation",
    "FeedbackLoop",
    "FieldKind",
    "FieldSpec",
    "Goal",
    "Group",
    "Indicator",
    "Influence",
    "Item",
    "Model",
    "ParkedItem",
    "Participant",
    "Principle",
    "Promise",
    "Quadrant",
    "Research",
    "Section",
    "ServiceStandard",
    "Session",
    "SessionStatus",
    "SharedGoal",
    "Stakeholder",
    "Stance",
    "Step",
    "Strategy",
    "Structure",
    "Timebox",
    "Warning",
    "all_completeness",
    "budget_summary",
    "checks",
    "completeness",
    "explain",
    "follow_up",
    "format_number",
    "format_value",
    "gap",
    "indicator_gaps",
    "new_id",
    "now",
    "parse_value",
    "promise_is_measurable",
    "quadrant",
    "section",
    "sections_for",
]
