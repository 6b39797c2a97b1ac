"""Promise 9: bad files are refused with a one-line reason and never rewritten; an older
format is migrated after a backup copy is kept."""

from __future__ import annotations

import errno
import random
from pathlib import Path

import orjson
import pytest

from tests.reliability.helpers import FaultyOs, count, new_group_with_session
from workshop.errors import NewerSchema, StoreError, UnreadableFile
from workshop.model import Group
from workshop.store import SCHEMA_VERSION, Store

Refused = (UnreadableFile, NewerSchema)


@pytest.fixture
def real_file(data_dir: Path) -> tuple[Store, Group, Path, bytes]:
    store = Store(data_dir)
    group, session = new_group_with_session(store, "Real", 12)
    with store.edit(group.id) as editor:
        editor.save_session(session)
    path = store.path_of(group.id)
    return store, group, path, path.read_bytes()


def _folder(path: Path) -> dict[str, bytes]:
    """Every file in the data folder (and below), with its bytes."""
    return {
        str(p.relative_to(path.parent)): p.read_bytes()
        for p in sorted(path.parent.rglob("*"))
        if p.is_file()
    }


def assert_refused_untouched(
    store: Store, group: Group, path: Path, content: bytes, listed_from_summary: bool = False
) -> str:
    """Reading, listing and opening for editing all refuse the file, nothing is written. (The
    listing checks a session's top level against its stored summary but does not validate its
    content: with `listed_from_summary` such a file may still be listed.)"""
    path.write_bytes(content)
    before = _folder(path)
    with pytest.raises(Refused) as read_error:
        store.load_group(group.id)
    with pytest.raises(Refused):
        store.edit(group.id)
    [listed] = [g for g in store.list_groups() if g.path == path]
    assert (listed.group is None and listed.error) or listed_from_summary
    message = str(read_error.value)
    assert "\n" not in message and path.name in message and len(message) < 400
    assert _folder(path) == before  # byte-for-byte, and no lock, temp or backup appeared
    return message


def test_9_every_truncated_prefix_is_refused(real_file: tuple[Store, Group, Path, bytes]) -> None:
    store, group, path, good = real_file
    step = count(max(1, len(good) // 1000), 1)  # every prefix under WORKSHOP_FULL=1
    for cut in [*range(0, len(good), step), len(good) - 1]:
        assert_refused_untouched(store, group, path, good[:cut])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"   \n",
        b"[]",
        b"1",
        b'"a string"',
        b"null",
        b"{}",
        b'{"meta": []}',
        b'{"meta": {"1": {"schema_version": "2"}}, "group": {}}',
        b'{"meta": {"1": {"schema_version": 0}}, "group": {}}',
        b'{"meta": {"1": {"schema_version": true}}, "group": {}}',
        b"\x00" * 4096,
        b"\xff\xfe{}",
        b"[" * 100_000,
        b'{"group": ' * 5000 + b"1" + b"}" * 5000,
    ],
    ids=lambda c: repr(c[:24]),
)
def test_9_not_a_group_file(real_file: tuple[Store, Group, Path, bytes], content: bytes) -> None:
    store, group, path, _ = real_file
    assert_refused_untouched(store, group, path, content)


def _mutate(good: bytes, change: object) -> bytes:
    tables = orjson.loads(good)
    change(tables)  # type: ignore[operator]
    return orjson.dumps(tables)


def _session(tables: dict) -> dict:  # type: ignore[type-arg]
    return next(iter(tables["sessions"].values()))


WRONG_SHAPES = {
    "no group": lambda t: t.pop("group"),
    "two groups": lambda t: t["group"].update({"2": t["group"]["1"]}),
    "group is a list": lambda t: t.update(group=[t["group"]["1"]]),
    "group name missing": lambda t: t["group"]["1"].pop("name"),
    "group name a number": lambda t: t["group"]["1"].update(name=5),
    "sessions a list": lambda t: t.update(sessions=[1]),
    "session a string": lambda t: t["sessions"].update({"1": "x"}),
    "part is text": lambda t: _session(t).update(part="one"),
    "date is nonsense": lambda t: _session(t).update(date="2026-13-45"),
    "unknown field": lambda t: _session(t).update(colour="blue"),
    "importance 9": lambda t: _session(t)["research"]["expectations"][0].update(importance=9),
    "items not a list": lambda t: _session(t)["research"].update(expectations={"a": 1}),
    "another group's session": lambda t: _session(t).update(group_id="elsewhere"),
    "duplicate session": lambda t: t["sessions"].update({"9": _session(t)}),
    "trash without session": lambda t: t["trash"].update({"1": {"deleted_at": "x"}}),
    "text over the limit": lambda t: _session(t).update(title="x" * 300_000),
    "meta twice": lambda t: t["meta"].update({"2": t["meta"]["1"]}),
}


