"""`compact`: a loaded session holds one set of field names per model class and one copy of
each short repeated text, and behaves exactly as before."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from workshop.model import Action, ActionStatus, Expectation, Participant, Session
from workshop.model.base import SHARED_TEXT, EveryField, compact
from workshop.store import Store
from workshop.store.schema import fingerprint


def _session() -> Session:
    ann = Participant(name="Ann Lee")
    session = Session(group_id="g1", date=date(2026, 5, 12), title="Compact", participants=[ann])
    for n in range(3):
        session.research.expectations.append(
            Expectation(
                text=f"Callers want an answer the first time, number {n}",
                raised_by=ann.id,
                segment="Tenants",
                evidence="x" * (SHARED_TEXT + 1),
                importance=4,
                performance=2,
            )
        )
    session.structure.actions.append(Action(text="Call back", status=ActionStatus.IN_PROGRESS))
    return session


def _loaded(session: Session) -> Session:
    """As the store hands it out: validated from its document (every field given)."""
    loaded = Session.model_validate(session.model_dump(mode="json"))
    compact(loaded)
    return loaded


def test_every_item_of_a_class_shares_one_set_and_nothing_else_changes() -> None:
    session = _session()
    plain = Session.model_validate(session.model_dump(mode="json"))
    loaded = _loaded(session)
    first, second, _ = loaded.research.expectations
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert type(first.__pydantic_fields_set__) is EveryField
    assert first.model_fields_set == set(Expectation.model_fields)
    assert loaded.structure.actions[0].__pydantic_fields_set__ is not first.__pydantic_fields_set__
    # what it holds, shows and saves is the same
    assert loaded == plain
    assert loaded.model_dump() == plain.model_dump()
    assert loaded.model_dump(exclude_unset=True) == plain.model_dump(exclude_unset=True)
    assert fingerprint(loaded.model_dump(mode="json")) == fingerprint(plain.model_dump(mode="json"))
    assert loaded.structure.actions[0].status is ActionStatus.IN_PROGRESS  # an enum stays an enum


def test_short_repeated_texts_are_kept_once_long_ones_as_they_were() -> None:
    loaded = _loaded(_session())
    first, second, _ = loaded.research.expectations
    assert first.segment == second.segment == "Tenants"
    assert first.segment is second.segment
    assert first.raised_by is second.raised_by is loaded.participants[0].id
    assert first.evidence == second.evidence and first.evidence is not second.evidence
    assert first.text != second.text


def test_editing_a_compacted_item_changes_that_item_alone() -> None:
    loaded = _loaded(_session())
    first, second, _ = loaded.research.expectations
    first.segment = "Carers"
    first.importance = 5
    assert (first.segment, first.importance) == ("Carers", 5)
    assert (second.segment, second.importance) == ("Tenants", 4)
    assert first.model_fields_set == second.model_fields_set == set(Expectation.model_fields)
    with pytest.raises(ValidationError):
        first.importance = 9  # still checked on assignment
    assert first.importance == 5
    moved = first.model_copy(update={"votes": 3})
    assert type(moved.__pydantic_fields_set__) is set
    assert moved.__pydantic_fields_set__ is not first.__pydantic_fields_set__
    assert moved.votes == 3 and first.votes == 0


def test_a_model_not_given_every_field_keeps_its_own_set() -> None:
    partial = Session.model_validate(
        {"group_id": "g1", "date": "2026-05-12", "research": {"expectations": [{"text": "a"}]}}
    )
    compact(partial)
    item = partial.research.expectations[0]
    assert type(item.__pydantic_fields_set__) is set
    assert item.model_fields_set == {"text"}
    item.segment = "Tenants"
    assert item.model_fields_set == {"text", "segment"}
    assert "segment" not in EveryField(["text"])  # no shared set was touched


def test_the_shared_set_never_changes_and_copies_are_plain_sets() -> None:
    every = EveryField(["a", "b"])
    every.add("a")
    every.update(["b"], {"a"})
    every |= {"a"}
    assert every == {"a", "b"}
    changes: tuple[Callable[[], object], ...] = (
        lambda: every.add("c"),
        lambda: every.update(["c"]),
        lambda: every.discard("a"),
        lambda: every.remove("a"),
        every.pop,
        every.clear,
        lambda: every.difference_update({"a"}),
        lambda: every.intersection_update({"a"}),
        lambda: every.symmetric_difference_update({"a"}),
    )
    for change in changes:
        with pytest.raises(TypeError):
            change()
    with pytest.raises(TypeError):
        every -= {"a"}
    with pytest.raises(TypeError):
        every |= {"c"}
    assert every == {"a", "b"}
    for copied in (copy.copy(every), copy.deepcopy(every), pickle.loads(pickle.dumps(every))):
        assert type(copied) is set and copied == {"a", "b"}
        copied.add("c")
    assert every == {"a", "b"}


def test_a_compacted_session_pickles_and_copies_like_any_other() -> None:
    loaded = _loaded(_session())
    assert pickle.loads(pickle.dumps(loaded)) == loaded
    deep = loaded.model_copy(deep=True)
    assert deep == loaded
    deep.research.expectations[0].segment = "Carers"
    assert loaded.research.expectations[0].segment == "Tenants"


def test_the_store_hands_out_compacted_sessions_and_saves_them_unchanged(data_dir: Path) -> None:
    from workshop.model import Group

    store = Store(data_dir)
    group = Group(name="Compact", organisation="Light Ltd")
    store.create_group(group)
    session = _session().model_copy(update={"group_id": group.id})
    with store.edit(group.id) as editor:
        saved = editor.add_session(session)
    with store.edit(group.id) as editor:
        opened = editor.session(saved.id)
        first, second, _ = opened.research.expectations
        assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
        assert first.segment is second.segment
        first.segment = "Carers"
        resaved = editor.save_session(opened)
    _, again = store.load_session(group.id, saved.id)
    assert again.research.expectations[0].segment == "Carers"
    assert again.research.expectations[1].segment == "Tenants"
    assert again.model_dump(exclude={"revision", "updated_at"}) == resaved.model_dump(
        exclude={"revision", "updated_at"}
    )
