"""The review's two quick edits as typed modals: an action's status, an indicator's latest
value. Each dismisses with its answer, or None on Escape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop.errors import InvalidInput
from workshop.model.fields import format_number, parse_value
from workshop.model.sections import section
from workshop.model.structure import ActionStatus
from workshop.tui.dialogs.guard import GuardedForm, say_reason

_LATEST = section("indicators").field("latest")


class StatusDialog(ModalScreen[ActionStatus | None]):
    """Choose an action's new status; Enter picks the highlighted one."""

    HELP = "Pick the action's status with the arrow keys and Enter; Escape leaves it as it was."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="status.cancel", tooltip="Keep the status."),
    ]

    def __init__(self, action_text: str, current: ActionStatus) -> None:
        super().__init__()
        self.action_text = action_text
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="status-box", classes="dialog"):
            yield Static("Action status", classes="dialog-title")
            yield Static(self.action_text, id="status-action", markup=False)
            yield OptionList(
                *(Option(status.value, id=status.value) for status in ActionStatus),
                id="status-choice",
            )

    def on_mount(self) -> None:
        choice = self.query_one(OptionList)
        choice.highlighted = list(ActionStatus).index(self.current)
        choice.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(ActionStatus(str(event.option.id)))

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class LatestValue:
    """The answer of the value dialog: the new latest value (None clears it)."""

    value: float | None


class _Number(Validator):
    def validate(self, value: str) -> ValidationResult:
        try:
            parse_value(_LATEST, value)
        except InvalidInput as error:
            return self.failure(str(error))
        return self.success()


class ValueDialog(GuardedForm, ModalScreen[LatestValue | None]):
    """Type an indicator's latest measured value; blank clears it."""

    HELP = (
        "Type the indicator's latest measured value and press Enter (blank clears it); "
        "Escape leaves it as it was."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="value.cancel", tooltip="Keep the value."),
    ]

    def __init__(self, indicator_text: str, unit: str, current: float | None) -> None:
        super().__init__()
        self.indicator_text = indicator_text
        self.unit = unit
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="value-box", classes="dialog"):
            yield Static("Latest value", classes="dialog-title")
            yield Static(self.indicator_text, id="value-indicator", markup=False)
            yield Label(f"Value{f' ({self.unit})' if self.unit else ''}", classes="field-label")
            yield Input(
                format_number(self.current),
                placeholder="e.g. 71 — blank clears it",
                id="value",
                validators=[_Number()],
                validate_on=["changed", "submitted"],
            )
            yield Label("", classes="field-error", id="value-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.remember_fields()

    @on(Input.Changed)
    def _checked(self, event: Input.Changed) -> None:
        result = event.validation_result
        message = "" if result is None or result.is_valid else result.failure_descriptions[0]
        self._say(message)

    def _say(self, message: str) -> None:
        say_reason(self.query_one("#value-error", Label), message)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        raw = self.query_one(Input).value
        try:
            value = parse_value(_LATEST, raw)
        except InvalidInput as error:
            self._say(str(error))
            return
        self.dismiss(LatestValue(value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.cancel_asking_first()
