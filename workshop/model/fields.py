"""Turning what a person types into field values and back, with messages a person understands."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from pydantic import ValidationError

from workshop.days import NotADay, read_day
from workshop.errors import InvalidInput
from workshop.model.sections import FieldKind, FieldSpec

#: Numbers typed are kept below this: every whole number under it is held exactly.
LARGEST = 1e15

_YES = {"y", "yes", "true", "1", "x", "✓"}
_NO = {"n", "no", "false", "0", ""}


def parse_value(spec: FieldSpec, raw: str) -> Any:
    """The value of a field from typed text; raises InvalidInput naming the field and the fix.

    Blank means "not set" for optional fields (None, or "" for text)."""
    text = raw.strip()
    kind = spec.kind
    if kind in (FieldKind.TEXT, FieldKind.LONG):
        if spec.required and not text:
            raise InvalidInput(f"{spec.label}: must not be empty")
        return raw if kind is FieldKind.LONG else raw.strip()
    if not text:
        if spec.required:
            raise InvalidInput(f"{spec.label}: must not be empty")
        return [] if kind is FieldKind.REFS else (False if kind is FieldKind.FLAG else None)
    if kind is FieldKind.SCORE:
        if text not in {"1", "2", "3", "4", "5"}:
            raise InvalidInput(f"{spec.label}: enter a whole number from 1 to 5")
        return int(text)
    if kind in (FieldKind.NUMBER, FieldKind.MONEY):
        cleaned = text.replace(",", "").replace("_", "").lstrip("£$€")
        try:
            number = float(cleaned)
        except ValueError:
            raise InvalidInput(f"{spec.label}: enter a number, e.g. 42 or 3.5") from None
        if not math.isfinite(number):
            raise InvalidInput(f"{spec.label}: enter a finite number")
        if abs(number) >= LARGEST:
            # past 15 digits a float no longer holds every digit typed (99…9 came back 99…1)
            raise InvalidInput(f"{spec.label}: enter a number of at most 15 digits")
        if kind is FieldKind.MONEY and number < 0:
            raise InvalidInput(f"{spec.label}: an amount cannot be negative")
        return number
    if kind is FieldKind.DATE:
        try:
            return read_day(text)
        except NotADay as error:
            raise InvalidInput(f"{spec.label}: {error}") from None
    if kind is FieldKind.FLAG:
        lowered = text.lower()
        if lowered in _YES:
            return True
        if lowered in _NO:
            return False
        raise InvalidInput(f"{spec.label}: answer yes or no")
    if kind is FieldKind.CHOICE:
        lowered = text.lower()
        for choice in spec.choices:
            if choice == lowered:
                return choice
        raise InvalidInput(f"{spec.label}: choose one of " + ", ".join(spec.choices))
    if kind is FieldKind.REFS:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text  # REF, PARTICIPANT: an id


def format_value(spec: FieldSpec, value: Any) -> str:
    """A field's value as a person would type it back (the inverse of parse_value)."""
    if value is None:
        return ""
    if spec.kind is FieldKind.FLAG:
        return "yes" if value else "no"
    if spec.kind in (FieldKind.NUMBER, FieldKind.MONEY):
        return format_number(value)
    if spec.kind is FieldKind.REFS:
        return ", ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def format_number(value: float | int | None) -> str:
    """A number without a needless '.0': 1200 not 1200.0, 3.5 stays 3.5."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def explain(error: ValidationError) -> str:
    """A pydantic validation error as one line a person understands: where, and what is wrong."""
    parts = []
    for detail in error.errors()[:3]:
        where = " → ".join(str(p) for p in detail["loc"]) or "value"
        parts.append(f"{where}: {detail['msg'].rstrip('.')}")
    more = len(error.errors()) - 3
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
