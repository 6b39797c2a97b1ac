"""Indicators against their targets, and expectation gaps, between two sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from workshop.model.derive import Quadrant, gap, quadrant
from workshop.model.progress.items import by_id
from workshop.model.research import Expectation
from workshop.model.session import Session
from workshop.model.structure import Indicator

#: Two measured values closer than this are the same value.
_EPSILON = 1e-9


class Presence(StrEnum):
    """Whether an item is in both sessions or in one only."""

    KEPT = "kept"
    NEW = "new"
    REMOVED = "removed"


@dataclass(frozen=True)
class IndicatorProgress:
    """One indicator: baseline, value then, value now, target and due (the latest known).

    `progress_fraction`: how far `now` has come from baseline towards target, 0..1 (clamped;
    a target below the baseline counts downwards); None when a number is missing or the target
    equals the baseline. `on_track`: whether `now` is at least where a straight line from the
    baseline, on the day the measure was first captured (or the earlier session's day, if
    later), to the target by the due date says it should be on the review day; without a
    baseline, from the earlier session's value on its day. None without a due date, a target
    or a value now. (The day captured is the item's: a measure captured empty and given its
    numbers at a later part is judged from its capture, a stricter line.)"""

    id: str
    text: str
    unit: str
    baseline: float | None
    then: float | None
    now: float | None
    target: float | None
    due: date | None
    presence: Presence
    progress_fraction: float | None
    reached: bool
    on_track: bool | None
    #: Moved away from the target since the earlier session (both measured).
    worsened: bool = False

    @property
    def status(self) -> str:
        """A short label: removed, not measured, no target, target reached, on track, behind
        (", and worse" when it moved away from the target since), no due date."""
        if self.presence is Presence.REMOVED:
            return "removed"
        if self.now is None:
            return "not measured"
        if self.target is None:
            return "no target"
        if self.reached:
            return "target reached"
        if self.on_track is None:
            return "no due date"
        if self.on_track:
            return "on track"
        return "behind, and worse" if self.worsened else "behind"

    @property
    def moved(self) -> float | None:
        """Now minus then, when both are measured."""
        if self.now is None or self.then is None:
            return None
        return self.now - self.then


def _direction(baseline: float | None, start: float | None, target: float) -> int:
    """+1 when more is better, -1 when less is better, 0 when the aim is to hold a level."""
    for origin in (baseline, start):
        if origin is not None and abs(target - origin) > _EPSILON:
            return 1 if target > origin else -1
    return 0


def _reached(value: float, target: float, direction: int) -> bool:
    if direction > 0:
        return value >= target - _EPSILON
    if direction < 0:
        return value <= target + _EPSILON
    return abs(value - target) <= _EPSILON


def _fraction(origin: float, value: float, target: float) -> float | None:
    span = target - origin
    if abs(span) <= _EPSILON:
        return None
    return min(1.0, max(0.0, (value - origin) / span))


def indicator_progress(
    old: Indicator | None, new: Indicator | None, since: date, today: date
) -> IndicatorProgress:
    """Compare one indicator (either side may be missing, not both)."""
    latest = new if new is not None else old
    assert latest is not None
    then = old.latest if old is not None else None
    now = new.latest if new is not None else None
    baseline, target = latest.baseline, latest.target
    presence = Presence.KEPT if old and new else (Presence.NEW if new else Presence.REMOVED)
    fraction: float | None = None
    reached = False
    on_track: bool | None = None
    worsened = False
    if target is not None and now is not None:
        start = then if then is not None else baseline
        direction = _direction(baseline, start, target)
        reached = _reached(now, target, direction)
        if then is not None and direction:
            worsened = (now - then) * direction < -_EPSILON
        if baseline is not None:
            fraction = _fraction(baseline, now, target)
        if reached:
            on_track = True
        elif latest.due is not None and baseline is not None:
            # the line runs from the baseline, from when the measure was first captured (a
            # follow-up keeps that date): a measure behind at one review is not on track at
            # the next merely because the line was drawn again from where it had got to
            first = min(i.created_at.date() for i in (old, new) if i is not None)
            on_track = _on_track(baseline, now, target, min(first, since), latest.due, today)
        elif latest.due is not None:
            on_track = _on_track(start, now, target, since, latest.due, today)
    return IndicatorProgress(
        id=latest.id,
        text=latest.text,
        unit=latest.unit,
        baseline=baseline,
        then=then,
        now=now,
        target=target,
        due=latest.due,
        presence=presence,
        progress_fraction=fraction,
        reached=reached,
        on_track=on_track,
        worsened=worsened,
    )


def _on_track(
    start: float | None, now: float, target: float, since: date, due: date, today: date
) -> bool:
    """Not yet at target: is `now` at least as far along as the straight line expects?"""
    if today >= due or start is None:
        # past due (or nothing to draw the line from) and not reached: behind
        return False
    span_days = (due - since).days
    elapsed = 1.0 if span_days <= 0 else min(1.0, max(0.0, (today - since).days / span_days))
    moved = _fraction_unclamped(start, now, target)
    if moved is None:  # the start already sat on the target and now it does not
        return False
    return moved >= elapsed - _EPSILON


def _fraction_unclamped(origin: float, value: float, target: float) -> float | None:
    span = target - origin
    if abs(span) <= _EPSILON:
        return None
    return (value - origin) / span


def all_indicator_progress(
    earlier: Session, later: Session, today: date
) -> tuple[IndicatorProgress, ...]:
    """Every indicator of both sessions, later order first, removed ones last."""
    then = by_id(earlier.structure.indicators)
    now = by_id(later.structure.indicators)
    kept = [indicator_progress(then.get(k), i, earlier.date, today) for k, i in now.items()]
    gone = [
        indicator_progress(i, None, earlier.date, today) for k, i in then.items() if k not in now
    ]
    return tuple(kept + gone)


class GapKind(StrEnum):
    """How an expectation's gap (importance − performance) moved."""

    CLOSED = "closed"  # was above 0, now 0 or below
    NARROWED = "narrowed"
    WIDENED = "widened"
    UNCHANGED = "unchanged"
    NEW = "new"  # a new expectation, or one scored for the first time
    UNSCORED = "no longer scored"  # scored then, a score missing now
    NOT_SCORED = "not scored yet"  # new since, or unscored then and now
    REMOVED = "removed"


