"""The baseline: the smallest Textual app, one Static. Started like ours, in a fresh
interpreter on the same pty, so start-up and memory figures are ratios to it.

`minimal_app.py MODULE…` imports those modules first, with the cyclic collector held off as
our command line holds it off: the same app then measures what a screen's imports alone cost,
before any file is read or widget built (a start-up figure's floor)."""

from __future__ import annotations

import gc
import importlib
import sys

from textual.app import App, ComposeResult
from textual.widgets import Static

#: What the benchmark waits for on screen.
MARK = "Minimal benchmark app ready"


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(MARK)


if __name__ == "__main__":
    if sys.argv[1:]:
        gc.disable()  # as `workshop.cli.main` does until the first frame
    for name in sys.argv[1:]:
        importlib.import_module(name)
    MinimalApp().run()
