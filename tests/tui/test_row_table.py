"""RowTable caches its lines apart from the cursor: it must still draw exactly what Textual's
DataTable draws, wherever the cursor goes, and re-render only the rows whose look changed."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable

from tests.tui.conftest import until
from workshop.tui.widgets.row_table import RowTable

ROWS = 60


class Pair(App[None]):
    CSS = "DataTable { width: 1fr; height: 12; }"
    AUTO_FOCUS = None  # a focused table is drawn in other colours: neither has the focus

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield DataTable(id="plain", cursor_type="row", zebra_stripes=True)
            yield RowTable(id="ours", zebra_stripes=True)

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_columns("#", "Text", "Score")
            for n in range(ROWS):
                table.add_row(n, Text(f"item {n} " + "word " * (n % 5)), n * 7 % 10, key=str(n))


def lines(table: DataTable[Any]) -> list[str]:
    """What the table shows on screen, with every segment's style."""
    return [
        "".join(f"{segment.text}\x00{segment.style}" for segment in table.render_line(y))
        for y in range(table.size.height)
    ]


async def test_row_table_draws_what_a_data_table_draws_wherever_the_cursor_is() -> None:
    app = Pair()
    async with app.run_test(size=(120, 20)) as pilot:
        plain = app.query_one("#plain", DataTable)
        ours = app.query_one("#ours", RowTable)
        await pilot.pause()
        assert lines(ours) == lines(plain)
        for row in [1, 2, 9, 10, 11, 30, 59, 58, 0, 5]:  # within the view, scrolling, back
            plain.move_cursor(row=row, animate=False)
            ours.move_cursor(row=row, animate=False)
            await pilot.pause()
            assert ours.cursor_row == row
            assert lines(ours) == lines(plain), f"differs with the cursor on row {row}"
        ours.show_cursor = plain.show_cursor = False
        await pilot.pause()
        assert lines(ours) == lines(plain)


def count_rendered_rows(table: DataTable[Any], rendered: list[int]) -> None:
    """Append to `rendered` each row the table renders anew (not taken from its cache)."""
    original = table._render_line_in_row

    def counting(*args: Any, **kw: Any) -> Any:
        before = len(table._row_render_cache)
        result = original(*args, **kw)
        if len(table._row_render_cache) > before:
            rendered.append(1)
        return result

    table._render_line_in_row = counting  # type: ignore[method-assign]


async def test_moving_the_cursor_renders_only_the_two_rows_it_changed() -> None:
    app = Pair()
    async with app.run_test(size=(120, 20)) as pilot:
        ours = app.query_one("#ours", RowTable)
        plain = app.query_one("#plain", DataTable)
        await pilot.pause()
        lines(ours), lines(plain)  # every visible row rendered once
        rendered: dict[str, list[int]] = {"ours": [], "plain": []}
        count_rendered_rows(ours, rendered["ours"])
        count_rendered_rows(plain, rendered["plain"])
        ours._render_ahead = lambda: None  # type: ignore[method-assign]  # (the next test's)
        ours.move_cursor(row=3)
        plain.move_cursor(row=3)
        await pilot.pause()
        lines(ours), lines(plain)
        assert len(rendered["ours"]) == 2  # the row the cursor left and the row it reached
        assert len(rendered["plain"]) > 2  # what Textual's table does: every row again


async def test_a_move_of_one_row_finds_its_lines_rendered_ahead() -> None:
    """Once a frame is on screen, the rows next to the cursor are rendered as the cursor's:
    the next key press that moves it one row renders no row at all."""
    app = Pair()
    async with app.run_test(size=(120, 20)) as pilot:
        ours = app.query_one("#ours", RowTable)
        focused: list[None] = []

        def on_focus_ahead() -> None:
            RowTable._render_ahead(ours)
            focused.append(None)

        ours._render_ahead = on_focus_ahead  # type: ignore[method-assign]
        ours.focus()
        await until(pilot, lambda: bool(focused))  # a list just focused renders ahead too
        for key, row in [("down", 1), ("down", 2), ("up", 1), *[("down", r) for r in range(2, 15)]]:
            rendered: list[int] = []
            count_rendered_rows(ours, rendered)
            ahead: list[int] = []
            original_ahead = ours._render_ahead

            def noting(
                _ahead: Any = original_ahead,
                _rendered: list[int] = rendered,
                _noted: list[int] = ahead,
            ) -> None:
                _noted.append(len(_rendered))  # rows rendered for the frame, before this
                _ahead()

            def noted(_noted: list[int] = ahead) -> bool:
                return bool(_noted)

            ours._render_ahead = noting  # type: ignore[method-assign]
            await pilot.press(key)
            await until(pilot, noted)  # a moment after the frame
            assert ours.cursor_row == row
            assert ahead == [0], f"the move to row {row} rendered {ahead} rows for its frame"
            del ours._render_ahead, ours._render_line_in_row  # back to the class's own
            shown = lines(ours)
            ours._clear_caches()  # (the plain table is not focused: it is drawn otherwise)
            assert shown == lines(ours), f"a line rendered ahead differs on row {row}"
            ours._render_ahead()  # again: the caches were emptied


def merged(lines: list[list[Any]]) -> list[list[tuple[str, Any]]]:
    """Segments with neighbours of one style joined (how a Strip simplifies them)."""
    out: list[list[tuple[str, Any]]] = []
    for line in lines:
        joined: list[tuple[str, Any]] = []
        for segment in line:
            if joined and joined[-1][1] == segment.style:
                joined[-1] = (joined[-1][0] + segment.text, segment.style)
            elif segment.text:
                joined.append((segment.text, segment.style))
        out.append(joined)
    return out


