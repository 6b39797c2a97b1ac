"""The review's tables: actions with what happened to them, indicators with a bar towards
their target. Each table only translates a Progress into rows; the screen does the editing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

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
    "behind, and worse": theme.ERROR,
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


#: A column: its label, its key, its width (None: as wide as its cells).
Column = tuple[str, str, int | None]
#: Below this many columns of screen (a projector's 80), the tables put what tells most first.
NARROW_BELOW = 110


class ReviewTable(DataTable[str | Text]):
    """A review table whose columns are laid out for the screen's width: on a narrow one (a
    projector at 80 columns) the columns that say most come first and the text column is
    narrower, so what happened is on screen, not past its right edge. Rows keyed by id."""

    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    #: The same columns, in the order and widths of a narrow screen.
    NARROW: ClassVar[tuple[Column, ...]] = ()

    narrow = False
    #: The rows shown, by key, each cell by its column's key: laid out again by `fit`.
    _shown: tuple[tuple[str, dict[str, str | Text]], ...] = ()

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.narrow = self.app.size.width < NARROW_BELOW
        self._add_columns()

    def _add_columns(self) -> None:
        for label, key, width in self.NARROW if self.narrow else self.COLUMNS:
            self.add_column(label, key=key, width=width)

    def fit(self, width: int) -> None:
        """Lay the columns out for a screen `width` wide (the rows are drawn again)."""
        narrow = width < NARROW_BELOW
        if narrow == self.narrow:
            return
        self.narrow = narrow
        kept = self.selected_id  # the clear below moves the cursor to the top
        self.clear(columns=True)
        self._add_columns()
        self.show_rows(self._shown)
        if kept is not None and kept in self.rows:
            self.move_cursor(row=self.get_row_index(kept))

    def show_rows(self, rows: Iterable[tuple[str, dict[str, str | Text]]]) -> None:
        """Show `rows` (key, cells by column key), keeping the cursor on the same row when it
        is there."""
        self._shown = tuple(rows)
        kept = self.selected_id
        self.clear()
        keys = [key for _, key, _ in (self.NARROW if self.narrow else self.COLUMNS)]
        for row_key, cells in self._shown:
            self.add_row(*(cells[key] for key in keys), key=row_key)
        if kept is not None and kept in self.rows:
            self.move_cursor(row=self.get_row_index(kept))

    @property
    def selected_id(self) -> str | None:
        """The id of the highlighted row."""
        if not self.row_count:
            return None
        key: str | None = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return key


class ActionTable(ReviewTable):
    """Every action: owner, due date, status then and now, and what happened; ordered by what
    happened (done first)."""

    HELP = "The actions, then and now. [b]s[/b] or Enter changes the highlighted one's status."
    COLUMNS = (
        ("Action", "text", 40),
        ("Owner", "owner", 14),
        ("Due", "due", None),
        ("Then", "then", None),
        ("Now", "now", None),
        ("What happened", "kind", None),
    )
    NARROW = (
        ("Action", "text", 24),
        ("Now", "now", None),
        ("What happened", "kind", None),
        ("Due", "due", None),
        ("Owner", "owner", 12),
        ("Then", "then", None),
    )

    @property
    def current_help(self) -> str:
        return _read_only_help("The actions, then and now.", self.HELP, self)

    def load(self, progress: Progress) -> None:
        """Show `progress`'s actions, ordered by what happened."""
        order = {kind: n for n, kind in enumerate(ACTION_KIND_ORDER)}
        changes = sorted(progress.actions.changes, key=lambda c: order[c.kind])
        self.show_rows((change.id, self._cells(change)) for change in changes)

    @staticmethod
    def _cells(change: ActionChange) -> dict[str, str | Text]:
        kind = Text(change.kind.value, style=f"bold {KIND_COLOURS[change.kind]}")
        if change.overdue and change.kind is not ActionKind.SLIPPED:
            kind.append(" · overdue", style=theme.ERROR)
        return {
            "text": Text(one_line(change.text), overflow="ellipsis", no_wrap=True),
            "owner": change.owner,
            "due": change.due.isoformat() if change.due else "",
            "then": _status(change.status_then),
            "now": _status(change.status_now),
            "kind": kind,
        }


class IndicatorTable(ReviewTable):
    """Every indicator: baseline, then, now, target, due, a bar towards the target and whether
    it is on track."""

    HELP = "The indicators against their targets. [b]v[/b] or Enter records a new latest value."
    COLUMNS = (
        ("Indicator", "text", 32),
        ("Base", "baseline", None),
        ("Then", "then", None),
        ("Now", "now", None),
        ("Target", "target", None),
        ("Due", "due", None),
        ("Towards target", "bar", None),
        ("Status", "status", None),
    )
    NARROW = (
        ("Indicator", "text", 22),
        ("Now", "now", None),
        ("Target", "target", None),
        ("Status", "status", None),
        ("Due", "due", None),
        ("Towards target", "bar", None),
        ("Base", "baseline", None),
        ("Then", "then", None),
    )

    @property
    def current_help(self) -> str:
        return _read_only_help("The indicators against their targets.", self.HELP, self)

    def load(self, progress: Progress) -> None:
        """Show `progress`'s indicators."""
        self.show_rows((i.id, self._cells(i)) for i in progress.indicators)

    @staticmethod
    def _cells(indicator: IndicatorProgress) -> dict[str, str | Text]:
        unit = indicator.unit
        status = Text(indicator.status, style=STATUS_COLOURS.get(indicator.status, theme.MUTED))
        return {
            "text": Text(one_line(indicator.text), overflow="ellipsis", no_wrap=True),
            "baseline": _number(indicator.baseline, unit),
            "then": _number(indicator.then, unit),
            "now": _number(indicator.now, unit),
            "target": _number(indicator.target, unit),
            "due": indicator.due.isoformat() if indicator.due else "",
            "bar": bar(indicator.progress_fraction),
            "status": status,
        }
