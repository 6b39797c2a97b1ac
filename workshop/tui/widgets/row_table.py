"""A DataTable with a row cursor that moves without repainting every row on screen.

Textual's DataTable keys its caches of rendered lines on where the cursor is, so each move
of the cursor renders every visible row again (about 12 ms for a screenful of seven columns,
most of a key press's time). A row's look depends only on whether the cursor (or the mouse)
is on *that* row: here the caches are keyed on that alone, so a move renders the two rows
whose look changed and takes every other line from the cache.

A cell of one line of text (every cell of our lists) is drawn straight from Rich's Text, not
through the Padding and Styled renderables the DataTable wraps it in: the same segments, in a
tenth of the time (tests/tui/test_row_table.py compares the two on every kind of cell).

A key press that moves the cursor one row then finds the two rows it changes rendered already
(in the pause after the frame before), and a scroll moves the lines still in view instead of
drawing them again; the scrollbars are repainted only when they change
(tests/tui/test_row_table_scroll.py checks each scrolled view against one drawn afresh)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import Any, ClassVar, Self

from rich.cells import cell_len
from rich.console import JustifyMethod, OverflowMethod
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual._segment_tools import line_crop
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from workshop.tui.widgets.cells import one_line_widths
from workshop.tui.widgets.scroll_thumb import move_thumb

#: A place on no row (the header is row -1): what other rows are told the cursor is at.
ELSEWHERE = Coordinate(-2, 0)
#: Rows whose formatted cells are kept between frames (DataTable keeps 1,000).
ROWS_KEPT_FORMATTED = 200
#: Seconds after a cursor move to render the rows the next move will show: by then the move's
#: frame has normally been drawn and sent (were it not, the frame would find those rows
#: rendered: nothing is drawn wrong, only earlier).
RENDER_AHEAD_AFTER = 0.01
#: What Rich joins a text's wrapped lines with (one line here: it only moves the text's style
#: into a span, which Text.render then draws).
_JOIN = Text("\n")


def _on_row(where: Coordinate, row: int) -> Coordinate:
    return where if where.row == row else ELSEWHERE


class RowTable(DataTable[Any]):
    """A DataTable for row cursors whose lines are cached apart from the cursor's place."""

    #: How a one-line cell wider than its column is cut when it has no overflow of its own
    #: (None: as the console says, as DataTable cuts it; "ellipsis" ends it in "…").
    CUT: ClassVar[OverflowMethod | None] = None

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cursor_type", "row")
        super().__init__(**kwargs)
        self._frame_style: Style | None = None
        self._ahead: Timer | None = None
        self._defaults: tuple[JustifyMethod | None, OverflowMethod | None] | None = None
        # The formatted cells of a thousand rows are kept by DataTable; measuring the rows
        # as they are added fills it. A few screenfuls are all that drawing needs.
        self._row_renderable_cache = LRUCache(ROWS_KEPT_FORMATTED)

    def add_column(
        self,
        label: str | Text,
        *,
        width: int | None = None,
        key: str | None = None,
        default: Any | None = None,
    ) -> ColumnKey:
        # A str label is our own plain words, never markup: DataTable would parse it as markup,
        # and the first parse imports Rich's table of emoji codes (5–8 ms of the start-up).
        if isinstance(label, str):
            label = Text(label)
        return super().add_column(label, width=width, key=key, default=default)

    # Home and End go to the first and last item of a list, as in any list a person uses.
    # DataTable's scroll the view to its left and right edges for a row cursor, and only
    # ctrl+Home / ctrl+End reach the ends of the list. (Columns wider than the view still
    # scroll with ← and →, and a cell or column cursor keeps DataTable's Home and End.)

    def action_scroll_home(self) -> None:
        if self.cursor_type == "row":
            self.action_scroll_top()
        else:
            super().action_scroll_home()

    def action_scroll_end(self) -> None:
        if self.cursor_type == "row":
            self.action_scroll_bottom()
        else:
            super().action_scroll_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # As ScrollView does, but a move that leaves the scrollbar's thumb where it is drawn
        # leaves the scrollbar alone, and the lines still in view are moved, not drawn again
        if self.show_vertical_scrollbar:
            move_thumb(self.vertical_scrollbar, new_value)
        shift = round(new_value) - round(old_value)
        if shift:
            scrolled = self._scrolled_lines(shift)
            self.refresh(self.size.region)  # the whole view is repainted on the screen…
            if scrolled is not None:  # …with what it showed, moved, where nothing else changed
                self._styles_cache._cache, self._styles_cache._dirty_lines = scrolled

    def _scrolled_lines(self, shift: int) -> tuple[dict[int, Strip], set[int]] | None:
        """The finished lines Textual keeps of this widget (its styles cache, by line on the
        widget) and those still to be drawn again, as they stand once the view has scrolled
        `shift` rows down.

        A line of rows is a function of the row shown there; scrolled, it shows the row it
        showed `shift` lines further down. Lines still to be drawn again (marked dirty: the
        cursor's old row) are left out, and so drawn; so are the lines scrolled into view.
        The header and the widget's edges do not scroll; nor does anything of a table with
        fixed rows (then every line is drawn again, as Textual does)."""
        if self.fixed_rows:
            return None
        cache = self._styles_cache
        dirty = cache._dirty_lines
        top = self.styles.gutter.top
        first = top + (self.header_height if self.show_header else 0)
        end = top + self.scrollable_size.height  # the lines below lie under the scrollbar
        last = top + self.size.height
        kept: dict[int, Strip] = {}
        for y, strip in cache._cache.items():
            if y in dirty:
                continue
            if y < first or y >= last:
                kept[y] = strip  # the header, the border: where they were
            elif y < end and first <= y - shift < end:
                kept[y - shift] = strip
        # a line of rows missing from the cache is drawn; the others, as they were marked
        return kept, {y for y in dirty if y < first or y >= last}

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        # What the table draws lies in its scrollable region. Its scrollbars, and the corner
        # between them, are widgets of their own that repaint themselves when they change: a
        # region reaching into them (a row refreshed at the table's full width, or the whole
        # widget on a scroll) had them drawn again on every cursor move.
        if regions:
            shown = self.scrollable_size.region
            regions = tuple(region.intersection(shown) for region in regions)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @property
    def rich_style(self) -> Style:
        # DataTable.render_line asks for it on every line, and each ask walks every ancestor's
        # styles: while a frame's lines are rendered it is worked out once
        if self._frame_style is not None:
            return self._frame_style
        return super().rich_style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame_style = super().rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # DataTable measures every new cell through Rich (asking the terminal its size three
        # times a cell): 45 ms for 280 rows of eight columns. A row of one-line cells is
        # measured here from its text, as Rich would; any other row is left to DataTable,
        # which also updates the scrollable size.
        columns = self.ordered_columns
        others = []
        for row_key in new_rows:
            row = self.rows.get(row_key)
            if row is None:
                continue  # removed before it was measured
            widths = one_line_widths(self.get_row(row_key)) if row.height == 1 else None
            if widths is None or row.label is not None:
                others.append(row_key)
                continue
            for column, width in zip(columns, widths, strict=False):
                if width > column.content_width:
                    column.content_width = width
        super()._update_dimensions(others)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        lines = self._one_line_cell(row_index, column_index, base_style, width, cursor, hover)
        if lines is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        return lines

    def _one_line_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool,
        hover: bool,
    ) -> list[list[Segment]] | None:
        """A body cell of a one-line row holding one line of text, rendered as the DataTable
        renders it (`Styled(Padding(cell))` in a console of the cell's size); None for any
        other cell, which the DataTable renders itself."""
        if row_index < 0 or column_index < 0:
            return None
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        row = self.rows.get(row_key) if row_key is not None else None
        if row_key is None or column_key is None or row is None or row.height != 1:
            return None
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        cached = cache.get(key)
        if cached is not None:
            return cached
        cell = self._get_row_renderables(row_index).cells[column_index]
        padding = self.cell_padding
        inner = width - 2 * padding
        if not isinstance(cell, Text) or cell.no_wrap is False or "\n" in cell.plain or inner < 0:
            return None
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            row_index < self.fixed_rows or column_index < self.fixed_columns,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        console = self.app.console
        justify, overflow = self._text_defaults()
        justify = cell.justify or justify or "default"
        plain = cell.plain
        used = cell_len(plain)
        if justify == "default" and used <= inner and "\t" not in plain:
            # it fits as it is: what follows is what Text.wrap, Text.join and Text.render
            # come to for such a line, without the copies they make on the way
            if cell._spans or cell.style:
                line = _JOIN.join((cell,))  # as Rich does: the text's own style becomes a span
                segments = list(line.render(console, end=""))
            else:
                segments = [Segment(plain)]
            if used < inner:
                segments.append(Segment(" " * (inner - used)))
        else:
            tab_size = console.tab_size if cell.tab_size is None else cell.tab_size
            # what Text.__rich_console__ does, for one line that is never wrapped
            lines = cell.wrap(
                console,
                inner,
                justify=justify,
                overflow=cell.overflow or self.CUT or overflow or "fold",
                tab_size=tab_size or 8,
                no_wrap=True,
            )
            line = _JOIN.join(lines)  # as Rich does: the text's own style becomes a span
            segments = Segment.adjust_line_length(list(line.render(console, end="")), inner)
        if padding:  # Padding's margins carry no style of their own
            margin = Segment(" " * padding, Style.null())
            segments = [margin, *segments, margin]
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index})
        rendered = [list(Segment.apply_style(segments, pre_style + component_style, post_style))]
        cache[key] = rendered
        return rendered

    def _text_defaults(self) -> tuple[JustifyMethod | None, OverflowMethod | None]:
        """The justification and overflow the app's console gives text without its own
        (asked once: `App.console_options` asks the terminal its size each time)."""
        if self._defaults is None:
            options = self.app.console_options
            self._defaults = (options.justify, options.overflow)
        return self._defaults

    def _row_of(self, row_key: RowKey) -> int:
        index = self._row_locations.get(row_key)
        return -1 if index is None else index

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style: Style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ) -> tuple[list[list[Segment]], list[list[Segment]]]:
        if self.cursor_type == "row":
            row = self._row_of(row_key)
            cursor_location = _on_row(cursor_location, row)
            hover_location = _on_row(hover_location, row)
        return super()._render_line_in_row(
            row_key, line_no, base_style, cursor_location, hover_location
        )

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        if self.cursor_type != "row":
            return super()._render_line(y, x1, x2, base_style)
        # a hidden cursor highlights nothing: every line is then keyed as one away from it
        cursor = self.cursor_coordinate if self.show_cursor else ELSEWHERE
        return self._line_with_cursor_at(y, x1, x2, base_style, cursor)

    def watch_cursor_coordinate(self, old_coordinate: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old_coordinate, new)
        if old_coordinate != new and self.cursor_type == "row":
            self._render_ahead_soon()

    def on_focus(self, event: events.Focus) -> None:
        # the first key press in a list just focused finds its rows rendered too
        self._render_ahead_soon()

    def _render_ahead_soon(self) -> None:
        # Not as soon as the frame is sent: Textual's writer thread, which sends it to the
        # terminal, would wait for the interpreter while the rows are rendered (4 ms, not 1)
        # (one timer, restarted by each move: a new one each time costs the key press more)
        if self._ahead is None:
            self._ahead = self.set_interval(RENDER_AHEAD_AFTER, self._ahead_due, name="ahead")
        else:
            self._ahead.reset()

    def _ahead_due(self) -> None:
        if self._ahead is not None:
            self._ahead.pause()
        self._render_ahead()

    def _render_ahead(self) -> None:
        """Render, shortly after a move (`RENDER_AHEAD_AFTER`), the lines the next cursor move
        will show: the rows above and below the cursor as the cursor's row, and the cursor's
        row as any other. A key press that moves the cursor then only picks finished lines (two rows
        rendered were two thirds of its time on the screen's update); the room's pauses
        between keys pay for it. A move elsewhere (a page, a jump) renders as before."""
        if self.cursor_type != "row" or not self.show_cursor or not self.is_mounted:
            return
        # as the next frame will key its lines (DataTable reads it as each frame begins): a
        # list just focused is drawn in the focused colours
        self._pseudo_class_state = self.get_pseudo_class_state()
        cursor = self.cursor_coordinate
        x1 = self.scroll_offset.x
        x2 = x1 + self.size.width
        base_style = self.rich_style
        for row, assumed in (
            (cursor.row + 1, cursor.down()),
            (cursor.row - 1, cursor.up()),
            (cursor.row, ELSEWHERE),
        ):
            if self.is_valid_row_index(row):
                region = self._get_row_region(row)
                for y in range(region.y, region.bottom):
                    self._line_with_cursor_at(y, x1, x2, base_style, assumed)

    def _line_with_cursor_at(
        self, y: int, x1: int, x2: int, base_style: Style, cursor_at: Coordinate
    ) -> Strip:
        """Line `y` of the table (the header's lines first), as it shows with the cursor at
        `cursor_at`."""
        width = self.size.width
        try:
            row_key, line_in_row = self._get_offsets(y)
        except LookupError:
            return Strip.blank(width, base_style)
        row = self._row_of(row_key)
        cursor = _on_row(cursor_at, row)
        hover = _on_row(self.hover_coordinate, row)
        key = (
            y,
            x1,
            x2,
            width,
            cursor,
            hover,
            base_style,
            self.cursor_type,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._line_cache.get(key)
        if cached is not None:
            return cached
        fixed, scrollable = self._render_line_in_row(
            row_key, line_in_row, base_style, cursor, hover
        )
        fixed_width = sum(
            column.get_render_width(self) for column in self.ordered_columns[: self.fixed_columns]
        )
        segments = list(chain.from_iterable(fixed))
        segments += line_crop(list(chain.from_iterable(scrollable)), x1 + fixed_width, x2, width)
        strip = Strip(segments).adjust_cell_length(width, base_style).simplify()
        self._line_cache[key] = strip
        return strip
