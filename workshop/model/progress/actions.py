"""What happened to each action between two sessions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from workshop.model.progress.items import by_id
from workshop.model.session import Session
from workshop.model.structure import Action, ActionStatus


class ActionKind(StrEnum):
    """How an action stands at the review, most telling first."""

    DONE = "done"
    SLIPPED = "slipped"  # past its due date and neither done, dropped nor blocked
    BLOCKED = "blocked"
    OPEN = "still open"  # planned or in progress, not yet due (or no due date)
    DROPPED = "dropped"
    NEW = "new"  # added since the earlier session
    REMOVED = "removed"  # in the earlier session only


#: The order the review and the report show the kinds in.
ACTION_KIND_ORDER: tuple[ActionKind, ...] = tuple(ActionKind)


@dataclass(frozen=True)
class ActionChange:
    """One action, then and now. Owner, due and text are the latest known."""

    id: str
    text: str
    owner: str
    due: date | None
    status_then: ActionStatus | None
    status_now: ActionStatus | None
    kind: ActionKind
    overdue: bool  # due before the review day and not done or dropped (blocked ones too)

    @property
    def status_changed(self) -> bool:
        return self.status_then != self.status_now


@dataclass(frozen=True)
class ActionProgress:
    """Every action of both sessions, in the later session's order (removed ones last)."""

    changes: tuple[ActionChange, ...]

    def of_kind(self, kind: ActionKind) -> tuple[ActionChange, ...]:
        return tuple(c for c in self.changes if c.kind is kind)

    @property
    def by_kind(self) -> dict[ActionKind, int]:
        """How many actions of each kind (every kind present, zeros included)."""
        counts = Counter(c.kind for c in self.changes)
        return {kind: counts[kind] for kind in ACTION_KIND_ORDER}

    @property
    def status_then(self) -> dict[ActionStatus, int]:
        """Actions by status in the earlier session (every status, zeros included)."""
        counts = Counter(c.status_then for c in self.changes if c.status_then is not None)
        return {status: counts[status] for status in ActionStatus}

    @property
    def status_now(self) -> dict[ActionStatus, int]:
        """Actions by status in the later session (every status, zeros included)."""
        counts = Counter(c.status_now for c in self.changes if c.status_now is not None)
        return {status: counts[status] for status in ActionStatus}

    @property
    def newly_done(self) -> tuple[ActionChange, ...]:
        """Done now and not done then (new actions already done included)."""
        return tuple(
            c
            for c in self.changes
            if c.status_now is ActionStatus.DONE and c.status_then is not ActionStatus.DONE
        )


_FINISHED = (ActionStatus.DONE, ActionStatus.DROPPED)


def _kind(old: Action | None, new: Action, today: date) -> ActionKind:
    if old is None:
        return ActionKind.NEW
    if new.status is ActionStatus.DONE:
        return ActionKind.DONE
    if new.status is ActionStatus.DROPPED:
        return ActionKind.DROPPED
    # blocked says more than slipped: the room needs to unblock it, whatever its date
    if new.status is ActionStatus.BLOCKED:
        return ActionKind.BLOCKED
    if new.due is not None and new.due < today:
        return ActionKind.SLIPPED
    return ActionKind.OPEN


def action_progress(earlier: Session, later: Session, today: date) -> ActionProgress:
    """Classify every action of both sessions as of `today`."""
    then = by_id(earlier.structure.actions)
    now_ids = {a.id for a in later.structure.actions}
    changes = [
        ActionChange(
            id=a.id,
            text=a.text,
            owner=a.owner,
            due=a.due,
            status_then=then[a.id].status if a.id in then else None,
            status_now=a.status,
            kind=_kind(then.get(a.id), a, today),
            overdue=a.due is not None and a.due < today and a.status not in _FINISHED,
        )
        for a in later.structure.actions
    ]
    changes += [
        ActionChange(a.id, a.text, a.owner, a.due, a.status, None, ActionKind.REMOVED, False)
        for a in earlier.structure.actions
        if a.id not in now_ids
    ]
    return ActionProgress(tuple(changes))
