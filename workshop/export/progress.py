"""The progress report's view-model: what moved between a session and the one it follows, for
the sponsors. The comparison itself is `workshop.model.progress.compare`; this only arranges it."""

from __future__ import annotations

from typing import Any

from workshop.export.views import long_date, plural, with_unit
from workshop.model.session import Group, Session


def progress_view(group: Group, earlier: Session, later: Session) -> dict[str, Any]:
    """Everything the progress template shows, as plain values."""
    from workshop.model.progress import compare

    progress = compare(earlier, later, today=later.date)
    return {
        "title": f"{group.name} — progress since {long_date(earlier.date)}",
        "byline": f"{group.name} · {long_date(later.date)}",
        "then_date": long_date(earlier.date),
        "then_part": earlier.part,
        "now_date": long_date(later.date),
        "now_part": later.part,
        "gap_words": _months_between(earlier, later),
        **_arrange(progress),
    }


def _months_between(earlier: Session, later: Session) -> str:
    months = (later.date.year - earlier.date.year) * 12 + later.date.month - earlier.date.month
    if later.date.day < earlier.date.day:
        months -= 1
    if months < 1:
        days = (later.date - earlier.date).days
        return plural(days, "day") if days > 0 else ""
    return plural(months, "month")


def _arrange(progress: Any) -> dict[str, Any]:  # pragma: no cover - filled in below
    raise NotImplementedError


__all__ = ["progress_view", "with_unit"]
