"""The session screen's item edits: add, capture, edit, delete, undo, move, vote, sort.

A mixin of SessionScreen, kept apart so each file holds one idea: this one changes the
session's lists and updates the table rows one by one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual.widgets import Input

from workshop.errors import InvalidInput
from workshop.model import sections
from workshop.model.base import Item, Step
from workshop.model.fields import explain, parse_value
from workshop.model.sections import Section, naming
from workshop.model.session import Decision, ParkedItem
from workshop.model.structure import Principle
from workshop.tui.widgets.research_tab import BUDGET
from workshop.tui.widgets.section_list import SectionList

if TYPE_CHECKING:
    from workshop.model.session import Session

#: Actions that change the session: refused in read-only review (keys, palette and clicks).
EDIT_ACTIONS = frozenset(
    {
        "add_item",
        "edit_item",
        "delete_item",
        "undo",
        "move",
        "vote",
        "timer",
        "timer_reset",
        "add_participant",
        "remove_participant",
        "toggle_present",
        "speaker",
    }
)


@dataclass
class Undo:
    """How to undo one delete or edit: put `item` back at `index` of the section's list."""

    section_key: str
    index: int
    item: Item
    replace: bool  # True: an edit (swap back); False: a delete (insert back)


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 40 else line[:39] + "…"


