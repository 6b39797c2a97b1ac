"""Textual's Linux driver, minus one hazard: a stray SIGCONT.

Textual starts its terminal mode again on every SIGCONT the process receives, as if coming
back from a suspend (ctrl+z, then `fg`), whether or not it was suspended. A SIGCONT sent to a
running app (`kill -CONT`, a debugger or profiler letting go of it) thus starts a second
writer thread and a second reader of the keyboard, garbles the screen, and records the
terminal's raw mode as the mode to restore: the shell is left without echo once the app
quits. Here a SIGCONT starts the terminal mode again only after a suspend of our own."""

from __future__ import annotations

from typing import Any

from textual.drivers.linux_driver import LinuxDriver


class SteadyLinuxDriver(LinuxDriver):
    """Textual's Linux driver, resuming on SIGCONT only after its own SIGTSTP."""

    def _sigcont_application(self, *_: Any) -> None:
        # Textual's SIGTSTP handler, suspending the terminal mode before it stops the
        # process, marks that a resume is due; nothing else does
        if self._must_signal_resume:
            super()._sigcont_application()
