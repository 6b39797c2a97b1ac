"""Export files: safe names whatever the group is called, inside the folder asked for, and an
existing export never silently overwritten."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.export.factories import full_session, make_group
from workshop.errors import WorkshopError
from workshop.export import ExportError, NeedsEarlier, file_stem, render, slugify, write_exports
from workshop.model import Group

HOSTILE_NAMES = [
    "../../etc/passwd",
    "..",
    ".",
    "/absolute/path",
    "a/b\\c",
    "CON",
    "nul\x00byte",
    "~/home",
    "Café Crème — équipe",
    "日本語チーム",
    "🎉🎉",
    "x" * 300,
    "   ",
    "-rf --no-preserve-root",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_any_group_name_gives_a_safe_file_inside_the_folder(name: str, tmp_path: Path) -> None:
    group = Group(id="grp1", name=name)
    session = full_session(group)
    out = tmp_path / "exports"
    [path] = write_exports(["summary"], group, session, None, out)
    assert path.parent == out.resolve()
    assert path.is_file() and not path.is_symlink()
    assert path.name.isascii()
    assert len(path.name.encode()) <= 255
    assert path.name.endswith("-2026-05-12-summary.md")
    assert not path.name.startswith((".", "-"))
    assert [p.name for p in out.iterdir()] == [path.name]  # no temp file left behind


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_slugs_are_short_lowercase_ascii(name: str) -> None:
    slug = slugify(name)
    assert slug and len(slug) <= 40
    assert all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-")


def test_file_names_follow_group_date_and_kind() -> None:
    group = make_group()
    assert file_stem(group, full_session(group), "strategy") == (
        "riverside-council-customer-service-part1-2026-05-12-strategy"
    )
    later = full_session(group)
    later.part = 3
    assert file_stem(group, later, "summary").endswith("-part3-2026-05-12-summary")
    assert slugify("Café Team!") == "cafe-team"
    assert slugify("日本語") == "group"


def test_a_long_name_is_cut_between_words() -> None:
    slug = slugify("Riverside Borough Council — Customer Services")
    assert slug == "riverside-borough-council-customer"
    assert slugify("x" * 60) == "x" * 40  # one long word: cut where it must
    assert slugify("ab " + "c" * 50) == "ab-" + "c" * 37  # a first word too short to end on


def test_out_dir_is_created_and_traversal_stays_where_it_resolves(tmp_path: Path) -> None:
    group = make_group("../../escape")
    session = full_session(group)
    out = tmp_path / "a" / ".." / "b" / "new"
    paths = write_exports("all", group, session, None, out)
    assert [p.parent for p in paths] == [(tmp_path / "b" / "new").resolve()] * 2
    assert sorted(p.name for p in (tmp_path / "b" / "new").iterdir()) == [
        "escape-part1-2026-05-12-strategy.md",
        "escape-part1-2026-05-12-summary.md",
    ]
    assert not (tmp_path.parent / "escape-part1-2026-05-12-summary.md").exists()


def test_an_existing_export_is_never_overwritten(tmp_path: Path) -> None:
    group = make_group()
    session = full_session(group)
    [first] = write_exports(["strategy"], group, session, None, tmp_path)
    first.write_text("edited by hand\n", encoding="utf-8")
    [second] = write_exports(["strategy"], group, session, None, tmp_path)
    [third] = write_exports(["strategy"], group, session, None, tmp_path)
    assert first.read_text(encoding="utf-8") == "edited by hand\n"
    assert second.name == first.name.replace(".md", "-2.md")
    assert third.name == first.name.replace(".md", "-3.md")
    assert second.read_text(encoding="utf-8") == render("strategy", group, session)


def test_a_dangling_symlink_in_the_way_is_left_alone(tmp_path: Path) -> None:
    group = make_group()
    session = full_session(group)
    stem = file_stem(group, session, "summary")
    outside = tmp_path / "outside.md"
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{stem}.md").symlink_to(outside)
    [path] = write_exports(["summary"], group, session, None, out)
    assert path.name == f"{stem}-2.md"
    assert not outside.exists()


def test_force_replaces_the_file_atomically(tmp_path: Path) -> None:
    group = make_group()
    session = full_session(group)
    [first] = write_exports(["summary"], group, session, None, tmp_path)
    first.write_text("old\n", encoding="utf-8")
    inode = first.stat().st_ino
    [again] = write_exports(["summary"], group, session, None, tmp_path, force=True)
    assert again == first
    assert again.read_text(encoding="utf-8") == render("summary", group, session)
    assert again.stat().st_ino != inode  # a new file renamed into place, not rewritten
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name]


def test_force_over_a_symlink_replaces_the_link_not_its_target(tmp_path: Path) -> None:
    group = make_group()
    session = full_session(group)
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    link = out / f"{file_stem(group, session, 'summary')}.md"
    link.symlink_to(target)
    write_exports(["summary"], group, session, None, out, force=True)
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert not link.is_symlink()


def test_all_without_an_earlier_session_skips_progress(tmp_path: Path) -> None:
    group = make_group()
    paths = write_exports(["all"], group, full_session(group), None, tmp_path)
    assert [p.name.rsplit("-", 1)[1] for p in paths] == ["summary.md", "strategy.md"]


def test_progress_without_an_earlier_session_writes_nothing(tmp_path: Path) -> None:
    group = make_group()
    with pytest.raises(NeedsEarlier):
        write_exports(["summary", "progress"], group, full_session(group), None, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_kind_is_a_one_line_error(tmp_path: Path) -> None:
    group = make_group()
    with pytest.raises(ExportError) as caught:
        write_exports(["minutes"], group, full_session(group), None, tmp_path)
    assert isinstance(caught.value, WorkshopError)
    assert "minutes" in str(caught.value) and "\n" not in str(caught.value)


def test_an_out_dir_that_is_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    group = make_group()
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="not a folder"):
        write_exports(["summary"], group, full_session(group), None, blocker)


def test_a_write_error_is_a_one_line_error_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = make_group()

    def no_space(fd: int) -> None:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(ExportError, match="No space left") as caught:
        write_exports(["summary"], group, full_session(group), None, tmp_path)
    assert "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_lone_surrogates_do_not_stop_an_export(tmp_path: Path) -> None:
    # The model refuses them, but a group built without validation must not crash the export.
    group = make_group().model_copy(update={"name": "Team \ud800"})
    [path] = write_exports(["summary"], group, full_session(group), None, tmp_path)
    assert "Team ?" in path.read_text(encoding="utf-8")
