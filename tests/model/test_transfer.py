"""The import/dump format: round trips, and every kind of bad file refused with its reason."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from workshop.errors import InvalidInput
from workshop.model.demo import build_demo
from workshop.model.transfer import (
    TRANSFER_SCHEMA_VERSION,
    SessionTransfer,
    dump_session,
    load_transfer,
    transfer_schema,
)

TODAY = date(2026, 11, 23)


def _demo_dump(which: int = 1) -> dict[str, Any]:
    group, sessions = build_demo(TODAY)
    doc: dict[str, Any] = json.loads(dump_session(group, sessions[which]))
    return doc


def _load(doc: dict[str, Any]) -> SessionTransfer:
    return load_transfer(json.dumps(doc))


def test_dump_then_load_gives_back_the_same_session_and_group() -> None:
    group, sessions = build_demo(TODAY)
    for session in sessions:
        loaded = load_transfer(dump_session(group, session))
        assert loaded.session == session
        assert loaded.group == group
        assert dump_session(loaded.group, loaded.session) == dump_session(group, session)


def test_dump_is_pretty_with_format_and_version_first() -> None:
    group, sessions = build_demo(TODAY)
    text = dump_session(group, sessions[0])
    assert text.splitlines()[1] == '  "format": "service-strategy-workshop/session",'
    assert list(json.loads(text)) == ["format", "schema_version", "group", "session"]


def test_bad_json_names_line_and_column() -> None:
    with pytest.raises(InvalidInput, match=r"not valid JSON: .* line 3, column 1"):
        load_transfer('{\n  "format": "x",\n')


def test_newer_schema_version_is_refused_saying_so() -> None:
    doc = _demo_dump()
    doc["schema_version"] = TRANSFER_SCHEMA_VERSION + 1
    with pytest.raises(InvalidInput, match="newer version of the app"):
        _load(doc)


@pytest.mark.parametrize("doc", [[], "text", {"format": "something-else"}, {}])
def test_not_a_session_document_is_refused(doc: Any) -> None:
    with pytest.raises(InvalidInput, match="not a workshop session"):
        load_transfer(json.dumps(doc))


def test_wrong_field_value_names_the_field() -> None:
    doc = _demo_dump()
    doc["session"]["research"]["expectations"][0]["importance"] = 9
    with pytest.raises(InvalidInput, match=r"expectations → 0 → importance"):
        _load(doc)


def test_unknown_field_is_refused() -> None:
    doc = _demo_dump()
    doc["session"]["surprise"] = 1
    with pytest.raises(InvalidInput, match="surprise"):
        _load(doc)


def test_broken_goal_reference_is_reported() -> None:
    doc = _demo_dump()
    doc["session"]["structure"]["indicators"][0]["goal_id"] = "nogoal"
    with pytest.raises(InvalidInput, match=r"Indicators → .* → goal_id: .*'nogoal'"):
        _load(doc)


def test_broken_stakeholder_references_are_reported() -> None:
    doc = _demo_dump()
    doc["session"]["consult"]["shared_goals"][0]["stakeholder_ids"].append("ghost")
    with pytest.raises(InvalidInput, match=r"stakeholder_ids: .*'ghost'"):
        _load(doc)
    doc = _demo_dump()
    doc["session"]["consult"]["dependencies"][0]["stakeholder_id"] = "ghost"
    with pytest.raises(InvalidInput, match=r"stakeholder_id: .*'ghost'"):
        _load(doc)


def test_unknown_participant_in_raised_by_is_reported() -> None:
    doc = _demo_dump()
    doc["session"]["structure"]["actions"][0]["raised_by"] = "nobody"
    with pytest.raises(InvalidInput, match="raised_by: no participant has the id 'nobody'"):
        _load(doc)


def test_repeated_item_id_in_a_section_is_reported() -> None:
    doc = _demo_dump()
    actions = doc["session"]["structure"]["actions"]
    actions[1]["id"] = actions[0]["id"]
    with pytest.raises(InvalidInput, match=f"Actions: the id '{actions[0]['id']}' is used twice"):
        _load(doc)


def test_a_session_that_follows_itself_is_refused() -> None:
    doc = _demo_dump()
    doc["session"]["follows"] = doc["session"]["id"]
    with pytest.raises(InvalidInput, match="a session cannot follow itself"):
        _load(doc)


def test_session_of_another_group_is_reported() -> None:
    doc = _demo_dump()
    doc["session"]["group_id"] = "othergroup"
    with pytest.raises(InvalidInput, match="group_id"):
        _load(doc)


def test_schema_documents_the_format() -> None:
    schema = json.loads(transfer_schema())
    assert schema["title"] == "SessionTransfer"
    assert set(schema["required"]) == {"group", "session"}
    assert "newer one" in schema["properties"]["schema_version"]["description"]
