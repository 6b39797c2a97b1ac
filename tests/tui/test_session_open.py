"""Opening a session and leaving it untouched writes nothing; an autosave never blocks keys."""

from __future__ import annotations

from typing import Any, cast

import pytest
from textual.widgets import DataTable, Static

from tests.tui.conftest import AppFactory, SessionFactory, quit_while_mounting, until
from tests.tui.test_session import open_session, settle, step_shown, three_expectations
from workshop.model.base import Step
from workshop.model.session import Session, Timebox
from workshop.store import Store

SIZE = (120, 36)


def filled(session: Session) -> None:
    """Every kind of field a widget is given on mount: inputs, notes, narrative, a timebox."""
    three_expectations(session)
    session.research.budget = 120000
    session.research.currency = "£"
    session.notes[Step.RESEARCH] = "Ask about the phones"
    session.notes[Step.DOCUMENT] = "Keep it short"
    session.document.aims = "Every call answered by a person"
    session.agenda[Step.RESEARCH] = Timebox(minutes=20, spent_seconds=61.3)


async def test_open_and_escape_writes_nothing(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"], fill=filled)
    path = store.path_of(group.id)
    before = path.read_bytes()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        # every step is built on its first show: none of them may save on being built
        for key, step in [("f3", "consult"), ("f4", "structure"), ("f5", "document")]:
            await pilot.press(key)
            await step_shown(pilot, f"step-{step}")
        await pilot.press("f6")
        await step_shown(pilot, "step-around")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "Saving" not in str(screen.query_one("#save-indicator", Static).render())
        await pilot.press("escape")
        await settle(pilot)
    assert path.read_bytes() == before


async def test_open_and_quit_writes_nothing(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"], fill=filled)
    path = store.path_of(group.id)
    before = path.read_bytes()
    for _ in range(3):
        app = app_factory(session.id)
        async with app.run_test(size=SIZE) as pilot:
            await open_session(app, pilot)
            await pilot.pause(0.2)
            # ctrl+q: the focus is in a capture line, where "q" is a letter typed (and kept)
            await pilot.press("ctrl+q")
            await settle(pilot)
    assert path.read_bytes() == before


def _building_parts() -> list[type]:
    from textual.widgets import Footer, TabbedContent

    from workshop.tui.widgets.participants import ParticipantsPanel
    from workshop.tui.widgets.research_tab import ResearchTab
    from workshop.tui.widgets.save_indicator import SaveIndicator
    from workshop.tui.widgets.section_list import SectionList
    from workshop.tui.widgets.step_nav import StepNav
    from workshop.tui.widgets.timer import StepTimer

    return [
        StepTimer,
        SaveIndicator,
        StepNav,
        TabbedContent,
        ResearchTab,
        SectionList,
        ParticipantsPanel,
        Footer,
    ]


@pytest.mark.parametrize("part", _building_parts(), ids=lambda part: part.__name__)
async def test_quitting_while_the_session_is_being_built_exits_cleanly(
    app_factory: AppFactory,
    make_session: SessionFactory,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    part: type,
) -> None:
    """A quit that lands while any part of the screen is still being mounted (a slow
    machine, a big session): the app exits without an error, lets the group's lock go and
    writes nothing. (It ended on "No nodes match 'ParticipantsPanel'", or on a MountError
    from the participants panel: the quit removes the widgets as they come.)"""
    group, session = make_session(participants=["Ana"], fill=filled)
    path = store.path_of(group.id)
    before = path.read_bytes()
    quit_while_mounting(monkeypatch, part)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
    assert app.return_code == 0 and not app._exit_renderables
    assert path.read_bytes() == before
    with store.edit(group.id):  # the lock was let go
        pass


async def test_the_session_classes_are_built_once_the_first_frame_is_out(
    app_factory: AppFactory,
    make_session: SessionFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A session opened with a validator kept by an earlier run (workshop.store.validators)
    has pydantic build the classes' own soon after, not at the first edit or save."""
    from workshop.model.session import Group
    from workshop.tui.screens import session as session_screen

    _, session = make_session(participants=["Ana"], fill=three_expectations)
    app = app_factory(session.id)
    warmed: list[tuple[type[Any], bool]] = []

    def warm(cls: type[Any]) -> None:
        # whether the session is on screen by then, its first list filled
        tables = app.screen.query(".section-list DataTable")
        listed = app.screen.is_attached and bool(tables)
        warmed.append((cls, listed and cast(DataTable[Any], tables[0]).row_count > 0))

    monkeypatch.setattr(session_screen, "warm", warm)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(app, pilot)
        await until(pilot, lambda: len(warmed) == 2)
        assert warmed == [(Session, True), (Group, True)]


async def test_a_step_not_built_yet_says_it_is_opening_until_it_is(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    # the later steps are built when first shown; a big one takes a moment, which showed as
    # an empty page
    from textual.widgets import TabPane

    from workshop.tui.widgets.step_tab import StepTab

    _, session = make_session(fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot)
        structure = screen.query_one("#step-structure", TabPane)
        assert not structure.query(StepTab)
        assert "Opening this step" in str(structure.query_one(".step-opening", Static).render())
        await pilot.press("f4")
        await until(pilot, lambda: bool(structure.query(StepTab)))
        await pilot.pause()
        assert not structure.query(".step-opening")
        research = screen.query_one("#step-research", TabPane)
        assert research.query(StepTab) and not research.query(".step-opening")


@pytest.mark.parametrize(
    "keys",
    [("f4", "escape"), ("f4", "f1", "f1"), ("f4", "ctrl+p", "escape"), ("f4", "ctrl+q")],
)
async def test_keys_right_after_a_step_key_find_the_step_built_or_the_screen_left(
    app_factory: AppFactory, make_session: SessionFactory, keys: tuple[str, ...]
) -> None:
    # A step is built after a frame that says it is opening. Leaving in the same burst ended on
    # a traceback (the step was shown on a screen being taken down); a dialog opened and
    # closed in that moment could leave it "opening" for ever.
    from textual import events
    from textual.widgets import TabPane

    from workshop.tui.screens.session import SessionScreen
    from workshop.tui.widgets.step_tab import StepTab

    _, session = make_session(fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot)
        for key in keys:
            app.post_message(events.Key(key, None))
        for _ in range(30):  # long enough for what follows the step's frame to run
            await pilot.pause(0.05)
            if not app.is_running:
                break
        if keys[-1] == "ctrl+q":
            assert not app.is_running
        elif keys[-1] == "escape" and keys[-2] == "f4":
            assert not isinstance(app.screen, SessionScreen)  # left, no traceback
        else:
            await until(pilot, lambda: app.screen is screen)
            pane = screen.query_one("#step-structure", TabPane)
            await until(pilot, lambda: bool(pane.query(StepTab)))
            assert not pane.query(".step-opening")
    assert app.return_code in (0, None)
