"""`workshop versions` and `workshop restore`: a mistake can be undone from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run
from workshop.model.research import Expectation
from workshop.store import Store


def _one_session(capsys: pytest.CaptureFixture[str]) -> str:
    result = run(
        capsys,
        "new",
        "--group",
        "Riverside",
        "--facilitator",
        "Ann",
        "--date",
        "2026-05-01",
        "--no-input",
    )
    assert result.code == 0, result.err
    return result.last_line


def _texts(data_dir: Path, session_id: str) -> list[str]:
    _, session = Store(data_dir).find_session(session_id)
    return [e.text for e in session.research.expectations]


def test_a_mistake_is_undone_by_restoring_a_kept_version(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    session_id = _one_session(capsys)
    store = Store(data_dir, history_spacing=0)  # keep a version before every save
    group, _ = store.find_session(session_id)
    with store.edit(group.id) as editor:
        session = editor.session(session_id)
        session.research.expectations.append(Expectation(text="Short waits"))
        session = editor.save_session(session)
        session.research.expectations.clear()  # the mistake
        editor.save_session(session)
    assert _texts(data_dir, session_id) == []

    listed = run(capsys, "versions", session_id[:6])
    assert listed.code == 0, listed.err
    assert "1 items" in listed.out  # the version holding the lost item says so

    kept = store.versions(group.id)
    index = next(
        i
        for i, v in enumerate(kept)
        if any(s.item_count == 1 for s in store.version_summary(v).sessions)
    )
    restored = run(capsys, "restore", session_id, str(index))
    assert restored.code == 0, restored.err
    assert _texts(data_dir, session_id) == ["Short waits"]

    # the restore itself is undoable: the file it replaced was kept first, and the way to it
    # is named by the group (a version restored may no longer hold the session named)
    assert store.versions(group.id)[0].reason == "restore"
    assert f"workshop versions {group.id}`" in restored.out
    assert run(capsys, "versions", group.id).code == 0


def test_restore_of_a_version_that_is_not_kept_is_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    session_id = _one_session(capsys)
    before = {p: p.read_bytes() for p in data_dir.glob("*.json")}
    result = run(capsys, "restore", session_id, "99")
    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1
    assert "no kept version 99" in result.err
    assert {p: p.read_bytes() for p in data_dir.glob("*.json")} == before


def test_restore_is_refused_while_the_group_is_being_edited(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    session_id = _one_session(capsys)
    store = Store(data_dir)
    group, _ = store.find_session(session_id)
    with store.edit(group.id):
        result = run(capsys, "restore", session_id, "0")
    assert result.code == 1
    assert "being edited by" in result.err


def test_versions_of_an_unknown_group_is_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    result = run(capsys, "versions", "zzzz")
    assert result.code == 1
    assert result.err.strip() == "workshop: no session or group matches 'zzzz'"


def test_a_damaged_group_is_found_by_its_session_its_name_or_its_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A file cut in half: `versions SESSION` said "no session or group matches", the one
    time it is needed; the group's name (as `list` prints it) did not find it either."""
    session_id = _one_session(capsys)
    store = Store(data_dir, history_spacing=0)
    group, _ = store.find_session(session_id)
    with store.edit(group.id) as editor:  # a save: the version before it is kept
        session = editor.session(session_id)
        session.research.expectations.append(Expectation(text="Short waits"))
        editor.save_session(session)
    path = store.path_of(group.id)
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    for ref in (session_id[:6], "riverside", "RIVERSIDE", group.id[:5], path.name[:9]):
        listed = run(capsys, "versions", ref)
        assert listed.code == 0, (ref, listed.err)
        assert session_id[:6] in listed.out
    missing = run(capsys, "versions", "zzzz")
    assert "1 file in the folder cannot be read" in missing.err
    assert len(missing.err.strip().splitlines()) == 1


def test_a_group_is_found_by_its_name_in_any_case(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    _one_session(capsys)
    assert run(capsys, "versions", "riversIDE").code == 0


def test_a_damaged_groups_name_never_finds_another_group_that_starts_with_it(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """'Riverside Council', its file cut in half, found 'Riverside Council Housing' by the
    start of its name, and `restore` rolled that healthy group back instead."""
    for name in ("Riverside Council", "Riverside Council Housing"):
        made = run(capsys, "new", "--group", name, "--facilitator", "Ann", "--no-input")
        assert made.code == 0, made.err
    store = Store(data_dir)
    damaged = next(
        g for g in store.list_groups() if g.group and g.group.name == "Riverside Council"
    )
    healthy = next(g for g in store.list_groups() if g.group and g.group.name.endswith("Housing"))
    assert damaged.group is not None and healthy.group is not None
    path = store.path_of(damaged.group.id)
    path.write_bytes(path.read_bytes()[:40])
    healthy_before = store.path_of(healthy.group.id).read_bytes()
    listed = run(capsys, "versions", "Riverside Council")
    assert listed.code == 0, listed.err
    assert store.path_of(damaged.group.id).name in listed.out  # the damaged one's versions
    restored = run(capsys, "restore", "riverside council", "0")
    assert restored.code == 0, restored.err
    assert "Restored 'Riverside Council' as it was" in restored.out
    assert store.path_of(healthy.group.id).read_bytes() == healthy_before  # untouched
    assert store.load_group(damaged.group.id).group.name == "Riverside Council"  # readable
