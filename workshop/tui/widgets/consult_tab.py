"""Step 2, consult: stakeholders, shared goals and dependencies (all lists)."""

from __future__ import annotations

from workshop.tui.widgets.step_tab import StepTab


class ConsultTab(StepTab):
    """Consult: only lists, rendered from the step's sections."""
