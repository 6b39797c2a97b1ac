"""Read-only review follows the room: what the facilitator saves appears on the participants'
screens without reopening, keeping their step and the item under their cursor."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual.widgets import DataTable, Static, TabbedContent

from tests.tui.conftest import AppFactory, SessionFactory, until
from tests.tui.test_session import SIZE, open_session
from workshop.model.research import Expectation
from workshop.model.session import Participant, Session
from workshop.store import Store
from workshop.tui.screens import session_follow
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets.document_tab import DocumentPreview


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
        names = [str(line.render()) for line in screen.query_one("#participants").query(Static)]
        assert any("Late arrival" in name for name in names)
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
