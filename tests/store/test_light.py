"""Listing without the model, and loading that validates sessions when first used."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest

from workshop.errors import UnreadableFile
from workshop.model import Expectation, Group, Session, Step
from workshop.model.base import MAX_TEXT, STEP_TITLES
from workshop.model.session import SessionStatus
from workshop.store import Store
from workshop.store import summary as light
from workshop.store.schema import fingerprint


def test_the_light_constants_agree_with_the_model() -> None:
    assert tuple(step.value for step in Step) == light.STEP_VALUES
    assert {step.value: STEP_TITLES[step] for step in Step} == light.STEP_LABELS
    assert tuple(status.value for status in SessionStatus) == light.STATUS_VALUES
    assert set(Session.model_fields) == light.SESSION_KEYS
    assert light.MAX_TEXT == MAX_TEXT
    assert set(light.ListedGroup.__slots__) == set(Group.model_fields)
    from workshop.store import history
    from workshop.store.store import HISTORY_SPACING

    assert HISTORY_SPACING == history.SPACING


def test_listing_imports_neither_pydantic_nor_the_model(data_dir: Path) -> None:
    store = Store(data_dir)
    group = Group(name="Light")
    store.create_group(group)
    with store.edit(group.id) as editor:
        editor.add_session(Session(group_id=group.id, date=date(2026, 5, 12)))
    code = (
        "import sys; from pathlib import Path; from workshop.store import Store; "
        f"[g] = Store(Path({str(data_dir)!r})).list_groups(); assert g.sessions, g; "
        "from workshop.cli.listing import print_groups; print_groups([g], Path('.')); "
        "heavy = [m for m in ('pydantic', 'workshop.model', 'workshop.store.editor', 'rich.table') "
        "if m in sys.modules]; print(heavy, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "[]"
    assert "Light" in done.stdout


def _saved(data_dir: Path, sessions: int = 3) -> tuple[Store, Group, list[Session], Path]:
    store = Store(data_dir)
    group = Group(name="Lazy")
    store.create_group(group)
    saved = []
    with store.edit(group.id) as editor:
        for part in range(1, sessions + 1):
            session = Session(group_id=group.id, part=part, date=date(2026, 5, part))
            session.research.expectations.append(Expectation(text=f"point {part}", importance=3))
            saved.append(editor.add_session(session))
        saved[0] = editor.save_session(saved[0])
    return store, group, saved, store.path_of(group.id)


def test_a_file_the_store_saved_is_loaded_without_validating_its_sessions(
    data_dir: Path,
) -> None:
    store, group, saved, _ = _saved(data_dir)
    loaded = store.load_group(group.id)
    assert loaded._validated == {}  # the fingerprints vouch for every session
    assert loaded.session(saved[1].id) == saved[1]
    assert set(loaded._validated) == {saved[1].id}
    assert loaded.sessions == saved and loaded.session("nope") is None
    assert sorted(loaded.session_ids) == sorted(s.id for s in saved)


def _rewrite(path: Path, change: object, refingerprint: bool) -> None:
    tables = orjson.loads(path.read_bytes())
    doc = next(iter(tables["sessions"].values()))
    change(doc)  # type: ignore[operator]
    if refingerprint:
        for summary in tables["summaries"].values():
            if summary["id"] == doc["id"]:
                summary["fingerprint"] = fingerprint(doc)
    path.write_bytes(orjson.dumps(tables))


def test_a_session_changed_outside_the_app_is_validated_on_load(data_dir: Path) -> None:
    store, group, saved, path = _saved(data_dir)
    _rewrite(path, lambda d: d.update(title="edited by hand"), refingerprint=False)
    loaded = store.load_group(group.id)  # valid: accepted, and that session checked now
    assert list(loaded._validated) == [saved[0].id]
    assert loaded.session(saved[0].id).title == "edited by hand"  # type: ignore[union-attr]
    _rewrite(path, lambda d: d["research"]["expectations"][0].update(importance=9), False)
    with pytest.raises(UnreadableFile, match="not a valid group file"):
        store.load_group(group.id)
    with pytest.raises(UnreadableFile):
        store.edit(group.id)


def test_a_vouched_session_that_fails_validation_raises_when_used(data_dir: Path) -> None:
    """(A file written by a later model, say.) The file loads; that session raises one line."""
    store, group, saved, path = _saved(data_dir)
    _rewrite(path, lambda d: d.update(part="one"), refingerprint=True)
    loaded = store.load_group(group.id)
    assert loaded.session(saved[1].id) == saved[1]
    with pytest.raises(UnreadableFile) as error:
        loaded.session(saved[0].id)
    assert "\n" not in str(error.value) and path.name in str(error.value)
    with pytest.raises(UnreadableFile):
        _ = loaded.sessions


def test_the_list_is_one_aligned_table_at_80_and_120_columns(data_dir: Path) -> None:
    from workshop.cli.listing import listing_lines

    store, _, saved, _ = _saved(data_dir, 2)
    other = Group(name="Empty group", organisation="Elsewhere")
    store.create_group(other)
    groups = store.list_groups()
    for width in (80, 120):
        lines = [
            "".join(text for text, _ in line) for line in listing_lines(groups, data_dir, width)
        ]
        assert all(len(line) <= width for line in lines[1:-1]), width  # the table
        assert "Empty group · Elsewhere" in lines and "  no sessions yet" in lines
        rows = [line for line in lines if any(s.id in line for s in saved)]
        assert len(rows) == 2 and all(
            row.endswith(s.id) for row, s in zip(rows, saved, strict=True)
        )
        assert len({row.index(s.id) for row, s in zip(rows, saved, strict=True)}) == 1  # aligned
        assert ("Facilitator" in lines[1]) is (width >= 100)


def test_listing_a_saved_file_reads_only_its_summaries(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop.store import schema

    _, _, saved, path = _saved(data_dir, 2)

    def parsed_in_full(*args: object) -> None:
        raise AssertionError("the sessions were parsed")

    with monkeypatch.context() as patch:
        patch.setattr(schema, "summaries_of", parsed_in_full)
        [listed] = Store(data_dir).list_groups()
    assert [s.id for s in listed.sessions] == [s.id for s in saved]
    # a session changed by hand: its bytes no longer match the digest, so all is parsed
    _rewrite(path, lambda d: d.update(part="one"), refingerprint=True)
    [listed] = Store(data_dir).list_groups()
    assert listed.group is None and listed.error and "not a valid group file" in listed.error
