"""The participants panel: who is in the room, who is present, who is speaking."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import ListItem, ListView, Static

from workshop.model.session import Participant


class ParticipantsPanel(ListView):
    """One line per participant: ● present / ○ absent, ▸ the current speaker."""

    HELP = (
        "Participants: p adds one, P marks the highlighted one present or absent, s makes "
        "them the current speaker — quick captures are then attributed to them. Delete "
        "removes one added by mistake (not someone who raised items)."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "delete",
            "screen.remove_participant",
            "Remove",
            tooltip="Remove the highlighted participant (one who raised nothing).",
        ),
    ]

    def show(self, participants: list[Participant], speaker: str | None) -> None:
        """Redraw the lines (a few participants: cheap), keeping the highlight."""
        index = self.index
        self.clear()
        for participant in participants:
            mark = "●" if participant.present else "○"
            talk = "▸ " if participant.id == speaker else "  "
            role = f" ({participant.role})" if participant.role else ""
            line = f"{talk}{mark} {participant.name}{role}"
            self.append(ListItem(Static(line, markup=False)))  # a name is text, not markup
        if participants:
            self.index = min(index or 0, len(participants) - 1)
