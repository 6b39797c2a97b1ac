"""Durable storage of group files: atomic saves, one editor per group, schema versions.

Knows nothing of Textual or the terminal."""

from __future__ import annotations

from workshop.store.editor import GroupEditor
from workshop.store.schema import SCHEMA_VERSION
from workshop.store.store import Store, default_data_dir
from workshop.store.summary import GroupFile, GroupSummary, GroupVersion, SessionSummary

__all__ = [
    "SCHEMA_VERSION",
    "GroupEditor",
    "GroupFile",
    "GroupSummary",
    "GroupVersion",
    "SessionSummary",
    "Store",
    "default_data_dir",
]
