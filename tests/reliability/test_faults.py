"""Promises 2 (durable order), 3 (errors leave the old file) and 5 (permissions kept)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tests.reliability.helpers import FaultyOs, new_group_with_session, temps_in
from workshop.errors import SaveFailed, StoreError
from workshop.model import Group, Session
from workshop.store import Store
from workshop.store.durable import ReplacedButUnconfirmed

ERRNOS = (errno.ENOSPC, errno.EIO, errno.EACCES, errno.EROFS)


@pytest.fixture
def edited(data_dir: Path) -> tuple[Store, Group, Session, Path]:
    store = Store(data_dir, history_spacing=1e9)  # keep history out of the way of the counts
    group, session = new_group_with_session(store, "Faults", 20)
    return store, group, session, store.path_of(group.id)


def test_2_durable_order(edited: tuple[Store, Group, Session, Path], faulty_os: FaultyOs) -> None:
    """2. Every save does write → fsync(temp) → replace → fsync(folder), on the right files."""
    store, group, session, path = edited
    with store.edit(group.id) as editor:
        session.structure.mission = "ordered"
        faulty_os.calls = []
        editor.save_session(session)
    calls = faulty_os.calls
    names = [name for name, _ in calls]
    opened = [(i, args[0]) for i, (name, args) in enumerate(calls) if name == "open"]
    temp_open = next(i for i, where in opened if ".tmp-" in str(where))
    dir_open = next(i for i, where in opened if Path(where) == path.parent)
    write = names.index("write")
    fsyncs = [i for i, name in enumerate(names) if name == "fsync"]
    replace = names.index("replace")
    assert temp_open < write < fsyncs[0] < replace < dir_open < fsyncs[1]
    assert len(fsyncs) == 2
    # The temp was born private and exclusive, then given the file's mode.
    flags, mode = calls[temp_open][1][1], calls[temp_open][1][2]
    assert flags & os.O_EXCL and flags & os.O_CREAT and mode == 0o600
    assert calls[replace][1][1] == path
    assert store.load_group(group.id).sessions[0].structure.mission == "ordered"


def _save_with(editor_session: Session, store: Store, group: Group) -> Session:
    with store.edit(group.id) as editor:
        return editor.save_session(editor_session)


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
def test_3_every_call_of_a_save_failing_once(
    edited: tuple[Store, Group, Session, Path], faulty_os: FaultyOs, code: int
) -> None:
    """3. Fail the N-th OS call of a save, for every N until the save succeeds (SQLite's way):
    a clear one-line error; the target byte-for-byte unchanged unless the rename had happened;
    no temp left; the same in-memory session then saves once the fault clears."""
    store, group, session, path = edited
    faulty_os.errno = code
    with store.edit(group.id) as editor:
        faulty_os.calls = []
        current = editor.save_session(session)
        total = len(faulty_os.calls)
        errors = 0
        ignored = []
        for n in range(1, total + 1):
            before = path.read_bytes()
            current.structure.mission = f"attempt {n}"
            faulty_os.calls = []
            faulty_os.fail_at = n
            try:
                current = editor.save_session(current)
                ignored.append(faulty_os.calls[n - 1][0])
            except StoreError as error:  # SaveFailed, or UnreadableFile for a failed read
                errors += 1
                message = str(error)
                assert "\n" not in message and os.strerror(code) in message
                assert temps_in(path.parent) == []
                if not isinstance(error, ReplacedButUnconfirmed):
                    assert path.read_bytes() == before
                faulty_os.clear()
                current = editor.save_session(current)  # the fault cleared: the same copy saves
            finally:
                faulty_os.clear()
            # Whether the fault was reported or harmless (closing a file already read), the
            # edit is on disk now.
            assert store.load_group(group.id).sessions[0].structure.mission == f"attempt {n}"
    assert total > 8 and errors + len(ignored) == total
    # Only closing a file already read, or keeping the owner (best effort), may fail harmlessly.
    assert set(ignored) <= {"close", "fchown"}, ignored
    assert store.load_group(group.id).sessions[0].revision == current.revision


@pytest.mark.parametrize("where", ["open", "write", "fsync", "replace", "fchmod"])
@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
def test_3_persistent_faults(
    edited: tuple[Store, Group, Session, Path], faulty_os: FaultyOs, where: str, code: int
) -> None:
    """3. A fault that persists (a full disk, a read-only folder): every save fails loudly and
    leaves the file as it was; when it clears, the edit held in memory saves."""
    store, group, session, path = edited
    before = path.read_bytes()
    faulty_os.errno = code
    faulty_os.fail_names = {where}
    faulty_os.when = lambda name, args: name != "open" or ".tmp-" in str(args[0])
    with store.edit(group.id) as editor:
        session.structure.mission = "held in memory"
        for _ in range(3):
            with pytest.raises(SaveFailed, match=os.strerror(code)):
                editor.save_session(session)
            assert path.read_bytes() == before
            assert temps_in(path.parent) == []
        faulty_os.clear()
        saved = editor.save_session(session)
    assert saved.revision == session.revision + 1
    assert store.load_group(group.id).sessions[0].structure.mission == "held in memory"


def test_3_a_failed_folder_fsync_is_a_failed_save(
    edited: tuple[Store, Group, Session, Path], faulty_os: FaultyOs
) -> None:
    """fsyncgate: when the folder's fsync fails the caller is told, never success; a retry of
    the same copy is accepted rather than refused as stale."""
    store, group, session, _ = edited
    faulty_os.fail_names = {"fsync"}
    faulty_os.when = lambda name, args: stat.S_ISDIR(os.fstat(args[0]).st_mode)
    with store.edit(group.id) as editor:
        session.structure.mission = "unconfirmed"
        with pytest.raises(ReplacedButUnconfirmed):
            editor.save_session(session)
        faulty_os.clear()
        saved = editor.save_session(session)
    assert saved.revision == session.revision + 1
    assert store.load_group(group.id).sessions[0].revision == saved.revision


def test_3_read_only_folder_refuses_a_new_group(data_dir: Path, faulty_os: FaultyOs) -> None:
    """A read-only data folder (EROFS injected; root ignores chmod): a one-line error, no file."""
    faulty_os.errno = errno.EROFS
    faulty_os.fail_names = {"open"}
    faulty_os.when = lambda name, args: ".tmp-" in str(args[0])
    data_dir.mkdir()
    with pytest.raises(SaveFailed, match="Read-only file system"):
        Store(data_dir).create_group(Group(name="Nowhere"))
    assert not any(p.suffix == ".json" for p in data_dir.iterdir())


def test_5_permissions_and_owner_kept(edited: tuple[Store, Group, Session, Path]) -> None:
    """5. A save keeps the file's mode (the temp is born 0600) and, run as root, its owner."""
    store, group, session, path = edited
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # a new file
    path.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(path, 1234, 2345)
    with store.edit(group.id) as editor:
        editor.save_session(session)
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (1234, 2345)


def test_3_read_only_folder_refuses_editing_but_allows_review(
    edited: tuple[Store, Group, Session, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder where no lock file exists yet: opening for editing is refused with one
    line; reading still works; nothing changes."""
    from workshop.store import lock

    store, group, session, path = edited
    lock_file = path.with_name(path.name + ".lock")
    lock_file.unlink()
    before = path.read_bytes()
    faulty = FaultyOs()
    faulty.errno = errno.EROFS
    faulty.fail_names = {"open"}
    monkeypatch.setattr(lock, "os", faulty)
    with pytest.raises(StoreError, match="Read-only file system") as refused:
        store.edit(group.id)
    assert "\n" not in str(refused.value)
    assert store.load_group(group.id).sessions == [session]
    assert path.read_bytes() == before and not lock_file.exists()
