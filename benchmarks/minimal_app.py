"""The baseline: the smallest Textual app, one Static. Started like ours, in a fresh
interpreter on the same pty, so start-up and memory figures are ratios to it."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

#: What the benchmark waits for on screen.
MARK = "Minimal benchmark app ready"


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(MARK)


if __name__ == "__main__":
    MinimalApp().run()
