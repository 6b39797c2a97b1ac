"""The home screen: every group and its sessions; start, open, review, follow up, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from workshop.errors import LockedByOther, WorkshopError
from workshop.store import GroupSummary, SessionSummary, Store
from workshop.tui.screens.base import WorkshopScreen
from workshop.tui.screens.home_changes import HomeChanges
from workshop.tui.screens.home_detail import (
    Row,
    add_columns,
    detail_of,
    empty_message,
    group_rows,
)
from workshop.tui.widgets.row_table import RowTable
from workshop.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from collections.abc import Iterator


#: Below this width the table drops the facilitator and shortens the steps' column.
WIDE = 110
#: Rows listed before the first frame when the app opens, at most: one per line of the
#: terminal (more than the table shows), up to this. The rest follow right after it (150
#: rows for 50 groups: a tenth of the time to the first frame).
FIRST_ROWS = 60


def session_screen(store: Store, group_id: str, session_id: str, read_only: bool) -> Screen[Any]:
    """The session screen, imported when first needed so the app starts fast."""
    from workshop.tui.screens.session import SessionScreen

    return SessionScreen(store, group_id, session_id, read_only=read_only)


class HomeScreen(HomeChanges, WorkshopScreen[None]):
    """The groups and their sessions. Refreshes whenever it comes back into view."""

    CSS_PATH = "home.tcss"
    HELP = (
        "Every group and its sessions. Move with the arrow keys; [b]Enter[/b] opens a session to "
        "run it, [b]r[/b] opens it read-only. [b]n[/b] starts a session; [b]f[/b] starts the next "
        "session of a group from the selected one, carrying its work forward. [b]d[/b] deletes "
        "(undo with [b]u[/b])."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open",
            "Open",
            key_display="⏎",
            priority=True,
            id="home.open",
            tooltip="Open the selected session to run it; every change is saved as you go.",
        ),
        Binding(
            "o",
            "open",
            "Open",
            show=False,
            id="home.open_o",
            tooltip="Open the selected session to run it.",
        ),
        Binding(
            "r",
            "review",
            "Review",
            id="home.review",
            tooltip="Open the selected session read-only: nothing can be changed.",
        ),
        Binding(
            "n",
            "new_session",
            "New",
            id="home.new",
            tooltip="Start a new session, in one of the groups or a new group.",
        ),
        Binding(
            "f",
            "follow_up",
            "Follow-up",
            id="home.follow_up",
            tooltip="Start the group's next session from the selected one, with all its work.",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="home.delete",
            tooltip="Delete the selected session (u brings it back), or a group left empty.",
        ),
        Binding(
            "c",
            "close",
            "Close/reopen",
            id="home.close",
            # kept off the footer, which has no room left at 80 columns: F1 and ctrl+p list it
            show=False,
            tooltip="Mark the selected session closed (the workshop is over), or reopen it.",
        ),
        Binding(
            "u",
            "undo",
            "Undo delete",
            id="home.undo",
            tooltip="Bring back the session deleted last.",
        ),
        Binding(
            "g",
            "refresh",
            "Refresh",
            id="home.refresh",
            tooltip="Read the data folder again (after `workshop demo` or another editor).",
        ),
    ]

    def __init__(self, store: Store, read_only: bool = False, select: str | None = None) -> None:
        super().__init__()
        self.store = store
        #: The row the cursor starts on (the session just left, when the app opened on it).
        self._select = select
        #: Started for review only: nothing can be created, changed or deleted from here.
        self.read_only = read_only
        self.groups: list[GroupSummary] = []
        self._rows: dict[str, Row] = {}
        self._wide: bool | None = None
        #: Counts the fills of the table: rows still to add belong to the last one only.
        self._fills = 0
        #: Deleted sessions, last deleted last: (group id, session id, how it is named).
        self._deleted: list[tuple[str, str, str]] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="empty")
        yield RowTable(id="sessions", zebra_stripes=False)
        yield Static(id="detail")
        yield Footer()

    # -- the listing -------------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        select, self._select = self._select, None
        self.refresh_groups(select)

    def on_resize(self) -> None:
        wide = self.size.width >= WIDE
        self.query_one(Footer).compact = not wide
        if self._wide is not None and self._wide != wide:
            self._fill()

    def refresh_groups(self, select: str | None = None) -> None:
        """Read the data folder again and show it, keeping the cursor where it was (or on the
        row with key `select`)."""
        error = None
        try:
            self.groups = self.store.list_groups()
        except WorkshopError as problem:
            self.groups, error = [], str(problem)
        self._fill(select, error)

    def _fill(self, select: str | None = None, error: str | None = None) -> None:
        table = self.query_one("#sessions", DataTable)
        previous = self._current_key()
        wide = self.size.width >= WIDE if self.size.width else True
        if wide != self._wide:
            self._wide = wide
            table.clear(columns=True)
            add_columns(table, max(self.size.width or 120, 60), wide)
        else:
            table.clear()
        self._rows = {}
        self._fills += 1
        rows = (row for summary in self.groups for row in group_rows(summary, wide))
        # On the first fill with nowhere in particular to go, a screenful first: the rest is
        # added once the first frame is out (if that screenful has a session to start on).
        first = self._fills == 1 and select is None and previous is None
        screenful = min(FIRST_ROWS, self.app.size.height or FIRST_ROWS)
        if not self._add_rows(table, rows, screenful if first else None):
            if any(row.session for row in self._rows.values()):
                self.call_after_refresh(self._add_rest, rows, self._fills)
            else:
                self._add_rows(table, rows, None)
        self._show_empty(not self.groups, error)
        keys = list(self._rows)
        target = select if select in self._rows else previous
        if target in self._rows:
            table.move_cursor(row=keys.index(target), animate=False)
        elif keys:
            # First session rather than the first group heading: it is what Enter opens.
            first_session = next((i for i, k in enumerate(keys) if self._rows[k].session), 0)
            table.move_cursor(row=first_session, animate=False)
        self._show_detail()
        self.refresh_bindings()

    def _add_rows(
        self, table: DataTable[Any], rows: Iterator[tuple[str, list[Any], Row]], limit: int | None
    ) -> bool:
        """Add `rows` to the table (at most `limit`); whether none is left."""
        for key, cells, row in rows:
            table.add_row(*cells, key=key)
            self._rows[key] = row
            if limit is not None and len(self._rows) >= limit:
                return False
        return True

    def _add_rest(self, rows: Iterator[tuple[str, list[Any], Row]], fill: int) -> None:
        if fill == self._fills:  # else the table was filled again since
            self._add_rows(self.query_one("#sessions", DataTable), rows, None)

    def _show_empty(self, empty: bool, error: str | None) -> None:
        self.query_one("#sessions").display = not empty
        self.query_one("#detail").display = not empty
        box = self.query_one("#empty", Static)
        box.display = empty
        if empty:
            box.update(empty_message(self.store.data_dir, error))

    # -- the selected row --------------------------------------------------------------------

    def _current_key(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if not self._rows or table.row_count == 0:
            return None
        try:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        except Exception:  # the cursor is outside the table (it was just cleared)
            return None
        return row_key.value

    @property
    def selected(self) -> Row | None:
        """The row under the cursor, if any."""
        key = self._current_key()
        return self._rows.get(key) if key else None

    def _selected_session(self) -> tuple[GroupSummary, SessionSummary] | None:
        row = self.selected
        if row is None or row.session is None:
            return None
        return row.group, row.session

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        self._show_detail()
        self.refresh_bindings()

    def _show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        row = self.selected
        detail.update(detail_of(row, self.store.data_dir, wide=self._wide is not False))
        # why a file cannot be read, and what to do, is read whole: wrapped, not cut
        detail.set_class(row is not None and row.group.group is None, "-unreadable")

    # -- actions -----------------------------------------------------------------------------

    _EDITS = frozenset({"open", "new_session", "follow_up", "delete", "undo", "close"})
    _NEED_SESSION = frozenset({"open", "review", "follow_up", "delete", "close"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in self._EDITS:
            return False
        if action == "undo":
            return bool(self._deleted)
        if action == "delete" and self._empty_group() is not None:
            return True  # a group with no session left: d takes it off the list
        if action in self._NEED_SESSION and self._selected_session() is None:
            # hidden while there is no session at all; dimmed when a group heading is selected
            return None if any(row.session for row in self._rows.values()) else False
        return True

    def action_refresh(self) -> None:
        self.refresh_groups()

    def action_open(self) -> None:
        chosen = self._selected_session()
        if chosen is None:
            return
        group, session = chosen
        assert group.group is not None
        try:
            self.store.edit(group.group.id).close()  # is anyone else editing it?
        except LockedByOther as locked:
            self._offer_review(locked, group.group.id, session.id)
            return
        except WorkshopError as error:
            self.notify(str(error), title="Cannot open it", severity="error")
            return
        self.open_session(group.group.id, session.id, read_only=False)

    def action_review(self) -> None:
        chosen = self._selected_session()
        if chosen is not None and chosen[0].group is not None:
            self.open_session(chosen[0].group.id, chosen[1].id, read_only=True)

    def open_session(self, group_id: str, session_id: str, read_only: bool) -> None:
        """Push the session screen (read-only when asked, or when this screen is)."""
        try:
            screen = session_screen(self.store, group_id, session_id, read_only or self.read_only)
        except WorkshopError as error:
            self.notify(str(error), title="Cannot open it", severity="error")
            self.refresh_groups()
            return
        self.app.push_screen(screen)

    def _offer_review(self, locked: LockedByOther, group_id: str, session_id: str) -> None:
        from workshop.tui.dialogs.confirm import ConfirmDialog

        since = f" since {locked.since.astimezone():%H:%M on %d %b}" if locked.since else ""
        question = (
            f"'{locked.group}' is being edited by {locked.holder}{since}.\n"
            "Only one editor at a time can change a group. Open it read-only instead?"
        )

        def answered(review: bool | None) -> None:
            if review:
                self.open_session(group_id, session_id, read_only=True)

        self.app.push_screen(
            ConfirmDialog("Being edited elsewhere", question, "Review read-only", "Cancel"),
            answered,
        )
