"""The figures measured in this process: saving, loading and exporting (no terminal)."""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from benchmarks.harness import Figure, absolute_figure, median, ms, repeat
from benchmarks.workspace import Workspace
from workshop.model import Action, ActionStatus, Expectation, follow_up
from workshop.store import Store
from workshop.store.durable import read_bytes


def save_figure(ws: Workspace, key: str, items: int, limit_s: float, reps: int) -> Figure:
    """Adding one item to a session of `items` items and saving it durably (the store's
    `save_session`: encode, write, fsync, rename, fsync the folder)."""
    written = ws.session_1000 if items == 1000 else ws.session_10000
    store = Store(written.path.parent)
    samples: list[float] = []
    with store.edit(written.group_id, holder="benchmark") as editor:
        session = editor.session(written.session_ids[0])
        for n in range(reps + 1):
            started = time.perf_counter()
            session.research.expectations.append(
                Expectation(text=f"Said in the room just now, point {n}", importance=4)
            )
            session = editor.save_session(session)
            if n:  # the first save warms the caches
                samples.append(time.perf_counter() - started)
        # The session screen takes a snapshot (a model_dump) on the event loop before its save
        # worker runs (SessionScreen.request_save): the part of a save a key press waits behind.
        copies = repeat(session.model_dump, max(3, reps // 3))
    title = f"add one item, durably on disk, {items:,}-item group file"
    figure = absolute_figure(key, title, samples, limit_s)
    figure.detail = (
        f"saves in a worker thread (SessionScreen._save); the snapshot taken on the event "
        f"loop first (a model_dump) takes {ms(median(copies))} median"
    )
    return figure


def decoders() -> dict[str, Callable[[bytes], Any]]:
    """Every JSON decoder installed that we know how to call."""
    found: dict[str, Callable[[bytes], Any]] = {"json": json.loads}
    for name, attr in (
        ("orjson", "loads"),
        ("msgspec.json", "decode"),
        ("ujson", "loads"),
        ("simdjson", "loads"),
        ("rapidjson", "loads"),
    ):
        try:
            found[name] = getattr(importlib.import_module(name), attr)
        except (ImportError, AttributeError):
            continue
    return found


def load_figure(ws: Workspace, reps: int) -> Figure:
    """Store.load_group of 10 sessions × 1,000 items (read, decode, migrate, validate) against
    reading and decoding the same file with the fastest decoder installed."""
    written = ws.group_10x1000
    store = Store(written.path.parent)
    store.load_group(written.group_id)  # warm: imports, caches

    def read_and(decode: Callable[[bytes], Any]) -> Callable[[], object]:
        return lambda: decode(read_bytes(written.path))

    best_name, best = "", float("inf")
    for name, decode in decoders().items():
        decode_median = median(repeat(read_and(decode), reps))
        if decode_median < best:
            best_name, best = name, decode_median
    # a new Store each time: a load must not be answered from what an earlier one cached
    ours = repeat(lambda: Store(written.path.parent).load_group(written.group_id), reps)
    value = median(ours)
    size = written.path.stat().st_size
    return Figure(
        "6",
        "load a group file of 10 sessions × 1,000 items",
        measured=value / best,
        limit=2.0,
        shown=f"{ms(value)} = {value / best:.2f} × {ms(best)}",
        target=f"≤ 2 × {best_name}",
        detail=f"file {size / 1e6:.1f} MB; decoders tried: {', '.join(decoders())}",
        samples=ours,
    )


def export_figure(ws: Workspace, reps: int) -> Figure:
    """All three Markdown documents of a 1,000-item session (the progress report against the
    session it follows), after the first render has compiled the templates."""
    from workshop.export import KINDS, render

    written = ws.session_1000
    group, earlier = Store(written.path.parent).load_session(
        written.group_id, written.session_ids[0]
    )
    later = follow_up(earlier, on=date(2026, 9, 14), facilitator="Sam Reid")
    for n, action in enumerate(later.structure.actions):  # some progress to report
        if n % 3 == 0:
            action.status = ActionStatus.DONE
    for n, indicator in enumerate(later.structure.indicators):
        if n % 2 == 0 and indicator.latest is not None:
            indicator.latest += 5
    later.structure.actions.append(Action(text="A new action from the review", owner="Ann Lee"))

    def all_three() -> None:
        for kind in KINDS:
            render(kind, group, later, earlier)

    cold = repeat(all_three, 1)[0]
    figure = absolute_figure(
        "7",
        "export all three Markdown documents, 1,000-item session",
        repeat(all_three, reps),
        0.050,
    )
    figure.detail = f"first export in this process (templates compiled): {ms(cold)}"
    return figure
