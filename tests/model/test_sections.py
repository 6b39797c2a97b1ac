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


def test_naming_finds_the_items_whose_references_name_an_item() -> None:
    from workshop.model.consult import Dependency, Stakeholder
    from workshop.model.sections import naming, references
    from workshop.model.structure import Goal, Indicator, Strategy

    session = make_session()
    goal, other = Goal(text="Answer first time"), Goal(text="Kind letters")
    session.structure.goals += [goal, other]
    strategies = [Strategy(text="Train", goal_id=goal.id), Strategy(text="Rota")]
    indicator = Indicator(text="First-call resolution", goal_id=goal.id)
    session.structure.strategies += strategies
    session.structure.indicators.append(indicator)
    stakeholder = Stakeholder(text="Finance")
    session.consult.stakeholders.append(stakeholder)
    session.consult.dependencies.append(Dependency(text="Budget", stakeholder_id=stakeholder.id))

    assert naming(session, "goals", goal.id) == {
        "indicators": [indicator],
        "strategies": [strategies[0]],
    }
    assert naming(session, "goals", other.id) == {}
    assert list(naming(session, "stakeholders", stakeholder.id)) == ["dependencies"]
    spec = section("strategies").field("goal_id")
    assert (references(strategies[0], spec), references(strategies[1], spec)) == ([goal.id], [])
