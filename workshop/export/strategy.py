"""The strategy document's view-model: the narrative around steps 1–3, arranged as a document a
manager could circulate — goals with their measures and plans, promises, complaints handling,
the research behind it and the colleagues it depends on."""

from __future__ import annotations

from datetime import date
from typing import Any

from workshop.export.escape import present
from workshop.export.views import Lookups, long_date, money, title_of, with_unit
from workshop.model.consult import Stance
from workshop.model.derive import QUADRANT_HINTS, Quadrant, budget_summary, gap, quadrant
from workshop.model.fields import format_number
from workshop.model.session import Group, Session
from workshop.model.structure import (
    Action,
    ActionStatus,
    ComplaintStageKind,
    Indicator,
    Principle,
    Strategy,
)

NOT_YET = "Not yet agreed."
#: Statuses of an action that is still to be finished.
OPEN = {ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED}
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def strategy_view(group: Group, session: Session) -> dict[str, Any]:
    """Everything the strategy template shows, as plain values."""
    lookups = Lookups(session)
    document, structure = session.document, session.structure
    return {
        "title": title_of(group, session),
        "byline": _byline(group, session),
        "aims": document.aims,
        "rationale": document.rationale,
        "mission": structure.mission,
        "goals": _goals(session),
        "goal_count": _count_words(len(structure.goals), "goal"),
        "loose": _loose(session),
        "feedback_loops": [[f.text, f.reviewer, f.frequency] for f in structure.feedback_loops],
        "promises": [
            [p.text, p.standard or "no measurable standard yet", p.channels or "—", p.hours or "—"]
            for p in structure.promises
        ],
        "stages": _stages(session),
        "principles": [
            [p.value.capitalize(), _or_not_yet(structure.principles.get(p))] for p in Principle
        ],
        "principles_agreed": any(present(v) for v in structure.principles.values()),
        "research": _research(session),
        "stakeholders": _stakeholders(session, lookups),
        "delivery": document.delivery,
        "assessment": document.assessment,
        "benefits_organisation": document.benefits_organisation,
        "benefits_customers": document.benefits_customers,
        "source": f"the workshop of {long_date(session.date)} (part {session.part})",
    }


def _count_words(count: int, word: str) -> str:
    """'four goals', '1 goal' → 'one goal', '12 goals'."""
    number = NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)
    return f"{number} {word if count == 1 else word + 's'}"


def _or_not_yet(text: str | None) -> str:
    return text if text is not None and present(text) else NOT_YET


def _byline(group: Group, session: Session) -> str:
    who = group.name
    # "Riverside Council — Customer Services" already names its organisation.
    if present(group.organisation) and group.organisation.lower() not in who.lower():
        who = f"{who}, {group.organisation}"
    return f"{who} · {long_date(session.date)}"


def _indicator_row(indicator: Indicator) -> list[str]:
    unit = indicator.unit
    return [
        indicator.text,
        with_unit(indicator.baseline, unit) or "not measured",
        with_unit(indicator.target, unit) or "not set",
        long_date(indicator.due) or "no date",
        with_unit(indicator.latest, unit) or "—",
    ]


def _action_row(action: Action, today: date) -> list[str]:
    status = action.status.value
    if action.due is not None and action.due < today and action.status in OPEN:
        status += ", overdue"
    return [action.text, action.owner or "—", long_date(action.due) or "—", status]


def _strategy(
    strategy: Strategy, actions: dict[str | None, list[Action]], today: date
) -> dict[str, Any]:
    mine = [_action_row(a, today) for a in actions.get(strategy.id, [])]
    return {"text": strategy.text, "actions": mine}


def _by_parent(items: list[Any], parent: str) -> dict[str | None, list[Any]]:
    """Items grouped by the id of the item they hang from, in their own order."""
    grouped: dict[str | None, list[Any]] = {}
    for item in items:
        grouped.setdefault(getattr(item, parent), []).append(item)
    return grouped


def _goals(session: Session) -> list[dict[str, Any]]:
    structure = session.structure
    indicators = _by_parent(structure.indicators, "goal_id")
    strategies = _by_parent(structure.strategies, "goal_id")
    actions = _by_parent(structure.actions, "strategy_id")
    return [
        {
            "text": goal.text,
            "indicators": [_indicator_row(i) for i in indicators.get(goal.id, [])],
            "strategies": [
                _strategy(s, actions, session.date) for s in strategies.get(goal.id, [])
            ],
        }
        for goal in structure.goals
    ]


