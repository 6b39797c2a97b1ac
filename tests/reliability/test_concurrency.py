"""Promises 6 (no lost updates, a second editor refused) and 8 (readers never see a mix)."""

from __future__ import annotations

import os
import random
import time
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from tests.reliability.helpers import count, fork, kill, new_group_with_session, wait
from workshop.errors import LockedByOther, StaleRevision
from workshop.model import Expectation, now
from workshop.store import Store


def test_6_second_editor_refused_with_who_and_since(data_dir: Path) -> None:
    """6. While one editor holds a group, a second (even in this process) is told who and since
    when, and can still read."""
    store = Store(data_dir)
    group, session = new_group_with_session(store, "Two editors", 5)
    with store.edit(group.id, holder="Ana at the front") as first:
        with pytest.raises(LockedByOther) as refused:
            Store(data_dir).edit(group.id)
        error = refused.value
        assert "Ana at the front" in error.holder and f"pid {os.getpid()}" in error.holder
        assert error.since is not None and abs(now() - error.since) < timedelta(minutes=1)
        assert "Two editors" in str(error) and "read-only" in str(error)
        assert Store(data_dir).load_group(group.id).sessions[0].id == session.id
        first.save_session(session)
    with store.edit(group.id):  # released on exit
        pass


def test_6_stale_revision_refused_and_nothing_written(data_dir: Path) -> None:
    store = Store(data_dir)
    group, session = new_group_with_session(store, "Stale", 5)
    path = store.path_of(group.id)
    with store.edit(group.id) as editor:
        newer = editor.save_session(session)
        before = path.read_bytes()
        session.structure.mission = "an edit on an old copy"
        with pytest.raises(StaleRevision, match="nothing was overwritten"):
            editor.save_session(session)
        assert path.read_bytes() == before
        assert editor.save_session(newer).revision == newer.revision + 1


def _editor_process(data_dir: Path, group_id: str, name: str, edits: int, ack: int) -> None:
    store = Store(data_dir)
    rng = random.Random(name)
    done = 0
    while done < edits:
        try:
            editor = store.edit(group_id, holder=name)
        except LockedByOther:
            time.sleep(rng.uniform(0, 0.003))
            continue
        with editor:
            session = editor.sessions()[0]
            text = f"{name} edit {done}"
            session.research.expectations.append(Expectation(text=text))
            editor.save_session(session)
            os.write(ack, f"{text}\n".encode())
            done += 1


@pytest.mark.slow
def test_6_no_lost_updates_across_processes(data_dir: Path) -> None:
    """6. Several processes editing one group through the lock: every acknowledged change is
    in the file at the end."""
    store = Store(data_dir)
    group, _ = new_group_with_session(store, "Many hands", 30)
    edits = count(15, 60)
    read_end, write_end = os.pipe()
    pids = [
        fork(partial(_editor_process, data_dir, group.id, f"p{i}", edits, write_end))
        for i in range(3)
    ]
    os.close(write_end)
    assert [wait(pid) for pid in pids] == [0, 0, 0]
    acknowledged = set()
    with os.fdopen(read_end, "rb") as pipe:
        acknowledged = {line.decode().strip() for line in pipe if line.strip()}
    assert len(acknowledged) == 3 * edits
    texts = {e.text for e in store.load_group(group.id).sessions[0].research.expectations}
    assert acknowledged <= texts


def _reader(data_dir: Path, group_id: str, reads: int, result: int) -> None:
    store = Store(data_dir)
    errors = 0
    for _ in range(reads):
        try:
            session = store.load_group(group_id).sessions[0]
            # A whole state: the mission and the last item were saved together.
            marks = {session.structure.mission, session.research.expectations[-1].text}
            if len(marks) != 1:
                errors += 1
            store.list_groups()
        except Exception:
            errors += 1
    os.write(result, f"{errors}\n".encode())


def _writer(data_dir: Path, group_id: str) -> None:
    with Store(data_dir).edit(group_id) as editor:
        session = editor.sessions()[0]
        k = 0
        while True:
            k += 1
            session.structure.mission = f"state {k}"
            session.research.expectations[-1].text = f"state {k}"
            session = editor.save_session(session)


@pytest.mark.slow
def test_8_readers_never_see_a_mix(data_dir: Path) -> None:
    """8. Reader processes load the file over and over while a writer saves in a loop: no read
    fails or sees half of one state and half of another. Readers take no lock."""
    store = Store(data_dir)
    group, session = new_group_with_session(store, "Busy", 300)
    with store.edit(group.id) as editor:
        session.structure.mission = session.research.expectations[-1].text
        editor.save_session(session)
    reads = count(300, 2000)
    read_end, write_end = os.pipe()
    writer = fork(lambda: _writer(data_dir, group.id))
    started = datetime.now()
    readers = [fork(lambda: _reader(data_dir, group.id, reads, write_end)) for _ in range(2)]
    os.close(write_end)
    assert [wait(pid) for pid in readers] == [0, 0]
    elapsed = datetime.now() - started
    kill(writer)
    with os.fdopen(read_end, "rb") as pipe:
        errors = [int(line) for line in pipe.read().split()]
    assert errors == [0, 0]
    final = store.load_group(group.id).sessions[0]
    assert final.revision > 10, "the writer must have saved while the readers read"
    print(f"\n{2 * reads} reads during {final.revision} saves in {elapsed}: 0 errors")


def _follow_up_until_done(data_dir: Path, session_id: str, seed: int) -> None:
    """`workshop follow-up` as a user retries it while another command holds the group."""
    import contextlib
    import io

    from workshop.cli import main

    rng = random.Random(seed)
    for _ in range(2000):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = main(["--data-dir", str(data_dir), "follow-up", session_id, "--no-input"])
        if code == 0:
            return
        time.sleep(rng.uniform(0, 0.002))
    raise AssertionError("the group stayed locked")


def test_6_follow_ups_at_once_take_distinct_part_numbers(data_dir: Path) -> None:
    """6. The next part's number is worked out under the group's lock: several follow-ups at
    once (a script, two facilitators) each get their own, with none repeated."""
    store = Store(data_dir)
    group, session = new_group_with_session(store, "Parts", 5)
    processes = count(4, 8)
    pids = [fork(partial(_follow_up_until_done, data_dir, session.id, i)) for i in range(processes)]
    assert [wait(pid) for pid in pids] == [0] * processes
    parts = sorted(s.part for s in store.load_group(group.id).sessions)
    assert parts == list(range(1, processes + 2))
