"""Quitting, or closing a form with Escape, over a form that holds what was typed in it asks
first: that text is in no session yet (a capture line's is kept on leaving; a form's would be
dropped unseen)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import DataTable, Input, Static, TextArea

from tests.tui.conftest import AppFactory, SessionFactory, screen_now, until
from tests.tui.test_newcomer import send_in_one_burst
from tests.tui.test_session import SIZE, on_disk, open_session
from workshop.store import Store
from workshop.tui.dialogs.confirm import ConfirmDialog
from workshop.tui.dialogs.item_form import ItemForm
from workshop.tui.dialogs.participant_form import ParticipantForm


async def open_form(app: Any, pilot: Any, key: str) -> Any:
    screen = await open_session(app, pilot)
    screen.query_one("#table-expectations", DataTable).focus()
    await pilot.press(key)
    await pilot.pause()
    return app.screen


async def test_a_quit_over_a_form_with_typing_asks_and_can_go_back_to_it(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, "a")
        assert isinstance(form, ItemForm)
        await pilot.press(*"Calls answered by a person")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(screen_now(app), ConfirmDialog) and app.is_running
        await pilot.press("escape")  # back to the form, the text still in it
        await pilot.pause()
        assert screen_now(app) is form
        assert form.query_one("#field-text").text == "Calls answered by a person"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+q")  # nothing unsaved now: quits at once
        await pilot.pause()
    assert app.return_code == 0
    [item] = on_disk(store, group.id, session.id).research.expectations
    assert item.text == "Calls answered by a person"


async def test_quitting_is_confirmed_by_the_answer_or_by_asking_again(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"])
    for answer in ["y", "ctrl+q"]:
        app = app_factory(session.id)
        async with app.run_test(size=SIZE) as pilot:
            form = await open_form(app, pilot, "a")
            await pilot.press(*"Half a thought")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(screen_now(app), ConfirmDialog)
            await pilot.press(answer)
            await pilot.pause()
            assert not app.is_running, answer
        assert isinstance(form, ItemForm)
    assert on_disk(store, group.id, session.id).research.expectations == []


async def test_a_form_opened_and_left_untouched_does_not_hold_up_a_quit(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session(participants=["Ana"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, "p")  # the participant form
        assert isinstance(form, ParticipantForm) and not form.changed_since_opened()
        form.query_one("#participant-name", Input).value = "Bo"
        assert form.changed_since_opened()
        form.query_one("#participant-name", Input).value = ""
        assert not form.changed_since_opened()  # back as it opened
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_escape_over_a_form_with_typing_asks_before_dropping_it(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, "a")
        await pilot.press(*"Calls answered", "escape")
        await pilot.pause()
        assert isinstance(screen_now(app), ConfirmDialog)
        await pilot.press("n")  # no: back to the form
        await pilot.pause()
        assert screen_now(app) is form
        await pilot.press("escape", "y")  # yes: closed, nothing added
        await pilot.pause()
        assert not isinstance(screen_now(app), ItemForm | ConfirmDialog)
        await pilot.press("a", "escape")  # untouched: closes at once
        await pilot.pause()
        assert not isinstance(screen_now(app), ItemForm | ConfirmDialog)
    assert on_disk(store, group.id, session.id).research.expectations == []


async def test_a_quit_over_the_close_question_still_asks(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    # Over "Close without saving", a quit used to go through at once: the typing was lost.
    _, session = make_session(participants=["Ana"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, "a")
        await pilot.press(*"Calls answered", "escape")
        await pilot.pause()
        closing = screen_now(app)
        assert isinstance(closing, ConfirmDialog) and "Close" in closing.title_text
        await pilot.press("ctrl+q")
        await pilot.pause()
        asked = screen_now(app)
        assert isinstance(asked, ConfirmDialog) and asked is not closing and app.is_running
        assert "Quit" in asked.title_text
        await pilot.press("escape")  # not now: back to the close question
        await pilot.pause()
        assert screen_now(app) is closing
        await pilot.press("ctrl+q", "ctrl+q")  # asked, and asked again: quits
        await pilot.pause()
        assert not app.is_running


async def test_keys_typed_just_before_a_quit_in_one_burst_are_kept(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    # A paste or a fast typist then ctrl+q at once: the app took ctrl+q (a priority key)
    # before the capture line had read the letters queued for it, and quit without them.
    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        assert screen.query_one("#capture-expectations", Input).has_focus
        send_in_one_burst(app, "Answer the phone\rCall back when prom")
        app.post_message(events.Key("ctrl+q", None))
        await until(pilot, lambda: not app.is_running)
        assert not app.is_running
    saved = on_disk(store, group.id, session.id)
    assert [e.text for e in saved.research.expectations] == [
        "Answer the phone",
        "Call back when prom",  # half typed: kept on quit, as the capture line's text always is
    ]


async def test_keys_typed_just_before_a_quit_reach_the_document(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(app, pilot)
        await pilot.press("f5")
        await pilot.pause(0.3)
        area = app.focused
        assert isinstance(area, TextArea)
        # a long burst (dictation, a paste without bracketed paste): each key redraws the
        # preview's part, and 1,100 of them took longer than the quit first waited
        typed = "Fewer repeat calls " + "and clear answers " * 60
        send_in_one_burst(app, typed)
        app.post_message(events.Key("ctrl+q", None))
        await until(pilot, lambda: not app.is_running)
        assert not app.is_running
    saved = on_disk(store, group.id, session.id)
    assert saved.document.aims.strip() == typed.strip()


async def test_a_participant_without_a_name_is_refused_with_the_reason_on_screen(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session(participants=["Ana"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, "p")
        form.query_one("#participant-role", Input).value = "Finance"
        form.query_one("#participant-name", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form  # refused
        reason = form.query_one("#participant-error", Static)
        assert reason.display and "Name: must not be empty" in str(reason.render())


async def test_a_reason_under_a_field_goes_once_the_field_is_put_right(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """The reason stayed under a text put right until the next save, as if still wrong."""
    _, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, "a")
        assert isinstance(form, ItemForm)
        await pilot.press("ctrl+s")  # nothing typed: the text is needed
        await pilot.pause()
        reason = form.query_one("#error-text", Static)
        assert app.screen is form and reason.display
        assert str(reason.render()).strip()
        await pilot.press(*"Short waits")
        await pilot.pause()
        assert not reason.display


async def test_a_participant_already_in_the_list_in_another_case_is_refused(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """'aisha khan' was added beside 'Aisha Khan' (the new-session form refuses the same)."""
    _, session = make_session(participants=["Aisha Khan"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, "p")
        assert isinstance(form, ParticipantForm)
        form.query_one("#participant-name", Input).value = "aisha khan "
        form.query_one("#participant-name", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        reason = form.query_one("#participant-error", Static)
        assert "Aisha Khan is already a participant" in str(reason.render())
