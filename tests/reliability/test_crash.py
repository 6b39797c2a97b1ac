"""Promises 1 (atomic under kill), 4 (no leftovers) and 7 (stale locks clear)."""

from __future__ import annotations

import os
import random
import time
from functools import partial
from pathlib import Path

import pytest

from tests.reliability.helpers import (
    count,
    fork,
    kill,
    new_group_with_session,
    temps_in,
    wait,
)
from workshop.errors import LockedByOther
from workshop.model import Session
from workshop.store import Store

SIZES = (10, 100, 1000, 5000)


def _step(session: Session) -> None:
    """The change every save of the loop makes: a pure function of the revision it starts from."""
    rev = session.revision
    session.structure.mission = f"state {rev}"
    items = session.research.expectations
    items[rev % len(items)].text = f"item {rev % len(items)} rev {rev}"


def _expected(base: Session, revision: int) -> Session:
    """The complete state a session has after saves from base.revision up to `revision`."""
    state = base.model_copy(deep=True)
    while state.revision < revision:
        _step(state)
        state.revision += 1
    return state


def _content(session: Session) -> dict[str, object]:
    return session.model_dump(mode="json", exclude={"updated_at"})


def _saver(data_dir: Path, group_id: str, session_id: str, ack: int) -> None:
    with Store(data_dir).edit(group_id) as editor:
        session = editor.session(session_id)
        while True:
            _step(session)
            session = editor.save_session(session)
            os.write(ack, f"{session.revision}\n".encode())


def _acknowledged(read_end: int) -> int:
    os.set_blocking(read_end, False)
    chunks = []
    while True:
        try:
            chunk = os.read(read_end, 65536)
        except BlockingIOError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    lines = b"".join(chunks).split()
    return int(lines[-1]) if lines else 0


@pytest.mark.slow
def test_1_atomic_under_kill_and_4_no_leftovers(data_dir: Path) -> None:
    """1. SIGKILL at random instants of a stream of saves: every time the file loads and equals
    a complete state saved before or after the kill, and every acknowledged save is there.
    4. After the loop and one reopen no temp file remains; temps are never listed as groups."""
    store = Store(data_dir)
    groups = {n: new_group_with_session(store, f"Size {n}", n) for n in SIZES}
    kills = count(40, 240)
    rng = random.Random(20261122)
    mid_save = 0
    last = {n: base.revision for n, (_, base) in groups.items()}
    for i in range(kills):
        n = SIZES[i % len(SIZES)]
        group, base = groups[n]
        read_end, write_end = os.pipe()
        pid = fork(partial(_saver, data_dir, group.id, base.id, write_end))
        os.close(write_end)
        # The child needs ~ its open time before its first save; kill anywhere in a few saves.
        time.sleep(rng.uniform(0.0, 0.02 + n * 0.00004))
        kill(pid)
        acked = _acknowledged(read_end)
        os.close(read_end)
        if temps_in(data_dir):
            mid_save += 1
        loaded = store.load_group(group.id).session(base.id)
        assert loaded is not None
        # Never behind an acknowledged save, never ahead of the one in flight.
        floor = max(acked, last[n])
        assert floor <= loaded.revision <= floor + 1, (acked, last[n], loaded.revision)
        last[n] = loaded.revision
        assert _content(loaded) == _content(_expected(base, loaded.revision))
        assert len(store.list_groups()) == len(SIZES)  # a temp is never taken for a group
    # The kill loop must actually have hit saves in flight, or it proved nothing.
    assert mid_save > 0
    for group, _ in groups.values():
        with store.edit(group.id):
            pass
    assert temps_in(data_dir) == []
    saves = sum(last[n] - groups[n][1].revision for n in SIZES)
    print(
        f"\n{kills} kills over {saves} saves, {mid_save} of them left a temp file mid-save, "
        "0 unreadable files"
    )


def test_7_stale_lock_clears_when_its_holder_is_killed(data_dir: Path) -> None:
    """7. Kill the process holding a group's lock: the group opens for editing at once."""
    store = Store(data_dir)
    group, _ = new_group_with_session(store, "Lock holders", 3)
    ready_read, ready_write = os.pipe()

    def hold() -> None:
        with Store(data_dir).edit(group.id, holder="ana@laptop"):
            os.write(ready_write, b"held")
            time.sleep(60)

    pid = fork(hold)
    assert os.read(ready_read, 4) == b"held"
    with pytest.raises(LockedByOther) as refused:
        store.edit(group.id)
    assert "ana@laptop" in refused.value.holder and str(pid) in refused.value.holder
    kill(pid)
    with store.edit(group.id) as editor:  # at once: no waiting, no manual cleanup
        assert editor.group.id == group.id
    os.close(ready_read)
    os.close(ready_write)


def test_lock_dies_with_a_child_that_exits_without_closing(data_dir: Path) -> None:
    store = Store(data_dir)
    group, _ = new_group_with_session(store, "Exits", 1)
    pid = fork(lambda: os._exit(0 if store.edit(group.id) else 1))
    assert wait(pid) == 0
    with store.edit(group.id):
        pass
