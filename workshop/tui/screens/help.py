"""F1: the keys of the screen underneath, and help on the part of it that has the focus.

A widget (or screen) offers help by declaring a class attribute `HELP: str` (Markdown-free
plain text with Rich markup allowed), or a `current_help` property when it depends on the
widget's state; the first one found from the focused widget up to the screen is shown above
the keys."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from workshop.tui.commands import key_commands


def focused_help(screen: Screen[Any]) -> str | None:
    """The `HELP` text of the focused widget or its nearest ancestor that has one, ending
    with the screen's own; None when nothing declares any."""
    node: DOMNode | None = screen.focused if screen.focused is not None else screen
    while node is not None:
        # `current_help`: a screen whose help depends on how it was opened (read-only)
        text = getattr(node, "current_help", None) or getattr(type(node), "HELP", None)
        if isinstance(text, str) and text.strip():
            return text.strip()
        if node is screen:
            break
        node = node.parent
    return None


class HelpScreen(ModalScreen[None]):
    """What a facilitator under pressure needs: what this part of the screen is for, and the
    keys that work here. Escape, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close", id="help.close", tooltip="Back to the screen."),
    ]

    def __init__(self, beneath: Screen[Any]) -> None:
        super().__init__()
        self.beneath = beneath

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("Help", id="help-title")
            with VerticalScroll(id="help-body"):
                text = focused_help(self.beneath)
                if text:
                    yield Static(text, id="help-focused", markup=True)
                with Grid(id="help-keys"):
                    commands = key_commands(self.app, self.beneath)
                    for command in commands:
                        classes = "" if command.enabled else "-disabled"
                        yield Label(command.key, classes=f"help-key {classes}")
                        yield Label(command.description, classes=f"help-description {classes}")
                        yield Label(command.tooltip, classes=f"help-tooltip {classes}")
            yield Static("Esc closes · Ctrl+P finds any action by name", id="help-hint")

    def on_resize(self) -> None:
        # The keys scroll (arrow keys), the title and the hint stay: 90% of the screen less
        # the border (2), the title (2) and the hint (2).
        body = self.query_one("#help-body")
        body.styles.max_height = max(5, int(self.size.height * 0.9) - 6)

    def action_close(self) -> None:
        self.dismiss()
