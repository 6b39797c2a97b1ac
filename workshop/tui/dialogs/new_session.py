"""The form that starts a new session: in an existing group or a new one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Function, ValidationResult, Validator
from textual.widgets import Button, Input, Label, Select, Static

from workshop.days import NotADay, read_day
from workshop.tui.dialogs.guard import GuardedForm, say_reason

#: The Select value that stands for "a group not in the list yet".
NEW_GROUP = "__new__"

#: Longest name accepted for a group, organisation, facilitator or participant.
MAX_NAME = 200


@dataclass(frozen=True)
class GroupChoice:
    """An existing group the session can join."""

    id: str
    name: str
    organisation: str = ""
    #: Who facilitated its latest part: the form offers them when the group is chosen.
    facilitator: str = ""


@dataclass(frozen=True)
class NewSessionForm:
    """What the form gathered. `group_id` is None for a new group named `group_name`."""

    group_id: str | None
    group_name: str
    organisation: str
    facilitator: str
    date: dt.date
    title: str = ""
    participants: list[str] = field(default_factory=list)


def split_names(text: str) -> list[str]:
    """Comma-separated names, trimmed, blanks dropped."""
    return [name.strip() for name in text.split(",") if name.strip()]


class _Day(Validator):
    def validate(self, value: str) -> ValidationResult:
        try:
            read_day(value)
        except NotADay as error:
            return self.failure(error.sentence())
        return self.success()


class _Participants(Validator):
    def validate(self, value: str) -> ValidationResult:
        names = split_names(value)
        folded = [name.casefold() for name in names]
        twice = sorted(
            {name for name, key in zip(names, folded, strict=True) if folded.count(key) > 1}
        )
        if twice:
            return self.failure(f"{twice[0]} is listed twice")
        if any(len(name) > MAX_NAME for name in names):
            return self.failure(f"a name is longer than {MAX_NAME} characters")
        return self.success()


def _short(label: str) -> Function:
    return Function(
        lambda text: len(text.strip()) <= MAX_NAME, f"{label}: at most {MAX_NAME} characters"
    )


class NewSessionDialog(GuardedForm, ModalScreen[NewSessionForm | None]):
    """A typed form: dismisses with a NewSessionForm, or None on Escape / Cancel."""

    HELP = (
        "Start a session: pick the group (or [b]A new group[/b] and type its name), who "
        "facilitates, the date (YYYY-MM-DD) and who is in the room, separated by commas. "
        "Enter or Ctrl+S creates it; Escape cancels."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="new_session.cancel",
            tooltip="Close the form; nothing is created.",
        ),
        Binding(
            "ctrl+s",
            "create",
            "Create",
            id="new_session.create",
            tooltip="Create the session and open it.",
        ),
    ]

    def __init__(
        self,
        groups: list[GroupChoice],
        today: dt.date,
        group_id: str | None = None,
        facilitator: str = "",
    ) -> None:
        super().__init__()
        self.groups = groups
        self.today = today
        self.initial_group = group_id if any(g.id == group_id for g in groups) else None
        chosen = next((g for g in groups if g.id == self.initial_group), None)
        # a group row selected on the home screen: its latest part's facilitator
        self.initial_facilitator = facilitator or (chosen.facilitator if chosen else "")
        #: What the form put in the facilitator field itself, and for which group: replaced
        #: when another group is chosen, unless someone typed over it
        self._offered = (self.initial_group, self.initial_facilitator)

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        taken = {g.name.casefold() for g in self.groups}
        with Vertical(id="new-session-box", classes="dialog"):
            yield Static("New session", classes="dialog-title")
            with VerticalScroll(id="new-session-fields"):
                if self.groups:
                    yield Label("Group", classes="field-label")
                    options = [(self._group_label(g), g.id) for g in self.groups]
                    options.append(("A new group…", NEW_GROUP))
                    yield Select(
                        options,
                        value=self.initial_group or NEW_GROUP,
                        allow_blank=False,
                        id="group-choice",
                    )
                yield Label("New group's name", classes="field-label", id="group-name-label")
                yield Input(
                    placeholder="e.g. Riverside Council Customer Service",
                    id="group-name",
                    validators=[
                        Function(lambda text: bool(text.strip()), "Give the group a name"),
                        Function(
                            lambda text: text.strip().casefold() not in taken,
                            "A group of that name exists: pick it in the list above",
                        ),
                        _short("The name"),
                    ],
                    validate_on=["changed", "submitted"],
                )
                yield Label("", classes="field-error", id="group-name-error")
                yield Label("Organisation", classes="field-label", id="organisation-label")
                yield Input(
                    placeholder="optional, e.g. Riverside Borough Council",
                    id="organisation",
                    validators=[_short("The organisation")],
                    validate_on=["changed", "submitted"],
                )
                yield Label("", classes="field-error", id="organisation-error")
                yield Label("Facilitator", classes="field-label")
                yield Input(
                    self.initial_facilitator,
                    placeholder="who runs the session (optional)",
                    id="facilitator",
                    validators=[_short("The facilitator's name")],
                    validate_on=["changed", "submitted"],
                )
                yield Label("", classes="field-error", id="facilitator-error")
                yield Label("Date", classes="field-label")
                yield Input(
                    self.today.isoformat(),
                    placeholder="YYYY-MM-DD",
                    id="date",
                    validators=[_Day()],
                    validate_on=["changed", "submitted"],
                )
                yield Label("", classes="field-error", id="date-error")
                yield Label("Title", classes="field-label")
                yield Input(
                    placeholder="optional, e.g. Building the strategy",
                    id="session-title",
                )
                yield Label("", classes="field-error", id="session-title-error")
                yield Label("Participants", classes="field-label")
                yield Input(
                    placeholder="names separated by commas (optional; add more later)",
                    id="participants",
                    validators=[_Participants()],
                    validate_on=["changed", "submitted"],
                )
                yield Label("", classes="field-error", id="participants-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create", id="create", variant="primary")
                yield Button("Cancel", id="cancel")

    @staticmethod
    def _group_label(group: GroupChoice) -> str:
        # Short, so that the choice stays on one line at 80 columns; a long name is cut.
        label = f"{group.name} ({group.organisation})" if group.organisation else group.name
        return label if len(label) <= 60 else label[:59] + "…"

    def on_mount(self) -> None:
        self._show_group_fields()
        if self.groups:
            self.query_one("#group-choice", Select).focus()
        else:
            self.query_one("#group-name", Input).focus()
        self.remember_fields()

    def on_resize(self) -> None:
        # The fields scroll, the buttons stay: at 80×24 the form is taller than the screen.
        # Room left = 90% of the screen less the border (2), title (2) and buttons (4).
        fields = self.query_one("#new-session-fields")
        fields.styles.max_height = max(6, int(self.size.height * 0.9) - 8)

    # -- behaviour ---------------------------------------------------------------------------

    def _chosen_group(self) -> GroupChoice | None:
        if not self.groups:
            return None
        value = self.query_one("#group-choice", Select).value
        return next((g for g in self.groups if g.id == value), None)

    def _show_group_fields(self) -> None:
        """A new group needs a name and an organisation; an existing one has both already."""
        new = self._chosen_group() is None
        for selector in (
            "#group-name",
            "#group-name-label",
            "#organisation",
            "#organisation-label",
        ):
            self.query_one(selector).display = new
        if not new:  # a hidden field's message would be a puzzle
            for selector in ("#group-name-error", "#organisation-error"):
                self.query_one(selector).remove_class("-shown")

    @on(Select.Changed, "#group-choice")
    def _group_changed(self) -> None:
        self._show_group_fields()
        field = self.query_one("#facilitator", Input)
        chosen = self._chosen_group()
        offered_for, offered = self._offered
        if (chosen.id if chosen else None) != offered_for and field.value == offered:
            # still what the form offered another group: offer this one's own facilitator
            # (another group's stayed, and was easy to create the session with). The choice
            # the form opened with is left alone: the form is not changed by opening.
            offered = chosen.facilitator if chosen else ""
            field.value = offered
            self._offered = (chosen.id if chosen else None, offered)

    @on(Input.Changed)
    def _show_validation(self, event: Input.Changed) -> None:
        self._show_error(event.input, event.validation_result)

    def _show_error(self, field: Input, result: ValidationResult | None) -> None:
        message = ""
        if result is not None and not result.is_valid:
            message = result.failure_descriptions[0] if result.failure_descriptions else "Not valid"
        error = self.query_one(f"#{field.id}-error", Label)
        say_reason(error, message)
        if message:
            error.scroll_visible(animate=False)

    @on(Input.Submitted)
    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        """Check every shown field; dismiss with the form when all are valid."""
        first_invalid: Input | None = None
        for field_input in self.query(Input):
            if not field_input.display:
                continue
            result = field_input.validate(field_input.value)
            self._show_error(field_input, result)
            if result is not None and not result.is_valid and first_invalid is None:
                first_invalid = field_input
        if first_invalid is not None:
            first_invalid.focus()
            return
        self.dismiss(self._form())

    def _form(self) -> NewSessionForm:
        def value(selector: str) -> str:
            return self.query_one(selector, Input).value.strip()

        chosen = self._chosen_group()
        return NewSessionForm(
            group_id=chosen.id if chosen else None,
            group_name=chosen.name if chosen else value("#group-name"),
            organisation=chosen.organisation if chosen else value("#organisation"),
            facilitator=value("#facilitator"),
            date=read_day(value("#date")),
            title=value("#session-title"),
            participants=split_names(self.query_one("#participants", Input).value),
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.cancel_asking_first()
