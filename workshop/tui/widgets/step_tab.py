"""What every step tab shares: the step's prompt, its sections, its guidance and notes."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static, TextArea

from workshop.model.base import Step
from workshop.model.checks import checks
from workshop.model.sections import STEP_PROMPTS, sections_for
from workshop.model.session import Session
from workshop.tui.widgets.section_list import SectionList


class StepTab(VerticalScroll):
    """A step's page. Subclasses add the step's own fields in `compose_fields`. Edits of those
    fields are announced with `StepTab.FieldEdited`; the screen changes the session."""

    HELP = (
        "The current step: its sections in order. Tab moves between the lists and the "
        "capture lines; the guidance box lists what a reviewer would flag (it never blocks)."
    )

    read_only: reactive[bool] = reactive(False)

    class FieldEdited(Message):
        """A non-list field changed: `target` is a dotted path such as 'research.budget'."""

        def __init__(self, target: str, value: Any, typing: bool = False) -> None:
            super().__init__()
            self.target = target
            self.value = value
            self.typing = typing  # True while text is being typed: save after a pause

    def __init__(self, step: Step | None, session: Session, **kwargs: Any) -> None:
        super().__init__(classes="step-tab", **kwargs)
        self.step = step
        self.session = session

    def compose(self) -> ComposeResult:
        if self.step is not None:
            yield Static(STEP_PROMPTS[self.step], classes="step-prompt")
            yield Static("", classes="guidance", markup=False)  # warnings quote item text
        yield from self.compose_fields()
        for section_ in sections_for(self.step):
            yield SectionList(section_, self.session).data_bind(StepTab.read_only)
        if self.step is not None:
            yield Static("Facilitator notes", classes="section-title")
            notes = TextArea(
                self.session.notes.get(self.step, ""),
                id=f"notes-{self.step.value}",
                classes="notes",
            )
            notes.show_line_numbers = False
            yield notes

    def compose_fields(self) -> ComposeResult:
        """The step's own fields, above its lists (none by default)."""
        yield from ()

    def on_mount(self) -> None:
        self.refresh_guidance()

    def watch_read_only(self, read_only: bool) -> None:
        for widget in self.query("Input, TextArea, Checkbox, Select"):
            if isinstance(widget, TextArea):
                widget.read_only = read_only
            else:
                widget.disabled = read_only

    def refresh_guidance(self) -> None:
        """Update the derived guidance (warnings of this step); cheap, never blocks."""
        if self.step is None:
            return
        found = [w for w in checks(self.session) if w.step is self.step]
        box = self.query_one(".guidance", Static)
        box.set_class(not found, "-clear")
        if not found:
            box.update("✓ Nothing to flag in this step")
            return
        shown = [f"⚠ {w.message}" for w in found[:4]]
        if len(found) > 4:
            shown.append(f"… and {len(found) - 4} more")
        box.update("\n".join(shown))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A text area reached with Tab (or a step key) puts its cursor after its text, not
        before: what is typed next adds to the narrative ("ZZ Assessment text here…" was
        typed in front of it). A click, which puts the cursor where it lands, is left be."""
        area = event.widget
        if isinstance(area, TextArea) and area.text and area.cursor_location == (0, 0):
            area.move_cursor(area.document.end)

    @on(TextArea.Changed, ".notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.step is not None and not self.read_only:
            self.post_message(
                self.FieldEdited(f"notes.{self.step.value}", event.text_area.text, True)
            )

    def field_input(self, target: str, value: str, **kwargs: Any) -> Input:
        """An Input whose id names the session field it edits. Its text is not selected when
        it gets the focus: Tab passes through these fields on the way to a list, and one key
        meant for the list (x, t…) would have replaced the whole budget or mission."""
        kwargs.setdefault("select_on_focus", False)
        return Input(value, id=target.replace(".", "--"), classes="step-field", **kwargs)

    @on(Input.Changed, ".step-field")
    def _field_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.read_only:
            return
        valid = event.validation_result is None or event.validation_result.is_valid
        if valid:
            target = (event.input.id or "").replace("--", ".")
            self.post_message(self.FieldEdited(target, event.value, True))
