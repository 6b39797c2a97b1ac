"""The item form: one field per FieldSpec of a section, checked as it is typed."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from workshop.errors import InvalidInput
from workshop.model.fields import format_value, parse_value
from workshop.model.sections import FieldKind, FieldSpec, Section, section
from workshop.model.session import Session
from workshop.tui.dialogs.guard import GuardedForm, say_reason
from workshop.tui.widgets.field_validator import FieldValidator

_SELECT_KINDS = (FieldKind.CHOICE, FieldKind.REF, FieldKind.PARTICIPANT)

#: How a reference to an item or person no longer in the session is offered: it stays chosen,
#: so saving an edit of the item's other fields keeps it (an undo of the deletion relinks it).
GONE_LABEL = "(deleted: {id}, kept unless you change it)"


def _short(text: str, width: int = 50) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def field_options(spec: FieldSpec, session: Session) -> list[tuple[str, str]]:
    """The (label, value) choices of a CHOICE, REF, REFS or PARTICIPANT field."""
    if spec.kind is FieldKind.CHOICE:
        return [(choice, choice) for choice in spec.choices]
    if spec.kind is FieldKind.PARTICIPANT:
        return [(p.name, p.id) for p in session.participants]
    if spec.ref is not None:
        return [(_short(item.text), item.id) for item in section(spec.ref).items(session)]
    return []


class ItemForm(GuardedForm, ModalScreen[dict[str, Any] | None]):
    """Add or edit one item. Dismisses with the parsed values, or None when cancelled."""

    HELP = (
        "Fill in what you know; only the first field is needed. Tab moves between fields, "
        "ctrl+s saves, Escape cancels. A field in red says what to fix."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close without saving."),
        Binding(
            "ctrl+s", "submit", "Save", id="form.save", priority=True, tooltip="Save this item."
        ),
    ]

    def __init__(
        self,
        section_: Section,
        session: Session,
        values: dict[str, Any] | None = None,
        speaker: str | None = None,
        editing: bool | None = None,
    ) -> None:
        super().__init__()
        self.section = section_
        self.session = session
        self.values = values or {}
        self.speaker = speaker
        #: Editing an item (else adding one, perhaps with values filled in, as who speaks)
        self.editing = bool(self.values) if editing is None else editing

    def compose(self) -> ComposeResult:
        verb = "Edit" if self.editing else "Add to"
        with Vertical(id="item-form"):
            yield Static(f"{verb}: {self.section.title}", classes="form-title")
            # not a Tab stop of its own: focus goes from field to field and scrolls them into view
            with VerticalScroll(can_focus=False):
                for spec in self.section.fields:
                    yield from self._field(spec)
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (Esc)", id="cancel")

    def _field(self, spec: FieldSpec) -> ComposeResult:
        mark = " *" if spec.required else ""
        yield Label(f"{spec.label}{mark}", classes="field-label")
        value = self.values.get(spec.name)
        wid = f"field-{spec.name}"
        if spec.kind is FieldKind.FLAG:
            yield Checkbox(spec.hint or spec.label, bool(value), id=wid)
        elif spec.kind in _SELECT_KINDS:
            if spec.kind is FieldKind.PARTICIPANT and value is None and not self.values:
                value = self.speaker
            options = field_options(spec, self.session)
            current = format_value(spec, value) if value is not None else None
            known = {v for _, v in options}
            if current and current not in known and spec.kind is not FieldKind.CHOICE:
                options.insert(0, (GONE_LABEL.format(id=current), current))
                known.add(current)
            yield Select(
                options,
                value=current if current in known else Select.NULL,
                allow_blank=not spec.required,
                prompt=spec.hint or "(none)",
                id=wid,
            )
        elif spec.kind is FieldKind.REFS:
            chosen = list(value or [])
            options = field_options(spec, self.session)
            known = {v for _, v in options}
            gone = [(GONE_LABEL.format(id=v), v) for v in dict.fromkeys(chosen) if v not in known]
            yield SelectionList[str](
                *[(label, v, v in chosen) for label, v in gone + options],
                id=wid,
            )
        elif spec.kind is FieldKind.LONG:
            area = TextArea(format_value(spec, value), id=wid, classes="long-field")
            area.show_line_numbers = False
            yield area
        else:
            yield Input(
                format_value(spec, value),
                placeholder=spec.hint,
                validators=[FieldValidator(spec)],
                id=wid,
            )
        yield Static("", id=f"error-{spec.name}", classes="field-error")

    def on_mount(self) -> None:
        # the first field has the focus, its cursor after the text: what is typed at once lands
        # there, added to an edited text rather than in front of it
        first = self.query_one(f"#field-{self.section.fields[0].name}")
        first.focus()
        if isinstance(first, TextArea):
            first.move_cursor(first.document.end)
        self.remember_fields()

    @on(Input.Changed)
    def _show_check(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        message = ""
        if event.validation_result is not None and not event.validation_result.is_valid:
            message = "; ".join(event.validation_result.failure_descriptions)
        say_reason(self.query_one(f"#error-{name}", Static), message)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def _read(self, spec: FieldSpec) -> Any:
        """One field's parsed value; InvalidInput says what is wrong with it."""
        widget = self.query_one(f"#field-{spec.name}")
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, SelectionList):
            return list(widget.selected)
        if isinstance(widget, Select):
            raw = "" if widget.is_blank() else str(widget.value)
        elif isinstance(widget, TextArea):
            raw = widget.text
        else:
            raw = widget.value if isinstance(widget, Input) else ""
        kept = self.values.get(spec.name)
        if kept not in (None, "") and raw == format_value(spec, kept):
            # left as it was: the stored value, not its text read again (a number imported
            # past what can be typed, 1e15, must not stop the item's other fields being saved)
            return kept
        return parse_value(spec, raw)

    def read_values(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The parsed values, and a message per field that is wrong."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for spec in self.section.fields:
            try:
                values[spec.name] = self._read(spec)
            except InvalidInput as error:
                errors[spec.name] = str(error)
        return values, errors

    @on(TextArea.Changed)
    @on(Select.Changed)
    def _recheck(self, event: TextArea.Changed | Select.Changed) -> None:
        """A reason shown under a field (after a refused save) goes once the field is put
        right, not at the next save; a field with nothing shown is left to the save."""
        control = event.text_area if isinstance(event, TextArea.Changed) else event.select
        name = (control.id or "").removeprefix("field-")
        label = self.query_one(f"#error-{name}", Static)
        if not label.has_class("-shown"):
            return
        try:
            self._read(self.section.field(name))
        except InvalidInput as error:
            say_reason(label, str(error))
        else:
            say_reason(label, "")

    def action_submit(self) -> None:
        values, errors = self.read_values()
        for spec in self.section.fields:
            say_reason(self.query_one(f"#error-{spec.name}", Static), errors.get(spec.name, ""))
        if errors:
            self.notify("; ".join(errors.values()), title="Check the form", severity="warning")
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.cancel_asking_first()
