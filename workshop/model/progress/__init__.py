"""Progress between sessions of a group: what moved since the session a follow-up follows.

Pure functions of the model. `compare(earlier, later)` matches items by id (a follow-up keeps
them) and says what was added, changed and removed, how every action, indicator and gap moved,
and which promises and stances changed; `chain(sessions)` does it along a group's sessions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from workshop.model.progress.actions import (
    ACTION_KIND_ORDER,
    ActionChange,
    ActionKind,
    ActionProgress,
    action_progress,
)
from workshop.model.progress.items import (
    FieldChange,
    ItemChange,
    ItemRef,
    PromiseChange,
    SectionChanges,
    StanceChange,
    all_section_changes,
    other_changes,
    promise_changes,
    stance_changes,
)
from workshop.model.progress.measures import (
    GapChange,
    GapKind,
    IndicatorProgress,
    Presence,
    all_indicator_progress,
    gap_changes,
)
from workshop.model.session import Session


@dataclass(frozen=True)
class Progress:
    """What moved between two sessions of a group, as of `today`."""

    earlier_id: str
    later_id: str
    earlier_date: date
    later_date: date
    today: date
    sections: dict[str, SectionChanges]  # by Section.key, in the order of SECTIONS
    other_changes: tuple[FieldChange, ...]  # mission, budget, principles, narrative
    actions: ActionProgress
    indicators: tuple[IndicatorProgress, ...]
    gaps: tuple[GapChange, ...]
    promises_changed: tuple[PromiseChange, ...]
    stances_changed: tuple[StanceChange, ...]

    @property
    def gap_counts(self) -> dict[GapKind, int]:
        """How many expectations' gaps moved each way (every kind, zeros included)."""
        counts = Counter(g.kind for g in self.gaps)
        return {kind: counts[kind] for kind in GapKind}

    def gaps_of_kind(self, kind: GapKind) -> tuple[GapChange, ...]:
        return tuple(g for g in self.gaps if g.kind is kind)

    @property
    def indicators_on_track(self) -> int:
        """Indicators on track or at target."""
        return sum(1 for i in self.indicators if i.on_track)

    @property
    def indicators_judged(self) -> int:
        """Indicators that can be called on track or behind: measured now, with a target and
        a due date (the others say 'not measured', 'no target' or 'no due date')."""
        return sum(1 for i in self.indicators if i.on_track is not None)

    @property
    def indicators_behind(self) -> int:
        return sum(1 for i in self.indicators if i.on_track is False)

    @property
    def added(self) -> int:
        """Items added across every section."""
        return sum(len(s.added) for s in self.sections.values())

    @property
    def changed(self) -> int:
        return sum(len(s.changed) for s in self.sections.values())

    @property
    def removed(self) -> int:
        return sum(len(s.removed) for s in self.sections.values())


def compare(earlier: Session, later: Session, today: date | None = None) -> Progress:
    """What moved from `earlier` to `later`. `today` (default: the later session's date) decides
    which actions have slipped and which indicators are on track."""
    day = today if today is not None else later.date
    return Progress(
        earlier_id=earlier.id,
        later_id=later.id,
        earlier_date=earlier.date,
        later_date=later.date,
        today=day,
        sections=all_section_changes(earlier, later),
        other_changes=other_changes(earlier, later),
        actions=action_progress(earlier, later, day),
        indicators=all_indicator_progress(earlier, later, day),
        gaps=gap_changes(earlier, later),
        promises_changed=promise_changes(earlier, later),
        stances_changed=stance_changes(earlier, later),
    )


def chain(sessions: list[Session]) -> list[Progress]:
    """Progress along a group's sessions in date order (then part): each session after the first
    is compared with the one it follows when that is in the list, else with the one before it.
    One session or none gives an empty list."""
    ordered = sorted(sessions, key=lambda s: (s.date, s.part))
    known = {s.id: s for s in ordered}
    steps = []
    for before, session in pairwise(ordered):
        predecessor = known.get(session.follows or "", before)
        steps.append(compare(predecessor, session))
    return steps


__all__ = [
    "ACTION_KIND_ORDER",
    "ActionChange",
    "ActionKind",
    "ActionProgress",
    "FieldChange",
    "GapChange",
    "GapKind",
    "IndicatorProgress",
    "ItemChange",
    "ItemRef",
    "Presence",
    "Progress",
    "PromiseChange",
    "SectionChanges",
    "StanceChange",
    "chain",
    "compare",
]
