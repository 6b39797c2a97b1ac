"""The app shell: start-up, the theme, the command palette built from bindings, F1 help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.tui.conftest import AppFactory, SessionFactory
from workshop.store import Store
from workshop.tui import run
from workshop.tui.app import WorkshopApp
from workshop.tui.commands import binding_commands, key_commands
from workshop.tui.dialogs.new_session import NewSessionDialog
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.home import HomeScreen
from workshop.tui.theme import THEME_NAME


async def test_app_starts_on_home_with_our_theme(
    app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.css.stylesheet import Stylesheet

    from workshop.tui.theme import WORKSHOP_THEME

    reparsed: list[int] = []
    original = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparsed.append(1)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == THEME_NAME
        assert app.current_theme is WORKSHOP_THEME
        assert f"-theme-{THEME_NAME}" in app.classes and "-dark-mode" in app.classes
        # the theme's colours reach the widgets, from the one parse of the CSS at start-up
        assert WORKSHOP_THEME.background is not None
        assert app.screen.styles.background.hex.upper() == WORKSHOP_THEME.background.upper()
        assert not reparsed
        assert app.sub_title == "sessions"


async def test_palette_lists_the_current_screens_actions(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    make_session()
    app = app_factory()
    async with app.run_test(size=(120, 36)):
        commands = {c.description: c for c in key_commands(app, app.screen)}
        for wanted in ("Open", "Review", "New", "Follow-up", "Delete", "Refresh", "Help", "Quit"):
            assert wanted in commands, wanted
        assert commands["Open"].key == "⏎ / o"  # one command per action, with all its keys
        assert "Focus Next" not in commands  # Textual's plumbing stays out
        assert "Undo delete" not in commands  # refused by check_action: nothing deleted yet
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"New", "Follow-up", "Keys", "Screenshot"} <= titles
        assert "Theme" not in titles  # one theme, chosen for the projector


async def test_palette_leaves_out_what_read_only_refuses(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    make_session()
    app = app_factory(read_only=True)
    async with app.run_test(size=(120, 36)):
        titles = {c.title for c in binding_commands(app, app.screen)}
        assert "Review" in titles
        assert not titles & {"Open", "New", "Follow-up", "Delete", "Undo delete"}


async def test_a_palette_command_runs_the_screens_action(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"New")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionDialog)


async def test_f1_shows_the_keys_and_the_help_of_what_has_focus(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert "Every group and its sessions" in str(
            help_screen.query_one("#help-focused", Static).render()
        )
        keys = [str(label.render()) for label in help_screen.query(".help-description")]
        assert "New" in keys and "Refresh" in keys
        assert "Follow-up" not in keys  # no session yet: nothing to follow up
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("n", "f1")  # inside the form: the form's own help
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-focused", Static).render())
        assert "Start a session" in text
        await pilot.press("f1")  # F1 again closes it
        await pilot.pause()
        assert isinstance(app.screen, NewSessionDialog)


async def test_app_opens_straight_on_a_session_read_only(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    from workshop.tui.screens.session import SessionScreen

    _, session = make_session()
    app = app_factory(session_ref=session.id[:6], read_only=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.session_id == session.id
        assert screen.read_only


async def test_leaving_a_session_opened_first_shows_the_home_screen(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """`workshop open` builds the session screen alone (no home screen behind it, for speed):
    leaving it must still land on the home screen, with the group listed."""
    from textual.widgets import DataTable

    from workshop.tui.screens.session import SessionScreen

    make_session("Opened First")
    group, session = make_session("Opened First", part=2)
    app = app_factory(session_ref=session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert len(app.screen_stack) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#sessions", DataTable)
        # the cursor is on the session just left
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        assert row_key.value == f"s:{group.id}:{session.id}"
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_a_session_ref_that_matches_nothing_is_a_notification(
    app_factory: AppFactory,
) -> None:
    app = app_factory(session_ref="nosuchsession")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("no session matches" in n.message for n in app._notifications)


@pytest.mark.parametrize("ref", ["zzzz", ""])
def test_run_refuses_an_unknown_session_before_starting(
    ref: str, store: Store, make_session: SessionFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    make_session()
    assert run(store.data_dir, session_ref=ref) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("workshop: ")


def test_run_refuses_an_ambiguous_prefix(
    store: Store, make_session: SessionFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    make_session(session_id="abc000000001")
    make_session(session_id="abc000000002", part=2)
    assert run(store.data_dir, session_ref="abc") == 1
    assert "matches 2 sessions" in capsys.readouterr().err


def test_the_start_path_stays_light(tmp_path: Path) -> None:
    """Opening the app must not import what only other screens or commands need."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from workshop.tui.app import WorkshopApp\n"
        "from workshop.store import Store\n"
        f"WorkshopApp(Store(Path({str(tmp_path)!r})))\n"
        "heavy = ['jinja2', 'questionary', 'workshop.export', 'workshop.tui.screens.session',\n"
        "         'workshop.tui.dialogs.new_session', 'workshop.tui.screens.help']\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_open_path_stays_light(tmp_path: Path) -> None:
    """`workshop open` draws the research step first: the home screen and the later steps'
    modules are imported when first shown. Checked in a fresh process, with the session open
    on screen (importing the screen's module alone said nothing of what building it imports)."""
    script = (
        "import asyncio, sys, datetime\n"
        "from pathlib import Path\n"
        "from workshop.model import Group, Session\n"
        "from workshop.store import Store\n"
        "from workshop.tui.app import WorkshopApp\n"
        f"store = Store(Path({str(tmp_path)!r}))\n"
        "group = Group(name='Light')\n"
        "store.create_group(group)\n"
        "with store.edit(group.id) as editor:\n"
        "    made = editor.add_session(\n"
        "        Session(group_id=group.id, date=datetime.date(2026, 5, 1))\n"
        "    )\n"
        "later = ['workshop.tui.screens.home', 'workshop.tui.widgets.consult_tab',\n"
        "         'workshop.tui.widgets.structure_tab', 'workshop.tui.widgets.document_tab',\n"
        "         'workshop.tui.widgets.markdown_lines', 'workshop.export']\n"
        "async def main():\n"
        "    app = WorkshopApp(store, session_ref=made.id)\n"
        "    async with app.run_test(size=(120, 36)) as pilot:\n"
        "        await pilot.pause(0.3)\n"
        "        assert type(app.screen).__name__ == 'SessionScreen', app.screen\n"
        "        print([name for name in later if name in sys.modules])\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


async def test_the_collector_held_off_at_start_up_resumes_after_the_first_frame(
    app_factory: AppFactory,
) -> None:
    """`workshop.cli.main` holds the cyclic collector off while the app starts; once the first
    frame is on screen the app collects what start-up left in cycles and resumes it."""
    import gc

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    app = app_factory()
    gc.disable()
    try:
        probe = Cycle()
        import weakref

        gone = weakref.ref(probe)
        del probe
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert gc.isenabled()
            assert gone() is None  # the start-up's garbage in cycles was collected
    finally:
        gc.enable()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(
    app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    collected: list[int] = []

    def counting(*args: object) -> int:
        collected.append(1)
        return 0

    monkeypatch.setattr(gc, "collect", counting)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
    assert not collected


def test_app_class_is_thin() -> None:
    """Screens own their handlers: the app keeps to theme, keys, palette, the first screen,
    its driver, quitting (asked first over a form holding unsaved text, whatever screen is
    under it; ended from outside, saving as it goes) and the end of start-up (the collector
    resumed after the first frame)."""
    own = {
        name
        for name, value in vars(WorkshopApp).items()
        if callable(value) and not name.startswith("__")
    }
    assert own <= {
        "get_driver_class",
        "get_default_screen",
        "on_mount",
        "on_ready",
        "home_screen",
        "action_help",
        "action_quit",
        "action_quit_by_q",  # q, refused on a session being typed into (check_action)
        "check_action",
        "_ended_from_outside",  # a hang-up or a kill: leaving as a quit does
        "_leave_saving",
        "get_system_commands",
    }
