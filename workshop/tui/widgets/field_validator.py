"""Checking what is typed into a field, with the model's own parser.

Apart from the item form so that the research step's budget line can use it without importing
the form's widgets (selects, checkboxes, buttons) before the session is first shown."""

from __future__ import annotations

from textual.validation import ValidationResult, Validator

from workshop.errors import InvalidInput
from workshop.model.fields import parse_value
from workshop.model.sections import FieldSpec


class FieldValidator(Validator):
    """Checks typed text with the model's own parser, so the message is the model's."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec

    def validate(self, value: str) -> ValidationResult:
        try:
            parse_value(self.spec, value)
        except InvalidInput as error:
            return self.failure(str(error))
        return self.success()
