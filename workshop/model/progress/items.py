"""Item-by-item changes between two sessions: what was added, changed or removed in each section,
the text fields outside the sections, promises whose standard changed and stakeholders whose
stance changed. Items are matched by id (a follow-up keeps them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workshop.model.base import Item
from workshop.model.consult import Stance
from workshop.model.document import NARRATIVE_SECTIONS
from workshop.model.fields import format_number, format_value
from workshop.model.sections import SECTIONS, Section
from workshop.model.session import Session


@dataclass(frozen=True)
class ItemRef:
    """An item named by id and text."""

    id: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs: raw values, and as a person reads them."""

    name: str
    label: str
    then: Any
    now: Any
    then_text: str
    now_text: str


@dataclass(frozen=True)
class ItemChange:
    """An item on both sides whose fields differ (text is the later text)."""

    id: str
    text: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class SectionChanges:
    """What moved in one section (Section.key / Section.title)."""

    key: str
    title: str
    added: tuple[ItemRef, ...]
    changed: tuple[ItemChange, ...]
    removed: tuple[ItemRef, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


@dataclass(frozen=True)
class PromiseChange:
    """A promise whose measurable standard changed."""

    id: str
    text: str
    standard_then: str
    standard_now: str


@dataclass(frozen=True)
class StanceChange:
    """A stakeholder whose stance changed."""

    id: str
    stakeholder: str
    stance_then: Stance
    stance_now: Stance


def by_id(items: list[Any]) -> dict[str, Any]:
    """Items keyed by id, in list order."""
    return {item.id: item for item in items}


def section_changes(section: Section, earlier: Session, later: Session) -> SectionChanges:
    """Items added, changed (by the section's fields; votes and timestamps ignored) and removed."""
    then = by_id(section.items(earlier))
    now = by_id(section.items(later))
    added = tuple(ItemRef(i.id, i.text) for key, i in now.items() if key not in then)
    removed = tuple(ItemRef(i.id, i.text) for key, i in then.items() if key not in now)
    changed: list[ItemChange] = []
    for key, item in now.items():
        old = then.get(key)
        if old is None:
            continue
        fields = _field_changes(section, old, item)
        if fields:
            changed.append(ItemChange(item.id, item.text, fields))
    return SectionChanges(section.key, section.title, added, tuple(changed), removed)


def _field_changes(section: Section, old: Item, new: Item) -> tuple[FieldChange, ...]:
    changes = []
    for spec in section.fields:
        before, after = getattr(old, spec.name), getattr(new, spec.name)
        if before != after:
            changes.append(
                FieldChange(
                    spec.name,
                    spec.label,
                    before,
                    after,
                    format_value(spec, before),
                    format_value(spec, after),
                )
            )
    return tuple(changes)


def all_section_changes(earlier: Session, later: Session) -> dict[str, SectionChanges]:
    """Every section's changes, keyed by section key, in the order of SECTIONS."""
    return {s.key: section_changes(s, earlier, later) for s in SECTIONS}


def other_changes(earlier: Session, later: Session) -> tuple[FieldChange, ...]:
    """Changes outside the item lists: the mission, the budget, the fair-handling principles
    and the strategy document's narrative."""
    pairs: list[tuple[str, str, Any, Any]] = [
        ("mission", "Mission", earlier.structure.mission, later.structure.mission),
        ("budget", "Budget", earlier.research.budget, later.research.budget),
    ]
    for principle in sorted(
        set(earlier.structure.principles) | set(later.structure.principles), key=str
    ):
        pairs.append(
            (
                f"principle:{principle.value}",
                f"Principle: {principle.value}",
                earlier.structure.principles.get(principle, ""),
                later.structure.principles.get(principle, ""),
            )
        )
    pairs.append(("title", "Document title", earlier.document.title, later.document.title))
    for name, heading in NARRATIVE_SECTIONS.items():
        pairs.append(
            (name, heading, getattr(earlier.document, name), getattr(later.document, name))
        )
    return tuple(
        FieldChange(name, label, then, now, _plain(then), _plain(now))
        for name, label, then, now in pairs
        if then != now
    )


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def promise_changes(earlier: Session, later: Session) -> tuple[PromiseChange, ...]:
    """Promises on both sides whose measurable standard differs."""
    then = by_id(earlier.structure.promises)
    return tuple(
        PromiseChange(p.id, p.text, then[p.id].standard, p.standard)
        for p in later.structure.promises
        if p.id in then and then[p.id].standard != p.standard
    )


def stance_changes(earlier: Session, later: Session) -> tuple[StanceChange, ...]:
    """Stakeholders on both sides whose stance differs."""
    then = by_id(earlier.consult.stakeholders)
    return tuple(
        StanceChange(s.id, s.text, then[s.id].stance, s.stance)
        for s in later.consult.stakeholders
        if s.id in then and then[s.id].stance != s.stance
    )
