"""Durable storage of group files: atomic saves, one editor per group, schema versions.

Knows nothing of Textual or the terminal. Names are imported when first used, so that
`from workshop.store import Store` (listing) pulls in neither the editor (TinyDB) nor the
model (pydantic)."""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see workshop.cli)
if TYPE_CHECKING:
    from typing import Any

    from workshop.store.editor import GroupEditor
    from workshop.store.schema import SCHEMA_VERSION
    from workshop.store.store import Store, default_data_dir
    from workshop.store.summary import (
        GroupFile,
        GroupSummary,
        GroupVersion,
        ListedGroup,
        SessionSummary,
    )

__all__ = [
    "SCHEMA_VERSION",
    "GroupEditor",
    "GroupFile",
    "GroupSummary",
    "GroupVersion",
    "ListedGroup",
    "SessionSummary",
    "Store",
    "default_data_dir",
]

#: Where each public name lives.
_HOMES = {
    "SCHEMA_VERSION": "workshop.store.schema",
    "GroupEditor": "workshop.store.editor",
    "GroupFile": "workshop.store.summary",
    "GroupSummary": "workshop.store.summary",
    "GroupVersion": "workshop.store.summary",
    "ListedGroup": "workshop.store.summary",
    "SessionSummary": "workshop.store.summary",
    "Store": "workshop.store.store",
    "default_data_dir": "workshop.store.store",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'workshop.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
