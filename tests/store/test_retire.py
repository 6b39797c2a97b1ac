"""Retiring a group with no sessions: off the list, its file kept whole under `.deleted/`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workshop.errors import LockedByOther, StoreError
from workshop.model import Group, Session
from workshop.store import Store
from workshop.store.store import DELETED


def _group(store: Store, name: str = "Harbour Helpdesk") -> Group:
    group = Group(name=name)
    store.create_group(group)
    return group


def test_an_empty_group_leaves_the_list_and_its_file_is_kept_whole(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    keep = _group(store, "Another Team")
    before = store.path_of(group.id).read_bytes()
    moved = store.retire_group(group.id)
    assert moved.parent == data_dir / DELETED
    assert moved.read_bytes() == before
    assert [g.group.id for g in store.list_groups() if g.group] == [keep.id]
    assert [g.group.id for g in Store(data_dir).list_groups() if g.group] == [keep.id]


def test_a_group_whose_sessions_were_all_deleted_can_be_retired_and_keeps_them(
    data_dir: Path,
) -> None:
    store = Store(data_dir)
    group = _group(store)
    with store.edit(group.id) as editor:
        session = editor.add_session(Session(group_id=group.id, date=date(2026, 5, 12)))
        editor.delete_session(session.id)
    moved = store.retire_group(group.id)
    # moved back by hand, the deleted session is still there to restore
    back = data_dir / moved.name
    moved.replace(back)
    with store.edit(group.id) as editor:
        assert [s.id for s in editor.deleted()] == [session.id]


def test_a_group_with_a_session_is_refused_and_untouched(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    with store.edit(group.id) as editor:
        editor.add_session(Session(group_id=group.id, date=date(2026, 5, 12)))
    path = store.path_of(group.id)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="still has 1 session"):
        store.retire_group(group.id)
    assert path.read_bytes() == before
    assert not (data_dir / DELETED).exists()


def test_a_group_open_elsewhere_is_refused_with_the_holder(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    path = store.path_of(group.id)
    with (
        store.edit(group.id, holder="Sam on laptop-2"),
        pytest.raises(LockedByOther, match="Sam on laptop-2"),
    ):
        Store(data_dir).retire_group(group.id)
    assert path.exists()


def test_two_retired_groups_of_one_file_name_are_both_kept(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    first = store.retire_group(group.id)
    # the same file name again: the same name and id, created after the first was retired
    store.create_group(Group(id=group.id, name=group.name))
    second = store.retire_group(group.id)
    assert first != second
    assert first.exists() and second.exists()
