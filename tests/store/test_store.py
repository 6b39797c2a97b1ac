"""The store's behaviour: groups and sessions created, listed, found, edited and deleted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workshop.errors import Ambiguous, InvalidInput, NotFound, SaveFailed, StoreError
from workshop.model import Expectation, Group, Session, Step, follow_up
from workshop.store import GroupEditor, SessionSummary, Store, default_data_dir
from workshop.store.durable import TEMP_MARK


def _group(store: Store, name: str = "Riverside Council") -> Group:
    group = Group(name=name, organisation="Riverside")
    store.create_group(group)
    return group


def _session(group: Group, **fields: object) -> Session:
    return Session(group_id=group.id, date=date(2026, 5, 12), **fields)


def test_default_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WORKSHOP_DATA", str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("WORKSHOP_DATA")
    monkeypatch.chdir(tmp_path)
    assert default_data_dir() == tmp_path / "sessions"


def test_an_empty_or_missing_folder_lists_nothing(data_dir: Path) -> None:
    assert Store(data_dir).list_groups() == []
    assert not data_dir.exists()  # reading creates nothing


def test_create_add_list_load(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    path = store.path_of(group.id)
    assert path.parent == data_dir and path.name == f"riverside-council--{group.id}.json"
    with store.edit(group.id) as editor:
        assert isinstance(editor, GroupEditor)
        session = _session(group, title="Part 1", facilitator="Ana")
        session.research.expectations.append(Expectation(text="Answer the phone", importance=5))
        saved = editor.add_session(session)
    assert saved.revision == 1 and saved.updated_at >= session.updated_at
    [listed] = store.list_groups()
    assert listed.error is None and listed.path == path and listed.group is not None
    assert (listed.group.id, listed.group.name, listed.group.organisation) == (
        group.id,
        group.name,
        group.organisation,
    )
    assert listed.group.created_at == group.created_at
    [summary] = listed.sessions
    assert isinstance(summary, SessionSummary)
    assert (summary.id, summary.title, summary.facilitator, summary.revision) == (
        saved.id,
        "Part 1",
        "Ana",
        1,
    )
    assert summary.item_count == 1
    assert summary.completeness[Step.RESEARCH] == 20 and set(summary.completeness) == set(Step)
    loaded = store.load_group(group.id)
    assert loaded.group == group and loaded.sessions == [saved] and loaded.path == path


def test_save_bumps_revision_and_persists(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    with store.edit(group.id) as editor:
        session = editor.add_session(_session(group))
        session.structure.mission = "Every caller helped first time"
        saved = editor.save_session(session)
        assert saved.revision == 2 and editor.session(session.id) == saved
        assert editor.sessions() == [saved]
    assert store.load_group(group.id).sessions[0].structure.mission.startswith("Every caller")
    assert store.list_groups()[0].sessions[0].revision == 2


def test_refusals(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    other = _group(store, "Other")
    with store.edit(group.id) as editor:
        session = editor.add_session(_session(group))
        with pytest.raises(InvalidInput):
            editor.add_session(session)  # the same id twice
        with pytest.raises(InvalidInput):
            editor.add_session(_session(other))  # another group's session
        with pytest.raises(NotFound):
            editor.session("nope")
        with pytest.raises(NotFound):
            editor.save_session(_session(group))  # never added
        with pytest.raises(InvalidInput):
            editor.save_group(other)
    with pytest.raises(StoreError, match="closed"):
        editor.save_session(session)
    with pytest.raises(StoreError, match="already exists"):
        store.create_group(group)
    with pytest.raises(NotFound):
        store.load_group("missing")
    with pytest.raises(NotFound):
        store.edit("missing")


def test_save_group_keeps_the_file_name(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    path = store.path_of(group.id)
    with store.edit(group.id) as editor:
        renamed = group.model_copy(update={"name": "Riverside Contact Centre"})
        editor.save_group(renamed)
        assert editor.group.name == "Riverside Contact Centre"
    assert store.path_of(group.id) == path
    assert store.load_group(group.id).group.name == "Riverside Contact Centre"


def test_delete_and_restore(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    with store.edit(group.id) as editor:
        session = editor.add_session(_session(group, title="gone"))
        editor.delete_session(session.id)
        assert editor.sessions() == []
        assert [s.id for s in editor.deleted()] == [session.id]
        with pytest.raises(NotFound):
            editor.delete_session(session.id)
    assert store.list_groups()[0].sessions == []
    with store.edit(group.id) as editor:
        back = editor.restore_session(session.id)
        assert back.title == "gone" and back.revision == session.revision + 1
        assert editor.deleted() == []
        with pytest.raises(NotFound):
            editor.restore_session(session.id)
    assert [s.id for s in store.load_group(group.id).sessions] == [session.id]


def test_follow_up_is_a_new_session(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    with store.edit(group.id) as editor:
        first = editor.add_session(_session(group))
        second = editor.add_session(follow_up(first, date(2026, 11, 12)))
    assert second.follows == first.id and second.revision == 1
    summaries = store.list_groups()[0].sessions
    assert [s.part for s in summaries] == [1, 2] and summaries[1].follows == first.id


def test_find_session(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    with store.edit(group.id) as editor:
        one = editor.add_session(_session(group, id="abc123def"))
        two = editor.add_session(_session(group, id="abc999xyz"))
        three = editor.add_session(_session(group, id="abc"))
    assert store.find_session("abc123def") == (group, one)
    assert store.find_session("abc12")[1] == one
    assert store.find_session("abc")[1] == three  # an exact id wins over longer ones
    assert store.find_session(" abc9 ")[1] == two
    with pytest.raises(Ambiguous) as ambiguous:
        store.find_session("ab")
    assert ambiguous.value.matches == ["abc", "abc123def", "abc999xyz"]
    for ref in ("zzz", "", "abc123defg"):
        with pytest.raises(NotFound):
            store.find_session(ref)


def test_list_ignores_temps_locks_history_and_other_files(data_dir: Path) -> None:
    store = Store(data_dir)
    group = _group(store)
    path = store.path_of(group.id)
    (data_dir / f".{path.name}{TEMP_MARK}1234").write_bytes(b"{half a fi")
    (data_dir / "notes.json").write_text("{}")
    (data_dir / "README.txt").write_text("hello")
    (data_dir / f"link--{group.id}x.json").symlink_to(path)
    listed = store.list_groups()
    assert [g.path for g in listed] == [path]
    with store.edit(group.id):  # opening for editing cleans a crashed save's temp
        pass
    assert not any(TEMP_MARK in p.name for p in data_dir.iterdir())


def test_listing_uses_stored_summaries_and_recomputes_missing_ones(data_dir: Path) -> None:
    import orjson

    store = Store(data_dir)
    group = _group(store)
    with store.edit(group.id) as editor:
        editor.add_session(_session(group))
    path = store.path_of(group.id)
    tables = orjson.loads(path.read_bytes())
    tables["summaries"] = {}
    path.write_bytes(orjson.dumps(tables))
    assert store.list_groups()[0].sessions[0].item_count == 0
    assert Store(data_dir).list_groups()[0].sessions[0].completeness[Step.DOCUMENT] == 0


def test_editor_sessions_reflect_a_restore_elsewhere_only_after_reopen(data_dir: Path) -> None:
    """The lock makes an open editor the only writer: a restore must wait for it."""
    store = Store(data_dir, history_spacing=0)
    group = _group(store)
    with store.edit(group.id) as editor:
        editor.add_session(_session(group))
        with pytest.raises(StoreError):
            store.restore_version(group.id, 0)


def test_load_session_validates_only_that_session(data_dir: Path) -> None:
    import orjson

    store = Store(data_dir)
    group = _group(store)
    with store.edit(group.id) as editor:
        good = editor.add_session(_session(group, title="good"))
        bad = editor.add_session(_session(group, title="bad"))
    path = store.path_of(group.id)
    tables = orjson.loads(path.read_bytes())
    for doc in tables["sessions"].values():
        if doc["id"] == bad.id:
            doc["research"]["budget"] = "lots"
    path.write_bytes(orjson.dumps(tables))
    assert store.load_session(group.id, good.id) == (group, good)
    assert store.find_session(good.id[:6])[1] == good
    with pytest.raises(StoreError, match="not a valid group file"):
        store.load_session(group.id, bad.id)
    with pytest.raises(NotFound):
        store.load_session(group.id, "nope")


def test_text_json_cannot_hold_fails_the_save_cleanly(data_dir: Path) -> None:
    """A lone surrogate (possible in a Python string, impossible in UTF-8; the model refuses it,
    but model_copy skips validation) is a failed save with one line, not a crash."""
    store = Store(data_dir)
    group = _group(store)
    path = store.path_of(group.id)
    with store.edit(group.id) as editor:
        session = editor.add_session(_session(group))
        before = path.read_bytes()
        broken = session.model_copy(update={"title": "broken \ud800 text"})
        with pytest.raises(SaveFailed, match="surrogates"):
            editor.save_session(broken)
        assert path.read_bytes() == before
        session.title = "fixed"
        assert editor.save_session(session).title == "fixed"


def test_a_copy_of_a_group_file_is_listed_as_the_mistake_it_is(data_dir: Path) -> None:
    # a backup left in the folder: the group was listed twice and every command found its
    # session "ambiguous" however much of the id was typed
    store = Store(data_dir)
    group = _group(store)
    with store.edit(group.id) as editor:
        session = editor.add_session(_session(group))
    path = store.path_of(group.id)
    other_name = path.with_name(f"backup--{'4' * len(group.id)}.json")
    other_name.write_bytes(path.read_bytes())  # named for another group than it holds
    listed = store.list_groups()
    assert [g.group.id for g in listed if g.group] == [group.id]
    [flagged] = [g for g in listed if g.group is None]
    assert flagged.path == other_name and "not 4444" in (flagged.error or "")
    assert store.find_session(session.id[:4])[1].id == session.id  # the real one still works
    other_name.unlink()
    backup = path.with_name(f"backup-copy--{group.id}.json")
    backup.write_bytes(path.read_bytes())  # named for the group it holds, as the original
    listed = Store(data_dir).list_groups()
    assert all(g.group is None for g in listed) and len(listed) == 2
    assert all("several files hold group" in (g.error or "") for g in listed)
    with pytest.raises(NotFound, match="2 files in the folder cannot be read"):
        Store(data_dir).locate_session(session.id)
    # named for this group, holding another: the one named right can't be opened either
    # (opening goes by the name), so neither is listed as if it could
    other = Group(name="Other")
    backup.write_bytes(path.read_bytes().replace(group.id.encode(), other.id.encode()))
    listed = Store(data_dir).list_groups()
    assert all(g.group is None and "several files hold" in (g.error or "") for g in listed)
