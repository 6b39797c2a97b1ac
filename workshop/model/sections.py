"""The steps' content as data: each section, its prompt to the room, its hint and its fields.

Screens, the command line and the exports render these; adding a section means adding an
entry here, not writing a new screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from workshop.model.base import Item, Step
from workshop.model.consult import Dependency, Influence, SharedGoal, Stakeholder, Stance
from workshop.model.research import Expectation, ServiceStandard
from workshop.model.session import Decision, ParkedItem
from workshop.model.structure import (
    Action,
    ActionStatus,
    ComplaintStage,
    ComplaintStageKind,
    FeedbackLoop,
    Goal,
    Indicator,
    Promise,
    Strategy,
)

if TYPE_CHECKING:
    from workshop.model.session import Session


class FieldKind(StrEnum):
    """How a field is typed in and shown."""

    TEXT = "text"  # one line
    LONG = "long"  # several lines
    SCORE = "score"  # whole number 1–5
    NUMBER = "number"  # any number, may be blank
    MONEY = "money"  # a non-negative amount
    DATE = "date"  # YYYY-MM-DD
    FLAG = "flag"  # yes / no
    CHOICE = "choice"  # one of a fixed list
    REF = "ref"  # the id of an item in another section
    REFS = "refs"  # ids of items in another section
    PARTICIPANT = "participant"  # the id of a participant


@dataclass(frozen=True)
class FieldSpec:
    """One field of an item as a person fills it in."""

    name: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    hint: str = ""
    choices: tuple[str, ...] = ()
    ref: str | None = None  # section key the ids point into (REF, REFS)
    required: bool = False


@dataclass(frozen=True)
class Section:
    """A list of items the group builds in one step (or around the steps, when step is None)."""

    key: str
    step: Step | None
    title: str
    prompt: str
    hint: str
    item_type: type[Item]
    path: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    columns: tuple[str, ...] = field(default=("text",))

    def items(self, session: Session) -> list[Any]:
        """The live list of this section's items in a session (mutating it edits the session)."""
        target: Any = session
        for name in self.path:
            target = getattr(target, name)
        return target  # type: ignore[no-any-return]

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


