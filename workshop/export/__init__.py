"""Markdown exports of a session: the session summary, the strategy document and the progress
report. Templates live in `export/templates/`; user text passes through one filter, `md`.

Importing this package does not import Jinja2: the template environment is built on the
first render, so the exports stay off the app's start-up path."""

from __future__ import annotations

from workshop.export.escape import Escaped, md
from workshop.export.files import file_stem, resolve_kinds, slugify, write_exports
from workshop.export.render import KINDS, ExportError, ExportKind, NeedsEarlier, render

__all__ = [
    "KINDS",
    "Escaped",
    "ExportError",
    "ExportKind",
    "NeedsEarlier",
    "file_stem",
    "md",
    "render",
    "resolve_kinds",
    "slugify",
    "write_exports",
]