@dataclass(frozen=True)
class GapChange:
    """One expectation's scores, gap and quadrant, then and now."""

    id: str
    text: str
    importance_then: int | None
    performance_then: int | None
    importance_now: int | None
    performance_now: int | None
    gap_then: int | None
    gap_now: int | None
    quadrant_then: Quadrant | None
    quadrant_now: Quadrant | None
    kind: GapKind


def _gap_kind(old: Expectation | None, new: Expectation | None) -> GapKind:
    if new is None:
        return GapKind.REMOVED
    before = gap(old) if old is not None else None
    after = gap(new)
    if after is None:
        # only a gap there was can be "no longer" scored: a new one is not scored yet
        return GapKind.NOT_SCORED if before is None else GapKind.UNSCORED
    if before is None:
        return GapKind.NEW
    if before > 0 >= after:
        return GapKind.CLOSED
    if after < before:
        return GapKind.NARROWED
    if after > before:
        return GapKind.WIDENED
    return GapKind.UNCHANGED


def gap_changes(earlier: Session, later: Session) -> tuple[GapChange, ...]:
    """Every expectation of both sessions, later order first, removed ones last."""
    then = by_id(earlier.research.expectations)
    now = by_id(later.research.expectations)
    pairs = [(then.get(k), e) for k, e in now.items()]
    pairs += [(e, None) for k, e in then.items() if k not in now]
    changes = []
    for old, new in pairs:
        latest = new if new is not None else old
        assert latest is not None
        changes.append(
            GapChange(
                id=latest.id,
                text=latest.text,
                importance_then=old.importance if old else None,
                performance_then=old.performance if old else None,
                importance_now=new.importance if new else None,
                performance_now=new.performance if new else None,
                gap_then=gap(old) if old else None,
                gap_now=gap(new) if new else None,
                quadrant_then=quadrant(old) if old else None,
                quadrant_now=quadrant(new) if new else None,
                kind=_gap_kind(old, new),
            )
        )
    return tuple(changes)
