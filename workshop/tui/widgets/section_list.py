"""One section of a step, rendered from its Section: title, prompt, hint, items, quick capture."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import Column, RowKey

from workshop.model.base import Item
from workshop.model.derive import gap, quadrant
from workshop.model.fields import format_value
from workshop.model.sections import FieldKind, Section, references, section
from workshop.model.session import Session
from workshop.tui.widgets.cells import Plain
from workshop.tui.widgets.row_table import RowTable

_DERIVED = {"gap": "Gap", "quadrant": "Quadrant"}


#: The column of an item's own words, and the least room it gets.
TEXT_COLUMN = "text"
TEXT_MIN = 36


def _short(text: str, width: int = 36) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


class CaptureInput(Input):
    """A quick-capture line that takes its text and empties itself the moment Enter is read.

    A plain Input submits through a binding, which runs only once the key has bubbled up to the
    app: keys typed quickly after Enter (a fast typist, a slow link, an app busy for a moment)
    reach the Input first, and the next item's words were glued onto this one. Here Enter is
    handled in the Input's own queue, in order with the letters."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # no select-all on focus: the next key would replace a capture half typed (or the
        # letter a list just handed over)
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        # a line feed ends a line as Enter does: a paste into a terminal without bracketed
        # paste brings its lines as keys, and an Input drops the line feed (lines were glued)
        if event.key in ("enter", "ctrl+j"):
            event.stop()
            event.prevent_default()
            text, self.value = self.value, ""
            self.post_message(self.Submitted(self, text))
        # any other key: Input's own handler runs next (Textual calls each class's handler)

    def _on_paste(self, event: events.Paste) -> None:
        # an Input keeps only the first line of a paste; the whole text is kept here, its lines
        # joined, so nothing pasted into the room's capture is dropped unseen
        event.stop()
        event.prevent_default()  # Input's handler would insert the first line again
        joined = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
        if joined and self.selection.is_empty:
            self.insert_text_at_cursor(joined)
        elif joined:
            self.replace(joined, *self.selection)


class SectionTable(RowTable):
    """A section's table. A letter that is no key binding starts a capture: typing a word while
    the list has the focus (the room talks, the facilitator types) goes into the capture line
    below instead of being lost.

    The items' text column takes the room the other columns leave (at least TEXT_MIN, no more
    than its longest text): on a wide screen or a projector the room's words are read whole,
    not cut at a fixed width. A text longer than the column ends in "…"."""

    CUT = "ellipsis"

    def _text_column(self) -> Column | None:
        return next((c for c in self.ordered_columns if c.key.value == TEXT_COLUMN), None)

    def fit_text(self) -> bool:
        """Size the text column for the width the table has now; True when it changed."""
        column = self._text_column()
        if column is None:
            return False
        # the scrollbar's room is kept whether it shows or not: one appearing with the rows
        # would otherwise push the last column past the edge
        room = self.size.width - self.styles.scrollbar_size_vertical - 2 * self.cell_padding
        room -= sum(c.get_render_width(self) for c in self.ordered_columns if c is not column)
        width = min(column.content_width, max(TEXT_MIN, room))
        if width == column.width:
            return False
        column.width = width
        self._clear_caches()  # every cached line was cut at the old width
        return True

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)  # the columns' content widths, then the size
        if self.fit_text():
            super()._update_dimensions(())  # the size again, with the text column's width

    def on_resize(self) -> None:
        if self.fit_text():
            super()._update_dimensions(())
            self.refresh()

    #: Once a word has started going to the capture line, the keys that follow it within
    #: this many seconds are its letters too, bindings or not.
    TYPING_GAP = 1.0

    _typing_until = 0.0

    def on_focus(self, event: events.Focus) -> None:
        # back on the list (Tab, a click, a form closed): its keys are keys again (Textual
        # calls RowTable's own on_focus as well: each class's handler in turn)
        self._typing_until = 0.0

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable or event.character is None:
            return
        typing = time.monotonic() < self._typing_until
        bound = self.app.active_bindings.get(event.key)
        if bound is not None and bound.enabled and not typing:
            return  # a, e, +, v… act as the footer says (q, refused here, is a letter)
        capture = next(iter(self.parent.query(".capture")), None) if self.parent else None
        if not isinstance(capture, Input) or capture.disabled:
            return
        event.stop()
        event.prevent_default()
        # A word typed fast reaches the list before the focus has moved: its later letters
        # (e, t, v, q, a digit…) are letters, not the list's keys ("Repairs" was saved as
        # "Rir", its e opening the edit form and its p adding a participant).
        self._typing_until = time.monotonic() + self.TYPING_GAP
        self.screen.set_focus(capture)  # at once: the keys queued next go to the capture line
        capture.insert_text_at_cursor(event.character)


