"""The Textual app: a thin shell that sets the theme, the global keys and the first screen.

Each screen owns its own bindings and handlers; the app only knows how to start."""

from __future__ import annotations

import asyncio
import gc
import signal
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.screen import Screen

from workshop.cache import cache_folder
from workshop.store import Store
from workshop.tui.commands import binding_commands
from workshop.tui.controls import NO_RAW_CONTROLS
from workshop.tui.css_cache import CachedStylesheet
from workshop.tui.theme import THEME_NAME, WORKSHOP_THEME

if TYPE_CHECKING:
    from workshop.tui.screens.home import HomeScreen

#: A quit first lets keys typed before it land (see _let_typed_keys_land): in at
#: most this many rounds (a line ended with Enter goes from the field to its list, then the
#: screen) and this long.
QUIT_SETTLE_ROUNDS = 20
QUIT_SETTLE_SECONDS = 5.0


class WorkshopApp(App[int]):
    """The facilitator's app. Opens on the home screen; with `session_ref` (or `opened`, the
    group and session ids already found), straight onto that session (read-only when
    `read_only`), with the home screen built only when the session is left. A session that
    cannot be found is reported on the home screen as a notification, never as a traceback."""

    TITLE = "Service Strategy Workshop"
    # The first screen's file too: Textual does not load the CSS_PATH of the screen returned by
    # get_default_screen() (it does for screens pushed or switched to later).
    CSS_PATH = ["app.tcss", "screens/home.tcss"]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "q",
            "quit_by_q",
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

    def __init__(
        self,
        store: Store,
        session_ref: str | None = None,
        read_only: bool = False,
        opened: tuple[str, str] | None = None,
    ):
        first = opened is not None or session_ref is not None
        super().__init__(css_path=[*self.CSS_PATH, "screens/session.tcss"] if first else None)
        #: Where the groups are kept; screens are handed it, they never read it off the app.
        self.store = store
        self.session_ref = session_ref
        self.opened = opened
        self.read_only = read_only
        self._not_opened: str | None = None
        #: The question asked by a quit over a form holding unsaved text (see action_quit).
        self._quit_question: Screen[bool] | None = None
        #: Ended from outside (a hang-up, a terminate): leaving, saving as it goes.
        self._ending = False
        self.register_theme(WORKSHOP_THEME)
        # the theme is in place before the CSS is first parsed: assigning `self.theme` here
        # would have Textual parse every stylesheet a second time once the app runs (~20 ms
        # of the start). What its watcher does besides, for a dark theme replacing the
        # default dark one, is the class naming the theme.
        self.set_reactive(WorkshopApp.theme, THEME_NAME)
        self.set_class(True, f"-theme-{THEME_NAME}", update=False)
        # parsed CSS is read back from the cache of an earlier start (workshop.tui.css_cache)
        self.stylesheet = CachedStylesheet(
            variables=self.get_css_variables(), folder=cache_folder("css")
        )
        self.sub_title = str(store.data_dir)
        # an ESC typed into (or imported with) a session must never reach the terminal raw;
        # App.get_line_filters() reads this list (tests/reliability/test_tui_hostile.py checks)
        self._filters.append(NO_RAW_CONTROLS)

    def get_driver_class(self) -> type[Driver]:
        # Textual's own Linux driver (not Windows', nor one chosen with TEXTUAL_DRIVER)
        driver = super().get_driver_class()
        if (driver.__module__, driver.__name__) == ("textual.drivers.linux_driver", "LinuxDriver"):
            from workshop.tui.driver import SteadyLinuxDriver

            return SteadyLinuxDriver
        return driver

    def get_default_screen(self) -> Screen[Any]:
        if self.opened is None and self.session_ref is not None:
            from workshop.errors import WorkshopError

            try:
                self.opened = self.store.locate_session(self.session_ref)
            except WorkshopError as error:
                self._not_opened = str(error)
        if self.opened is not None:
            from workshop.tui.screens.session import SessionScreen

            group_id, session_id = self.opened
            screen = SessionScreen(self.store, group_id, session_id, read_only=self.read_only)
            # switch_screen (how the session gives way to the home screen) drops the result
            # callback of the screen it replaces, and Textual gives the first screen none
            screen._push_result_callback(self, None)
            return screen
        return self.home_screen()

    def home_screen(self, select: str | None = None) -> HomeScreen:
        """A new home screen (the session screen opened first builds one when it is left,
        with the cursor on the row keyed `select`)."""
        from workshop.tui.screens.home import HomeScreen  # `workshop open` may never need it

        return HomeScreen(self.store, read_only=self.read_only, select=select)

    def on_ready(self) -> None:
        # The first frame is on screen. The command line held off the cyclic collector during
        # start-up (`workshop.cli.main`); it resumes once the frame has reached the terminal.
        if not gc.isenabled():
            self.call_later(_resume_gc)

    def on_mount(self) -> None:
        if self._not_opened is not None:
            self.notify(self._not_opened, title="Cannot open that session", severity="error")
        if not self.is_headless:
            # A closed terminal (a dropped SSH link, a closed laptop lid's terminal) or a
            # `kill` ended the process at once: what was typed but not yet saved (a capture
            # line, the last words of a narrative) was lost. They end it as a quit does.
            loop = asyncio.get_running_loop()
            for ending in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(ending, self._ended_from_outside)

    def _ended_from_outside(self) -> None:
        if not self._ending:
            self._ending = True
            self.call_later(self._leave_saving)

    async def _leave_saving(self) -> None:
        """Let the keys already typed land, then exit: leaving the session screen adds what
        its capture lines hold and saves. Nothing is asked (nobody may be there to answer)."""
        await _let_typed_keys_land(self.screen)
        self.exit()

    def action_help(self) -> None:
        """Show the keys of the current screen and the focused widget's help."""
        from workshop.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit_by_q" and _typing_screen(self.screen):
            # on a session being captured into, q is a letter: a word typed while a list had
            # the focus ("quarterly…") quit the app at its first letter, the rest going to the
            # shell. ctrl+q quits from there.
            return False
        return super().check_action(action, parameters)

    async def action_quit_by_q(self) -> None:
        await self.action_quit()

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q); first ask when a form holds what was typed in it and not saved:
        it is in no session yet. Asked again over that question, quit."""
        from workshop.tui.dialogs.confirm import ConfirmDialog
        from workshop.tui.dialogs.guard import GuardedForm

        await _let_typed_keys_land(self.screen)
        forms = [s for s in self.screen_stack if isinstance(s, GuardedForm)]
        if self.screen is self._quit_question or not any(
            form.changed_since_opened() for form in forms
        ):
            self.exit()
            return

        def answered(leave: bool | None) -> None:
            self._quit_question = None
            if leave:
                self.exit()

        question = (
            "What is typed in the form is not saved yet. Quit and lose it?\n"
            "(Go back to the form to save it.)"
        )
        # over any other question (a form's "Close without saving"), this one is asked too
        self._quit_question = ConfirmDialog(
            "Quit with a form open", question, "Quit", "Back to the form", True
        )
        self.push_screen(self._quit_question, answered)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # The current screen's actions first, then Textual's own few (keys panel, screenshot).
        commands = list(binding_commands(self, screen))
        names = {command.title for command in commands}
        yield from commands
        for command in super().get_system_commands(screen):
            if command.title not in names and command.title != "Theme":
                yield command


def _typing_screen(screen: Screen[Any]) -> bool:
    """Whether `screen` is a session open for editing, where letters are typed."""
    # looked up, not imported: home's footer asks, and must not bring in the session's module
    module = sys.modules.get("workshop.tui.screens.session")
    session_screen = getattr(module, "SessionScreen", None)
    return (
        session_screen is not None
        and isinstance(screen, session_screen)
        and not getattr(screen, "read_only", True)
    )


async def _let_typed_keys_land(screen: Screen[Any]) -> None:
    """Wait until the screen's widgets have handled what is queued for them. ctrl+q is
    taken by the app as it arrives, while keys sent just before it (a paste, a fast typist, a
    slow link) may still wait in the focused field's queue, and a line ended with Enter in its
    list's: quitting then dropped them. Bounded: a widget that never gets through its queue
    does not keep the app open."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + QUIT_SETTLE_SECONDS
    for _ in range(QUIT_SETTLE_ROUNDS):
        busy = [
            widget
            for widget in screen.walk_children(with_self=True)
            if not widget._message_queue.empty()
        ]
        left = deadline - loop.time()
        if not busy or left <= 0:
            return
        landed = [asyncio.Event() for _ in busy]
        for widget, event in zip(busy, landed, strict=True):
            widget.call_later(event.set)  # runs once what was queued before it has run
        try:
            await asyncio.wait_for(asyncio.gather(*(e.wait() for e in landed)), left)
        except TimeoutError:
            return


def _resume_gc() -> None:
    """Collect what start-up left in cycles (a few thousand objects), then let the collector
    run on its own again: one pass over the heap (about 50 ms with a 1,000-item session
    open) while the room reads the first screen, rather than many during start-up, or a
    first automatic one over every object start-up built in the middle of a key press."""
    gc.collect()
    gc.enable()
