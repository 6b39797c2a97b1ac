"""The core (model, store, export) never loads the faces; the model never loads the store."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = """
import sys, importlib
importlib.import_module({module!r})
bad = sorted(m for m in sys.modules if m.split('.')[0] in {forbidden!r}
             or any(m.startswith(p) for p in {prefixes!r}))
print(','.join(bad))
"""


@pytest.mark.parametrize(
    ("module", "forbidden", "prefixes"),
    [
        (
            "workshop.model",
            {"textual", "questionary", "tinydb", "rich", "jinja2"},
            ("workshop.store", "workshop.tui", "workshop.cli", "workshop.export"),
        ),
        (
            "workshop.store",
            {"textual", "questionary", "jinja2"},
            ("workshop.tui", "workshop.cli", "workshop.export"),
        ),
        ("workshop.export", {"textual", "questionary"}, ("workshop.tui", "workshop.cli")),
    ],
)
def test_core_module_does_not_load_the_faces(
    module: str, forbidden: set[str], prefixes: tuple[str, ...]
) -> None:
    code = CHECK.format(module=module, forbidden=forbidden, prefixes=prefixes)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
