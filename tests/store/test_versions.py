"""Previous versions kept and restored; a version-1 file migrated after a backup copy."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from workshop.errors import NotFound
from workshop.model import Group, Session, Step
from workshop.model import base as model_base
from workshop.store import SCHEMA_VERSION, Store
from workshop.store.history import KEEP

V1_FILE = {
    "group": {
        "1": {
            "id": "oldgrp01",
            "name": "Old Team",
            "organisation": "Council",
            "created_at": "2025-02-01T09:00:00Z",
        }
    },
    "sessions": {
        "1": {
            "id": "oldsession01",
            "group_id": "oldgrp01",
            "part": 1,
            "date": "2025-03-01",
            "title": "Before versions",
            "facilitator": "Ana",
            "participants": ["Ana", "Ben", "  "],
            "notes": "Room was cold",
            "updated_at": "2025-03-01T17:00:00Z",
            "research": {
                "expectations": [
                    {
                        "id": "e1",
                        "text": "Call back within a day",
                        "created_at": "2025-03-01T10:00:00Z",
                    }
                ]
            },
        }
    },
}


def test_migrates_a_version_1_file_after_a_backup(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "old-team--oldgrp01.json"
    original = orjson.dumps(V1_FILE)
    path.write_bytes(original)
    store = Store(data_dir)
    # Reading migrates in memory only: the file is not touched.
    [listed] = store.list_groups()
    assert listed.error is None and listed.sessions[0].item_count == 1
    loaded = store.load_group("oldgrp01").sessions[0]
    assert [p.name for p in loaded.participants] == ["Ana", "Ben"]
    assert loaded.notes == {Step.RESEARCH: "Room was cold"} and loaded.revision == 1
    assert path.read_bytes() == original
    # Opening for editing keeps a copy first, then writes the new format.
    with store.edit("oldgrp01") as editor:
        assert editor.sessions() == [loaded]
    [backup] = store.versions("oldgrp01")
    assert backup.reason == "migration" and backup.path.read_bytes() == original
    migrated = orjson.loads(path.read_bytes())
    assert migrated["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert migrated["summaries"] and migrated["trash"] == {}
    assert store.load_group("oldgrp01").sessions == [loaded]  # same ids: deterministic


def test_routine_versions_are_spaced_and_rotated(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [model_base.now()]
    monkeypatch.setattr(model_base, "now", lambda: clock[0])
    store = Store(data_dir, history_spacing=300)
    group = Group(name="Versions")
    store.create_group(group)
    with store.edit(group.id) as editor:
        session = editor.add_session(Session(group_id=group.id, date=date(2026, 1, 1)))
        for minute in range(1, 40):
            clock[0] += timedelta(minutes=1)
            session.title = f"minute {minute}"
            session = editor.save_session(session)
    first_kept = store.versions(group.id)[-1]
    for hour in range(1, 30):
        clock[0] += timedelta(hours=1)
        with store.edit(group.id) as editor:
            session.title = f"hour {hour}"
            session = editor.save_session(session)
    kept = store.versions(group.id)
    assert len(kept) == KEEP  # rotated
    assert kept[-1] == first_kept  # the oldest stays: the set reaches back to the start
    assert kept[0].saved_at - kept[1].saved_at <= timedelta(hours=1)  # and the newest is recent
    gaps = [(a.saved_at - b.saved_at).total_seconds() for a, b in itertools.pairwise(kept)]
    assert all(gap >= 300 for gap in gaps)  # spaced


def test_restore_a_version_undoes_a_mistake(data_dir: Path) -> None:
    store = Store(data_dir, history_spacing=0)  # keep a version before every save
    group = Group(name="Oops")
    store.create_group(group)
    with store.edit(group.id) as editor:
        session = editor.add_session(Session(group_id=group.id, date=date(2026, 1, 1)))
        session.structure.mission = "the good mission"
        session = editor.save_session(session)
        session.structure.mission = ""
        editor.save_session(session)  # the mistake
    newest = store.versions(group.id)[0]
    restored = store.restore_version(group.id, newest.name)
    assert restored.sessions[0].structure.mission == "the good mission"
    assert store.load_group(group.id).sessions[0].structure.mission == "the good mission"
    # The restore is itself undoable: the mistaken file was kept as a version.
    assert store.versions(group.id)[0].reason == "restore"
    store.restore_version(group.id, 0)
    assert store.load_group(group.id).sessions[0].structure.mission == ""
    with pytest.raises(NotFound):
        store.restore_version(group.id, 99)
    with pytest.raises(NotFound):
        store.restore_version(group.id, "no-such-version")


def test_restore_recovers_a_corrupted_file(data_dir: Path) -> None:
    store = Store(data_dir)
    group = Group(name="Recover")
    store.create_group(group)
    with store.edit(group.id) as editor:
        editor.add_session(Session(group_id=group.id, date=date(2026, 1, 1)))
    path = store.path_of(group.id)
    path.write_bytes(b"\x00garbage")
    assert store.list_groups()[0].error
    store.restore_version(group.id, 0)
    assert store.list_groups()[0].error is None


def test_delete_always_keeps_a_version(data_dir: Path) -> None:
    store = Store(data_dir, history_spacing=1e9)
    group = Group(name="Deletes")
    store.create_group(group)
    with store.edit(group.id) as editor:
        session = editor.add_session(Session(group_id=group.id, date=date(2026, 1, 1)))
        before = len(store.versions(group.id))
        editor.delete_session(session.id)
    assert len(store.versions(group.id)) == before + 1
    assert store.versions(group.id)[0].reason == "delete"
