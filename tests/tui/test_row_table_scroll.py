"""Scrolling a RowTable repaints its rows, and its scrollbars only when they change: the
terminal must still end up showing exactly a full render of the screen."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.scrollbar import ScrollBar, ScrollBarCorner
from textual.widget import Widget

from tests.tui.test_compositor import VirtualTerminal, full_render, watch
from workshop.tui.screens.base import WorkshopScreen
from workshop.tui.widgets.row_table import Plain, RowTable, move_thumb

ROWS = 1000
SIZE = (60, 16)


class ListScreen(WorkshopScreen[None]):
    """A list longer and wider than its view: both scrollbars and the corner are shown."""

    DEFAULT_CSS = "RowTable { height: 12; }"

    def compose(self) -> ComposeResult:
        yield RowTable(id="list", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.add_columns("#", "What the room said")
        for n in range(ROWS):
            table.add_row(n, Plain(f"item {n}: " + "a long remark " * 6), key=str(n))
        table.focus()


class LongList(App[None]):
    def get_default_screen(self) -> ListScreen:
        return ListScreen()


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
        asked: list[Widget] = []
        original = Widget.render_lines

        def spy(self: Widget, crop: Any) -> Any:
            asked.append(self)
            return original(self, crop)

        monkeypatch.setattr(Widget, "render_lines", spy)
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
        assert terminal.cells == full_render(app.screen._compositor)

        # all the way down and back up: the thumb at both ends, drawn where it belongs
        await pilot.press("end")
        await pilot.pause()
        assert terminal.cells == full_render(app.screen._compositor)
        await pilot.press("home", "pagedown", "down")
        await pilot.pause()
        assert terminal.cells == full_render(app.screen._compositor)


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
