"""What the export view-models share: dates, amounts, names and an item's cells, as plain text.

Every value here is raw (unescaped) text: the templates pass each through the `md` filter."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from operator import attrgetter
from typing import Any

from workshop.model.base import Item
from workshop.model.derive import gap, quadrant
from workshop.model.fields import format_number, format_value
from workshop.model.research import Expectation
from workshop.model.sections import FieldKind, FieldSpec, Section, section
from workshop.model.session import Group, Session

#: Labels of the columns a section shows that are derived rather than typed.
DERIVED_LABELS = {"gap": "Gap", "quadrant": "Quadrant"}


MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(value: date | None) -> str:
    """'12 May 2026' (blank when unset; English whatever the locale)."""
    return "" if value is None else f"{value.day} {MONTHS[value.month]} {value.year}"


def money(amount: float | None, currency: str) -> str:
    """'£12,500' (blank when unset)."""
    return "" if amount is None else f"{currency}{format_number(amount)}"


def with_unit(value: float | None, unit: str) -> str:
    """'62%', '4.5 days' (blank when unset)."""
    if value is None:
        return ""
    number = format_number(value)
    unit = unit.strip()
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def minutes(seconds: float) -> int:
    return round(seconds / 60)


def join_words(words: Iterable[str], last: str = "and") -> str:
    """'a, b and c'."""
    items = [w for w in words if w]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 action', '3 actions'."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def title_of(group: Group, session: Session) -> str:
    """The document's title: the narrative's title, else one made from the group's name."""
    if session.document.title.strip():
        return session.document.title
    return default_title(group)


def default_title(group: Group) -> str:
    """The title of a document not given one of its own."""
    return f"{group.name}: customer service strategy"


class Lookups:
    """Names of participants and texts of items by id, for references between sections."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.people = {p.id: p.name for p in session.participants}
        self._texts: dict[str, dict[str, str]] = {}

    def person(self, participant_id: str | None) -> str:
        return self.people.get(participant_id or "", "")

    def text(self, section_key: str, item_id: str | None) -> str:
        """The text of an item of another section, or '' when the id points nowhere."""
        if item_id is None:
            return ""
        texts = self._texts.get(section_key)
        if texts is None:
            items = section(section_key).items(self.session)
            texts = self._texts[section_key] = {item.id: item.text for item in items}
        return texts.get(item_id, "")


def column_label(sec: Section, column: str) -> str:
    return DERIVED_LABELS.get(column) or sec.field(column).label


def _reader(column: str, spec: FieldSpec | None, lookups: Lookups) -> Callable[[Item], str]:
    """How one column of an item reads to a person (references resolved to names), worked out
    once for a whole table: a table of 1,000 items asks it of every cell."""
    if spec is None:
        if column == "gap":

            def gap_of(item: Item) -> str:
                assert isinstance(item, Expectation)
                value = gap(item)
                return "" if value is None else f"{value:+d}" if value else "0"

            return gap_of

        def quadrant_of(item: Item) -> str:
            assert isinstance(item, Expectation)
            place = quadrant(item)
            return "" if place is None else place.value

        return quadrant_of
    raw = attrgetter(column)
    kind = spec.kind
    if kind is FieldKind.TEXT or kind is FieldKind.LONG:
        return raw
    ref = spec.ref
    if kind is FieldKind.REF and ref:
        return lambda item: lookups.text(ref, raw(item))
    if kind is FieldKind.REFS and ref:
        # Commas, not "and": names such as "IT and Digital Services" hold "and" themselves.
        return lambda item: ", ".join(filter(None, (lookups.text(ref, i) for i in raw(item))))
    if kind is FieldKind.PARTICIPANT:
        return lambda item: lookups.person(raw(item))
    if kind is FieldKind.MONEY:
        return lambda item: money(raw(item), lookups.session.research.currency)
    if kind is FieldKind.DATE:
        return lambda item: long_date(raw(item))
    return lambda item: format_value(spec, raw(item))


def item_table(sec: Section, lookups: Lookups, by_votes: bool = True) -> dict[str, Any]:
    """A section's items as a table: its list columns, then votes and who raised it."""
    items: list[Item] = list(sec.items(lookups.session))
    voted = any(item.votes for item in items)
    if by_votes and voted:
        items.sort(key=lambda item: -item.votes)  # stable: ties keep the room's order
    attributed = any(lookups.person(item.raised_by) for item in items)
    headers = [column_label(sec, c) for c in sec.columns]
    readers = [
        _reader(c, None if c in DERIVED_LABELS else sec.field(c), lookups) for c in sec.columns
    ]
    rows = []
    for item in items:
        cells = [read(item) for read in readers]
        if voted:
            cells.append(str(item.votes))
        if attributed:
            cells.append(lookups.person(item.raised_by))
        rows.append(cells)
    if voted:
        headers.append("Votes")
    if attributed:
        headers.append("Raised by")
    return {"key": sec.key, "title": sec.title, "headers": headers, "rows": rows, "voted": voted}
