"""`workshop` with one benchmark hook: focus the longest list on screen.

Run as `python benchmarks/launch.py ARGS…` (the same `workshop.cli.main` the console script
calls). Once the screen named by $BENCH_SCREEN has drawn, the hook focuses its first
DataTable of at least $BENCH_ROWS rows and, when that table has kept the focus for half a
second, writes its row count to $BENCH_READY, so key presses go to the list whatever the screen
focuses on its own. At exit it writes the table's cursor row to $BENCH_READY.cursor. Nothing
else in the app is changed."""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path
from typing import Any


def install() -> None:
    from textual.app import App
    from textual.timer import Timer
    from textual.widgets import DataTable

    screen_name = os.environ.get("BENCH_SCREEN", "SessionScreen")
    rows = int(os.environ.get("BENCH_ROWS", "1000"))
    ready = Path(os.environ["BENCH_READY"])
    original = App._display
    started = False
    steady = 0
    chosen: list[DataTable[Any]] = []
    timers: list[Timer] = []

    def keep_focus(app: App[Any]) -> None:
        """Every 0.1 s: focus the longest list (the screen may move the focus on its own
        once it has drawn, e.g. to a capture line); ready once it has kept it for 0.5 s."""
        nonlocal steady
        if not chosen:
            chosen.extend(t for t in app.screen.query(DataTable) if t.row_count >= rows)
            if not chosen:
                return
        table = chosen[0]
        if app.focused is table:
            steady += 1
        else:
            steady = 0
            table.focus()
        if steady == 5:
            ready.write_text(str(table.row_count), encoding="ascii")
            timers[0].stop()  # nothing of the hook runs while keys are timed

    def display(self: App[Any], screen: Any, renderable: Any) -> None:
        nonlocal started
        original(self, screen, renderable)
        if not started and type(screen).__name__ == screen_name:
            started = True
            timers.append(self.set_interval(0.1, lambda: keep_focus(self)))

    def report_cursor() -> None:
        # where the list's cursor ended: the benchmark checks that the keys moved it
        if chosen:
            Path(f"{ready}.cursor").write_text(str(chosen[0].cursor_row), encoding="ascii")

    atexit.register(report_cursor)
    App._display = display  # type: ignore[method-assign]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    install()
    from workshop.cli import main

    sys.argv = ["workshop", *sys.argv[1:]]
    sys.exit(main())
