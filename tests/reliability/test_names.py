"""Promise 11: whatever a group is called, its file is a distinct plain file inside the data
folder, with a name of at most 255 bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.reliability.helpers import count
from workshop.errors import StoreError
from workshop.model import Group
from workshop.store import Store
from workshop.store.names import group_id_of, slugify

HOSTILE = ["..", ".", "/", "../../etc/passwd", "a/b", "\x00", "CON", "con", "NUL.txt", "😀" * 80]


class Folders:
    """Data folders for the generated names: a fresh one every 500 names keeps each listing
    short, while every file name made is remembered to check they are all distinct."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: set[str] = set()
        self.used = 0

    def next(self) -> Path:
        self.used += 1
        return self.root / f"batch{self.used // 500}" / "sessions"


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Folders:
    return Folders(tmp_path_factory.mktemp("names"))


@pytest.mark.slow
@settings(
    max_examples=count(300, 3000),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.text(min_size=1, max_size=300) | st.sampled_from(HOSTILE))
@example(name="x" * 300)
@example(name="Team A")
@example(name="team-a")
def test_11_safe_distinct_names(folders: Folders, name: str) -> None:
    folder = folders.next()
    store = Store(folder)
    group = Group(name=name)
    path = store.create_group(group)
    assert path.parent == folder and path.resolve().parent == folder.resolve()
    assert path.is_file() and not path.is_symlink()
    assert len(path.name.encode()) <= 255 and len((path.name + ".lock").encode()) <= 255
    assert path.name not in folders.made  # distinct from every file made so far
    folders.made.add(path.name)
    assert group_id_of(path.name) == group.id
    assert store.load_group(group.id).group.name == name
    assert [p.name for p in folder.parent.iterdir()] == ["sessions"]  # nothing beside it


def test_slugs_are_short_ascii_and_never_empty() -> None:
    assert slugify("Riverside Council — Customer Service!") == "riverside-council-customer-service"
    assert slugify("Café") == "cafe"
    assert slugify("../..") == "group" and slugify("😀") == "group"
    assert len(slugify("word " * 100)) <= 40


def test_a_symlink_in_the_way_is_never_followed(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    group = Group(id="fixedid", name="Linked")
    (folder / "linked--fixedid.json").symlink_to(victim)
    store = Store(folder)
    with pytest.raises(StoreError):
        store.create_group(group)
    assert victim.read_text() == "keep me"
    assert store.list_groups() == []  # a link is never taken for a group file


def test_bad_group_ids_are_refused(tmp_path: Path) -> None:
    from workshop.store.names import file_name, inside

    with pytest.raises(StoreError):
        file_name("x", "../etc")
    for bad in ("..", "a/b", "", "x\x00"):
        with pytest.raises(StoreError):
            inside(tmp_path, bad)
