"""Exporting keeps up: all three documents of a 1,000-item session well within 50 ms."""

from __future__ import annotations

import time

from tests.export.big import big_sessions
from workshop.export import KINDS, render
from workshop.model import SECTIONS

#: The target of the performance issue for all three documents together.
TARGET_SECONDS = 0.050


def test_all_three_documents_of_a_1000_item_session_render_within_50_ms() -> None:
    group, earlier, later = big_sessions(1000)
    assert sum(len(sec.items(later)) for sec in SECTIONS) >= 1000
    kinds = [kind for kind in KINDS if kind != "progress" or _has_progress()]
    for kind in kinds:  # the first render builds the environment and compiles the templates
        render(kind, group, later, earlier)
    timings = []
    for _ in range(7):
        # CPU time of this process: other processes on the shared 2-core machine (the rest of
        # the suite under xdist) stretch wall-clock time but not the work rendering does.
        started = time.process_time()
        for kind in kinds:
            render(kind, group, later, earlier)
        timings.append(time.process_time() - started)
    # The best of several runs: noise only ever adds time.
    assert min(timings) < TARGET_SECONDS, f"{min(timings) * 1000:.1f} ms"


def _has_progress() -> bool:
    try:
        import workshop.model.progress  # noqa: F401
    except ImportError:
        return False
    return True
