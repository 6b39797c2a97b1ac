from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from workshop.errors import InvalidInput
from workshop.model import Expectation, FieldKind, FieldSpec, explain, format_value, parse_value

SCORE = FieldSpec("importance", "Importance", FieldKind.SCORE)
MONEY = FieldSpec("annual_cost", "Annual cost", FieldKind.MONEY)
DUE = FieldSpec("due", "Due", FieldKind.DATE)
STATUS = FieldSpec("status", "Status", FieldKind.CHOICE, choices=("planned", "done"))
TEXT = FieldSpec("text", "Expectation", FieldKind.TEXT, required=True)


@pytest.mark.parametrize(
    ("spec", "raw", "message"),
    [
        (SCORE, "7", "Importance: enter a whole number from 1 to 5"),
        (SCORE, "2.5", "Importance: enter a whole number from 1 to 5"),
        (MONEY, "lots", "Annual cost: enter a number"),
        (MONEY, "-5", "Annual cost: an amount cannot be negative"),
        (MONEY, "inf", "Annual cost: enter a finite number"),
        (MONEY, "99999999999999999999999", "Annual cost: enter a number of at most 15 digits"),
        (MONEY, "1e15", "Annual cost: enter a number of at most 15 digits"),
        (DUE, "31/03/2027", "Due: enter a date as YYYY-MM-DD"),
        (DUE, "2026-02-30", "Due: there is no day 2026-02-30 in the calendar"),
        (DUE, "2026-13-01", "Due: there is no day 2026-13-01 in the calendar"),
        (DUE, "２０２６-０３-１０", "Due: enter a date as YYYY-MM-DD"),  # not "no such day"
        (STATUS, "finished", "Status: choose one of planned, done"),
        (TEXT, "   ", "Expectation: must not be empty"),
    ],
)
def test_bad_input_names_the_field_and_the_fix(spec: FieldSpec, raw: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_value(spec, raw)


@pytest.mark.parametrize(
    ("spec", "raw", "value"),
    [
        (SCORE, " 4 ", 4),
        (SCORE, "", None),
        (MONEY, "£12,500", 12500.0),
        (DUE, "2027-03-31", date(2027, 3, 31)),
        (DUE, "20270331", date(2027, 3, 31)),  # the basic form, as --date took it before
        (STATUS, "DONE", "done"),
    ],
)
def test_good_input_round_trips(spec: FieldSpec, raw: str, value: object) -> None:
    parsed = parse_value(spec, raw)
    assert parsed == value
    assert parse_value(spec, format_value(spec, parsed)) == value


def test_explain_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Expectation(text="x", importance=9)
    assert explain(caught.value).startswith("importance: ")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_numbers_json_cannot_hold_are_refused(value: float) -> None:
    from workshop.model import Indicator

    with pytest.raises(ValidationError):
        Indicator(text="x", target=value)
