"""`workshop` with one benchmark hook: focus the longest list on screen.

Run as `python benchmarks/launch.py ARGS…` (the same `workshop.cli.main` the console script
calls). Once the screen named by $BENCH_SCREEN has drawn a frame holding a DataTable of at
least $BENCH_ROWS rows, the hook focuses that table and writes its row count to
$BENCH_READY, so key presses go to the list whatever the screen focuses first. Nothing else
in the app is changed."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def install() -> None:
    from textual.app import App
    from textual.widgets import DataTable

    screen_name = os.environ.get("BENCH_SCREEN", "SessionScreen")
    rows = int(os.environ.get("BENCH_ROWS", "1000"))
    ready = Path(os.environ["BENCH_READY"])
    original = App._display
    done = False

    def focus_longest(app: App[Any]) -> None:
        nonlocal done
        if done:
            return
        tables = [t for t in app.screen.query(DataTable) if t.row_count >= rows]
        if tables:
            done = True
            tables[0].focus()
            ready.write_text(str(tables[0].row_count), encoding="ascii")

    def display(self: App[Any], screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if not done and type(screen).__name__ == screen_name:
            self.call_later(focus_longest, self)

    App._display = display  # type: ignore[method-assign]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    install()
    from workshop.cli import main

    sys.argv = ["workshop", *sys.argv[1:]]
    sys.exit(main())
