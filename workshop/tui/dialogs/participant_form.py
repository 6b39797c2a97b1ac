"""The participant form: a name and a role."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from workshop.tui.dialogs.guard import GuardedForm, say_reason


class ParticipantForm(GuardedForm, ModalScreen[tuple[str, str] | None]):
    """Ask for a participant's name and role; dismisses with (name, role) or None."""

    HELP = "Type the name, Tab to the role, Enter to add. Escape cancels."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="participant.cancel", tooltip="Close."),
    ]

    def __init__(self, taken: list[str] | None = None) -> None:
        super().__init__()
        #: The names already in the session (told apart from a new one in any case)
        self.taken = {name.strip().casefold(): name for name in taken or []}

    def compose(self) -> ComposeResult:
        with Vertical(id="participant-form"):
            yield Static("Add a participant", classes="form-title")
            yield Label("Name *")
            yield Input(placeholder="Their name", id="participant-name")
            yield Label("Role or unit")
            yield Input(placeholder="e.g. Contact centre lead", id="participant-role")
            yield Static("", id="participant-error", classes="field-error")

    def on_mount(self) -> None:
        self.remember_fields()

    @on(Input.Submitted)
    def _submit(self) -> None:
        name = self.query_one("#participant-name", Input).value.strip()
        role = self.query_one("#participant-role", Input).value.strip()
        error = self.query_one("#participant-error", Static)
        if not name:
            say_reason(error, "Name: must not be empty")
            return
        same = self.taken.get(name.casefold())
        if same is not None:  # "aisha khan" beside "Aisha Khan" read as two people
            say_reason(error, f"Name: {same} is already a participant")
            return
        self.dismiss((name, role))

    def action_cancel(self) -> None:
        self.cancel_asking_first()
