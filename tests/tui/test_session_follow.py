"""Read-only review follows the room: what the facilitator saves appears on the participants'
screens without reopening, keeping their step and the item under their cursor."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from textual.errors import NoWidget
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static, TabbedContent

from tests.tui.conftest import FIXED_TODAY, AppFactory, SessionFactory, until
from tests.tui.test_session import SIZE, open_session
from workshop.model.demo import build_demo
from workshop.model.research import Expectation, ServiceStandard
from workshop.model.sections import all_items, section
from workshop.model.session import Participant, Session
from workshop.store import Store
from workshop.tui.screens import session_follow
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.session import SessionScreen
from workshop.tui.screens.session_follow import SessionFollow
from workshop.tui.widgets.document_tab import DocumentPreview
from workshop.tui.widgets.participants import ParticipantsPanel
from workshop.tui.widgets.session_title import SessionTitle
from workshop.tui.widgets.step_tab import StepTab


@pytest.fixture(autouse=True)
def quick_follow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_follow, "FOLLOW_SECONDS", 0.05)


def rows(screen: Any) -> int:
    """The expectations list's rows; -1 while the step is being rebuilt."""
    found = list(screen.query("#table-expectations").results(DataTable))
    return found[0].row_count if found else -1


def two_expectations(session: Session) -> None:
    session.research.expectations = [
        Expectation(id="exp00001", text="Answer the phone", importance=5, performance=2),
        Expectation(id="exp00002", text="Reply to emails", importance=4, performance=3),
    ]


def facilitator_adds(store: Store, group_id: str, session_id: str, text: str) -> None:
    """What the facilitator's app does on a capture, from another editor of the file."""
    with store.edit(group_id, holder="facilitator") as editor:
        session = editor.session(session_id)
        session.research.expectations.append(Expectation(text=text))
        session.participants.append(Participant(name="Late arrival"))
        editor.save_session(session)


