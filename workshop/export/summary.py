"""The session summary's view-model: who came, the agenda, what each step captured, decisions,
actions, the parking lot and the open warnings."""

from __future__ import annotations

from typing import Any

from workshop.export.escape import present
from workshop.export.views import (
    Lookups,
    item_table,
    join_words,
    long_date,
    minutes,
    money,
)
from workshop.model.base import Step
from workshop.model.checks import checks
from workshop.model.derive import all_completeness, budget_summary
from workshop.model.document import NARRATIVE_SECTIONS
from workshop.model.fields import format_number
from workshop.model.sections import section, sections_for
from workshop.model.session import Group, Session
from workshop.model.structure import PRINCIPLE_HINTS, Principle

#: Sections the summary shows in a place of their own rather than inside their step.
SHOWN_APART = {"actions": "The actions agreed are listed under Actions, below."}


def summary_view(group: Group, session: Session, earlier: Session | None = None) -> dict[str, Any]:
    """Everything the summary template shows, as plain values. With `earlier` (the session
    this one follows), the decisions a follow-up carried from it are listed apart from those
    taken in this workshop."""
    lookups = Lookups(session)
    carried = {d.id for d in earlier.decisions} if earlier is not None else set()
    completeness = all_completeness(session)
    return {
        "title": f"{group.name}: "
        + (session.title if present(session.title) else f"workshop of {long_date(session.date)}"),
        "group": group.name,
        "organisation": group.organisation,
        "date": long_date(session.date),
        "part": session.part,
        "facilitator": session.facilitator,
        "status": session.status.value,
        "present": [_person(p.name, p.role) for p in session.participants if p.present],
        "absent": [_person(p.name, p.role) for p in session.participants if not p.present],
        "agenda": _agenda(session),
        "steps": [_step(session, step, lookups, completeness[step]) for step in Step],
        "decisions": [
            _attributed(d.text, d.step, d.raised_by, lookups)
            for d in session.decisions
            if d.id not in carried
        ],
        "earlier_decisions": [
            _attributed(d.text, d.step, d.raised_by, lookups)
            for d in session.decisions
            if d.id in carried
        ],
        "earlier_part": earlier.part if earlier is not None else None,
        "actions": item_table(section("actions"), lookups, by_votes=False),
        "parking_lot": [
            _attributed(p.text, p.step, p.raised_by, lookups) for p in session.parking_lot
        ],
        "warnings": [{"step": w.step.label, "message": w.message} for w in checks(session)],
    }


def _person(name: str, role: str) -> str:
    return f"{name} ({role})" if present(role) else name


def _agenda(session: Session) -> dict[str, Any]:
    rows = []
    planned = spent = 0
    for step in Step:
        box = session.agenda.get(step)
        if box is None:
            continue
        used = minutes(box.spent_seconds)
        planned += box.minutes
        spent += used
        rows.append([step.label, *_timing(box.minutes, used)])
    return {"rows": rows, "total": ["Total", *_timing(planned, spent)]}


def _timing(planned: int, used: int) -> list[str]:
    if used == 0:
        note = "not timed"  # the step's timer was not run: no time was recorded
    elif used > planned:
        note = f"{used - planned} min over"
    elif used == planned:
        note = "on time"
    else:
        note = f"{planned - used} min to spare"
    return [f"{planned} min", f"{used} min", note]


def _attributed(
    text: str, step: Step | None, raised_by: str | None, lookups: Lookups
) -> dict[str, str]:
    return {
        "text": text,
        "step": step.label if step else "",
        "by": lookups.person(raised_by),
    }


def _step(session: Session, step: Step, lookups: Lookups, done: Any) -> dict[str, Any]:
    tables = []
    apart = []
    for sec in sections_for(step):
        if sec.key in SHOWN_APART:
            apart.append(SHOWN_APART[sec.key])
            continue
        tables.append(item_table(sec, lookups))
    lines: list[str] = []
    if step is Step.RESEARCH:
        lines.extend(_budget_lines(session))
    structure = session.structure
    principles = []
    if step is Step.STRUCTURE:
        principles = [
            [p.value.capitalize(), PRINCIPLE_HINTS[p], _or_not_yet(structure.principles.get(p))]
            for p in Principle
        ]
    narrative = []
    if step is Step.DOCUMENT:
        narrative = [
            {"heading": heading, "drafted": present(getattr(session.document, name))}
            for name, heading in NARRATIVE_SECTIONS.items()
        ]
    return {
        "number": step.number,
        "label": step.label,
        "percent": done.percent,
        "missing": join_words(done.missing),
        "mission": structure.mission if step is Step.STRUCTURE else None,
        "lines": lines,
        "tables": tables,
        "apart": apart,
        "principles": principles,
        "narrative": narrative,
        "notes": session.notes.get(step, ""),
    }


def _budget_lines(session: Session) -> list[str]:
    research = session.research
    summary = budget_summary(research)
    currency = research.currency
    chosen = (
        f"Chosen standards: {summary.chosen_count} of {len(research.standards)}, costing "
        f"{money(summary.chosen_total, currency)} a year"
    )
    if summary.budget is None:
        return [f"{chosen}; no budget is set yet."]
    line = f"{chosen}, against a budget of {money(summary.budget, currency)}"
    share = summary.share_used
    if share is not None and share != float("inf"):
        line += f" ({format_number(round(share * 100))}%)"
    remaining = summary.remaining or 0.0
    if summary.over_budget:
        return [f"{line}: {money(-remaining, currency)} over budget."]
    return [f"{line}: {money(remaining, currency)} left."]


def _or_not_yet(text: str | None) -> str:
    return text if text is not None and present(text) else "Not yet agreed."
