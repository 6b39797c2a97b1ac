"""Forms that know whether anything was typed or chosen in them since they opened, so that
closing one with Escape, or quitting the app over one (`WorkshopApp.action_quit`), asks first:
what is half written in a form is in no session yet, and would be dropped unseen. (Capture
lines need no asking: what they hold is added to the session on leaving.)"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Checkbox, Input, Select, SelectionList, Static, TextArea


def field_values(screen: Screen[Any]) -> tuple[object, ...]:
    """What every field of `screen` holds now, in order."""
    values: list[object] = []
    for widget in screen.query("Input, TextArea, Checkbox, Select, SelectionList"):
        if isinstance(widget, TextArea):
            values.append(widget.text)
        elif isinstance(widget, SelectionList):
            values.append(tuple(widget.selected))
        elif isinstance(widget, Input | Checkbox | Select):
            values.append(widget.value)
    return tuple(values)


class GuardedForm:
    """Mixed into a form (a ModalScreen) that calls `remember_fields` once its fields hold
    what it opened with (in `on_mount`)."""

    _opened_with: tuple[object, ...] | None = None

    def remember_fields(self) -> None:
        assert isinstance(self, Screen)
        self._opened_with = field_values(self)

    def changed_since_opened(self) -> bool:
        assert isinstance(self, Screen)
        return self._opened_with is not None and field_values(self) != self._opened_with

    def cancel_asking_first(self) -> None:
        """Close the form with nothing saved (Escape, Cancel); first ask when something was
        typed or chosen in it."""
        assert isinstance(self, Screen)
        screen = self
        if not self.changed_since_opened():
            screen.dismiss(None)
            return
        from workshop.tui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                screen.dismiss(None)

        screen.app.push_screen(
            ConfirmDialog(
                "Close without saving",
                "What is typed in the form is not saved. Close it and lose that?",
                "Close it",
                "Back to the form",
                danger=True,
            ),
            answered,
        )


def say_reason(label: Static, message: str) -> None:
    """Show why a field is refused in its `.field-error` label, which is shown only while it
    has something to say (its updates alone kept it hidden: the item form's and the review's
    reasons were never seen)."""
    label.update(message)
    label.set_class(bool(message), "-shown")
