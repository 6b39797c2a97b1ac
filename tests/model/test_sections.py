from __future__ import annotations

import typing

from tests.model.factories import make_session
from workshop.model import SECTIONS, FieldKind, Step, section, sections_for


def test_every_section_field_exists_on_its_item_type() -> None:
    for entry in SECTIONS:
        names = set(entry.item_type.model_fields)
        for spec in entry.fields:
            assert spec.name in names, (entry.key, spec.name)
        for ref_spec in entry.fields:
            if ref_spec.kind in (FieldKind.REF, FieldKind.REFS):
                assert ref_spec.ref is not None
                section(ref_spec.ref)  # points at a real section


def test_section_items_are_the_live_lists_of_the_session() -> None:
    session = make_session()
    for entry in SECTIONS:
        items = entry.items(session)
        assert isinstance(items, list)
        item_type = typing.get_args(type(session).model_fields[entry.path[0]].annotation)
        assert items == [], (entry.key, item_type)
    section("goals").items(session).append(section("goals").item_type(text="Be reachable"))
    assert session.structure.goals[0].text == "Be reachable"


def test_every_step_but_the_document_has_item_sections() -> None:
    assert [s.key for s in sections_for(Step.RESEARCH)] == ["expectations", "standards"]
    assert len(sections_for(Step.STRUCTURE)) == 7
    assert sections_for(Step.DOCUMENT) == ()
    assert {s.key for s in sections_for(None)} == {"decisions", "parking_lot"}
