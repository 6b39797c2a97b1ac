"""The listing's light path: heads parsed by the standard `json` module only when orjson would
read them to the same value, and the listing's records behaving as frozen dataclasses."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.store.durable import _strict_loads
from workshop.store.summary import GroupSummary, GroupVersion, ListedGroup, SessionSummary

#: Texts the standard `json` module reads and orjson refuses, or reads otherwise.
DIFFERENT = [
    b'{"a":NaN}',
    b'{"a":-Infinity}',
    b'{"a":1e400}',
    b'{"a":-1e400}',
    b'{"a":"\\ud800"}',
    b'{"a":"\\uDFFF x"}',
    b'{"a":18446744073709551616}',
    b'{"a":[1, -9223372036854775809]}',
    b'{"a": \n 123456789012345678901234567890}',
    b'\xef\xbb\xbf{"a":1}',
    b'{"a":"\xed\xa0\x80"}',
    b'{"a":"\xff"}',
    b"[" * 5000 + b"]" * 5000,
]


@pytest.mark.parametrize("payload", DIFFERENT)
def test_what_orjson_would_read_otherwise_is_left_to_it(payload: bytes) -> None:
    assert _strict_loads(payload) is None


def _json_values() -> st.SearchStrategy[Any]:
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**70), max_value=2**70)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text()
        | st.sampled_from(["\ud800", "a\udfff", "\ud83d\ude00", "\x00\x7f\u2028"])
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )


@settings(max_examples=300, deadline=None)
@given(_json_values())
def test_the_standard_json_reads_only_what_orjson_reads_alike(value: Any) -> None:
    for payload in (
        json.dumps(value).encode(),
        json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass"),
        json.dumps(value, indent=1).encode(),
    ):
        try:
            wanted: Any = orjson.loads(payload)
        except orjson.JSONDecodeError:
            wanted = None
        got = _strict_loads(payload)
        if got is not None:
            assert got == wanted and type(got) is type(wanted)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40))
def test_any_bytes_read_as_orjson_reads_them_or_not_at_all(payload: bytes) -> None:
    got = _strict_loads(b'{"a":"x' + payload + b'"}')
    if got is not None:
        assert got == orjson.loads(b'{"a":"x' + payload + b'"}')


def _summary(**changes: Any) -> SessionSummary:
    fields: dict[str, Any] = {
        "id": "s1",
        "group_id": "g1",
        "part": 1,
        "date": dt.date(2026, 5, 12),
        "title": "T",
        "facilitator": "F",
        "status": "planned",
        "follows": None,
        "revision": 1,
        "updated_at": dt.datetime(2026, 5, 12, 9, tzinfo=dt.UTC),
        "item_count": 0,
        "completeness": {"research": 0},
    }
    return SessionSummary(**{**fields, **changes})


def test_the_records_behave_as_frozen_dataclasses() -> None:
    group = ListedGroup("g1", "Name", "", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert group == ListedGroup("g1", "Name", "", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert group != ListedGroup("g2", "Name", "", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert hash(group) == hash(copy.copy(group)) and group != ("g1", "Name")
    assert repr(group).startswith("ListedGroup(id='g1', name='Name', organisation=''")
    with pytest.raises(AttributeError):
        group.name = "Other"
    with pytest.raises(AttributeError):
        del group.name
    summary = _summary()
    assert summary == _summary() and summary != _summary(part=2)
    assert pickle.loads(pickle.dumps(summary)) == summary == copy.deepcopy(summary)
    listed = GroupSummary(group, Path("g.json"), [summary])
    assert listed.sessions == [summary] and listed.error is None
    assert GroupSummary(None, Path("g.json")).sessions == []
    assert GroupSummary(None, Path("a")).sessions is not GroupSummary(None, Path("a")).sessions
    version = GroupVersion("v", Path("v"), dt.datetime(2026, 1, 1), "restore")
    assert pickle.loads(pickle.dumps(version)) == version
