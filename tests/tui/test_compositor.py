"""The partial compositor redraws less, never differently: every update the app sends is
replayed on a virtual terminal, which must then show exactly a full render of the screen."""

from __future__ import annotations

from typing import Any, cast

from rich.console import Console
from rich.segment import ControlType
from textual._compositor import Compositor
from textual.widgets import DataTable

from tests.tui.conftest import AppFactory, SessionFactory
from workshop.model import Expectation, Session
from workshop.tui.compositor import PartialCompositor
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.session import SessionScreen

Cell = tuple[str, Any]


class VirtualTerminal:
    """A grid of cells that applies the updates an app writes, as a terminal would."""

    def __init__(self, width: int, height: int) -> None:
        self.console = Console(width=width, height=height, legacy_windows=False)
        self.cells: list[list[Cell]] = [[(" ", None)] * width for _ in range(height)]
        self.updates = 0

    def apply(self, update: Any) -> None:
        self.updates += 1
        x = y = 0
        for segment in self.console.render(update):
            if segment.control:
                for control in segment.control:
                    if control[0] == ControlType.CURSOR_MOVE_TO:
                        move = cast(tuple[ControlType, int, int], control)
                        x, y = int(move[1]), int(move[2])
                continue
            if segment.text == "\n":
                continue  # every line of an update starts with a move
            for char in segment.text:
                self.cells[y][x] = (char, segment.style)
                x += 1


def full_render(compositor: Compositor) -> list[list[Cell]]:
    """The whole screen as Textual's own compositor draws it (a full frame from ours would
    go through the very code under test: Textual always passes a crop)."""
    ours = compositor.__class__
    compositor.__class__ = Compositor
    try:
        return [
            [(char, segment.style) for segment in strip for char in segment.text]
            for strip in compositor.render_strips()
        ]
    finally:
        compositor.__class__ = ours


def watch(app: Any, terminal: VirtualTerminal) -> None:
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        if renderable is not None and screen is app.screen:
            terminal.apply(renderable)
        original(screen, renderable)

    app._display = display


def widgets_asked_for_lines(monkeypatch: Any) -> list[Any]:
    """From now on, every widget asked for lines, in order (once per ask)."""
    from textual.widget import Widget

    asked: list[Widget] = []
    original = Widget.render_lines

    def spy(self: Widget, crop: Any) -> Any:
        asked.append(self)
        return original(self, crop)

    monkeypatch.setattr(Widget, "render_lines", spy)
    return asked


