"""Small factories for model tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from workshop.model import Expectation, Session


def make_session(**overrides: Any) -> Session:
    fields: dict[str, Any] = {"group_id": "grp1", "date": date(2026, 5, 12)}
    fields.update(overrides)
    return Session(**fields)


def expectation(importance: int | None, performance: int | None, text: str = "x") -> Expectation:
    return Expectation(text=text, importance=importance, performance=performance)
