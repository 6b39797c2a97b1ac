"""Fixtures of the reliability tests."""

from __future__ import annotations

import pytest

from tests.reliability.helpers import FaultyOs
from workshop.store import durable


@pytest.fixture
def faulty_os(monkeypatch: pytest.MonkeyPatch) -> FaultyOs:
    """The store's own `os` calls go through a FaultyOs (the rest of the process is untouched)."""
    fake = FaultyOs()
    monkeypatch.setattr(durable, "os", fake)
    return fake
