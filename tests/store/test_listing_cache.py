"""The listing kept between runs: a later run lists an unchanged folder without reading its
files, and never shows a file as it was before a change."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from workshop.model import Group, Session
from workshop.store import Store
from workshop.store import store as store_module


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The group files the store reads whole."""
    seen: list[Path] = []
    original = store_module.read_bytes  # type: ignore[attr-defined]

    def counting(path: Path) -> bytes:
        seen.append(path)
        return original(path)

    monkeypatch.setattr(store_module, "read_bytes", counting)
    return seen


def groups(data_dir: Path, names: list[str]) -> list[Group]:
    store = Store(data_dir)
    made = []
    for name in names:
        group = Group(name=name, organisation="Riverside")
        store.create_group(group)
        with store.edit(group.id) as editor:
            editor.add_session(Session(group_id=group.id, date=date(2026, 5, 12), title="One"))
        made.append(group)
    return made


def listing(store: Store) -> list[tuple[str, list[str]]]:
    return [
        (g.group.name if g.group else g.path.name, [s.title for s in g.sessions])
        for g in store.list_groups()
    ]


def test_an_unchanged_folder_is_listed_again_without_reading_a_file(
    data_dir: Path, tmp_path: Path, reads: list[Path]
) -> None:
    groups(data_dir, ["Alpha", "Beta", "Gamma"])
    kept = tmp_path / "cache"
    first = listing(Store(data_dir, listing_cache=kept))
    assert len(reads) == 3 and len(list(kept.iterdir())) == 1
    reads.clear()
    again = listing(Store(data_dir, listing_cache=kept))  # a later run
    assert again == first and reads == []
    assert listing(Store(data_dir)) == first  # as without the cache


def test_a_file_changed_since_is_read_again(
    data_dir: Path, tmp_path: Path, reads: list[Path]
) -> None:
    _, beta = groups(data_dir, ["Alpha", "Beta"])
    kept = tmp_path / "cache"
    listing(Store(data_dir, listing_cache=kept))
    store = Store(data_dir)
    with store.edit(beta.id) as editor:
        editor.add_session(Session(group_id=beta.id, date=date(2026, 9, 1), title="Two"))
    reads.clear()
    assert listing(Store(data_dir, listing_cache=kept)) == [
        ("Alpha", ["One"]),
        ("Beta", ["One", "Two"]),
    ]
    assert reads == [store.path_of(beta.id)]
    reads.clear()  # and the new state is what is kept now
    assert listing(Store(data_dir, listing_cache=kept))[1] == ("Beta", ["One", "Two"])
    assert reads == []


def test_a_file_put_back_with_its_old_time_and_size_is_read_again(
    data_dir: Path, tmp_path: Path
) -> None:
    (alpha,) = groups(data_dir, ["Alpha"])
    kept = tmp_path / "cache"
    listing(Store(data_dir, listing_cache=kept))
    path = Store(data_dir).path_of(alpha.id)
    before = path.stat()
    payload = path.read_bytes().replace(b'"title":"One"', b'"title":"Uno"')
    assert len(payload) == before.st_size
    swap = path.with_name(".swap")
    swap.write_bytes(payload)
    os.utime(swap, ns=(before.st_atime_ns, before.st_mtime_ns))
    swap.replace(path)  # another file (another inode), same time and size
    assert listing(Store(data_dir, listing_cache=kept)) == [("Alpha", ["Uno"])]


def test_a_deleted_file_leaves_the_listing(data_dir: Path, tmp_path: Path) -> None:
    alpha, _ = groups(data_dir, ["Alpha", "Beta"])
    kept = tmp_path / "cache"
    listing(Store(data_dir, listing_cache=kept))
    Store(data_dir).path_of(alpha.id).unlink()
    assert listing(Store(data_dir, listing_cache=kept)) == [("Beta", ["One"])]
    assert listing(Store(data_dir, listing_cache=kept)) == [("Beta", ["One"])]


def test_another_folder_never_reads_this_ones_listing(tmp_path: Path, reads: list[Path]) -> None:
    groups(tmp_path / "one", ["Alpha"])
    groups(tmp_path / "two", ["Beta"])
    kept = tmp_path / "cache"
    assert listing(Store(tmp_path / "one", listing_cache=kept)) == [("Alpha", ["One"])]
    assert listing(Store(tmp_path / "two", listing_cache=kept)) == [("Beta", ["One"])]
    assert len(list(kept.iterdir())) == 2


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x80\x05N."])
def test_a_damaged_kept_listing_is_worked_out_again(
    data_dir: Path, tmp_path: Path, damage: bytes
) -> None:
    groups(data_dir, ["Alpha"])
    kept = tmp_path / "cache"
    expected = listing(Store(data_dir, listing_cache=kept))
    (entry,) = kept.iterdir()
    entry.write_bytes(damage)
    assert listing(Store(data_dir, listing_cache=kept)) == expected
    assert entry.read_bytes() != damage  # kept again, whole


def test_no_cache_folder_keeps_nothing_and_an_unwritable_one_is_passed_over(
    data_dir: Path, tmp_path: Path
) -> None:
    groups(data_dir, ["Alpha"])
    assert listing(Store(data_dir)) == [("Alpha", ["One"])]
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")  # (root ignores modes: a file, not chmod)
    assert listing(Store(data_dir, listing_cache=blocker / "listing")) == [("Alpha", ["One"])]
