"""The command-line figure: `workshop list` over 200 groups, against `python -c "import rich"`."""

from __future__ import annotations

import subprocess
import time

from benchmarks.harness import Figure, interleaved, ratio_figure
from benchmarks.workspace import ROOT, Workspace


def wall(argv: list[str], env: dict[str, str]) -> float:
    """Seconds one run of a command takes, its output to a pipe; it must succeed."""
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
        raise RuntimeError(f"{' '.join(argv[1:])} exited {done.returncode}: {reason}")
    return elapsed


def list_figure(ws: Workspace) -> Figure:
    data_dir = ws.list_200
    ours = [ws.workshop, "list"]
    env = ws.env(data_dir)
    base = [ws.python, "-c", "import rich"]
    wall(ours, env)  # warm: bytecode and page caches
    wall(base, env)
    base_s, ours_s = interleaved(
        lambda: wall(base, env), lambda: wall(ours, env), times=ws.reps(9, 3)
    )
    return ratio_figure(
        "8", "`workshop list` over 200 groups", ours_s, base_s, 3.0, '`python -c "import rich"`'
    )