def _choices(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


_BY = FieldSpec("raised_by", "Raised by", FieldKind.PARTICIPANT, "Who said it (optional)")

SECTIONS: tuple[Section, ...] = (
    Section(
        key="expectations",
        step=Step.RESEARCH,
        title="Customer expectations",
        prompt="What do our customers expect from us?",
        hint="Score how much each matters and how well we do today; the gap shows where we fall "
        "short. Say where the evidence comes from.",
        item_type=Expectation,
        path=("research", "expectations"),
        fields=(
            FieldSpec(
                "text", "Expectation", FieldKind.LONG, "In the customer's words", required=True
            ),
            FieldSpec("evidence", "Evidence", FieldKind.TEXT, "Survey, complaints, call logs, …"),
            FieldSpec("segment", "Segment or channel", FieldKind.TEXT, "Who, or which channel"),
            FieldSpec("importance", "Importance", FieldKind.SCORE, "1 = matters little, 5 = a lot"),
            FieldSpec("performance", "Performance", FieldKind.SCORE, "1 = we do poorly, 5 = fully"),
            _BY,
        ),
        columns=("text", "importance", "performance", "gap", "quadrant"),
    ),
    Section(
        key="standards",
        step=Step.RESEARCH,
        title="Service standards and their cost",
        prompt="Which service levels could we offer, and what would each cost a year?",
        hint="Mark the ones you choose; their total is checked against the budget.",
        item_type=ServiceStandard,
        path=("research", "standards"),
        fields=(
            FieldSpec(
                "text",
                "Standard",
                FieldKind.LONG,
                "e.g. answer 80% of calls in 60 s",
                required=True,
            ),
            FieldSpec("annual_cost", "Annual cost", FieldKind.MONEY, "Cost per year"),
            FieldSpec("chosen", "Chosen", FieldKind.FLAG, "Funded in this strategy"),
            _BY,
        ),
        columns=("text", "annual_cost", "chosen"),
    ),
    Section(
        key="stakeholders",
        step=Step.CONSULT,
        title="Internal stakeholders",
        prompt="Whose decisions inside the organisation shape the service we can give?",
        hint="Technology, marketing, legal, product, finance, operations… Note their influence "
        "and where they stand.",
        item_type=Stakeholder,
        path=("consult", "stakeholders"),
        fields=(
            FieldSpec("text", "Stakeholder", FieldKind.TEXT, "A unit or a person", required=True),
            FieldSpec("unit", "Unit", FieldKind.TEXT, "Technology, finance, legal, …"),
            FieldSpec("contact", "Contact", FieldKind.TEXT, "Who to talk to"),
            FieldSpec("influence", "Influence", FieldKind.CHOICE, "", _choices(Influence)),
            FieldSpec("stance", "Stance", FieldKind.CHOICE, "", _choices(Stance)),
            _BY,
        ),
        columns=("text", "unit", "influence", "stance"),
    ),
    Section(
        key="shared_goals",
        step=Step.CONSULT,
        title="Shared goals",
        prompt="What could they and we both sign up to?",
        hint="Common ground wins buy-in: a goal that serves their aims and our customers.",
        item_type=SharedGoal,
        path=("consult", "shared_goals"),
        fields=(
            FieldSpec("text", "Shared goal", FieldKind.LONG, required=True),
            FieldSpec(
                "stakeholder_ids",
                "With",
                FieldKind.REFS,
                "Stakeholders who share it",
                ref="stakeholders",
            ),
            _BY,
        ),
        columns=("text", "stakeholder_ids"),
    ),
    Section(
        key="dependencies",
        step=Step.CONSULT,
        title="Dependencies",
        prompt="Which of their investments or operating decisions affect our service?",
        hint="Say what the decision does to the service, and what we will ask of them.",
        item_type=Dependency,
        path=("consult", "dependencies"),
        fields=(
            FieldSpec("text", "Their decision", FieldKind.LONG, required=True),
            FieldSpec("stakeholder_id", "Stakeholder", FieldKind.REF, ref="stakeholders"),
            FieldSpec("effect", "Effect on service", FieldKind.LONG),
            FieldSpec("ask", "What we ask", FieldKind.LONG),
            _BY,
        ),
        columns=("text", "stakeholder_id", "ask"),
    ),
    Section(
        key="goals",
        step=Step.STRUCTURE,
        title="Goals",
        prompt="What are we aiming for, on the way to the mission?",
        hint="Each goal gets indicators that say, with a number and a date, when it is met.",
        item_type=Goal,
        path=("structure", "goals"),
        fields=(FieldSpec("text", "Goal", FieldKind.LONG, required=True), _BY),
    ),
    Section(
        key="indicators",
        step=Step.STRUCTURE,
        title="Indicators",
        prompt="How will we know, in numbers, that a goal is met?",
        hint="SMART: a unit, a baseline, a target and a due date. Measure what customers get, "
        "not only how fast calls end.",
        item_type=Indicator,
        path=("structure", "indicators"),
        fields=(
            FieldSpec("text", "Indicator", FieldKind.TEXT, "What is measured", required=True),
            FieldSpec("goal_id", "Goal", FieldKind.REF, ref="goals"),
            FieldSpec("unit", "Unit", FieldKind.TEXT, "%, days, complaints a month, …"),
            FieldSpec("baseline", "Baseline", FieldKind.NUMBER, "Where we start"),
            FieldSpec("target", "Target", FieldKind.NUMBER, "Where we aim to be"),
            FieldSpec("due", "Due", FieldKind.DATE, "YYYY-MM-DD"),
            FieldSpec("latest", "Latest value", FieldKind.NUMBER, "The last measurement"),
            _BY,
        ),
        columns=("text", "baseline", "latest", "target", "unit", "due"),
    ),
    Section(
        key="strategies",
        step=Step.STRUCTURE,
        title="Strategies",
        prompt="How will we reach each goal?",
        hint="A strategy is the plan of attack; the actions carry it out.",
        item_type=Strategy,
        path=("structure", "strategies"),
        fields=(
            FieldSpec("text", "Strategy", FieldKind.LONG, required=True),
            FieldSpec("goal_id", "Goal", FieldKind.REF, ref="goals"),
            _BY,
        ),
        columns=("text", "goal_id"),
    ),
    Section(
        key="actions",
        step=Step.STRUCTURE,
        title="Actions",
        prompt="What will be done, by whom, by when?",
        hint="Every action needs an owner and a due date.",
        item_type=Action,
        path=("structure", "actions"),
        fields=(
            FieldSpec("text", "Action", FieldKind.LONG, required=True),
            FieldSpec("strategy_id", "Strategy", FieldKind.REF, ref="strategies"),
            FieldSpec("owner", "Owner", FieldKind.TEXT, "Who is responsible"),
            FieldSpec("due", "Due", FieldKind.DATE, "YYYY-MM-DD"),
            FieldSpec("status", "Status", FieldKind.CHOICE, "", _choices(ActionStatus)),
            _BY,
        ),
        columns=("text", "owner", "due", "status"),
    ),
    Section(
        key="feedback_loops",
        step=Step.STRUCTURE,
        title="Feedback loops",
        prompt="What will we review, who reviews it, and how often?",
        hint="The loops tell the group early whether the plan works.",
        item_type=FeedbackLoop,
        path=("structure", "feedback_loops"),
        fields=(
            FieldSpec("text", "What is reviewed", FieldKind.LONG, required=True),
            FieldSpec("reviewer", "By whom", FieldKind.TEXT),
            FieldSpec("frequency", "How often", FieldKind.TEXT, "Weekly, monthly, …"),
            _BY,
        ),
        columns=("text", "reviewer", "frequency"),
    ),
    Section(
        key="promises",
        step=Step.STRUCTURE,
        title="Customer charter",
        prompt="What do we promise our customers, and how can they check we keep it?",
        hint="Promise only what you will deliver; each promise needs a measurable standard.",
        item_type=Promise,
        path=("structure", "promises"),
        fields=(
            FieldSpec("text", "Promise", FieldKind.LONG, required=True),
            FieldSpec(
                "standard",
                "Measurable standard",
                FieldKind.TEXT,
                "e.g. reply to emails within 2 working days",
            ),
            FieldSpec("channels", "Channels", FieldKind.TEXT, "Phone, web, counter, …"),
            FieldSpec("hours", "Hours", FieldKind.TEXT, "e.g. Mon–Fri 8:30–17:00"),
            _BY,
        ),
        columns=("text", "standard", "channels", "hours"),
    ),
    Section(
        key="complaint_stages",
        step=Step.STRUCTURE,
        title="Complaints handling",
        prompt="How will a complaint be handled, stage by stage, and how fast?",
        hint="Cover acknowledging, resolving, escalating and an independent review.",
        item_type=ComplaintStage,
        path=("structure", "complaint_stages"),
        fields=(
            FieldSpec(
                "stage", "Stage", FieldKind.CHOICE, "", _choices(ComplaintStageKind), required=True
            ),
            FieldSpec("text", "What happens", FieldKind.LONG, required=True),
            FieldSpec("timeframe", "Timeframe", FieldKind.TEXT, "e.g. 2 working days"),
            _BY,
        ),
        columns=("stage", "text", "timeframe"),
    ),
    Section(
        key="decisions",
        step=None,
        title="Decisions",
        prompt="What has the group decided?",
        hint="Record each decision as it is taken, in the room's words.",
        item_type=Decision,
        path=("decisions",),
        fields=(FieldSpec("text", "Decision", FieldKind.LONG, required=True), _BY),
    ),
    Section(
        key="parking_lot",
        step=None,
        title="Parking lot",
        prompt="What should we come back to later?",
        hint="Park a point that would derail the step; it is carried to the next session.",
        item_type=ParkedItem,
        path=("parking_lot",),
        fields=(FieldSpec("text", "Point", FieldKind.LONG, required=True), _BY),
    ),
)

_BY_KEY: dict[str, Section] = {section.key: section for section in SECTIONS}


def section(key: str) -> Section:
    """The section with this key (KeyError if none)."""
    return _BY_KEY[key]


def references(item: Any, spec: FieldSpec) -> list[str]:
    """The ids that the reference field `spec` of `item` names: one, several or none."""
    value = getattr(item, spec.name, None)
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def naming(session: Session, section_key: str, item_id: str) -> dict[str, list[Any]]:
    """The items that name the item `item_id` of section `section_key` in a reference field
    (a goal's strategies and indicators), by section key; a section with none is left out."""
    found: dict[str, list[Any]] = {}
    for other in SECTIONS:
        specs = [spec for spec in other.fields if spec.ref == section_key]
        if specs:
            hits = [
                item
                for item in other.items(session)
                if any(item_id in references(item, spec) for spec in specs)
            ]
            if hits:
                found[other.key] = hits
    return found


def all_items(session: Session) -> list[Item]:
    """Every item of the session, section by section."""
    return [item for section_ in SECTIONS for item in section_.items(session)]


def sections_for(step: Step | None) -> tuple[Section, ...]:
    """The item sections of a step, in order (None: the sections around the steps)."""
    return tuple(s for s in SECTIONS if s.step == step)


STEP_PROMPTS: dict[Step, str] = {
    Step.RESEARCH: "What do our customers expect, where do we fall short, and what can we afford?",
    Step.CONSULT: "Who inside the organisation must be on board, and what do we need from them?",
    Step.STRUCTURE: "Our policy, our plan, our promises to customers and how we handle complaints.",
    Step.DOCUMENT: "The case for the strategy, written for the people who must back it.",
}
