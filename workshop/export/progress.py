"""The progress report's view-model: what moved between a session and the one it follows, for
the sponsors. The comparison itself is `workshop.model.progress.compare`; this only arranges it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workshop.export.escape import present
from workshop.export.views import long_date, money, plural, with_unit
from workshop.model.progress import (
    ACTION_KIND_ORDER,
    ActionChange,
    ActionKind,
    FieldChange,
    GapKind,
    IndicatorProgress,
    Presence,
    compare,
)
from workshop.model.session import Group, Session
from workshop.model.structure import ActionStatus

if TYPE_CHECKING:
    from workshop.model.progress import Progress


def progress_view(group: Group, earlier: Session, later: Session) -> dict[str, Any]:
    """Everything the progress template shows, as plain values."""
    progress = compare(earlier, later, today=later.date)
    currency = later.research.currency
    return {
        "title": f"{group.name}: progress since {long_date(earlier.date)}",
        "byline": f"{group.name} · {long_date(later.date)}",
        "then_date": long_date(earlier.date),
        "then_part": earlier.part,
        "now_date": long_date(later.date),
        "now_part": later.part,
        "gap_words": _months_between(earlier, later),
        **_arrange(progress, currency),
    }


def _months_between(earlier: Session, later: Session) -> str:
    """'6 months', '12 days' (rounded to whole months from a month on; '' for the same day)."""
    days = (later.date - earlier.date).days
    if days <= 0:
        return ""
    if days < 28:
        return plural(days, "day")
    return plural(max(1, round(days / 30.44)), "month")


#: Each kind of action change: its heading and the sentence under it.
ACTION_GROUPS: dict[str, tuple[str, str]] = {
    "done": ("Done", "Finished, with where each stood at the last workshop."),
    "slipped": (
        "Slipped past their due date",
        "Not finished and past their date: each needs a new date, or help.",
    ),
    "blocked": (
        "Blocked",
        "Held up by something the owner cannot move alone: the sponsors' help is asked for.",
    ),
    "still open": ("Still open", "Planned or under way, and not yet due."),
    "dropped": ("Dropped", "Decided against; listed so the decision stays on record."),
    "new": ("New since the last workshop", "Added to the plan at this workshop."),
    "removed": ("Taken out of the plan", "In the plan at the last workshop, and removed since."),
}
#: The gap movements shown, in order, with their headings (unchanged ones are not news).
GAP_GROUPS: dict[str, str] = {
    "closed": "Closed",
    "narrowed": "Narrowed",
    "widened": "Widened",
    "new": "New",
    "no longer scored": "No longer scored",
    "not scored yet": "Not scored yet",
    "removed": "Removed",
}


def _arrange(progress: Progress, currency: str) -> dict[str, Any]:
    actions = progress.actions
    counts = actions.by_kind
    action_groups = []
    for kind in ACTION_KIND_ORDER:
        changes = actions.of_kind(kind)
        if not changes:
            continue
        title, lead = ACTION_GROUPS[kind.value]
        action_groups.append(
            {
                "title": title,
                "lead": lead,
                "headers": ["Action", "Owner", "Due", "Then", "Now"],
                "rows": [_action_row(c) for c in changes],
            }
        )
    measured = [i for i in progress.indicators if i.presence is not Presence.REMOVED]
    gap_counts = progress.gap_counts
    glance: list[tuple[str, object]] = [
        ("Actions done", counts[ActionKind.DONE]),
        ("Actions slipped past their due date", counts[ActionKind.SLIPPED]),
        ("Actions blocked", counts[ActionKind.BLOCKED]),
        ("Actions still open", counts[ActionKind.OPEN]),
        ("Actions dropped", counts[ActionKind.DROPPED]),
        ("New actions", counts[ActionKind.NEW]),
        (
            "Measures on track or at their target",
            # as the app's review counts them: of those that can be judged, the others named
            f"{progress.indicators_on_track} of {progress.indicators_judged}"
            + _unjudged(len(measured) - progress.indicators_judged),
        ),
        ("Gaps closed", gap_counts[GapKind.CLOSED]),
        ("Gaps narrowed", gap_counts[GapKind.NARROWED]),
        ("Gaps widened", gap_counts[GapKind.WIDENED]),
        ("Promises whose standard changed", len(progress.promises_changed)),
        ("Stakeholders whose stance changed", len(progress.stances_changed)),
        (
            "Items added / changed / removed",
            f"{progress.added} / {progress.changed} / {progress.removed}",
        ),
    ]
    return {
        "glance": [[label, str(value)] for label, value in glance],
        "action_groups": action_groups,
        "indicators": [_indicator_row(i) for i in progress.indicators],
        "gap_groups": _gap_groups(progress),
        "promises": [
            [p.text, p.standard_then or "none", p.standard_now or "none"]
            for p in progress.promises_changed
        ],
        "stakeholders": [
            [s.stakeholder, s.stance_then.value, s.stance_now.value]
            for s in progress.stances_changed
        ],
        **_changes(progress, currency),
    }


def _status(status: ActionStatus | None, missing: str) -> str:
    return missing if status is None else status.value


def _action_row(change: ActionChange) -> list[str]:
    now = _status(change.status_now, "removed")
    if change.overdue:
        now += ", overdue"
    return [
        change.text,
        change.owner or "—",
        long_date(change.due) or "—",
        _status(change.status_then, "—"),
        now,
    ]


def _indicator_row(indicator: IndicatorProgress) -> list[str]:
    unit = indicator.unit
    return [
        indicator.text,
        with_unit(indicator.baseline, unit) or "—",
        with_unit(indicator.then, unit) or "—",
        with_unit(indicator.now, unit) or "—",
        with_unit(indicator.target, unit) or "—",
        long_date(indicator.due) or "—",
        indicator.status,
    ]


def _gap(value: int | None) -> str:
    if value is None:
        return "—"
    return f"{value:+d}" if value else "0"


def _gap_groups(progress: Progress) -> list[dict[str, Any]]:
    groups = []
    for kind in GapKind:
        if kind.value not in GAP_GROUPS:
            continue
        changes = progress.gaps_of_kind(kind)
        if changes:
            groups.append(
                {
                    "title": GAP_GROUPS[kind.value],
                    "rows": [[g.text, _gap(g.gap_then), _gap(g.gap_now)] for g in changes],
                }
            )
    return groups


def _changes(progress: Progress, currency: str) -> dict[str, Any]:
    moved = [s for s in progress.sections.values() if not s.empty]
    lists = []
    added = [f"{s.title}: {item.text}" for s in moved for item in s.added]
    if added:
        lists.append({"title": "Added", "lines": added})
    removed = [f"{s.title}: {item.text}" for s in moved for item in s.removed]
    if removed:
        lists.append({"title": "Removed", "lines": removed})
    other = [_other_line(change, currency) for change in progress.other_changes]
    if other:
        lists.append({"title": "Other changes", "lines": other})
    rows = [[s.title, str(len(s.added)), str(len(s.changed)), str(len(s.removed))] for s in moved]
    return {"changes": rows, "change_lists": lists, "anything_changed": bool(rows or other)}


def _other_line(change: FieldChange, currency: str) -> str:
    if change.name == "budget":
        return f"{change.label}: {money(change.then, currency) or 'not set'} → " + (
            money(change.now, currency) or "not set"
        )
    if not present(change.then_text):
        return f"{change.label}: written"
    if not present(change.now_text):
        return f"{change.label}: cleared"
    return f"{change.label}: rewritten"


def _unjudged(count: int) -> str:
    if count <= 0:
        return ""
    return f" ({count} not measured, or without a target or due date)"
