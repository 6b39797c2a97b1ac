"""The review opened from a live session saves through the session's own editor, and the
session carries on from what the review saved (no stale revision, nothing lost)."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from tests.tui.conftest import AppFactory, screen_now
from tests.tui.test_review import first_session, second_session
from workshop.model.session import Group, Session
from workshop.model.structure import ActionStatus
from workshop.store import Store
from workshop.tui.screens.review import ReviewScreen
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets.progress_tables import ActionTable


def two_parts(store: Store) -> tuple[Group, Session]:
    """A group with part 1 and its follow-up, part 2 (returned, with the group)."""
    group = Group(id="grp1", name="Riverside Council Customer Service")
    store.create_group(group)
    first = first_session(group)
    with store.edit(group.id) as editor:
        editor.add_session(first)
        later = editor.add_session(second_session(first))
    return group, later


async def test_review_from_the_session_saves_and_the_session_carries_on(
    store: Store, app_factory: AppFactory
) -> None:
    group, later = two_parts(store)

    app = app_factory(later.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        session_screen = app.screen
        assert isinstance(session_screen, SessionScreen)
        session_screen.set_focus(None)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

        table = app.screen.query_one(ActionTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("a3"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen.focused, OptionList)
        await pilot.press("down", "down", "enter")  # planned → in progress → done
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen_now(app) is session_screen
        action = next(a for a in session_screen.session.structure.actions if a.id == "a3")
        assert action.status is ActionStatus.DONE

        capture = session_screen.query_one("#capture-expectations", Input)
        capture.focus()
        await pilot.press(*"Fewer forms", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not session_screen.stale

    saved = next(s for s in store.load_group(group.id).sessions if s.id == later.id)
    assert next(a for a in saved.structure.actions if a.id == "a3").status is ActionStatus.DONE
    assert saved.research.expectations[-1].text == "Fewer forms"
    assert saved.revision >= later.revision + 2  # the review's save, then the capture


async def test_f8_and_f9_review_and_export_while_typing_in_a_capture_line(
    store: Store, app_factory: AppFactory
) -> None:
    """r and x are letters in the capture line, where a session opens: a newcomer pressing
    them typed "rx" into the next item. F8 and F9 work from there."""
    from pathlib import Path

    _, later = two_parts(store)
    app = app_factory(later.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        session_screen = app.screen
        assert isinstance(session_screen, SessionScreen)
        capture = session_screen.query_one("#capture-expectations", Input)
        assert capture.has_focus
        await pilot.press(*"Fewer", "f9")
        await pilot.pause()
        assert sorted(p.name.rsplit("-", 1)[-1] for p in Path("exports").iterdir()) == [
            "progress.md",
            "strategy.md",
            "summary.md",
        ]
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_now(app) is session_screen
        assert capture.value == "Fewer"  # neither key typed into it
