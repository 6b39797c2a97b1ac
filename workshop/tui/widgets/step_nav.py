"""The step navigator: the four steps with how complete each is."""

from __future__ import annotations

from textual.widgets import Static

from workshop.model.base import Step
from workshop.model.derive import completeness
from workshop.model.session import Session


class StepNav(Static):
    """A line such as '1 Research 60%  2 Consult 0% …', the current step highlighted."""

    HELP = (
        "The four steps and how complete each is. Keys 1–4 jump to a step, 5 to the "
        "decisions and parking lot."
    )

    def show(self, session: Session, current: Step | None) -> None:
        parts = []
        for step in Step:
            percent = completeness(session, step).percent
            text = f" {step.number} {step.label.split()[-1].capitalize()} {percent}% "
            parts.append(f"[reverse]{text}[/]" if step is current else text)
        self.update("│".join(parts))
