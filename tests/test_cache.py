"""workshop.cache: the stamp of the code that made a cached thing, and entries read back only
for the key they were kept under."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from workshop import cache
from workshop.model import Group
from workshop.store import Store
from workshop.store import store as store_module
from workshop.tui import css_cache
from workshop.tui.css_cache import CachedStylesheet


def test_the_code_stamp_changes_with_any_file_of_the_code(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    (package / "a.py").write_text("A = 1\n", encoding="utf-8")
    (package / "notes.txt").write_text("not code\n", encoding="utf-8")
    extra = tmp_path / "extra.py"
    extra.write_text("B = 2\n", encoding="utf-8")
    first = cache.code_stamp(package, extra)
    assert first is not None and len(first) == 2  # the .py files only
    assert cache.code_stamp(package, extra) == first
    (package / "notes.txt").write_text("still not code\n", encoding="utf-8")
    assert cache.code_stamp(package, extra) == first
    info = extra.stat()
    os.utime(extra, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))  # edited, same size
    assert cache.code_stamp(package, extra) != first
    (package / "b.py").write_text("", encoding="utf-8")  # a module added
    assert len(cache.code_stamp(package, extra) or ()) == 3


def test_code_that_cannot_be_looked_at_stamps_nothing(tmp_path: Path) -> None:
    assert cache.code_stamp(tmp_path / "gone") is None
    assert cache.code_stamp(tmp_path / "gone.py") is None
    assert cache.code_stamp(tmp_path) is None  # no source files (only bytecode, say)


def test_an_entry_is_read_back_for_its_own_key_only(tmp_path: Path) -> None:
    path = tmp_path / "kept" / cache.entry_name("one")
    cache.save(path, "one", {"value": 1})
    assert cache.load(path, "one") == {"value": 1}
    assert cache.load(path, "two") is None
    assert cache.load(tmp_path / "absent.pickle", "one") is None


def test_without_a_stamp_of_the_code_nothing_is_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_code_release", lambda: None)
    monkeypatch.setattr(css_cache, "_RELEASE", [None])
    kept = tmp_path / "cache"
    Store(tmp_path / "sessions").create_group(Group(name="Alpha", organisation="Riverside"))
    listed = Store(tmp_path / "sessions", listing_cache=kept).list_groups()
    assert [g.group.name for g in listed if g.group] == ["Alpha"]  # listed all the same
    sheet = CachedStylesheet(variables={}, folder=kept)
    assert sheet._parse_rules("Label { width: 3; }", ("x.tcss", ""))  # parsed all the same
    assert not kept.exists()


def aged(path: Path, seconds: float) -> Path:
    """`path`, last written `seconds` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_a_save_removes_entries_unused_for_a_month_and_abandoned_writes(tmp_path: Path) -> None:
    folder = tmp_path / "css"
    cache.save(folder / "old.pickle", "k", 1)
    cache.save(folder / "recent.pickle", "k", 2)
    old = aged(folder / "old.pickle", cache.UNUSED_FOR + 60)
    aged(folder / "recent.pickle", cache.UNUSED_FOR - 3600)
    cut_short = folder / ".new.pickle.123.abc.part"
    cut_short.write_bytes(b"half")
    aged(cut_short, cache.ABANDONED_AFTER + 60)
    being_written = folder / ".new.pickle.456.def.part"
    being_written.write_bytes(b"half")
    (folder / "notes.txt").write_text("not the cache's", encoding="utf-8")
    aged(folder / "notes.txt", cache.UNUSED_FOR * 2)

    cache.save(folder / "new.pickle", "k", 3)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["recent.pickle", "new.pickle", being_written.name, "notes.txt"]
    )
    assert not old.exists() and not cut_short.exists()


def test_an_entry_read_is_kept_however_old_it_was_written(tmp_path: Path) -> None:
    folder = tmp_path / "listing"
    cache.save(folder / "used.pickle", "k", 1)
    used = aged(folder / "used.pickle", cache.UNUSED_FOR + 60)
    assert cache.load(used, "k") == 1  # read: dated today
    assert time.time() - used.stat().st_mtime < 60
    aged(used, cache.DAY / 2)
    before = used.stat().st_mtime
    assert cache.load(used, "k") == 1
    assert used.stat().st_mtime == before  # dated at most once a day
    assert cache.load(used, "other key") is None
    cache.save(folder / "another.pickle", "k", 2)
    assert used.exists()


def test_pruning_a_folder_that_cannot_be_read_does_nothing(tmp_path: Path) -> None:
    cache.prune(tmp_path / "gone")  # no error
    (tmp_path / "file").write_text("x")
    cache.prune(tmp_path / "file")
