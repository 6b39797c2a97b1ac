"""The model keeps pydantic from scanning every installed package for plugins at start."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(("preset", "expected"), [(None, "__all__"), ("logfire", "logfire")])
def test_pydantic_does_not_look_for_plugins_unless_asked(preset: str | None, expected: str) -> None:
    """Looking for pydantic plugins reads every installed package's metadata (40–60 ms of
    opening a session); the model turns it off, unless the variable is already set."""
    code = (
        "import os\n"
        "from datetime import date\n"
        "from workshop.model import Session\n"
        "Session.model_validate({'group_id': 'g1', 'date': '2026-05-12'})\n"
        "from pydantic.plugin import _loader\n"
        "print(os.environ['PYDANTIC_DISABLE_PLUGINS'], _loader._plugins is None)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if preset is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = preset
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    # disabled: the installed packages were never scanned; one named: they were
    assert done.stdout.split() == [expected, str(preset is None)]