CELLS: list[Any] = [
    0,
    1234567,
    "",
    Text(""),
    Text("plain words"),
    Text("a long line of text that is wider than its column", no_wrap=True, end=""),
    Text("cut with an ellipsis at the end of the column", overflow="ellipsis", no_wrap=True),
    Text("cropped at the column's end, no ellipsis", overflow="crop"),
    Text("right", justify="right"),
    Text("centred", justify="center"),
    Text("full justified words here", justify="full"),
    Text("left justified", justify="left"),
    Text("tab\there", no_wrap=True),
    Text("宽字符的文本很长很长很长", no_wrap=True),
    Text("emoji 🎉 in the middle of a long line of words", overflow="ellipsis"),
    Text.assemble(("bold ", "bold"), ("red", "red"), " and ", ("link", "link https://x.y")),
    Text("styled whole", style="italic #ff8800"),
    Text("trailing spaces   "),
]


async def test_one_line_cells_render_as_the_data_table_renders_them() -> None:
    """The fast path for one-line text cells gives the segments Textual's own path gives, for
    every kind of cell, width, padding, cursor and hover state."""

    class One(App[None]):
        CSS = "DataTable { height: 8; }"

        def compose(self) -> ComposeResult:
            yield RowTable(id="ours", zebra_stripes=True)

    app = One()
    async with app.run_test(size=(100, 12)) as pilot:
        table = app.query_one(RowTable)
        table.add_columns(*(f"c{n}" for n in range(len(CELLS))))
        table.add_row(*CELLS, key="r0")
        table.add_row(*reversed(CELLS), key="r1")
        await pilot.pause()
        fast = 0
        for padding in (0, 1, 2):
            table.cell_padding = padding
            for fixed in (0, 2):  # fixed columns are styled apart
                table.fixed_columns = fixed
                for row in (0, 1):
                    for column in range(len(CELLS)):
                        for width in (0, 3, 6, 12, 40):
                            for cursor, hover in ((False, False), (True, False), (False, True)):
                                table._cell_render_cache.clear()
                                style = table.rich_style
                                ours = table._one_line_cell(
                                    row, column, style, width, cursor, hover
                                )
                                table._cell_render_cache.clear()
                                theirs = DataTable._render_cell(
                                    table, row, column, style, width, cursor, hover
                                )
                                if ours is None:
                                    continue
                                fast += 1
                                where = (padding, fixed, row, column, width, cursor, hover)
                                assert merged(ours) == merged(theirs), where
        # every cell takes the fast path (a str too is made a Text) where its padding fits
        fitting = sum(width >= 2 * padding for padding in (0, 1, 2) for width in (0, 3, 6, 12, 40))
        assert fast == fitting * 2 * 2 * len(CELLS) * 3


async def test_rows_are_measured_as_the_data_table_measures_them() -> None:
    """RowTable measures one-line cells itself; every column must come out as wide as
    Textual's DataTable makes it, for every kind of cell (and rows it leaves to DataTable)."""
    from workshop.tui.widgets.cells import Plain

    kinds: list[Any] = [
        *CELLS,
        None,
        3.14159,
        True,
        Plain("plain text"),
        Plain("宽字符 and 🎉"),
        Plain("two\nlines"),
        Plain("carriage\rreturn"),
        Plain("[b]not markup[/b]"),
        Text("a\nmulti-line text"),
        "[b]markup[/b] read as such",
    ]

    class Two(App[None]):
        def compose(self) -> ComposeResult:
            with Horizontal():
                yield DataTable(id="plain")
                yield RowTable(id="ours")

    app = Two()
    async with app.run_test(size=(160, 20)) as pilot:
        plain = app.query_one("#plain", DataTable)
        ours = app.query_one("#ours", RowTable)
        for table in (plain, ours):
            table.add_columns("a", "b", "c")
            for n, cell in enumerate(kinds):  # each kind in each column, beside short cells
                table.add_row(cell, Plain("x") if table is ours else Text("x"), n, key=f"a{n}")
                table.add_row(n, cell, cell, key=f"b{n}")
        await pilot.pause()
        assert [c.content_width for c in ours.ordered_columns] == [
            c.content_width for c in plain.ordered_columns
        ]
        assert ours.virtual_size == plain.virtual_size
        assert [ours.rows[k].height for k in ours.rows] == [
            plain.rows[k].height for k in plain.rows
        ]


async def test_a_column_label_is_shown_as_written_never_read_as_markup() -> None:
    """Our labels are plain words; RowTable never parses them as markup (which also keeps
    Rich's emoji table out of the start-up)."""
    app = Pair()
    async with app.run_test(size=(120, 20)) as pilot:
        ours = app.query_one("#ours", RowTable)
        key = ours.add_column("Owner [b]or[/b] :smile:", key="owner")
        await pilot.pause()
        label = ours.columns[key].label
        assert label.plain == "Owner [b]or[/b] :smile:" and not label.spans
        assert "Owner [b]or[/b] :s" in "".join(s.text for s in ours.render_line(0))


async def test_home_and_end_go_to_the_first_and_last_row() -> None:
    app = Pair()
    async with app.run_test(size=(60, 20)) as pilot:
        ours = app.query_one("#ours", RowTable)
        ours.focus()
        await pilot.press("down", "down", "end")
        assert ours.cursor_row == ROWS - 1
        assert ours.scroll_y == ours.max_scroll_y > 0  # the last row is in view
        await pilot.press("home")
        assert ours.cursor_row == 0 and ours.scroll_y == 0
        # a cell cursor keeps DataTable's: the first and last column
        ours.cursor_type = "cell"
        await pilot.press("down", "end")
        assert ours.cursor_coordinate == (1, 2)
        await pilot.press("home")
        assert ours.cursor_coordinate == (1, 0)
