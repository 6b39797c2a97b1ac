"""The review's tables: actions with what happened to them, indicators with a bar towards
their target. Each table only translates a Progress into rows; the screen does the editing."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from workshop.model.fields import format_number
from workshop.model.progress import (
    ACTION_KIND_ORDER,
    ActionChange,
    ActionKind,
    IndicatorProgress,
    Progress,
)
from workshop.model.structure import ActionStatus
from workshop.tui import theme
from workshop.tui.widgets.cells import one_line

KIND_COLOURS: dict[ActionKind, str] = {
    ActionKind.DONE: theme.SUCCESS,
    ActionKind.SLIPPED: theme.ERROR,
    ActionKind.BLOCKED: theme.WARNING,
    ActionKind.OPEN: theme.PRIMARY,
    ActionKind.DROPPED: theme.MUTED,
    ActionKind.NEW: theme.SECONDARY,
    ActionKind.REMOVED: theme.MUTED,
}

STATUS_COLOURS: dict[str, str] = {
    "target reached": theme.SUCCESS,
    "on track": theme.SUCCESS,
    "behind": theme.ERROR,
}

#: Width of an indicator's bar, in cells.
BAR_WIDTH = 16


def bar(fraction: float | None, width: int = BAR_WIDTH) -> Text:
    """A bar `fraction` (0..1) of the way full; a dotted line when it cannot be measured."""
    if fraction is None:
        return Text("┄" * width, style=theme.MUTED)
    filled = round(max(0.0, min(1.0, fraction)) * width)
    colour = theme.SUCCESS if fraction >= 1 else theme.PRIMARY
    text = Text("█" * filled, style=colour)
    text.append("░" * (width - filled), style=theme.PANEL)
    text.append(f" {round(fraction * 100):>3}%")
    return text


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return format_number(value) + ("%" if unit == "%" else "")


def _read_only_help(what: str, editable: str, table: DataTable[Any]) -> str:
    """A table's F1 help: in a read-only review, what it shows without the edits it refuses."""
    if getattr(table.screen, "read_only", False):
        return f"{what} Read-only: the facilitator's screen changes them."
    return editable


def _status(status: ActionStatus | None) -> str:
    return status.value if status is not None else "—"


class ActionTable(DataTable[str | Text]):
    """Every action: owner, due date, status then and now, and what happened; rows keyed by
    action id, ordered by what happened (done first)."""

    HELP = "The actions, then and now. [b]s[/b] or Enter changes the highlighted one's status."

    @property
    def current_help(self) -> str:
        return _read_only_help("The actions, then and now.", self.HELP, self)

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column("Action", key="text", width=40)
        self.add_column("Owner", key="owner", width=14)
        self.add_column("Due", key="due")
        self.add_column("Then", key="then")
        self.add_column("Now", key="now")
        self.add_column("What happened", key="kind")

    def load(self, progress: Progress) -> None:
        """Show `progress`'s actions, keeping the cursor on the same action when it is there."""
        kept = self._current_key()
        self.clear()
        order = {kind: n for n, kind in enumerate(ACTION_KIND_ORDER)}
        for change in sorted(progress.actions.changes, key=lambda c: order[c.kind]):
            self.add_row(*self._cells(change), key=change.id)
        if kept is not None and kept in self.rows:
            self.move_cursor(row=self.get_row_index(kept))

    @staticmethod
    def _cells(change: ActionChange) -> tuple[str | Text, ...]:
        kind = Text(change.kind.value, style=f"bold {KIND_COLOURS[change.kind]}")
        if change.overdue and change.kind is not ActionKind.SLIPPED:
            kind.append(" · overdue", style=theme.ERROR)
        return (
            Text(one_line(change.text), overflow="ellipsis", no_wrap=True),
            change.owner,
            change.due.isoformat() if change.due else "",
            _status(change.status_then),
            _status(change.status_now),
            kind,
        )

    def _current_key(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return key

    @property
    def selected_id(self) -> str | None:
        """The id of the highlighted action."""
        return self._current_key()


class IndicatorTable(DataTable[str | Text]):
    """Every indicator: baseline, then, now, target, due, a bar towards the target and whether
    it is on track. Rows keyed by indicator id."""

    HELP = "The indicators against their targets. [b]v[/b] or Enter records a new latest value."

    @property
    def current_help(self) -> str:
        return _read_only_help("The indicators against their targets.", self.HELP, self)

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column("Indicator", key="text", width=32)
        self.add_column("Base", key="baseline")
        self.add_column("Then", key="then")
        self.add_column("Now", key="now")
        self.add_column("Target", key="target")
        self.add_column("Due", key="due")
        self.add_column("Towards target", key="bar")
        self.add_column("Status", key="status")

    def load(self, progress: Progress) -> None:
        kept = self.selected_id
        self.clear()
        for indicator in progress.indicators:
            self.add_row(*self._cells(indicator), key=indicator.id)
        if kept is not None and kept in self.rows:
            self.move_cursor(row=self.get_row_index(kept))

    @staticmethod
    def _cells(indicator: IndicatorProgress) -> tuple[str | Text, ...]:
        unit = indicator.unit
        status = Text(indicator.status, style=STATUS_COLOURS.get(indicator.status, theme.MUTED))
        return (
            Text(one_line(indicator.text), overflow="ellipsis", no_wrap=True),
            _number(indicator.baseline, unit),
            _number(indicator.then, unit),
            _number(indicator.now, unit),
            _number(indicator.target, unit),
            indicator.due.isoformat() if indicator.due else "",
            bar(indicator.progress_fraction),
            status,
        )

    @property
    def selected_id(self) -> str | None:
        """The id of the highlighted indicator."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
