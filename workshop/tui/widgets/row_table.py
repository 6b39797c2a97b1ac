"""A DataTable with a row cursor that moves without repainting every row on screen.

Textual's DataTable keys its caches of rendered lines on where the cursor is, so each move
of the cursor renders every visible row again (about 12 ms for a screenful of seven columns,
most of a key press's time). A row's look depends only on whether the cursor (or the mouse)
is on *that* row: here the caches are keyed on that alone, so a move renders the two rows
whose look changed and takes every other line from the cache."""

from __future__ import annotations

from itertools import chain
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual._segment_tools import line_crop
from textual.coordinate import Coordinate
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets._data_table import RowKey

#: A place on no row (the header is row -1): what other rows are told the cursor is at.
ELSEWHERE = Coordinate(-2, 0)


def _on_row(where: Coordinate, row: int) -> Coordinate:
    return where if where.row == row else ELSEWHERE


class RowTable(DataTable[Any]):
    """A DataTable for row cursors whose lines are cached apart from the cursor's place."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cursor_type", "row")
        super().__init__(**kwargs)

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
        width = self.size.width
        try:
            row_key, line_in_row = self._get_offsets(y)
        except LookupError:
            return Strip.blank(width, base_style)
        row = self._row_of(row_key)
        # a hidden cursor highlights nothing: every line is then keyed as one away from it
        cursor = _on_row(self.cursor_coordinate, row) if self.show_cursor else ELSEWHERE
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