#: Damage inside a session's content, which only a full validation (load, edit) finds.
DEEP = {"importance 9", "items not a list", "trash without session"}


@pytest.mark.parametrize("name", list(WRONG_SHAPES))
def test_9_wrong_shapes_and_types(real_file: tuple[Store, Group, Path, bytes], name: str) -> None:
    store, group, path, good = real_file
    deep = name in DEEP
    bad = _mutate(good, WRONG_SHAPES[name])
    message = assert_refused_untouched(store, group, path, bad, listed_from_summary=deep)
    assert "not a valid group file" in message


def test_9_newer_schema(real_file: tuple[Store, Group, Path, bytes]) -> None:
    store, group, path, good = real_file
    newer = _mutate(good, lambda t: t["meta"]["1"].update(schema_version=SCHEMA_VERSION + 1))
    message = assert_refused_untouched(store, group, path, newer)
    assert "newer version" in message and str(SCHEMA_VERSION + 1) in message


def test_9_byte_flips_and_nul_bytes(real_file: tuple[Store, Group, Path, bytes]) -> None:
    """A flipped byte may still leave a valid file (inside a text); otherwise it is refused.
    Either way nothing else happens: no crash of another kind, no rewrite."""
    store, group, path, good = real_file
    rng = random.Random(9)
    refused = 0
    for _ in range(count(300, 3000)):
        spoilt = bytearray(good)
        where = rng.randrange(len(spoilt))
        spoilt[where] = rng.choice([0, spoilt[where] ^ (1 << rng.randrange(8)), 0xFF])
        path.write_bytes(bytes(spoilt))
        try:
            store.load_group(group.id)
        except Refused:
            refused += 1
            assert_refused_untouched(store, group, path, bytes(spoilt), listed_from_summary=True)
    assert refused > 0
    for padded in (good + b"\x00" * 64, b"\x00" * 64 + good, good[:50] + b"\x00" + good[50:]):
        assert_refused_untouched(store, group, path, padded)


def test_9_huge_files(real_file: tuple[Store, Group, Path, bytes]) -> None:
    """50 MB of garbage, and 50 MB of valid JSON that is not a valid group: refused quickly."""
    store, group, path, good = real_file
    assert_refused_untouched(store, group, path, b"{" + b"x" * 50_000_000)
    tables = orjson.loads(good)
    _session(tables)["structure"]["mission"] = "m" * 50_000_000
    assert_refused_untouched(store, group, path, orjson.dumps(tables), listed_from_summary=True)


def test_9_unreadable_file(
    real_file: tuple[Store, Group, Path, bytes], faulty_os: FaultyOs
) -> None:
    """Permission denied on reading (injected: root reads everything)."""
    store, group, path, good = real_file
    faulty_os.errno = errno.EACCES
    faulty_os.fail_names = {"open"}
    with pytest.raises(UnreadableFile, match="Permission denied"):
        store.load_group(group.id)
    with pytest.raises(StoreError, match="Permission denied"):
        store.edit(group.id)
    [listed] = store.list_groups()
    assert listed.error and "Permission denied" in listed.error
    faulty_os.clear()
    assert path.read_bytes() == good


def test_9_a_good_file_still_lists_beside_a_bad_one(data_dir: Path) -> None:
    store = Store(data_dir)
    good, _ = new_group_with_session(store, "Good", 2)
    bad, _ = new_group_with_session(store, "Bad", 2)
    store.path_of(bad.id).write_bytes(b"{not json")
    listed = store.list_groups()
    assert [g.group.id for g in listed if g.group] == [good.id]
    assert next(g.error for g in listed if g.error).startswith(store.path_of(bad.id).name)
