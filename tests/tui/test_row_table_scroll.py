"""Scrolling a RowTable repaints its rows, and its scrollbars only when they change: the
terminal must still end up showing exactly a full render of the screen."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.scrollbar import ScrollBar, ScrollBarCorner
from textual.widget import Widget

from tests.tui.test_compositor import (
    VirtualTerminal,
    full_render,
    watch,
    widgets_asked_for_lines,
)
from workshop.tui.screens.base import WorkshopScreen
from workshop.tui.widgets.cells import Plain
from workshop.tui.widgets.row_table import RowTable
from workshop.tui.widgets.scroll_thumb import move_thumb

ROWS = 1000
SIZE = (60, 16)


class ListScreen(WorkshopScreen[None]):
    """A list longer and wider than its view: both scrollbars and the corner are shown."""

    DEFAULT_CSS = "RowTable { height: 12; }"

    def __init__(self, css: str = "", fixed_rows: int = 0, header: bool = True) -> None:
        super().__init__()
        self.css, self.fixed_rows, self.header = css, fixed_rows, header

    def compose(self) -> ComposeResult:
        table = RowTable(id="list", zebra_stripes=True, fixed_rows=self.fixed_rows)
        table.show_header = self.header
        if self.css:
            table.set_styles(self.css)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.add_columns("#", "What the room said")
        for n in range(ROWS):
            table.add_row(n, Plain(f"item {n}: " + "a long remark " * 6), key=str(n))
        table.focus()


def drawn_afresh(app: App[None]) -> list[list[tuple[str, Any]]]:
    """The whole screen drawn with no line kept from before (every widget's styles cache
    emptied): what the lines moved on a scroll must equal."""
    for widget in app.screen.walk_children(with_self=True):
        if isinstance(widget, Widget):
            widget._styles_cache.clear()
    return full_render(app.screen._compositor)


class LongList(App[None]):
    def __init__(self, **screen: Any) -> None:
        super().__init__()
        self.screen_options = screen

    def get_default_screen(self) -> ListScreen:
        return ListScreen(**self.screen_options)


async def test_scrolling_repaints_the_scrollbar_only_when_its_thumb_moves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = LongList()
    terminal = VirtualTerminal(*SIZE)
    watch(app, terminal)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RowTable)
        await pilot.pause()
        assert table.show_vertical_scrollbar and table.show_horizontal_scrollbar
        asked = widgets_asked_for_lines(monkeypatch)
        presses = 60
        for _ in range(presses):
            await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == presses and table.scroll_y > 40
        vertical = [w for w in asked if isinstance(w, ScrollBar) and w.vertical]
        # the thumb of a 1,000-row list moves an eighth of a cell every ten rows or so
        assert 1 <= len(vertical) < presses // 4
        assert not [w for w in asked if isinstance(w, ScrollBar) and not w.vertical]
        assert not [w for w in asked if isinstance(w, ScrollBarCorner)]
        assert terminal.cells == full_render(app.screen._compositor) == drawn_afresh(app)

        # all the way down and back up: the thumb at both ends, drawn where it belongs
        await pilot.press("end")
        await pilot.pause()
        assert terminal.cells == full_render(app.screen._compositor) == drawn_afresh(app)
        await pilot.press("home", "pagedown", "down")
        await pilot.pause()
        assert terminal.cells == full_render(app.screen._compositor) == drawn_afresh(app)


async def test_a_thumb_move_is_repainted_and_a_move_within_its_cell_is_not() -> None:
    app = LongList()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RowTable)
        await pilot.pause()
        bar = table.vertical_scrollbar
        await pilot.pause()
        bar._repaint_required = False
        move_thumb(bar, 1)  # a row down: the thumb stays in the same eighth of a cell
        assert bar.position == 1 and not bar._repaint_required
        move_thumb(bar, table.max_scroll_y)  # to the end: the thumb is drawn at the bottom
        assert bar.position == table.max_scroll_y and bar._repaint_required


@pytest.mark.parametrize(
    "options",
    [
        {"css": "height: 14; border: round green; padding: 1 2;"},
        {"fixed_rows": 2},
        {"header": False},
    ],
    ids=["border-and-padding", "fixed-rows", "no-header"],
)
async def test_a_scrolled_view_shows_what_a_fresh_drawing_shows(options: dict[str, Any]) -> None:
    app = LongList(**options)
    terminal = VirtualTerminal(*SIZE)
    watch(app, terminal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # a row at a time past the bottom, a page, back up past the top, a jump, a vote-like
        # change of one row while scrolling
        for keys in (["down"] * 15, ["pagedown"], ["up"] * 14, ["end"], ["up"] * 3):
            await pilot.press(*keys)
            await pilot.pause()
            assert terminal.cells == drawn_afresh(app), f"after {keys}"
        table = app.query_one(RowTable)
        table.update_cell_at(table.cursor_coordinate, 0)
        await pilot.press("up")
        await pilot.pause()
        assert terminal.cells == drawn_afresh(app)
