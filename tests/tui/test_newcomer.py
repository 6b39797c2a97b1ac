"""What a newcomer met running a whole workshop in a real terminal, each pinned by a test:
keys arriving in one burst, a paste of several lines, the item form's first keystrokes, the
session header, cells filled in later and a capture line pushed off screen."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import DataTable, Input, Static, TextArea

from tests.tui.conftest import AppFactory, SessionFactory, until
from tests.tui.test_session import on_disk, open_session, settle, step_shown, three_expectations
from workshop.model.base import Step
from workshop.model.research import ServiceStandard
from workshop.model.session import Session
from workshop.store import Store
from workshop.tui.dialogs.item_form import ItemForm
from workshop.tui.widgets.section_list import SectionList
from workshop.tui.widgets.session_title import SessionTitle

SIZE = (120, 36)


def send_in_one_burst(app: Any, text: str) -> None:
    """Each character of `text` as the key a terminal sends for it (a carriage return is
    Enter, a line feed ctrl+j), with no wait between them: as over a slow link."""
    for character in text:
        key = {"\r": "enter", "\n": "ctrl+j"}.get(character, character)
        app.post_message(events.Key(key, character))


async def test_keys_typed_in_one_burst_keep_each_capture_apart(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    # Over a slow link, or while the app is busy for a moment, keys arrive together. Enter used
    # to be acted on only after the letters that followed it: two items, both "OneTwo".
    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        capture = screen.query_one("#capture-expectations", Input)
        assert capture.has_focus
        send_in_one_burst(app, "One\rTwo\rThr")
        await settle(pilot)
        assert capture.value == "Thr"  # still being typed: not lost, not captured yet
        saved = on_disk(store, group.id, session.id)
        assert [e.text for e in saved.research.expectations] == ["One", "Two"]


async def test_a_paste_of_several_lines_keeps_every_line(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        capture = screen.query_one("#capture-expectations", Input)
        capture.post_message(events.Paste("Short waits\n\nfor callers\r\non the phone"))
        await pilot.pause()
        assert capture.value == "Short waits for callers on the phone"


async def test_lines_arriving_as_keys_are_captured_apart_whatever_ends_them(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    # A terminal without bracketed paste sends a pasted text as keys: a line feed was dropped
    # by the capture line, and the lines were glued ("Short waitsClear letters").
    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        assert screen.query_one("#capture-expectations", Input).has_focus
        send_in_one_burst(app, "Short waits\nClear letters\rCall back\n")
        await settle(pilot)
    saved = on_disk(store, group.id, session.id)
    assert [e.text for e in saved.research.expectations] == [
        "Short waits",
        "Clear letters",
        "Call back",
    ]


async def test_the_item_form_takes_the_first_keys_after_the_text(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    # The form's scroll area used to take the focus: what was typed at once went nowhere, and
    # a Tab put the cursor in front of the text being edited.
    group, session = make_session(fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        assert isinstance(app.focused, TextArea)
        await pilot.press(*" today", "tab", *"Survey", "ctrl+s")
        await settle(pilot)
        saved = on_disk(store, group.id, session.id).research.expectations[0]
        assert (saved.text, saved.evidence) == ("Short waits today", "Survey")


async def test_the_header_names_the_group_once(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session("Riverside CS Team")
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        title = screen.query_one(SessionTitle)
        assert title.text == "Riverside CS Team · Part 1 · 2026-03-10"
        assert str(title.render()) == title.text  # it fits at this width


async def test_on_a_projector_the_title_still_says_which_part_is_open(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    # 80 columns: the timer and the save indicator leave the title ~50; the group's long name
    # gives way, not "Part 2" (Part 1 is closed and read-only: the two must not be confused)
    make_session("Riverside Borough Council — Customer Services", title="Building it")
    _, session = make_session(
        "Riverside Borough Council — Customer Services", part=2, title="Six-month review"
    )
    app = app_factory(session.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot)
        title = screen.query_one(SessionTitle)
        shown = str(title.render())
        assert shown == "Part 2 · 2026-03-10 · Six-month review"
        await pilot.resize_terminal(100, 24)
        await pilot.pause()
        shown = str(title.render())
        assert shown.startswith("Riverside Bor") and "…" in shown
        assert shown.endswith(" · Part 2 · 2026-03-10 · Six-month review")
        assert len(shown) <= title.content_size.width
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert str(title.render()) == title.text  # wide enough again: the whole name


async def test_a_cell_filled_in_later_is_shown_whole(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session(participants=["Christabel"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press(*"Short waits", "enter")
        await pilot.pause()
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#field-importance", Input).value = "2"
        form.query_one("#field-performance", Input).value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = screen.query_one("#table-expectations", DataTable)
        assert table.columns["quadrant"].content_width >= len("over-delivering")
        row = screen.session.research.expectations[0]
        row.raised_by = screen.session.participants[0].id
        screen.query_one("#section-expectations", SectionList).update_row(row)
        await pilot.pause()
        assert table.columns["raised_by"].content_width >= len("Christabel")


def many_standards(session: Session) -> None:
    session.research.standards.extend(ServiceStandard(text=f"Standard {n}") for n in range(6))


async def test_the_capture_line_stays_on_screen_as_its_list_grows(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session(fill=many_standards)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        capture = screen.query_one("#capture-standards", Input)
        capture.focus()
        await pilot.pause()
        for n in range(6):
            await pilot.press(*f"More {n}", "enter")
            await pilot.pause()
        tab = screen.current_tab()
        assert tab is not None
        assert tab.region.contains_region(capture.region), (tab.region, capture.region)


async def test_a_word_typed_on_a_list_goes_into_its_capture_line(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    # Typing into a focused table used to fire whatever letters were bound ("p" added a
    # participant) and drop the rest.
    _, session = make_session(fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        table = screen.query_one("#table-expectations", DataTable)
        table.focus()
        await pilot.press(*"Monthly", "enter")
        await pilot.pause()
        capture = screen.query_one("#capture-expectations", Input)
        assert capture.has_focus
        assert [e.text for e in screen.session.research.expectations][-1] == "Monthly"
        table.focus()
        await pilot.press("e")  # a bound letter still does what the footer says
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)


async def test_the_first_change_puts_a_planned_session_in_progress(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session()
    assert session.status == "planned"
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(app, pilot)
        await pilot.press(*"Short waits", "enter")
        await settle(pilot)
    assert on_disk(store, group.id, session.id).status == "in progress"


async def test_typing_on_the_document_step_writes_the_narrative(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    # The step used to give the focus to its scroll area: typed words fired "s" (speaker),
    # "t" (timer)… and the text went nowhere.
    group, session = make_session(participants=["Ana"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("f5")
        await step_shown(pilot, "step-document")
        await pilot.press(*"Clear answers, first time")
        await settle(pilot)
        await pilot.pause(1)  # the narrative is saved once the typing pauses
        await settle(pilot)
        assert screen.speaker is None
        assert screen.timer is not None
        assert not screen.timer.running
    assert on_disk(store, group.id, session.id).document.aims == "Clear answers, first time"


async def test_the_item_form_shows_its_buttons_in_a_small_terminal(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    # At 80×24 the fields of a long form pushed Save and Cancel off the screen.
    _, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("f4")
        await step_shown(pilot, "step-structure")
        screen.query_one("#table-actions", DataTable).focus()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        frame = form.query_one("#item-form").region
        for button in form.query("Button"):
            region = button.region
            assert region.height > 0 and frame.contains_region(region), button.id
            assert region.bottom <= 24


async def test_a_sentence_typed_fast_while_a_list_has_the_focus_all_goes_to_the_capture_line(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """Typed while a list had the focus, a sentence's letters that are the list's keys ran as
    keys: q quit the app (the rest went to the shell), 2 went to step 2, e opened the edit
    form, and "Repairs triage script" was saved as "Rir rig cri". From its first letter on,
    the sentence is text."""
    _, session = make_session(participants=["Ana"], fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.pause()
        typed = "quarterly repairs panel: triage visits, 2 a week, every step explained"
        send_in_one_burst(app, typed)
        await settle(pilot)
        assert app.is_running
        assert screen.query_one("#capture-expectations", Input).value == typed
        assert app.screen is screen  # no form opened
        assert screen.current_step is Step.RESEARCH
        assert screen.speaker is None and len(screen.session.participants) == 1
        assert [e.votes for e in screen.session.research.expectations] == [0, 0, 0]
        assert screen.timer is None or not screen.timer.running
        await pilot.press("ctrl+q")  # quitting stays a key away
        await until(pilot, lambda: not app.is_running)


async def test_adding_with_a_speaker_set_is_adding_not_editing(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """With a speaker picked, a's form was titled "Edit: …": the speaker filled in made it
    look like an item being edited."""
    _, session = make_session(participants=["Ana"], fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.speaker = screen.session.participants[0].id
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        assert str(form.query_one(".form-title", Static).render()).startswith("Add to:")


async def test_tab_into_a_narrative_with_text_adds_after_it(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """Tab into a section already written, then typing, put the words in front of it ("ZZ
    Assessment text here…"); F5 landed at its start too."""

    def written(session: Session) -> None:
        session.document.aims = "Every tenant gets a date."
        session.document.rationale = "Repeat calls cost most."

    group, session = make_session(fill=written)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(app, pilot)
        await pilot.press("f5")
        await step_shown(pilot, "step-document")
        await pilot.press(*" And a name.")
        await pilot.press("tab")
        await pilot.pause()
        assert getattr(app.focused, "id", "") == "narrative-rationale"
        await pilot.press(*" Fixing causes costs less.")
        await settle(pilot)
        await pilot.pause(1)  # the narrative is saved once the typing pauses
        await settle(pilot)
    saved = on_disk(store, group.id, session.id).document
    assert saved.aims == "Every tenant gets a date. And a name."
    assert saved.rationale == "Repeat calls cost most. Fixing causes costs less."