class SessionEdits:
    """Item editing for SessionScreen (which provides session, changed() and friends)."""

    session: Session
    read_only: bool
    speaker: str | None
    active_list: SectionList | None = None
    undo_stack: list[Undo]

    if TYPE_CHECKING:

        def notify(self, message: str, **kwargs: Any) -> None: ...
        def changed(self, typing: bool = False) -> None: ...
        def after_change(self, item: Item | None = None) -> None: ...
        def current_tab_lists(self) -> list[SectionList]: ...
        def all_lists(self) -> list[SectionList]: ...
        def push_form(self, form: Any, callback: Any) -> None: ...
        @property
        def current_step(self) -> Step | None: ...

    def _list(self) -> SectionList | None:
        lists = self.current_tab_lists()
        if self.active_list is not None and self.active_list in lists:
            return self.active_list
        return lists[0] if lists else None

    def _new_item(self, section: Section, values: dict[str, Any]) -> Item | None:
        if section.item_type in (Decision, ParkedItem) and "step" not in values:
            values["step"] = self.current_step
        try:
            return section.item_type.model_validate(values)
        except ValidationError as error:
            self.notify(explain(error), title="Not added", severity="error")
            return None

    def _drafts(self) -> dict[str, tuple[Section, str]]:
        if not hasattr(self, "drafts"):
            self.drafts: dict[str, tuple[Section, str]] = {}
        return self.drafts

    def _undo_stack(self) -> list[Undo]:
        if not hasattr(self, "undo_stack"):
            self.undo_stack = []
        return self.undo_stack

    # -- capture and add -----------------------------------------------------------------------

    def on_section_list_captured(self, event: SectionList.Captured) -> None:
        if self.read_only:
            return
        section_list = event.section_list
        values: dict[str, Any] = {"text": event.text, "raised_by": self.speaker}
        try:
            item = section_list.section.item_type.model_validate(values)
        except ValidationError:
            # the section needs more than text (a complaints stage): finish it in the form
            self._open_form(section_list, None, values)
            return
        self._append(section_list, item)

    # -- typed but not yet added ---------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep track of what each capture line holds that Enter has not added yet."""
        section_list = event.input.parent
        if not event.input.has_class("capture") or not isinstance(section_list, SectionList):
            return
        drafts = self._drafts()
        if event.value.strip():
            drafts[section_list.section.key] = (section_list.section, event.value)
        else:  # emptied, or added with Enter (the line empties itself)
            drafts.pop(section_list.section.key, None)

    def keep_drafts(self) -> list[str]:
        """Add what was typed in capture lines and never added with Enter, as the screen is
        left or the app quits: nothing said in the room is dropped. A section that needs more
        than a text (a complaints stage) gets it in the parking lot instead. Works on the
        session alone (the widgets may be gone); returns what was kept, as the user reads it."""
        drafts = self._drafts()
        for section_list in self.all_lists():  # still on screen: what the lines hold now
            # (while the screen is being taken down, a list may have lost its line already)
            capture = next(iter(section_list.query(".capture").results(Input)), None)
            if capture is None:
                continue
            if capture.value.strip():
                drafts[section_list.section.key] = (section_list.section, capture.value)
                capture.value = ""  # kept now: a second look (on unmount) finds it empty
            else:
                drafts.pop(section_list.section.key, None)
        kept: list[str] = []
        for section, typed in drafts.values():
            text = " ".join(typed.split())
            try:
                item = section.item_type.model_validate({"text": text, "raised_by": self.speaker})
                section.items(self.session).append(item)
                kept.append(f"{section.title}: {_short(text)}")
            except ValidationError:
                try:
                    parked = ParkedItem(
                        text=f"{section.title}: {text}", step=section.step, raised_by=self.speaker
                    )
                except ValidationError as error:
                    self.notify(explain(error), title="Not kept", severity="error")
                    continue
                self.session.parking_lot.append(parked)
                kept.append(f"Parking lot: {_short(parked.text)}")
        drafts.clear()
        return kept

    def _append(self, section_list: SectionList, item: Item) -> None:
        section_list.items.append(item)
        section_list.add_row(item)
        self.after_change(item)
        self.changed()

    def action_add_item(self) -> None:
        section_list = self._list()
        if section_list is not None:
            self._open_form(section_list, None, {"raised_by": self.speaker})

    def action_edit_item(self) -> None:
        section_list = self._list()
        item = None if section_list is None else section_list.highlighted()
        if section_list is not None and item is not None:
            self._open_form(section_list, item, item.model_dump())

    def _open_form(
        self, section_list: SectionList, item: Item | None, values: dict[str, Any]
    ) -> None:
        from workshop.tui.dialogs.item_form import ItemForm

        def done(answer: dict[str, Any] | None) -> None:
            if answer is None:
                return
            if item is None:
                new = self._new_item(section_list.section, answer)
                if new is not None:
                    self._append(section_list, new)
                return
            self._replace(section_list, item, answer)

        shown = values if item is not None else {k: v for k, v in values.items() if v}
        form = ItemForm(
            section_list.section, self.session, shown or None, self.speaker, item is not None
        )
        if item is None and "text" in values:
            form.values = {"text": values["text"]}
        self.push_form(form, done)

    def _replace(self, section_list: SectionList, item: Item, answer: dict[str, Any]) -> None:
        items = section_list.items
        if item not in items:
            return
        try:
            new = type(item).model_validate({**item.model_dump(), **answer})
        except ValidationError as error:
            self.notify(explain(error), title="Not changed", severity="error")
            return
        index = items.index(item)
        items[index] = new
        self._undo_stack().append(Undo(section_list.section.key, index, item, replace=True))
        section_list.update_row(new)
        self._redraw_naming(section_list.section.key, new.id)
        self.after_change(new)
        self.changed()

    # -- delete and undo -----------------------------------------------------------------------

    def action_delete_item(self) -> None:
        section_list = self._list()
        item = None if section_list is None else section_list.highlighted()
        if section_list is None or item is None:
            return
        index = section_list.items.index(item)
        del section_list.items[index]
        self._undo_stack().append(Undo(section_list.section.key, index, item, replace=False))
        section_list.remove_row(item.id, index)
        self._redraw_naming(section_list.section.key, item.id)
        self.after_change()
        self.changed()
        naming = self._naming(section_list.section.key, item.id)
        if naming:
            # a goal's strategies and indicators, a strategy's actions: they now name nothing
            self.notify(
                f"Deleted '{_short(item.text)}'. Items that named it now show it as missing: "
                f"{naming} — ctrl+z to undo",
                severity="warning",
                timeout=10,
            )
        else:
            self.notify(f"Deleted '{_short(item.text)}' — ctrl+z to undo")

    def _naming(self, section_key: str, item_id: str) -> str:
        """How many items of each section name the item `item_id` of section `section_key`
        ("2 in Strategies, 1 in Indicators"), or "" when none does."""
        found = naming(self.session, section_key, item_id)
        return ", ".join(
            f"{len(items)} in {sections.section(key).title}" for key, items in found.items()
        )

    def _redraw_naming(self, section_key: str, item_id: str) -> None:
        """Redraw the rows of the items that name the item `item_id` (a strategy shows its
        goal by the goal's text): once it is edited, deleted or brought back, none may show
        what it was."""
        found = naming(self.session, section_key, item_id)
        for other in self.all_lists():
            for item in found.get(other.section.key, []):
                other.update_row(item)

    def action_undo(self) -> None:
        stack = self._undo_stack()
        if not stack:
            self.notify("Nothing to undo")
            return
        undo = stack.pop()
        section_list = next(
            (s for s in self.all_lists() if s.section.key == undo.section_key), None
        )
        if section_list is None:
            return
        items = section_list.items
        if undo.replace:
            index = next((n for n, i in enumerate(items) if i.id == undo.item.id), None)
            if index is None:
                return
            items[index] = undo.item
            section_list.update_row(undo.item)
        else:
            items.insert(min(undo.index, len(items)), undo.item)
            section_list.reload()
        section_list.focus_item(undo.item.id)
        self._redraw_naming(undo.section_key, undo.item.id)
        self.after_change(undo.item)
        self.changed()
        self.notify(f"Restored '{_short(undo.item.text)}'")

    # -- order and votes -----------------------------------------------------------------------

    def action_move(self, offset: int) -> None:
        section_list = self._list()
        item = None if section_list is None else section_list.highlighted()
        if section_list is None or item is None:
            return
        if section_list.by_votes:
            # the list's own order is hidden while it is sorted by votes: a move there would
            # change what nobody sees
            self.notify(
                "The list is sorted by votes: press v to see its own order, then move the item.",
                title="Not moved",
                severity="warning",
            )
            return
        items = section_list.items
        index = items.index(item)
        target = index + offset
        if not 0 <= target < len(items):
            return
        items[index], items[target] = items[target], items[index]
        section_list.renumber(min(index, target))
        section_list.focus_item(item.id)
        self.changed()

    def action_vote(self, change: int) -> None:
        section_list = self._list()
        item = None if section_list is None else section_list.highlighted()
        if section_list is None or item is None:
            return
        votes = max(0, item.votes + change)
        if votes == item.votes:
            return
        item.votes = votes
        section_list.update_row(item)
        section_list.focus_item(item.id)
        self.changed()

    def action_sort_votes(self) -> None:
        section_list = self._list()
        if section_list is not None:
            by_votes = section_list.toggle_sort()
            self.notify("Sorted by votes" if by_votes else "Back in the room's order")

    # -- fields --------------------------------------------------------------------------------

    def field_value(self, target: str) -> Any:
        """The current value of the non-list field a dotted target names ("" or None if unset)."""
        session = self.session
        head, _, rest = target.partition(".")
        if head == "notes":
            return session.notes.get(Step(rest), "")
        if target.startswith("structure.principles."):
            return session.structure.principles.get(Principle(target.rsplit(".", 1)[1]), "")
        return getattr(getattr(session, head, None), rest, None)

    def apply_field(self, target: str, value: Any) -> None:
        """Set a non-list field of the session from a dotted target."""
        session = self.session
        head, _, rest = target.partition(".")
        if head == "notes":
            session.notes[Step(rest)] = value
        elif target == "research.budget":
            session.research.budget = parse_value(BUDGET, value)
        elif target == "research.currency":
            session.research.currency = value
        elif target == "structure.mission":
            session.structure.mission = value
        elif target.startswith("structure.principles."):
            session.structure.principles[Principle(target.rsplit(".", 1)[1])] = value
        elif head == "document":
            setattr(session.document, rest, value)
        else:
            raise InvalidInput(f"unknown field {target}")
