"""The facilitator's app (Textual). `run` is the one entry point the command line uses.

Kept light: nothing heavy is imported until `run` is called, and the session screen only when
it is first opened."""

from __future__ import annotations

import sys
from pathlib import Path


def run(data_dir: Path, session_ref: str | None = None, read_only: bool = False) -> int:
    """Open the app on `data_dir` (on `session_ref`'s session when given, read-only when asked).
    Returns the exit status: 0 after a normal quit, 1 when the session cannot be found (a
    one-line reason on stderr, before the screen is taken over)."""
    from workshop.cache import cache_folder
    from workshop.errors import WorkshopError
    from workshop.store import Store

    store = Store(data_dir, listing_cache=cache_folder("listing"))
    opened: tuple[str, str] | None = None
    if session_ref is not None:
        try:
            opened = store.locate_session(session_ref)
        except WorkshopError as error:
            print(f"workshop: {error}", file=sys.stderr)
            return 1
    from workshop.tui.app import WorkshopApp

    result = WorkshopApp(store, opened=opened, read_only=read_only).run()
    return result if isinstance(result, int) else 0
