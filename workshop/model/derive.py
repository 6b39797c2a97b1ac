"""Values that follow from what was captured: gaps, quadrants, the budget, each step's
completeness. Pure functions of the model."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workshop.model.base import Step
from workshop.model.research import Expectation, Research
from workshop.model.session import Session

#: A score at or above this counts as "high" when placing an expectation in a quadrant.
HIGH_SCORE = 3.5


class Quadrant(StrEnum):
    """Where an expectation sits on the importance–performance grid."""

    FIX_FIRST = "fix first"  # matters a lot, we do poorly
    KEEP_IT_UP = "keep it up"  # matters a lot, we do well
    LOW_PRIORITY = "low priority"  # matters little, we do poorly
    OVERDELIVERING = "over-delivering"  # matters little, we do well


QUADRANT_HINTS: dict[Quadrant, str] = {
    Quadrant.FIX_FIRST: "Matters to customers and we fall short: act here first",
    Quadrant.KEEP_IT_UP: "Matters and we deliver: protect it",
    Quadrant.LOW_PRIORITY: "We fall short, but it matters less: later, if at all",
    Quadrant.OVERDELIVERING: "We do well at something that matters little: a place to save",
}


def gap(expectation: Expectation) -> int | None:
    """Importance minus performance: how far we fall short (negative: we exceed it).
    None until both are scored."""
    if expectation.importance is None or expectation.performance is None:
        return None
    return expectation.importance - expectation.performance


def quadrant(expectation: Expectation) -> Quadrant | None:
    """The expectation's place on the importance–performance grid, once both are scored."""
    if expectation.importance is None or expectation.performance is None:
        return None
    important = expectation.importance >= HIGH_SCORE
    performing = expectation.performance >= HIGH_SCORE
    if important:
        return Quadrant.KEEP_IT_UP if performing else Quadrant.FIX_FIRST
    return Quadrant.OVERDELIVERING if performing else Quadrant.LOW_PRIORITY


@dataclass(frozen=True)
class BudgetSummary:
    """The chosen standards' total cost against the budget."""

    chosen_total: float
    considered_total: float
    budget: float | None
    chosen_count: int

    @property
    def remaining(self) -> float | None:
        return None if self.budget is None else self.budget - self.chosen_total

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.chosen_total > self.budget + 1e-9

    @property
    def share_used(self) -> float | None:
        """Fraction of the budget the chosen standards use (None without a budget)."""
        if self.budget is None:
            return None
        if self.budget == 0:
            return 0.0 if self.chosen_total == 0 else float("inf")
        return self.chosen_total / self.budget


def budget_summary(research: Research) -> BudgetSummary:
    """Add up the chosen standards' cost and set it against the budget."""
    chosen = [s for s in research.standards if s.chosen]
    return BudgetSummary(
        chosen_total=sum(s.annual_cost for s in chosen),
        considered_total=sum(s.annual_cost for s in research.standards),
        budget=research.budget,
        chosen_count=len(chosen),
    )


@dataclass(frozen=True)
class Completeness:
    """How far a step has got: the things it asks for, and which are done."""

    step: Step
    done: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def fraction(self) -> float:
        total = len(self.done) + len(self.missing)
        return len(self.done) / total if total else 1.0

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)


def _tally(step: Step, wanted: list[tuple[str, bool]]) -> Completeness:
    return Completeness(
        step=step,
        done=tuple(name for name, ok in wanted if ok),
        missing=tuple(name for name, ok in wanted if not ok),
    )


def completeness(session: Session, step: Step) -> Completeness:
    """What a step asks for, split into done and missing (guidance, never a block)."""
    if step is Step.RESEARCH:
        research = session.research
        return _tally(
            step,
            [
                ("customer expectations", bool(research.expectations)),
                (
                    "expectations scored",
                    bool(research.expectations)
                    and all(gap(e) is not None for e in research.expectations),
                ),
                ("service standards costed", bool(research.standards)),
                ("a budget", research.budget is not None),
                ("standards chosen", any(s.chosen for s in research.standards)),
            ],
        )
    if step is Step.CONSULT:
        consult = session.consult
        return _tally(
            step,
            [
                ("stakeholders", bool(consult.stakeholders)),
                (
                    "stances known",
                    bool(consult.stakeholders)
                    and all(s.stance != "unknown" for s in consult.stakeholders),
                ),
                ("shared goals", bool(consult.shared_goals)),
                ("dependencies", bool(consult.dependencies)),
            ],
        )
    if step is Step.STRUCTURE:
        structure = session.structure
        return _tally(
            step,
            [
                ("a mission", bool(structure.mission.strip())),
                ("goals", bool(structure.goals)),
                ("indicators", bool(structure.indicators)),
                ("strategies", bool(structure.strategies)),
                ("actions", bool(structure.actions)),
                ("feedback loops", bool(structure.feedback_loops)),
                ("charter promises", bool(structure.promises)),
                ("complaints stages", bool(structure.complaint_stages)),
                ("fair-handling principles", any(v.strip() for v in structure.principles.values())),
            ],
        )
    from workshop.model.document import NARRATIVE_SECTIONS

    document = session.document
    return _tally(
        step,
        [
            (heading.lower(), bool(getattr(document, name).strip()))
            for name, heading in NARRATIVE_SECTIONS.items()
        ],
    )


def all_completeness(session: Session) -> dict[Step, Completeness]:
    """Completeness of every step, in order."""
    return {step: completeness(session, step) for step in Step}
