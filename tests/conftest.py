"""Shared fixtures: every test gets its own data folder, never the user's sessions/."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder, also set as WORKSHOP_DATA so the faces find it."""
    folder = tmp_path / "sessions"
    monkeypatch.setenv("WORKSHOP_DATA", str(folder))
    return folder
