"""The session screen's facilitation: participants and the speaker, the timebox, export and
review. A mixin of SessionScreen, kept apart so each file holds one idea."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual.widgets import DataTable

from workshop.errors import WorkshopError
from workshop.model.fields import explain
from workshop.model.sections import SECTIONS, all_items
from workshop.model.session import Group, Participant, Session
from workshop.tui.commands import FROM_PALETTE
from workshop.tui.widgets.participants import ParticipantsPanel
from workshop.tui.widgets.timer import StepTimer

if TYPE_CHECKING:
    from textual.widget import Widget

    from workshop.store import GroupEditor, Store
    from workshop.tui.autosave import Autosaver
    from workshop.tui.widgets.section_list import SectionList


class SessionFacilitation:
    """Participants, timer, export and review for SessionScreen."""

    session: Session
    group: Group
    store: Store
    group_id: str
    session_id: str
    read_only: bool
    speaker: str | None
    editor: GroupEditor | None
    autosaver: Autosaver | None
    #: Where the focus was when F7 took it to the participants (F7 there goes back to it).
    _before_participants: Widget | None = None

    if TYPE_CHECKING:
        focused: Widget | None

        def set_focus(
            self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
        ) -> None: ...

        def all_lists(self) -> list[SectionList]: ...
        def refresh_nav(self) -> None: ...

        def push_form(self, form: Any, callback: Any) -> None: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def changed(self, typing: bool = False) -> None: ...
        def flush(self, leaving: bool = False) -> None: ...
        def _keep_timer(self, save: bool = True) -> None: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

    # -- participants and speaker --------------------------------------------------------------

    def action_participants(self) -> None:
        """F7, from anywhere: to the participants, to pick who speaks (s) or who is here (P);
        pressed there, back to where the focus was (a capture line being typed in)."""
        panel = self.query_one(ParticipantsPanel)
        if not panel.has_focus:
            self._before_participants = self.focused
            self.set_focus(panel)
            return
        back, self._before_participants = self._before_participants, None
        if back is not None and back.is_attached and back.focusable:
            self.set_focus(back)

    def action_add_participant(self) -> None:
        from workshop.tui.dialogs.participant_form import ParticipantForm

        def added(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            try:
                participant = Participant(name=answer[0], role=answer[1])
            except ValidationError as error:
                self.notify(explain(error), severity="error")
                return
            self.session.participants.append(participant)
            self._show_participants()
            self.changed()

        self.push_form(ParticipantForm([p.name for p in self.session.participants]), added)

    def _highlighted_participant(self) -> Participant | None:
        index = self.query_one(ParticipantsPanel).index
        people = self.session.participants
        return people[index] if index is not None and 0 <= index < len(people) else None

    def _participant_in_hand(self, key: str, what: str) -> Participant | None:
        """The participant the action acts on: the one highlighted in the participants list.
        Pressed in a list of items (the decisions, say), the key was meant for that list, not
        for a participant out of sight: it says where it works instead of acting. (From a text
        field the key types; the palette runs it from anywhere.)"""
        if isinstance(self.focused, DataTable) and not FROM_PALETTE.get():
            self.notify(f"{key} {what} from the participants list: F7 goes there.", timeout=4)
            return None
        return self._highlighted_participant()

    def action_toggle_present(self) -> None:
        participant = self._participant_in_hand("P", "marks someone present or absent")
        if participant is not None:
            participant.present = not participant.present
            if not participant.present and self.speaker == participant.id:
                # someone who left says nothing more: captures are no longer theirs
                self.speaker = None
                self.notify(f"{participant.name} left: quick captures are attributed to nobody")
            self._show_participants()
            self.changed()

    def action_speaker(self) -> None:
        participant = self._participant_in_hand("s", "picks the speaker")
        if participant is None:
            return
        self.speaker = None if self.speaker == participant.id else participant.id
        came_in = self.speaker is not None and not participant.present
        if came_in:
            participant.present = True  # whoever speaks is in the room
            self.changed()
        self._show_participants()
        name = self.session.participant_name(self.speaker) or "nobody"
        self.notify(
            f"Quick captures are now attributed to {name}" + (" (marked present)" * came_in)
        )

    def action_remove_participant(self) -> None:
        """Remove the highlighted participant (one added by mistake). Someone who raised items
        stays: the items would lose their name; marking them absent says they left."""
        participant = self._highlighted_participant()
        if participant is None:
            return
        # the items on screen, and those ctrl+z can still bring back
        undoable = [undo.item for undo in getattr(self, "undo_stack", [])]
        raised = sum(
            1 for item in [*undoable, *all_items(self.session)] if item.raised_by == participant.id
        )
        if raised:
            self.notify(
                f"{participant.name} raised {raised} item{'s' * (raised != 1)}: they stay, so "
                "the items keep their name. Press P to mark them absent instead.",
                title="Not removed",
                severity="warning",
            )
            return
        self.session.participants.remove(participant)
        if self.speaker == participant.id:
            self.speaker = None
        self._show_participants()
        self.changed()
        self.notify(f"Removed {participant.name}")

    def _show_participants(self) -> None:
        self.query_one(ParticipantsPanel).show(self.session.participants, self.speaker)

    # -- timer, export, review -----------------------------------------------------------------

    def action_timer(self) -> None:
        timer = self.query_one(StepTimer)
        if timer.running:
            timer.pause()
            self._keep_timer()
        else:
            timer.start()

    def action_timer_reset(self) -> None:
        self.query_one(StepTimer).reset()
        self._keep_timer()

    def action_export(self) -> None:
        try:
            from workshop.export import write_exports

            earlier = self._earlier()
            kinds: list[Any] = ["summary", "strategy"] + (["progress"] if earlier else [])
            paths = write_exports(kinds, self.group, self.session, earlier, Path("exports"))
        except (WorkshopError, OSError, ImportError) as error:
            self.notify(str(error), title="Export failed", severity="error")
            return
        self.notify("\n".join(str(p) for p in paths), title="Exported")

    def _earlier(self) -> Session | None:
        if self.session.follows is None:
            return None
        for session in self.store.load_group(self.group_id).sessions:
            if session.id == self.session.follows:
                return session
        return None

    def action_review(self) -> None:
        try:
            from workshop.tui.screens.review import ReviewScreen
        except ImportError:
            self.notify("The review screen is not available yet", severity="warning")
            return
        self.flush()
        # the review saves through this screen's editor: the group's lock is not re-entrant
        self.push_form(
            ReviewScreen(
                self.store, self.group_id, self.session_id, self.read_only, editor=self.editor
            ),
            self._reviewed,
        )

    def _reviewed(self, saved: Session | None) -> None:
        """Take in what the review changed (action statuses, indicator values)."""
        if saved is None or self.autosaver is None:
            return
        self.autosaver.rebase(saved)
        for section in SECTIONS:
            section.items(self.session)[:] = section.items(saved)
        for section_list in self.all_lists():
            section_list.reload()
        self.refresh_nav()