async def test_partial_updates_leave_the_terminal_showing_the_full_frame(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    def many(session: Session) -> None:
        session.research.expectations = [
            Expectation(text=f"Expectation number {n} said in the room", importance=n % 5 + 1)
            for n in range(80)
        ]

    _, session = make_session("Compositor", fill=many)
    app = app_factory()
    terminal = VirtualTerminal(120, 36)
    watch(app, terminal)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and isinstance(home._compositor, PartialCompositor)
        await pilot.press("up", "down")  # the heading, then the session again
        await pilot.pause()
        assert terminal.cells == full_render(home._compositor)

        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert isinstance(screen._compositor, PartialCompositor)
        table = next(t for t in screen.query(DataTable) if t.row_count == 80)
        table.focus()
        await pilot.pause()
        before = terminal.updates
        # moving within the view, scrolling it, back, a page: each a partial update
        await pilot.press(*["down"] * 25, "pagedown", *["up"] * 5)
        await pilot.pause()
        assert terminal.updates > before
        assert table.cursor_row > 20  # it moved, and the view scrolled
        assert terminal.cells == full_render(screen._compositor)
        await pilot.press("end", "home")  # to the last item and back to the first
        await pilot.pause()
        assert table.cursor_row == 0
        assert terminal.cells == full_render(screen._compositor)

        # a notification over the list while the cursor moves, and after it has gone
        app.notify("A toast over the list", timeout=0.5)
        await pilot.press("down", "down")
        await pilot.pause()
        assert terminal.cells == full_render(screen._compositor)
        await pilot.pause(0.8)
        assert terminal.cells == full_render(screen._compositor)

        # a dialog opened over the screen and closed; votes and a sort by votes
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("plus", "plus", "v")
        await pilot.pause()
        assert terminal.cells == full_render(screen._compositor)

        # typing into the capture line and adding an item, then another step and back
        table.focus()
        await pilot.pause()
        await pilot.press("n", "e", "w", "enter")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert terminal.cells == full_render(screen._compositor)
    assert session.id


async def test_a_cursor_move_asks_nothing_of_the_widgets_hidden_behind_the_list(
    app_factory: AppFactory, make_session: SessionFactory, monkeypatch: Any
) -> None:
    """Each piece of a line is drawn by the front-most widget there: none of the containers
    behind the list (its section, the step's tab, the tab pane, the tabs, the screen) is asked
    for lines on a cursor move."""
    from textual.widget import Widget
    from textual.widgets import TabbedContent, TabPane

    from workshop.tui.widgets.section_list import SectionList

    def many(session: Session) -> None:
        session.research.expectations = [
            Expectation(text=f"Expectation {n}", importance=n % 5 + 1) for n in range(80)
        ]

    _, session = make_session("Hidden", fill=many)
    app = app_factory(session_ref=session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = next(t for t in app.screen.query(DataTable) if t.row_count == 80)
        table.focus()
        await pilot.press("down", "down")
        await pilot.pause()
        asked = widgets_asked_for_lines(monkeypatch)
        await pilot.press(*["down"] * 20)  # within the view, then scrolling it
        await pilot.pause()
        assert table in asked
        # every container behind it: the section, the step's scrolling tab (whose padding
        # shows beside the list, outside the changed columns), the tab pane, the tabs…
        behind = [w for w in table.ancestors if isinstance(w, Widget)]
        assert sum(isinstance(w, SectionList | TabPane | TabbedContent) for w in behind) == 3
        for widget in behind:
            assert widget not in asked, f"{widget!r} was asked for lines it could not show"


def test_a_container_is_hidden_only_where_the_update_can_show_nothing_of_it() -> None:
    """A container from column 0 to 94, a list in front of it from 1 to 91, lines cut at
    0, 1, 91, 94 and 120: on an update of columns 1–91 the container shows nothing; on one
    that reaches column 0, or a line the list does not cover, it must be drawn."""
    from textual.geometry import Region

    compositor = PartialCompositor()
    compositor._cuts = [[0, 1, 91, 94, 120] for _ in range(3)]
    container = Region(0, 0, 94, 3)
    in_front = [Region(1, 0, 90, 3)]
    assert compositor._hidden(container, in_front, crop_left=1, crop_right=91)
    assert not compositor._hidden(container, in_front, crop_left=0, crop_right=91)
    assert not compositor._hidden(container, in_front, crop_left=1, crop_right=93)
    assert not compositor._hidden(container, [Region(1, 0, 90, 2)], crop_left=1, crop_right=91)
    assert not compositor._hidden(container, [], crop_left=1, crop_right=91)
    # two regions in front, one above the other, cover it as one does
    stacked = [Region(1, 0, 90, 1), Region(1, 1, 90, 2)]
    assert compositor._hidden(container, stacked, crop_left=1, crop_right=91)


def test_a_widget_is_hidden_only_when_every_piece_of_it_is_covered() -> None:
    """An update of the whole area: gaps anywhere, on any line, keep a widget drawn."""
    from textual.geometry import Region

    area = Region(0, 0, 10, 2)

    def hidden(drawn: list[Region]) -> bool:
        compositor = PartialCompositor()
        # the lines' cuts, as Textual's compositor finds them: every region's edges
        compositor._cuts = [
            sorted({0, 10, *(x for r in drawn if r.y <= y < r.bottom for x in (r.x, r.right))})
            for y in range(2)
        ]
        return compositor._hidden(area, drawn, crop_left=0, crop_right=10)

    assert hidden([Region(0, 0, 10, 2)])
    assert hidden([Region(0, 0, 4, 2), Region(4, 0, 6, 1), Region(3, 1, 7, 1)])
    assert not hidden([Region(0, 0, 4, 2), Region(5, 0, 5, 2)])  # column 4
    assert not hidden([Region(0, 0, 10, 1)])  # the second line
    assert not hidden([])
