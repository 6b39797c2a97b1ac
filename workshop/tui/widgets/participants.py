"""The participants panel: who is in the room, who is present, who is speaking."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.model.session import Participant

#: The marks' column: "▸ ● " (speaker, present).
MARK_WIDTH = 4


def participant_line(participant: Participant, speaker: str | None, with_role: bool) -> Table:
    """One participant as the panel shows them: the marks in a column of their own, and the
    name (with the role, where there is room) wrapped beside them, never under the marks. A
    name is text, never markup."""
    mark = "●" if participant.present else "○"
    talk = "▸ " if participant.id == speaker else "  "
    role = f" ({participant.role})" if with_role and participant.role else ""
    line = Table.grid(expand=True)
    line.add_column(width=MARK_WIDTH, no_wrap=True)
    line.add_column(ratio=1)
    line.add_row(Text(f"{talk}{mark} "), Text(f"{participant.name}{role}"))
    return line


class ParticipantsPanel(OptionList):
    """One line per participant: ● present / ○ absent, ▸ the current speaker.

    One widget drawing its lines (it was a list of 4 widgets per participant, mounted again
    at every mark: 28 widgets to build before a session's first frame, for seven people)."""

    DEFAULT_CSS = """
    ParticipantsPanel {
        height: 1fr;
        max-height: 100%;
        border: none;
        padding: 0;
        &:focus { border: none; }
        & > .option-list--option { padding: 0; }
    }
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
    ]

    #: Who is shown, and who speaks (kept to draw them again for another width).
    shown: tuple[tuple[Participant, ...], str | None] = ((), None)
    #: Whether the roles are shown: not on a narrow screen, where names alone fit seven
    #: people where three did.
    _with_roles = True

    @property
    def index(self) -> int | None:
        """The highlighted participant's position (None with nobody listed)."""
        return self.highlighted

    @index.setter
    def index(self, value: int | None) -> None:
        self.highlighted = value

    def show(self, participants: list[Participant], speaker: str | None) -> None:
        """Draw the lines again (a few participants: cheap), keeping the highlight."""
        self.shown = (tuple(participants), speaker)
        self._draw()

    def _draw(self) -> None:
        participants, speaker = self.shown
        index = self.highlighted
        self.clear_options()
        self.add_options(
            Option(participant_line(p, speaker, self._with_roles), id=p.id) for p in participants
        )
        if participants:
            self.highlighted = min(index or 0, len(participants) - 1)

    def on_resize(self) -> None:
        with_roles = not self.screen.has_class("-narrow")
        if with_roles != self._with_roles:
            self._with_roles = with_roles
            self._draw()
