"""The command palette on the session screen: every action is found and runs wherever the focus
is, while a printable key in a capture line or a narrative still types; read-only review still
offers no edit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import Command, CommandList, CommandPalette
from textual.widgets import DataTable, Input, TextArea

from tests.tui.conftest import AppFactory, SessionFactory, until
from tests.tui.test_session import open_session, step_shown, three_expectations
from workshop.tui.commands import KeyCommand, key_commands, run_command
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets.timer import StepTimer

SIZE = (120, 36)

#: Actions whose keys type in a text field (t, x, +, p, s…), and undo (a TextArea's ctrl+z).
BEHIND_A_TEXT_FIELD = {
    "Add",
    "Edit",
    "Vote",
    "Unvote",
    "By votes",
    "Timer",
    "Reset timer",
    "Participant",
    "Present",
    "Speaker",
    "Export",
    "Undo",
}
#: What read-only review refuses, by the palette's titles.
EDITS = {
    "Add",
    "Edit",
    "Delete",
    "Undo",
    "Move up",
    "Move down",
    "Vote",
    "Unvote",
    "Timer",
    "Reset timer",
    "Participant",
    "Present",
    "Speaker",
}


def offered(screen: SessionScreen) -> set[str]:
    """The titles the palette is given for the screen (what its provider asks the app for)."""
    return {command.title for command in screen.app.get_system_commands(screen)}


async def choose(pilot: Any, query: str, title: str) -> None:
    """Open the palette, type `query`, wait for `title` to be its first hit, and choose it."""
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    palette = pilot.app.screen
    await pilot.press(*query)

    def first_hit() -> str | None:
        hits = palette.query_one(CommandList)
        option = hits.get_option_at_index(0) if hits.option_count else None
        return str(option.hit.text) if isinstance(option, Command) else None

    await until(pilot, lambda: first_hit() == title, timeout=5)
    await pilot.press("enter")
    await until(pilot, lambda: not isinstance(pilot.app.screen, CommandPalette))


async def test_from_a_capture_line_the_palette_finds_and_runs_the_keys_that_type_there(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session(participants=["Ana"], fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await step_shown(pilot, "step-research")
        capture = screen.query_one("#capture-expectations", Input)
        assert screen.focused is capture
        assert offered(screen) >= BEHIND_A_TEXT_FIELD
        # the help screen's list stays the keys that work here: t types in a capture line
        assert "Timer" not in {c.description for c in key_commands(app, screen)}

        timer = screen.query_one(StepTimer)
        await choose(pilot, "time", "Timer")
        assert timer.running
        await choose(pilot, "vote", "Vote")
        assert sum(e.votes for e in screen.session.research.expectations) == 1
        assert screen.focused is capture  # the palette gave the focus back, nothing typed
        assert capture.value == ""

        await pilot.press("t", "+")  # the keys still type, and run nothing
        await pilot.pause()
        assert capture.value == "t+"
        assert timer.running
        assert sum(e.votes for e in screen.session.research.expectations) == 1


async def test_from_the_document_steps_text_area_the_palette_finds_and_runs_every_action(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session(participants=["Ana"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await step_shown(pilot, "step-research")
        screen.action_step("document")
        await step_shown(pilot, "step-document")
        narrative = screen.focused
        assert isinstance(narrative, TextArea)
        assert offered(screen) >= BEHIND_A_TEXT_FIELD

        await choose(pilot, "export", "Export")
        await until(pilot, lambda: Path("exports").is_dir())
        assert len(list(Path("exports").iterdir())) == 2
        await choose(pilot, "speaker", "Speaker")
        assert screen.speaker == screen.session.participants[0].id
        timer = screen.query_one(StepTimer)
        await choose(pilot, "time", "Timer")
        assert timer.running
        assert screen.focused is narrative
        assert narrative.text == ""

        await pilot.press("t")  # types, and leaves the timer running
        await pilot.pause()
        assert narrative.text == "t"
        assert timer.running


async def test_read_only_review_offers_no_edit_in_the_palette_wherever_the_focus_is(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session(participants=["Ana"], fill=three_expectations)
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        assert screen.read_only
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.pause()
        assert not offered(screen) & EDITS
        assert "Export" in offered(screen)

        screen.action_step("document")
        await step_shown(pilot, "step-document")
        narrative = screen.query_one("#narrative-aims", TextArea)
        narrative.focus()
        await pilot.pause()
        assert narrative.read_only
        assert screen.focused is narrative
        assert not offered(screen) & EDITS
        assert {"Export", "Back"} <= offered(screen)

        # a command refused by read-only review does not run, even asked for directly
        timer = screen.query_one(StepTimer)
        command = KeyCommand("t", "Timer", "", "timer", screen, enabled=True)
        assert not await run_command(app, screen, command)
        await pilot.pause()
        assert not timer.running


async def test_speaker_chosen_in_the_palette_from_a_list_is_made(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """s pressed in a list of items says it works from the participants list; Speaker chosen
    in the palette, with the same list focused, is a choice: it is carried out."""
    _, session = make_session(participants=["Ana"], fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("s")
        await pilot.pause()
        assert screen.speaker is None
        await choose(pilot, "speaker", "Speaker")
        assert screen.speaker == screen.session.participants[0].id
