"""Step 1, research: expectations, standards, and the budget they are set against."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Static

from workshop.model.derive import budget_summary
from workshop.model.fields import format_number
from workshop.model.sections import FieldKind, FieldSpec
from workshop.tui.widgets.field_validator import FieldValidator
from workshop.tui.widgets.step_tab import StepTab

BUDGET = FieldSpec("budget", "Budget", FieldKind.MONEY, "What can be spent a year")


class ResearchTab(StepTab):
    """Research: the budget line turns red when the chosen standards cost more than it."""

    def compose_fields(self) -> ComposeResult:
        research = self.session.research
        with Horizontal(classes="field-row"):
            yield Label("Budget a year", classes="field-label")
            yield self.field_input(
                "research.budget",
                format_number(research.budget),
                validators=[FieldValidator(BUDGET)],
                placeholder="e.g. 120000",
            )
            yield Label("Currency", classes="field-label")
            yield self.field_input("research.currency", research.currency, max_length=4)
        yield Static("", id="budget-line", markup=False)  # the currency is typed text

    def refresh_guidance(self) -> None:
        super().refresh_guidance()
        research = self.session.research
        summary = budget_summary(research)
        money = research.currency
        line = (
            f"Chosen standards: {summary.chosen_count} costing {money}"
            f"{format_number(summary.chosen_total)} a year"
        )
        if summary.budget is None:
            line += " — no budget set yet"
        elif summary.over_budget:
            line += f" — {money}{format_number(-(summary.remaining or 0))} OVER the budget of "
            line += f"{money}{format_number(summary.budget)}"
        else:
            line += f" — {money}{format_number(summary.remaining or 0)} left of "
            line += f"{money}{format_number(summary.budget)}"
        budget_line = self.query_one("#budget-line", Static)
        budget_line.update(line)
        budget_line.set_class(summary.over_budget, "-over")