def _loose(session: Session) -> dict[str, Any]:
    """Measures, strategies and actions not tied to a goal or strategy: shown, not lost."""
    structure = session.structure
    goal_ids = {g.id for g in structure.goals}
    strategy_ids = {s.id for s in structure.strategies}
    actions = _by_parent(structure.actions, "strategy_id")
    return {
        "indicators": [
            _indicator_row(i) for i in structure.indicators if i.goal_id not in goal_ids
        ],
        "strategies": [
            _strategy(s, actions, session.date)
            for s in structure.strategies
            if s.goal_id not in goal_ids
        ],
        "actions": [
            _action_row(a, session.date)
            for a in structure.actions
            if a.strategy_id not in strategy_ids
        ],
    }


def _stages(session: Session) -> list[list[str]]:
    order = list(ComplaintStageKind)
    stages = sorted(session.structure.complaint_stages, key=lambda s: order.index(s.stage))
    return [[s.stage.value.capitalize(), s.text, s.timeframe or "—"] for s in stages]


def _research(session: Session) -> dict[str, Any]:
    research = session.research
    currency = research.currency

    def rank(index_and_gap: tuple[int, int | None]) -> tuple[int, int]:
        index, value = index_and_gap
        return (-(value if value is not None else -99), index)

    expectations = research.expectations
    order = sorted(enumerate(gap(e) for e in expectations), key=rank)
    rows = []
    counts: dict[Quadrant, int] = dict.fromkeys(Quadrant, 0)
    for index, value in order:
        e = expectations[index]
        place = quadrant(e)
        if place is not None:
            counts[place] += 1
        rows.append(
            [
                e.text,
                e.segment or "—",
                _score(e.importance),
                _score(e.performance),
                "—" if value is None else (f"{value:+d}" if value else "0"),
                place.value if place else "not scored",
                e.evidence or "—",
            ]
        )
    summary = budget_summary(research)
    standards = [
        [s.text, money(s.annual_cost, currency), "chosen" if s.chosen else "not this time"]
        for s in sorted(research.standards, key=lambda s: not s.chosen)
    ]
    return {
        "expectations": rows,
        "quadrants": [
            {"name": q.value.capitalize(), "count": counts[q], "hint": QUADRANT_HINTS[q]}
            for q in Quadrant
            if counts[q]
        ],
        "standards": standards,
        "budget": _budget_sentence(summary, currency),
    }


def _score(value: int | None) -> str:
    return "—" if value is None else str(value)


def _budget_sentence(summary: Any, currency: str) -> str:
    if not summary.chosen_count:
        return "No standards have been chosen yet."
    cost = money(summary.chosen_total, currency)
    chosen = f"The {summary.chosen_count} standards we chose cost {cost} a year"
    if summary.chosen_count == 1:
        chosen = f"The standard we chose costs {cost} a year"
    if summary.budget is None:
        return f"{chosen}; the budget is not yet set."
    budget = money(summary.budget, currency)
    share = summary.share_used
    used = "" if share in (None, float("inf")) else f" ({format_number(round(share * 100))}% of it)"
    if summary.over_budget:
        over = money(-summary.remaining, currency)
        return f"{chosen} against a budget of {budget}{used}: {over} more than we have."
    left = money(summary.remaining, currency)
    return f"{chosen} against a budget of {budget}{used}, which leaves {left}."


STANCE_WORDS = {
    Stance.SUPPORTIVE: "supportive",
    Stance.NEUTRAL: "neutral",
    Stance.OPPOSED: "opposed",
    Stance.UNKNOWN: "not yet known",
}


def _stakeholders(session: Session, lookups: Lookups) -> dict[str, Any]:
    consult = session.consult
    return {
        "who": [
            [
                s.text,
                s.unit or "—",
                s.contact or "—",
                s.influence.value if s.influence else "—",
                STANCE_WORDS[s.stance],
            ]
            for s in consult.stakeholders
        ],
        "shared_goals": [
            {
                "text": g.text,
                "with": "; ".join(
                    filter(None, (lookups.text("stakeholders", i) for i in g.stakeholder_ids))
                ),
            }
            for g in consult.shared_goals
        ],
        "asks": [
            [
                lookups.text("stakeholders", d.stakeholder_id) or "—",
                d.text,
                d.effect or "—",
                d.ask or "—",
            ]
            for d in consult.dependencies
        ],
    }
