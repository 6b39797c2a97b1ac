"""Shared fixtures: every test gets its own data folder, never the user's sessions/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder, also set as WORKSHOP_DATA so the faces find it."""
    folder = tmp_path / "sessions"
    monkeypatch.setenv("WORKSHOP_DATA", str(folder))
    return folder


@pytest.fixture(autouse=True, scope="session")
def css_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The app's cache (workshop.cache: parsed CSS, listings) in a folder of the test run,
    never the user's ~/.cache; apps started by the tests (and their subprocesses) share it."""
    from workshop.cache import CACHE_ENV

    folder = tmp_path_factory.mktemp("css-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        yield folder
