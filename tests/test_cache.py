"""workshop.cache: the stamp of the code that made a cached thing, and entries read back only
for the key they were kept under."""

from __future__ import annotations

import os
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