async def test_a_save_by_the_editor_appears_on_the_read_only_screen(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"], fill=two_expectations)
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        table = screen.query_one("#table-expectations", DataTable)
        table.focus()
        table.move_cursor(row=1)
        await pilot.pause()
        facilitator_adds(store, group.id, session.id, "Call me back when you say")
        await until(
            pilot,
            lambda: rows(screen) == 3 and getattr(screen.focused, "id", "") == "table-expectations",
        )
        table = screen.query_one("#table-expectations", DataTable)
        assert "Call me back when you say" in str(table.get_row_at(2))
        # the participant's place is kept: same list focused, same item highlighted
        assert table.has_focus
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        assert row_key.value == "exp00002"
        shown, _ = screen.query_one(ParticipantsPanel).shown
        assert any(p.name == "Late arrival" for p in shown)
        assert screen.query_one(SessionTitle).text.endswith("· Part 1 · 2026-03-10")
        with store.edit(group.id, holder="facilitator") as editor:
            retitled = editor.session(session.id)
            retitled.title = "Building the strategy"
            editor.save_session(retitled)
        await until(
            pilot,
            lambda: screen.query_one(SessionTitle).text.endswith("· Building the strategy"),
        )
        assert screen.read_only
        assert screen.query_one("#read-only-label").display


async def test_the_step_being_read_is_kept_and_a_later_step_is_rebuilt_too(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(fill=two_expectations)
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("f4")  # structure: built when first shown
        await pilot.pause()
        facilitator_adds(store, group.id, session.id, "Seen later")
        await until(pilot, lambda: screen.session.revision > session.revision)
        assert screen.query_one(TabbedContent).active == "step-structure"
        await pilot.press("f2")
        await pilot.pause()
        assert rows(screen) == 3


async def test_the_document_preview_is_drawn_again_after_a_save(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(fill=two_expectations)
    app = app_factory(session.id, read_only=True)

    def preview(screen: Any) -> str:
        """The Markdown source the preview shows."""
        found = list(screen.query(DocumentPreview))
        return found[0].source if found else ""

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("f5")
        await until(pilot, lambda: "Answer the phone" in preview(screen))
        facilitator_adds(store, group.id, session.id, "Shown in the preview too")
        await until(pilot, lambda: "Shown in the preview too" in preview(screen))


async def test_a_reader_elsewhere_than_a_list_keeps_their_focus(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana", "Ben"], fill=two_expectations)
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        panel = screen.query_one("#participants")
        panel.focus()
        await pilot.pause()
        facilitator_adds(store, group.id, session.id, "New one")
        await until(pilot, lambda: rows(screen) == 3)
        await pilot.pause(0.2)
        assert screen.focused is panel


@pytest.mark.parametrize("from_home", [False, True])
async def test_leaving_while_the_steps_are_rebuilt_is_clean(
    from_home: bool, app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """Escape runs in the app's queue: it can land while a save is being shown."""
    group, session = make_session(fill=two_expectations)
    app = app_factory(None if from_home else session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        if from_home:
            await pilot.pause()
            await app.push_screen(SessionScreen(store, group.id, session.id, read_only=True))
        screen = await open_session(app, pilot)
        await pilot.press("f4")  # a second step built: a longer rebuild
        await pilot.pause(0.2)
        await pilot.press("f2")
        await pilot.pause(0.2)
        facilitator_adds(store, group.id, session.id, "New one")
        for _ in range(5000):  # until the old step is gone and the new one not yet there
            await asyncio.sleep(0)
            if rows(screen) == -1:
                break
        screen.action_leave()
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("g")  # the app still answers keys
        await pilot.pause()
        assert app._exception is None


async def test_following_keeps_the_preview_on_screen_and_where_the_reader_scrolled(
    app_factory: AppFactory,
    make_session: SessionFactory,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from tests.tui.test_document_preview import many_expectations, wrap_render

    group, session = make_session(fill=many_expectations)
    drawing = threading.Event()
    drawing.set()
    wrap_render(monkeypatch, lambda *args: drawing.wait(5))
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("f5")
        preview = screen.query_one(DocumentPreview)
        await until(pilot, lambda: "Expectation 299" in preview.source)
        preview.scroll_to(y=40, animate=False)
        await pilot.pause()
        before = preview.rendered
        drawing.clear()  # the next drawing waits until we have looked
        facilitator_adds(store, group.id, session.id, "Said after the scroll")
        # the step is rebuilt: its new preview shows the drawing it had, scrolled as it was
        await until(pilot, lambda: screen.query_one(DocumentPreview) is not preview)
        again = screen.query_one(DocumentPreview)
        await pilot.pause()
        assert again.rendered is before and again.scroll_y == 40
        drawing.set()
        await until(pilot, lambda: "Said after the scroll" in again.source)
        assert again.scroll_y == 40


# -- the reader's place ------------------------------------------------------------------------

#: The key that shows each step.
STEP_KEYS = {"research": "f2", "consult": "f3", "structure": "f4", "document": "f5", "around": "f6"}


def demo_review(session: Session) -> None:
    """The step the tester followed: research in the demo's six-month review (the step laid
    out a line shorter until its scrollbar shows: its expectations then need a horizontal
    one)."""
    _, [_, review] = build_demo(FIXED_TODAY)
    session.participants = review.participants
    session.research = review.research
    session.notes = review.notes


def long_lists(session: Session) -> None:
    """Both research lists longer than a table shows (14 rows): the second is below the fold."""
    session.research.expectations = [
        Expectation(id=f"exp{n:05d}", text=f"Expectation {n}") for n in range(1, 21)
    ]
    session.research.standards = [
        ServiceStandard(id=f"std{n:05d}", text=f"Standard {n}") for n in range(1, 21)
    ]


def facilitator_edits(
    store: Store, group_id: str, session_id: str, change: Callable[[Session], None]
) -> None:
    """A change saved by the facilitator's app, another editor of the file."""
    with store.edit(group_id, holder="facilitator") as editor:
        session = editor.session(session_id)
        change(session)
        editor.save_session(session)


def vote(item_id: str) -> Callable[[Session], None]:
    """What `+` on an item saves."""

    def change(session: Session) -> None:
        for item in all_items(session):
            if item.id == item_id:
                item.votes += 1

    return change


def under_cursor(table: DataTable[Any]) -> str | None:
    """The id of the item under a list's cursor."""
    row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    return row_key.value


def cursor_row_shown(screen: SessionScreen, table: DataTable[Any]) -> bool:
    """Whether the row under the table's cursor is on screen: what shows on the line it is
    drawn on (rows are one line, below a one-line header) is the table, not the step around
    it nor the widget that the step was scrolled to."""
    region = table.content_region
    y = region.y + table.header_height + table.cursor_row - round(table.scroll_y)
    if not region.y <= y < region.bottom:
        return False  # scrolled out of the table's own view
    try:
        widget, _ = screen.get_widget_at(region.x, y)
    except NoWidget:
        return False
    return widget is table


def focused_anew(screen: SessionScreen, old: Widget) -> bool:
    """Whether the focus is on the widget rebuilt in place of `old` (same id, new widget)."""
    focused = screen.focused
    return focused is not None and focused is not old and focused.id == old.id


@pytest.mark.parametrize("fill", [demo_review, long_lists])
async def test_a_reader_on_the_second_list_keeps_their_place_after_a_save(
    fill: Callable[[Session], None],
    app_factory: AppFactory,
    make_session: SessionFactory,
    store: Store,
) -> None:
    """The tester's steps: Tab to the service standards (below the expectations), End; the
    facilitator votes. The vote shows, and the reader is where they were: the same list, the
    same item, the step and the list scrolled as they were, and Up moves the cursor."""
    group, session = make_session(fill=fill)
    *_, before_last, last = [item.id for item in session.research.standards]
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("tab", "end")
        await pilot.pause()
        old = screen.query_one("#table-standards", DataTable)
        assert old.has_focus and under_cursor(old) == last
        step = screen.current_tab()
        assert step is not None
        step_y, table_y = step.scroll_y, old.scroll_y
        assert step_y > 0  # scrolled down to the list (and a long list to its end)
        voted = session.research.standards[0].id
        facilitator_edits(store, group.id, session.id, vote(voted))
        await until(pilot, lambda: focused_anew(screen, old))
        table = screen.query_one("#table-standards", DataTable)
        assert table.get_row(voted)[1] == session.research.standards[0].votes + 1
        assert under_cursor(table) == last
        step = screen.current_tab()
        assert step is not None and step.scroll_y == step_y and table.scroll_y == table_y
        assert cursor_row_shown(screen, table)
        await pilot.press("up")
        await pilot.pause()
        assert under_cursor(table) == before_last and cursor_row_shown(screen, table)


@pytest.mark.parametrize(
    ("step", "key"),
    [
        ("research", "standards"),
        ("consult", "dependencies"),  # the third list
        ("structure", "promises"),  # the sixth, below the mission's text area and five lists
        ("around", "parking_lot"),
    ],
)
async def test_a_reader_keeps_their_item_in_any_list_when_rows_come_before_it(
    step: str,
    key: str,
    app_factory: AppFactory,
    make_session: SessionFactory,
    store: Store,
) -> None:
    """The facilitator adds an item at the top of the list being read: the reader's item
    moves one row down, and stays under their cursor and on screen."""
    kind = section(key).item_type

    def fill(session: Session) -> None:
        section(key).items(session)[:] = [
            kind(id=f"item{n:04d}", text=f"Item {n}") for n in range(1, 31)
        ]

    def said_first(session: Session) -> None:
        section(key).items(session).insert(0, kind(id="said0001", text="Said first"))

    group, session = make_session(fill=fill)
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press(STEP_KEYS[step])
        await pilot.pause()
        old = screen.query_one(f"#table-{key}", DataTable)
        old.focus()  # as Tab would, the list scrolled into view
        await pilot.pause()
        await pilot.press("end", "up", "up", "up")  # in the middle of what the list shows
        await pilot.pause()
        assert under_cursor(old) == "item0027" and cursor_row_shown(screen, old)
        facilitator_edits(store, group.id, session.id, said_first)
        await until(pilot, lambda: focused_anew(screen, old))
        table = screen.query_one(f"#table-{key}", DataTable)
        assert table.row_count == 31
        assert under_cursor(table) == "item0027" and table.cursor_row == 27
        assert cursor_row_shown(screen, table)
        await pilot.press("up")
        await pilot.pause()
        assert under_cursor(table) == "item0026" and cursor_row_shown(screen, table)


async def test_a_read_only_step_takes_the_focus_on_named_widgets_and_no_capture_line(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """What a reader can focus in a step: its lists, its text areas (read-only), the step's
    scrolling parts. Capture lines are disabled, so never focused. Each has an id (or is the
    step itself): the same widget is found in the step rebuilt after a save."""
    _, session = make_session(fill=two_expectations)
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        for key in STEP_KEYS.values():
            await pilot.press(key)
            await pilot.pause()
            step = screen.current_tab()
            assert step is not None
            assert all(capture.disabled for capture in step.query(".capture"))
            in_step = [w for w in screen.focus_chain if step in w.ancestors_with_self]
            assert in_step[0] is step and all(w.id for w in in_step[1:])
            assert not any(isinstance(w, Input) for w in in_step)


@pytest.mark.parametrize(
    ("step", "name", "scrolled"),
    [
        ("research", "notes-research", None),  # the facilitator's notes, at the step's end
        ("research", None, None),  # the step itself (a click on its text), scrolled down
        ("document", "narrative-benefits_customers", "narrative"),  # the narrative's last
    ],
)
async def test_a_reader_elsewhere_in_the_step_keeps_their_focus_and_scroll(
    step: str,
    name: str | None,
    scrolled: str | None,
    app_factory: AppFactory,
    make_session: SessionFactory,
    store: Store,
) -> None:
    """A reader in a text area or on the step itself: after a save, the rebuilt step has the
    focus on the same widget, scrolled as it was (the step, or the document's narrative)."""
    group, session = make_session(fill=long_lists)
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press(STEP_KEYS[step])
        await pilot.pause()

        def scrolling() -> Widget:
            """The part of the step that scrolls."""
            tab = screen.current_tab()
            assert tab is not None
            return tab.query_one(f"#{scrolled}") if scrolled else tab

        old: Widget = screen.query_one(f"#{name}") if name else scrolling()
        old.focus()
        await pilot.pause()
        if name is None:
            await pilot.press("end")  # the step's own key: to its end
            await pilot.pause()
        assert old.has_focus
        before = scrolling().scroll_y
        assert before > 0
        facilitator_edits(store, group.id, session.id, vote("exp00001"))

        def refocused() -> bool:
            """The focus is on the widget rebuilt in place of the one being read."""
            if name is None:
                return isinstance(screen.focused, StepTab) and screen.focused is not old
            return focused_anew(screen, old)

        await until(pilot, refocused)
        assert scrolling().scroll_y == before


async def test_two_saves_read_one_after_the_other_keep_the_place(
    app_factory: AppFactory,
    make_session: SessionFactory,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A second save can be shown before the first one's place is restored (that waits for
    the screen to be drawn): the place taken before the first still holds."""
    monkeypatch.setattr(session_follow, "FOLLOW_SECONDS", 60)  # the saves are posted here
    group, session = make_session(fill=long_lists)
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("tab", "end")
        await pilot.pause()
        old = screen.query_one("#table-standards", DataTable)
        for change in (vote("std00001"), vote("std00002")):
            facilitator_edits(store, group.id, session.id, change)
            loaded_group, loaded = store.load_session(group.id, session.id)
            screen.post_message(SessionFollow.Followed(loaded_group, loaded))
        await until(pilot, lambda: focused_anew(screen, old))
        table = screen.query_one("#table-standards", DataTable)
        assert table.get_row("std00002")[1] == 1
        assert under_cursor(table) == "std00020" and cursor_row_shown(screen, table)


async def test_a_session_deleted_meanwhile_says_so_and_comes_back_when_restored(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    # the participant's screen kept showing a deleted session as if nothing had happened
    group, session = make_session(fill=two_expectations)
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        banner = screen.query_one("#lock-banner", Static)
        assert not banner.display
        with store.edit(group.id, holder="facilitator") as editor:
            editor.delete_session(session.id)
        await until(pilot, lambda: bool(banner.display))
        assert "was deleted by the facilitator" in str(banner.render())
        assert rows(screen) == 2  # its last saved state, still readable
        with store.edit(group.id, holder="facilitator") as editor:
            editor.restore_session(session.id)
        await until(pilot, lambda: not banner.display)
        notices = [n.message for n in app._notifications]
        assert any("deleted" in m for m in notices) and any("back" in m for m in notices)
