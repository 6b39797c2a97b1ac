"""The one command: `.venv/bin/python -m benchmarks.run [--quick] [--only 1,3]`.

Builds realistic group files in a temporary folder through the real model and store, measures
every figure of the performance issue (medians of repeated runs; start-up and memory as ratios
to a minimal Textual app measured in the same run), prints a table of figure, measured, target
and verdict, and exits 1 when any target is missed (or a figure could not be measured)."""

from __future__ import annotations

import argparse
import compileall
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a file: `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import commands, core, screens
from benchmarks.harness import Figure, failed, table
from benchmarks.workspace import Workspace

#: Every figure: its number, its title, its target as the table shows it, how to measure it.
FIGURES: list[tuple[str, str, str, Callable[[Workspace], Figure]]] = [
    (
        "1",
        "start to first frame of the home screen, 50 groups",
        "≤ 1.25 × minimal app",
        screens.home_startup,
    ),
    (
        "2",
        "start to first frame of `workshop open`, 1,000-item session",
        "≤ 1.5 × minimal app",
        screens.open_startup,
    ),
    ("3", "key press to updated frame, list of 1,000 items", "≤ 8 ms", screens.key_latency),
    (
        "4",
        "add one item, durably on disk, 1,000-item group file",
        "≤ 10 ms",
        lambda ws: core.save_figure(ws, "4", 1000, 0.010, ws.reps(40, 10)),
    ),
    (
        "5",
        "add one item, durably on disk, 10,000-item group file",
        "≤ 60 ms",
        lambda ws: core.save_figure(ws, "5", 10_000, 0.060, ws.reps(15, 5)),
    ),
    (
        "6",
        "load a group file of 10 sessions × 1,000 items",
        "≤ 2 × fastest decoder",
        lambda ws: core.load_figure(ws, ws.reps(15, 5)),
    ),
    (
        "7",
        "export all three Markdown documents, 1,000-item session",
        "≤ 50 ms",
        lambda ws: core.export_figure(ws, ws.reps(9, 3)),
    ),
    (
        "8",
        "`workshop list` over 200 groups",
        '≤ 3 × `python -c "import rich"`',
        commands.list_figure,
    ),
    (
        "9",
        "peak memory, 10,000-item session open",
        "≤ 2 × minimal app + 4 × JSON size",
        screens.memory,
    ),
    # not one of the targets: ours, so that the preview never holds up typing again
    (
        "10",
        "key press to updated frame, typing in the document step, 1,000-item session",
        "≤ 20 ms",
        screens.document_typing,
    ),
]


def measure(ws: Workspace, only: set[str] | None, verbose: bool) -> list[Figure]:
    figures = []
    for key, title, target, how in FIGURES:
        if only and key not in only:
            continue
        started = time.perf_counter()
        try:
            figure = how(ws)
        except Exception as error:  # one broken figure must not hide the others
            if verbose:
                traceback.print_exc()
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            figure = failed(key, title, target, f"{type(error).__name__}: {reason[:160]}")
        figures.append(figure)
        verdict = "ok" if figure.ok else "MISSED"
        print(
            f"  [{key}] {figure.title}: {figure.shown if figure.error is None else figure.error}"
            f" ({verdict}, {time.perf_counter() - started:.1f} s)",
            file=sys.stderr,
            flush=True,
        )
    return figures


def compile_app() -> None:
    """Write the app's bytecode caches, as `pip install` does for an installed package.

    The checkout is installed editable, and this machine sets PYTHONDONTWRITEBYTECODE: every
    start would compile the app's source again (~200 ms), which no user sees after the first
    run. Starting from cached bytecode measures the app as it runs on a facilitator's laptop."""
    from benchmarks.workspace import ROOT

    compileall.compile_dir(ROOT / "workshop", quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--only", default="", help="comma-separated figure numbers, e.g. 1,3")
    parser.add_argument("--keep", type=Path, help="build the fixtures here and keep them")
    parser.add_argument("--verbose", action="store_true", help="tracebacks of failed figures")
    args = parser.parse_args(argv)
    only = {part.strip() for part in args.only.split(",") if part.strip()} or None
    started = time.perf_counter()
    compile_app()
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as temp:
        root = args.keep or Path(temp)
        ws = Workspace(root, quick=args.quick)
        print(f"benchmark: fixtures in {root}", file=sys.stderr, flush=True)
        figures = measure(ws, only, args.verbose)
    print(table(figures))
    notes = [f"[{f.key}] {f.detail}" for f in figures if f.detail]
    if notes:
        print()
        print("\n".join(notes))
    missed = [f.key for f in figures if not f.ok]
    print()
    print(
        f"{len(figures) - len(missed)} of {len(figures)} targets met"
        + (f"; missed: {', '.join(missed)}" if missed else "")
        + f" ({time.perf_counter() - started:.0f} s{', quick' if args.quick else ''})"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
