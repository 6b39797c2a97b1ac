"""The follow-up's day and title, asked before the next part is made (`f` on the home screen).

It used to be made at once, dated today: a facilitator preparing part 2 ahead of the day had
no way to date it, and its progress report read "since <today>"."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from workshop.days import NotADay, read_day
from workshop.tui.dialogs.guard import say_reason


class FollowUpForm(ModalScreen[tuple[dt.date, str] | None]):
    """Ask the day (today offered) and an optional title; dismisses with them, or None."""

    HELP = (
        "The day of the follow-up session (YYYY-MM-DD; today is offered) and, if you like, a "
        "title of its own. Enter starts it, Escape cancels."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="follow_up.cancel", tooltip="Start nothing."),
    ]

    def __init__(self, heading: str, today: dt.date, after: dt.date) -> None:
        super().__init__()
        self.heading = heading
        self.today = today
        #: The day of the part it follows: a follow-up cannot come before it.
        self.after = after

    def compose(self) -> ComposeResult:
        with Vertical(id="follow-up-box", classes="dialog"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Label("Date of the session", classes="field-label")
            yield Input(self.today.isoformat(), placeholder="YYYY-MM-DD", id="follow-up-date")
            yield Label("", classes="field-error", id="follow-up-error")
            yield Label("Title (optional)", classes="field-label")
            yield Input(placeholder="e.g. Six-month review", id="follow-up-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start it", variant="primary", id="start")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#follow-up-date", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        error = self.query_one("#follow-up-error", Label)
        try:
            day = read_day(self.query_one("#follow-up-date", Input).value)
        except NotADay as refused:
            say_reason(error, refused.sentence())
            return
        if day < self.after:
            say_reason(error, f"A follow-up cannot come before the part it follows ({self.after})")
            return
        self.dismiss((day, self.query_one("#follow-up-title", Input).value.strip()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
