"""The participants panel: who is in the room, who is present, who is speaking."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import ListItem, ListView, Static

from workshop.model.session import Participant


class ParticipantsPanel(ListView):
    """One line per participant: ● present / ○ absent, ▸ the current speaker."""

    DEFAULT_CSS = """
    ParticipantsPanel .participant { height: auto; }
    ParticipantsPanel .participant-mark { width: 4; }
    ParticipantsPanel .participant-name { width: 1fr; }
    ParticipantsPanel .participant-short { width: 1fr; display: none; }
    """

    HELP = (
        "Participants: p adds one, P marks the highlighted one present or absent, s makes "
        "them the current speaker — quick captures are then attributed to them. Delete "
        "removes one added by mistake (not someone who raised items). F7 goes back."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "delete",
            "screen.remove_participant",
            "Remove",
            tooltip="Remove the highlighted participant (one who raised nothing).",
        ),
        # the screen's own keys for these, shown in the footer while the list has the focus
        Binding("s", "screen.speaker", "Speaker", tooltip="Make them the current speaker."),
        Binding("P", "screen.toggle_present", "Present", tooltip="Mark them present/absent."),
        # as in every list of the app (ListView has no keys for them)
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    def action_first(self) -> None:
        if len(self):
            self.index = 0

    def action_last(self) -> None:
        if len(self):
            self.index = len(self) - 1

    def show(self, participants: list[Participant], speaker: str | None) -> None:
        """Redraw the lines (a few participants: cheap), keeping the highlight."""
        index = self.index
        self.clear()
        for participant in participants:
            mark = "●" if participant.present else "○"
            talk = "▸ " if participant.id == speaker else "  "
            role = f" ({participant.role})" if participant.role else ""
            # the marks in a column of their own: a long name and role wrap under the name,
            # not under the marks; a narrow screen shows the name alone (session.tcss). A name
            # is text, not markup.
            line = Horizontal(
                Static(f"{talk}{mark} ", classes="participant-mark"),
                Static(f"{participant.name}{role}", classes="participant-name", markup=False),
                Static(participant.name, classes="participant-short", markup=False),
                classes="participant",
            )
            self.append(ListItem(line))
        if participants:
            self.index = min(index or 0, len(participants) - 1)
