"""Step 3, structure: the mission, the lists of the policy and plan, the complaints principles."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, Static, TextArea

from workshop.model.structure import PRINCIPLE_HINTS, Principle
from workshop.tui.widgets.step_tab import StepTab


class StructureTab(StepTab):
    """Structure: mission first, then goals to complaints, then one line per principle."""

    def compose_fields(self) -> ComposeResult:
        yield Static("Mission", classes="section-title")
        mission = TextArea(self.session.structure.mission, id="mission", classes="mission")
        mission.show_line_numbers = False
        yield mission

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static(
            "Fair complaints handling: how our policy meets each principle", classes="section-title"
        )
        principles = self.session.structure.principles
        for principle in Principle:
            yield Label(f"{principle.value.capitalize()} — {PRINCIPLE_HINTS[principle]}")
            yield self.field_input(
                f"structure.principles.{principle.value}", principles.get(principle, "")
            )

    @on(TextArea.Changed, "#mission")
    def _mission(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self.read_only:
            self.post_message(self.FieldEdited("structure.mission", event.text_area.text, True))
