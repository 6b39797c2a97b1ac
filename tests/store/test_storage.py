"""The storage underneath: the lock file, fresh reads, the listing's shortcut, threads."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import orjson
import pytest

from workshop.errors import NotFound, StaleRevision
from workshop.model import Group, Session
from workshop.store import Store, schema
from workshop.store.storage import DurableStorage


def _setup(data_dir: Path) -> tuple[Store, Group, Session]:
    store = Store(data_dir)
    group = Group(name="Storage")
    store.create_group(group)
    with store.edit(group.id) as editor:
        session = editor.add_session(Session(group_id=group.id, date=date(2026, 1, 1)))
    return store, group, session


def test_the_lock_is_a_separate_file_that_keeps_its_inode(data_dir: Path) -> None:
    store, group, session = _setup(data_dir)
    path = store.path_of(group.id)
    lock = path.with_name(path.name + ".lock")
    with store.edit(group.id, holder="ana@laptop") as editor:
        record = orjson.loads(lock.read_bytes())
        assert record["holder"].startswith("ana@laptop (pid ") and "since" in record
        lock_inode, file_inode = lock.stat().st_ino, path.stat().st_ino
        editor.save_session(session)
        assert lock.stat().st_ino == lock_inode  # the lock survives the file's replacement
        assert path.stat().st_ino != file_inode  # a save is a new file renamed into place
    assert lock.read_bytes() == b""  # who held it is cleared on release


def test_reads_see_a_changed_file_even_with_equal_size(data_dir: Path) -> None:
    """The cache is keyed on the exact bytes, not on (inode, mtime, size), which a quick save
    of the same size can repeat."""
    store, group, _ = _setup(data_dir)
    path = store.path_of(group.id)
    storage = DurableStorage(path)
    with storage.hold():
        first = storage.read()
        assert first is not None and storage.read() is first  # unchanged: the parse is reused
        tables = orjson.loads(path.read_bytes())
        tables["group"]["1"]["name"] = "Storagf"  # same length
        path.write_bytes(orjson.dumps(tables))
        again = storage.read()
        assert again is not None and again["group"]["1"]["name"] == "Storagf"


def test_the_file_is_kept_parsed_only_while_held(data_dir: Path) -> None:
    store, group, _ = _setup(data_dir)
    storage = DurableStorage(store.path_of(group.id))
    first = storage.read()
    assert first is not None and storage.read() is not first  # nothing kept between reads
    with storage.hold():
        held = storage.read()
        with storage.hold():  # holds nest
            assert storage.read() is held
        assert storage.read() is held
    assert storage.read() is not held


def test_an_open_editor_keeps_none_of_the_file_between_operations(data_dir: Path) -> None:
    """An open session lives in the app as its model; the editor does not keep a second copy
    of the whole file as parsed tables (for 10,000 items, 10 MB) between saves."""
    store, group, session = _setup(data_dir)
    with store.edit(group.id) as editor:
        storage = editor._storage

        def kept() -> bool:
            return storage._parsed is not None or storage._bytes is not None

        assert not kept()  # after opening
        current = editor.session(session.id)
        assert not kept()
        current.title = "Saved"
        saved = editor.save_session(current)
        assert not kept()  # after a save
        assert editor.session(session.id).title == "Saved"  # read back from the file
        with pytest.raises(StaleRevision):  # the revision check reads the file, not a cache
            editor.save_session(current)
        assert editor.save_session(saved).revision == saved.revision + 1
        assert not kept()


def test_listing_does_not_validate_sessions_when_summaries_match(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, session = _setup(data_dir)

    def refuse(*args: object) -> None:
        raise AssertionError("a whole session was validated for a listing")

    monkeypatch.setattr(schema, "session_from", refuse)
    [listed] = Store(data_dir).list_groups()
    assert [s.id for s in listed.sessions] == [session.id]


def test_saves_from_two_threads_are_serialised(data_dir: Path) -> None:
    store, group, session = _setup(data_dir)
    with store.edit(group.id) as editor:
        copies = {"a": session}
        errors: list[BaseException] = []

        def work(name: str) -> None:
            for i in range(20):
                try:
                    with lock:
                        current = copies["a"]
                        current.title = f"{name} {i}"
                        copies["a"] = editor.save_session(current)
                except BaseException as error:  # pragma: no cover - reported below
                    errors.append(error)

        lock = threading.Lock()
        threads = [threading.Thread(target=work, args=(n,)) for n in ("x", "y")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert store.load_group(group.id).sessions[0].revision == session.revision + 40


def test_a_file_vouched_for_by_its_digest_opens_without_decoding_its_sessions(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop.store import durable

    store, group, session = _setup(data_dir)
    decoded: list[int] = []
    original = durable.decode

    def counting(payload: bytes, name: str) -> object:
        decoded.append(len(payload))
        return original(payload, name)

    monkeypatch.setattr("workshop.store.storage.decode", counting)
    with store.edit(group.id) as editor:
        assert decoded == []  # opened from the head alone
        assert editor.group.id == group.id
        assert editor.session(session.id).id == session.id  # the session is read when asked
        assert len(decoded) == 1


def test_a_file_whose_sessions_were_changed_outside_is_checked_in_full(data_dir: Path) -> None:
    """The digest no longer vouches: the whole file is decoded and its sessions validated,
    and a session that is not valid refuses the file, as before."""
    from workshop.errors import UnreadableFile

    store, group, _ = _setup(data_dir)
    path = store.path_of(group.id)
    payload = path.read_bytes()
    at = payload.rfind(b'"part":1')  # in the session itself (its summary comes before it)
    damaged = payload[:at] + b'"part":"one"' + payload[at + len(b'"part":1') :]
    path.write_bytes(damaged)
    with pytest.raises(UnreadableFile):
        store.edit(group.id)


def test_a_group_record_changed_outside_is_checked_in_full(data_dir: Path) -> None:
    """The group record lies outside what the digest covers: a group id that no longer
    matches the sessions' refuses the file, as the full check does."""
    from workshop.errors import UnreadableFile

    store, group, _ = _setup(data_dir)
    path = store.path_of(group.id)
    payload = path.read_bytes()
    first = payload.find(group.id.encode())  # the group record comes first
    other = ("0" if group.id[0] != "0" else "1") + group.id[1:]
    path.write_bytes(payload[:first] + other.encode() + payload[first + len(group.id) :])
    with pytest.raises(UnreadableFile, match="another group"):
        store.edit(group.id)


def test_a_file_removed_under_an_editor_is_never_written_back_without_its_group(
    data_dir: Path,
) -> None:
    # TinyDB reads a missing file as an empty database, then writes only the tables it
    # changed: a session saved after the file was removed landed in a file with no group
    store, group, _ = _setup(data_dir)
    path = store.path_of(group.id)
    with store.edit(group.id) as editor:
        path.unlink()
        with pytest.raises(NotFound, match="removed while it was being edited"):
            editor.add_session(Session(group_id=group.id, date=date(2026, 2, 1)))
    assert not path.exists()
