"""Checks that guide without blocking: what a demanding reviewer of the strategy would flag."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop.model.base import Step
from workshop.model.derive import budget_summary
from workshop.model.session import Session
from workshop.model.structure import ComplaintStageKind, Indicator, Principle

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Warning:
    """One thing to look at again. `item_id` is set when one item is concerned."""

    step: Step
    section: str
    message: str
    item_id: str | None = None


def indicator_gaps(indicator: Indicator) -> list[str]:
    """What an indicator lacks to be SMART (empty: nothing)."""
    missing = []
    if indicator.target is None:
        missing.append("a target number")
    if not indicator.unit.strip():
        missing.append("a unit")
    if indicator.due is None:
        missing.append("a due date")
    if indicator.baseline is None:
        missing.append("a baseline")
    return missing


def promise_is_measurable(standard: str) -> bool:
    """A standard is measurable when it states a number (a time, a rate, a count)."""
    return bool(_DIGIT.search(standard))


def checks(session: Session) -> list[Warning]:
    """Every open warning of a session, by step."""
    found: list[Warning] = []
    research, structure = session.research, session.structure

    summary = budget_summary(research)
    if summary.over_budget and summary.remaining is not None:
        found.append(
            Warning(
                Step.RESEARCH,
                "standards",
                f"The chosen standards cost {research.currency}{summary.chosen_total:,.0f}, "
                f"{research.currency}{-summary.remaining:,.0f} over the budget",
            )
        )
    elif summary.chosen_count and summary.budget is None:
        found.append(
            Warning(Step.RESEARCH, "standards", "Standards are chosen but no budget is set")
        )
    for expectation in research.expectations:
        if expectation.importance is None or expectation.performance is None:
            found.append(
                Warning(
                    Step.RESEARCH,
                    "expectations",
                    f"'{_short(expectation.text)}' is not scored yet",
                    expectation.id,
                )
            )

    for indicator in structure.indicators:
        missing = indicator_gaps(indicator)
        if missing:
            found.append(
                Warning(
                    Step.STRUCTURE,
                    "indicators",
                    f"Indicator '{_short(indicator.text)}' is not SMART: it needs "
                    + _join(missing),
                    indicator.id,
                )
            )
    # The strategy document arranges the plan by its links: a goal's measures and strategies
    # under it, a strategy's actions under that. Items left unlinked read as "No measures are
    # set for this goal yet" and "Other actions" in the team's document.
    if structure.goals and not structure.mission.strip():
        found.append(Warning(Step.STRUCTURE, "mission", "The mission is not written yet"))
    measured = {i.goal_id for i in structure.indicators}
    for goal in structure.goals:
        if goal.id not in measured:
            found.append(
                Warning(
                    Step.STRUCTURE,
                    "goals",
                    f"Goal '{_short(goal.text)}' has no indicator to say when it is met",
                    goal.id,
                )
            )
    goals = {g.id for g in structure.goals}
    for strategy in structure.strategies:
        if strategy.goal_id not in goals:
            found.append(
                Warning(
                    Step.STRUCTURE,
                    "strategies",
                    f"Strategy '{_short(strategy.text)}' serves no goal yet",
                    strategy.id,
                )
            )
    strategies = {s.id for s in structure.strategies}
    for action in structure.actions:
        if action.strategy_id not in strategies and action.status != "dropped":
            found.append(
                Warning(
                    Step.STRUCTURE,
                    "actions",
                    f"Action '{_short(action.text)}' carries out no strategy yet",
                    action.id,
                )
            )
    for promise in structure.promises:
        if not promise.standard.strip():
            found.append(
                Warning(
                    Step.STRUCTURE,
                    "promises",
                    f"Promise '{_short(promise.text)}' has no measurable standard",
                    promise.id,
                )
            )
        elif not promise_is_measurable(promise.standard):
            found.append(
                Warning(
                    Step.STRUCTURE,
                    "promises",
                    f"Promise '{_short(promise.text)}': its standard has no number "
                    "to measure it by",
                    promise.id,
                )
            )
    for action in structure.actions:
        if action.status in ("done", "dropped"):
            continue
        missing = [
            what
            for what, ok in (("owner", action.owner.strip()), ("due date", action.due))
            if not ok
        ]
        if missing:
            found.append(
                Warning(
                    Step.STRUCTURE,
                    "actions",
                    f"Action '{_short(action.text)}' has no " + _join(missing, "or"),
                    action.id,
                )
            )
    if structure.complaint_stages or structure.principles:
        present = {stage.stage for stage in structure.complaint_stages}
        absent = [kind.value for kind in ComplaintStageKind if kind not in present]
        if absent:
            found.append(
                Warning(
                    Step.STRUCTURE,
                    "complaint_stages",
                    "The complaints policy has no "
                    + _join([f"'{kind}'" for kind in absent], "or")
                    + (" stage" if len(absent) == 1 else " stages"),
                )
            )
        untimed = [s for s in structure.complaint_stages if not s.timeframe.strip()]
        for stage in untimed:
            found.append(
                Warning(
                    Step.STRUCTURE,
                    "complaint_stages",
                    f"The '{stage.stage.value}' stage has no timeframe",
                    stage.id,
                )
            )
        unmet = [p.value for p in Principle if not structure.principles.get(p, "").strip()]
        if unmet:
            found.append(
                Warning(
                    Step.STRUCTURE,
                    "principles",
                    "The complaints policy does not yet say how it is " + _join(unmet),
                )
            )
    return found


def _short(text: str, width: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _join(words: list[str], last: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]
