"""The Textual app: a thin shell that sets the theme, the global keys and the first screen.

Each screen owns its own bindings and handlers; the app only knows how to start."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from workshop.store import Store
from workshop.tui.commands import binding_commands
from workshop.tui.controls import NO_RAW_CONTROLS
from workshop.tui.screens.home import HomeScreen
from workshop.tui.theme import THEME_NAME, WORKSHOP_THEME


class WorkshopApp(App[int]):
    """The facilitator's app. Opens on the home screen; with `session_ref`, straight onto that
    session (read-only when `read_only`). A session that cannot be found is reported on the home
    screen as a notification, never as a traceback."""

    TITLE = "Service Strategy Workshop"
    # The home screen's file too: Textual does not load the CSS_PATH of the screen returned by
    # get_default_screen() (it does for pushed screens).
    CSS_PATH = ["app.tcss", "screens/home.tcss"]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "q",
            "quit",
            "Quit",
            id="quit",
            tooltip="Leave the app; everything is already saved.",
        ),
        Binding(
            "f1",
            "help",
            "Help",
            id="help",
            # priority: F1 must work inside dialogs too, which hide the app's other keys
            priority=True,
            tooltip="The keys of this screen and help on the part that has the focus.",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="palette",
            show=False,
            priority=True,
            tooltip="Search every action of this screen by name.",
        ),
    ]

    def __init__(self, store: Store, session_ref: str | None = None, read_only: bool = False):
        super().__init__()
        #: Where the groups are kept; screens are handed it, they never read it off the app.
        self.store = store
        self.session_ref = session_ref
        self.read_only = read_only
        self.register_theme(WORKSHOP_THEME)
        self.theme = THEME_NAME
        self.sub_title = str(store.data_dir)
        # an ESC typed into (or imported with) a session must never reach the terminal raw;
        # App.get_line_filters() reads this list (tests/reliability/test_tui_hostile.py checks)
        self._filters.append(NO_RAW_CONTROLS)

    def get_default_screen(self) -> Screen[Any]:
        return HomeScreen(self.store, read_only=self.read_only)

    def on_mount(self) -> None:
        if self.session_ref is not None:
            self._open_reference(self.session_ref)

    def _open_reference(self, ref: str) -> None:
        from workshop.errors import WorkshopError
        from workshop.tui.screens.session import SessionScreen

        try:
            group, session = self.store.find_session(ref)
            screen = SessionScreen(self.store, group.id, session.id, read_only=self.read_only)
        except WorkshopError as error:
            self.notify(str(error), title="Cannot open that session", severity="error")
            return
        self.push_screen(screen)

    def action_help(self) -> None:
        """Show the keys of the current screen and the focused widget's help."""
        from workshop.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # The current screen's actions first, then Textual's own few (keys panel, screenshot).
        commands = list(binding_commands(self, screen))
        names = {command.title for command in commands}
        yield from commands
        for command in super().get_system_commands(screen):
            if command.title not in names and command.title != "Theme":
                yield command