class SectionList(Vertical):
    """A section's items in a table (rows updated one by one, never rebuilt on a change) and a
    quick-capture line. Announces captured text with `SectionList.Captured`; the screen edits
    the session."""

    HELP = (
        "A list of items. Type in the capture line and press Enter to add an item at once. "
        "In the table: a adds with a form, e edits, Delete removes (ctrl+z undoes), "
        "shift+up/down moves, + and - give or take a dot vote, v sorts by votes; Home and End "
        "go to the first and last item."
    )

    read_only: reactive[bool] = reactive(False)

    class Captured(Message):
        """Text typed into a section's quick-capture line."""

        def __init__(self, section_list: SectionList, text: str) -> None:
            super().__init__()
            self.section_list = section_list
            self.text = text

    def __init__(self, section_: Section, session: Session, **kwargs: Any) -> None:
        super().__init__(classes="section-list", id=f"section-{section_.key}", **kwargs)
        self.section = section_
        self.session = session
        self.by_votes = False

    def compose(self) -> ComposeResult:
        yield Static(self.section.title, classes="section-title")
        yield Static(self.section.prompt, classes="section-prompt")
        yield Static(self.section.hint, classes="section-hint")
        table = SectionTable(cursor_type="row", zebra_stripes=True, id=f"table-{self.section.key}")
        yield table
        yield CaptureInput(
            placeholder=f"Capture: type and press Enter — {self.section.title.lower()}",
            id=f"capture-{self.section.key}",
            classes="capture",
        )

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one(DataTable)

    @property
    def items(self) -> list[Any]:
        return self.section.items(self.session)

    def on_mount(self) -> None:
        table = self.table
        table.add_column("#", key="#")
        table.add_column("Votes", key="votes")
        for name in self.section.columns:
            label = _DERIVED.get(name) or self.section.field(name).label
            # the text column's width is set by SectionTable.fit_text once it is laid out
            table.add_column(label, key=name, width=TEXT_MIN if name == TEXT_COLUMN else None)
        table.add_column("By", key="raised_by")
        self.reload()

    def watch_read_only(self, read_only: bool) -> None:
        self.query_one(".capture", Input).disabled = read_only

    # -- rows ----------------------------------------------------------------------------------

    def cells(self, position: int, item: Item) -> list[Any]:
        row: list[Any] = [position, item.votes]
        # Plain, not str: a DataTable reads a str cell as markup (see Plain)
        for name in self.section.columns:
            row.append(Plain(self.cell(item, name)))
        row.append(Plain(self.session.participant_name(item.raised_by)))
        return row

    def cell(self, item: Item, name: str) -> str:
        if name == "gap":
            value = gap(item)  # type: ignore[arg-type]
            return "" if value is None else f"{value:+d}"
        if name == "quadrant":
            found = quadrant(item)  # type: ignore[arg-type]
            return "" if found is None else str(found.value)
        spec = self.section.field(name)
        value = getattr(item, name, None)
        if spec.kind in (FieldKind.REF, FieldKind.REFS) and spec.ref is not None:
            ids = references(item, spec)
            texts = {i.id: i.text for i in section(spec.ref).items(self.session)} if ids else {}
            # an item it names that was deleted is said to be missing (as `workshop show` does)
            return ", ".join(_short(str(texts.get(i, f"(missing {i})")), 24) for i in ids)
        if name == TEXT_COLUMN:  # whole, on one line: the column cuts it to the room it has
            return " ".join(format_value(spec, value).split())
        if spec.kind is FieldKind.LONG:
            return _short(format_value(spec, value))
        return format_value(spec, value)

    def reload(self) -> None:
        """Rebuild the table from the items (on load and after an undo only)."""
        table = self.table
        table.clear()
        for n, item in enumerate(self.items, 1):
            table.add_row(*self.cells(n, item), key=item.id)
        self._sort()

    def add_row(self, item: Item) -> None:
        self.table.add_row(*self.cells(len(self.items), item), key=item.id)
        self._sort()
        self.table.move_cursor(row=self.table.get_row_index(item.id))
        # the table grew: keep the capture line being typed in on screen
        self.call_after_refresh(self._capture_in_view)

    def _capture_in_view(self) -> None:
        capture = self.query_one(".capture", Input)
        if capture.has_focus:
            capture.scroll_visible(animate=False)

    def update_row(self, item: Item) -> None:
        """Refresh one row's cells in place."""
        position = self.items.index(item) + 1
        for column, value in zip(self.table.columns, self.cells(position, item), strict=True):
            # update_width: a cell filled in later (a quadrant, who raised it) is shown whole
            self.table.update_cell(item.id, column, value, update_width=True)
        self._sort()

    def remove_row(self, item_id: str, from_position: int) -> None:
        self.table.remove_row(item_id)
        self.renumber(from_position)

    def renumber(self, from_position: int = 0) -> None:
        """Update the '#' column from a position on (after a delete or a move)."""
        for n, item in enumerate(self.items[from_position:], from_position + 1):
            self.table.update_cell(item.id, "#", n, update_width=True)
        self._sort()

    def toggle_sort(self) -> bool:
        item = self.highlighted()
        self.by_votes = not self.by_votes
        self._sort()
        if item is not None:
            self.focus_item(item.id)
        return self.by_votes

    def _sort(self) -> None:
        if self.by_votes:
            self.table.sort("votes", "#", key=lambda row: (-row[0], row[1]))
        else:
            self.table.sort("#")

    def highlighted(self) -> Item | None:
        """The item under the table's cursor, if any."""
        table = self.table
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0))
        for item in self.items:
            if item.id == row_key.value:
                return item  # type: ignore[no-any-return]
        return None

    def focus_item(self, item_id: str) -> None:
        self.table.move_cursor(row=self.table.get_row_index(item_id))

    @on(Input.Submitted, ".capture")
    def _captured(self, event: Input.Submitted) -> None:
        event.stop()
        # the CaptureInput emptied itself already; clearing it here would wipe what was typed
        # after Enter
        text = event.value.strip()
        if text:
            self.post_message(self.Captured(self, text))
