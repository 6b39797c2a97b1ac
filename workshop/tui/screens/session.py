"""The session screen: run a live workshop through the four steps, saving every change."""

from __future__ import annotations

import time
from typing import Any, ClassVar

from pydantic import ValidationError
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Label, Static, TabbedContent, TabPane

from workshop.errors import WorkshopError
from workshop.model.base import Item, Step
from workshop.model.fields import explain
from workshop.model.session import Group, Session, SessionStatus
from workshop.store import GroupEditor, Store
from workshop.store.validators import warm
from workshop.tui.autosave import Autosaver
from workshop.tui.screens.base import WorkshopScreen
from workshop.tui.screens.session_edits import EDIT_ACTIONS, SessionEdits
from workshop.tui.screens.session_facilitation import SessionFacilitation
from workshop.tui.screens.session_follow import SessionFollow
from workshop.tui.screens.session_keys import SESSION_BINDINGS, TEXT_FIELDS, TYPED_ACTIONS
from workshop.tui.screens.session_saving import TYPING_PAUSE, SessionSaving
from workshop.tui.widgets.participants import ParticipantsPanel
from workshop.tui.widgets.research_tab import ResearchTab
from workshop.tui.widgets.save_indicator import SaveIndicator
from workshop.tui.widgets.section_list import SectionList
from workshop.tui.widgets.session_title import SessionTitle, without_part
from workshop.tui.widgets.step_nav import StepNav
from workshop.tui.widgets.step_tab import StepTab
from workshop.tui.widgets.timer import StepTimer

#: When pydantic builds the session's own validators, after the first frame (see on_mount).
WARM_AFTER = 0.2
#: The steps built when first shown, not before the first frame (see compose): title, pane.
LATER_STEPS = (
    ("2 Consult", "step-consult"),
    ("3 Structure", "step-structure"),
    ("4 Document", "step-document"),
    ("5 Decisions & parking lot", "step-around"),
)
#: Keys of the edits a read-only session refuses: pressed, they are told so (not ignored).
EDIT_KEYS = frozenset(
    key.strip()
    for binding in SESSION_BINDINGS
    if isinstance(binding, Binding) and binding.action.partition("(")[0] in EDIT_ACTIONS
    for key in binding.key.split(",")
)
#: Seconds before the refusal is said again (keys pressed in a row get one notice).
READ_ONLY_NOTICE_SECONDS = 4.0

#: Actions on the highlighted item of a list: only from that list (see check_action).
ITEM_ACTIONS = frozenset({"edit_item", "delete_item", "move", "vote"})


class SessionScreen(
    SessionEdits, SessionFacilitation, SessionFollow, SessionSaving, WorkshopScreen[None]
):
    """One session of a group. Edits take the group's lock for the screen's life; a lock held
    elsewhere opens the session read-only, with the reason shown."""

    CSS_PATH = "session.tcss"
    HELP = (
        "Capture what the room says: type in a capture line and press Enter. F2–F6 (or "
        "ctrl+PgUp/PgDn) switch steps from anywhere, 1–5 from a list; F8 reviews progress and "
        "F9 exports, also from anywhere; ctrl+q quits (q is a letter here); ctrl+p lists the "
        "rest."
    )

    BINDINGS: ClassVar[list[BindingType]] = SESSION_BINDINGS

    # below 100 columns the side panel narrows (a projector often runs at 80×24)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    read_only: reactive[bool] = reactive(False)

    def __init__(
        self, store: Store, group_id: str, session_id: str, read_only: bool = False
    ) -> None:
        super().__init__()
        self.store = store
        self.group_id = group_id
        self.session_id = session_id
        self.editor: GroupEditor | None = None
        self.autosaver: Autosaver | None = None
        self.lock_reason = ""
        self._read_only_said = -READ_ONLY_NOTICE_SECONDS  # when the refusal was last said
        self.stale = False
        self.speaker: str | None = None
        self._retry: Timer | None = None
        self._typing: Timer | None = None
        self._preview: Timer | None = None
        self._open_error: str | None = None
        #: Kept from on_mount: on unmount the children are gone, but its time is still saved.
        self.timer: StepTimer | None = None
        self.set_reactive(SessionScreen.read_only, read_only)
        try:
            self.group, self.session = self._open(read_only)
        except WorkshopError as error:
            # a file gone bad or a session deleted meanwhile: say so on mount, never a traceback
            self._open_error = str(error)
            self.set_reactive(SessionScreen.read_only, True)

    # -- opening and leaving -------------------------------------------------------------------

    def _open(self, read_only: bool) -> tuple[Group, Session]:
        if not read_only:
            try:
                self.editor = self.store.edit(self.group_id)
                session = self.editor.session(self.session_id)
                if session.status is SessionStatus.CLOSED:
                    # its workshop is over, and a later part's review compares with it as it
                    # was: it is read, not changed, until it is reopened
                    group = self.editor.group
                    self.editor.close()
                    self.editor = None
                    self.lock_reason = (
                        f"{session.label} is closed: reopen it with c on the home screen to "
                        "change it."
                    )
                    self.set_reactive(SessionScreen.read_only, True)
                    return group, session
                self.autosaver = Autosaver(self.editor, session.revision)
                return self.editor.group, session
            except WorkshopError as error:
                if self.editor is not None:
                    self.editor.close()
                    self.editor = None
                self.lock_reason = str(error)
                self.set_reactive(SessionScreen.read_only, True)
        found = self.store.load_group(self.group_id)
        for session in found.sessions:
            if session.id == self.session_id:
                return found.group, session
        raise WorkshopError(f"session {self.session_id} is not in '{found.group.name}'")

    def compose(self) -> ComposeResult:
        if self._open_error is not None:
            yield Static(
                f"This session cannot be opened: {self._open_error}", id="open-error", markup=False
            )
            yield Footer()
            return
        with Horizontal(id="session-header"):
            yield SessionTitle(*self.title_parts(), id="session-title")
            yield Label("Read-only review", id="read-only-label")
            yield StepTimer(id="timer")
            yield SaveIndicator("", id="save-indicator")
        yield Static(f"⚠ {self.lock_reason}", id="lock-banner", markup=False)
        yield StepNav(id="step-nav")
        with Horizontal(id="session-body"):
            with TabbedContent(id="steps"):
                # only the first step is built before the first frame; the others when first
                # shown (see _fill_pane): five tabs of a big session take seconds to lay out
                with TabPane("1 Research", id="step-research"):
                    yield self._build_tab("step-research")
                for title, pane_id in LATER_STEPS:
                    with TabPane(title, id=pane_id):
                        # what shows while the step is built (a second, in a big session)
                        yield Static("Opening this step…", classes="step-opening")
            with Vertical(id="side"):
                yield Static("Participants", classes="section-title")
                yield ParticipantsPanel(id="participants")
        yield Footer()

    def title_parts(self) -> tuple[str, str, str]:
        """The group's name, the part and date, the session's own title (a session without a
        title of its own is named by its group, not the group twice)."""
        session = self.session
        return self.group.name, session.label, without_part(session.part, session.title)

    def _build_tab(self, pane_id: str) -> StepTab:
        """The step tab a pane holds (built from the session as it is now). The later steps'
        modules are imported when first shown: the first frame needs only the research step."""
        session = self.session
        tab: StepTab
        if pane_id == "step-research":
            tab = ResearchTab(Step.RESEARCH, session)
        elif pane_id == "step-consult":
            from workshop.tui.widgets.consult_tab import ConsultTab

            tab = ConsultTab(Step.CONSULT, session)
        elif pane_id == "step-structure":
            from workshop.tui.widgets.structure_tab import StructureTab

            tab = StructureTab(Step.STRUCTURE, session)
        elif pane_id == "step-document":
            from workshop.tui.widgets.document_tab import DocumentTab

            tab = DocumentTab(Step.DOCUMENT, session, self.group)
        else:
            tab = StepTab(None, session)
        return tab.data_bind(SessionScreen.read_only)

    async def _fill_pane(self, pane: TabPane) -> None:
        """Build a pane's step tab the first time the pane is shown."""
        if pane.id and not pane.query(StepTab):
            await pane.mount(self._build_tab(pane.id))
            await pane.query(".step-opening").remove()

    def on_mount(self) -> None:
        if self._open_error is not None:
            self.notify(self._open_error, title="Cannot open the session", severity="error")
            self.call_after_refresh(self.action_leave)
            return
        if not self.is_attached:
            # The app was quit while this screen was still being built (Textual then removes
            # its widgets as they come, and refuses new ones): nothing to show or to start.
            return
        # kept: on unmount the children are gone, but the timer's time must still be saved
        self.timer = self.query_one(StepTimer)
        self.query_one("#lock-banner").display = bool(self.lock_reason)
        self.query_one("#read-only-label").display = self.read_only
        if self.lock_reason:
            self.notify(self.lock_reason, title="Opened read-only", severity="warning")
        indicator = self.query_one(SaveIndicator)
        if self.read_only:
            indicator.display = False  # the "Read-only review" label says it already
        else:
            indicator.show_saved(self.session.updated_at)
        self.query_one(ParticipantsPanel).show(self.session.participants, self.speaker)
        people = self.session.participants
        if not self.read_only and people and not any(p.present for p in people):
            # a follow-up carries the group's people, none of them marked here yet: the
            # summary would say "Nobody was marked present"
            self.notify(
                "F7 goes to the participants; P marks each one who is here.",
                title="Nobody is marked present yet",
                timeout=8,
            )
        self._load_timer(Step.RESEARCH)
        self.refresh_nav()
        self.call_after_refresh(self._focus_first_capture, "step-research")
        # The session was validated with a schema kept by an earlier run (~45 ms sooner on
        # screen, workshop.store.validators); pydantic builds the classes' own validators and
        # serializers once the first frame is out, not at the first edit or save.
        self.set_timer(WARM_AFTER, _warm_models)
        if self.read_only:  # participants following the room: show each save as it lands
            self.start_following()

    def _focus_first_capture(self, pane_id: str) -> None:
        # a focus asked for an earlier tab would pull the tabs back to it: drop it
        if self._left() or self.query_one(TabbedContent).active != pane_id:
            return
        lists = self.current_tab_lists()
        tab = self.current_tab()
        # set_focus, not .focus(): that one is deferred, and the step may change meanwhile
        target: Widget | None = None
        if lists:
            target = lists[0].query_one(".capture") if not self.read_only else lists[0].table
        elif tab is not None:
            # a step of fields only (the document's narrative): its first text area (the
            # title's line above it is a shift+Tab away), so that what is typed lands in the
            # narrative instead of firing the list keys (s, t, x…)
            fields = [] if self.read_only else [*tab.query("TextArea"), *tab.query("Input")]
            target = fields[0] if fields else tab
        if target is not None:
            # scrolled into view once laid out: a tab just built has no final geometry yet, and
            # scrolling then hid the step's question above the fold
            self.set_focus(target, scroll_visible=False)
            self.call_after_refresh(target.scroll_visible, animate=False)

    def on_unmount(self) -> None:
        self.stop_following()
        self.flush(leaving=True)
        if self.editor is not None:
            self.editor.close()
            self.editor = None

    def action_leave(self) -> None:
        self.stop_following()
        self.flush(leaving=True)
        if len(self.app.screen_stack) > 1:
            self.dismiss()
            return
        # opened straight from the command line: the home screen is built now, in its place
        home = getattr(self.app, "home_screen", None)
        if home is not None:
            self.app.switch_screen(home(select=f"s:{self.group_id}:{self.session_id}"))

    # -- steps ---------------------------------------------------------------------------------

    @property
    def current_step(self) -> Step | None:
        active = self.query_one(TabbedContent).active.removeprefix("step-")
        return None if active == "around" else Step(active)

    def current_tab(self) -> StepTab | None:
        pane = self.query_one(TabbedContent).active_pane
        return None if pane is None else next(iter(pane.query(StepTab)), None)

    def current_tab_lists(self) -> list[SectionList]:
        tab = self.current_tab()
        return [] if tab is None else list(tab.query(SectionList))

    def all_lists(self) -> list[SectionList]:
        return list(self.query(SectionList))

    def push_form(self, form: Any, callback: Any) -> None:
        self.app.push_screen(form, callback)

    def action_next_step(self, offset: int) -> None:
        panes = [pane.id for pane in self.query(TabPane) if pane.id]
        active = self.query_one(TabbedContent).active
        if active in panes:
            self.action_step(
                panes[(panes.index(active) + offset) % len(panes)].removeprefix("step-")
            )

    def action_step(self, name: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active == f"step-{name}":
            return  # already there: keep the focus where it is
        # let go of the focus first: a focused widget left in the old tab pulls it back
        self.set_focus(None)
        tabs.active = f"step-{name}"

    @on(TabbedContent.TabActivated)
    async def _step_changed(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        if pane.id and not pane.query(StepTab):
            # built after a frame that shows its "Opening this step…": building it at once
            # kept the last step on screen for the second it takes, as if the key was lost
            self.call_after_refresh(self._show_step, pane)
            return
        await self._show_step(pane)

    def _left(self) -> bool:
        """Whether this screen is being left (or the app quit): its widgets go, and a step
        shown after a frame has nothing left to be shown on."""
        return not self.is_attached or self not in self.app.screen_stack

    async def _show_step(self, pane: TabPane) -> None:
        if not pane.is_attached or self._left():
            return
        try:
            await self._step_shown(pane)
        except NoMatches:
            if not self._left():
                raise  # a part missing from a screen still in use: a bug to see

    @on(events.ScreenResume)
    def _unbuilt_step(self) -> None:
        # A step is built after a frame (see _step_changed); a dialog opened and closed in
        # that moment takes the callbacks waiting for its frames with it: build it now.
        for tabs in self.query(TabbedContent).results(TabbedContent):  # none: not opened
            pane = tabs.active_pane
            if pane is not None and pane.id and not pane.query(StepTab):
                self.call_after_refresh(self._show_step, pane)

    async def _step_shown(self, pane: TabPane) -> None:
        await self._fill_pane(pane)
        timer = self.query_one(StepTimer)
        self._keep_timer()
        step = self.current_step
        if step is not None:
            self._load_timer(step)
        timer.display = step is not None
        self.refresh_nav()
        if step is Step.DOCUMENT:  # the other steps may have changed since it was drawn
            self._refresh_preview()
        self.call_after_refresh(self._focus_first_capture, pane.id or "")

    def _load_timer(self, step: Step) -> None:
        box = self.session.agenda.get(step)
        timer = self.query_one(StepTimer)
        timer.step = step
        timer.load(box.minutes if box else 30, box.spent_seconds if box else 0.0)

    def _keep_timer(self, save: bool = True) -> None:
        """Write the timer's spent seconds into the agenda (before a step change or a save)."""
        timer = self.timer
        if timer is None:  # never shown (the app quit while the screen was being built)
            return
        step = timer.step
        if step is None or self.read_only or step not in self.session.agenda:
            return
        box = self.session.agenda[step]
        if abs(box.spent_seconds - timer.spent) > 0.05:
            box.spent_seconds = round(timer.spent, 1)
            if save:
                self.changed()
            elif self.autosaver is not None:
                self.autosaver.changed()

    def refresh_nav(self) -> None:
        self.query_one(StepNav).show(self.session, self.current_step)

    # -- the active list -----------------------------------------------------------------------

    def _focus_outside_lists(self) -> bool:
        """Whether a widget outside every list (its table, its capture line) has the focus.
        (No focus at all is how the palette asks for an action, on the list last used.)"""
        return self.focused is not None and _list_of(self.focused) is None

    def on_descendant_focus(self, event: Any) -> None:
        found = _list_of(event.widget)
        if found is not None:
            self.active_list = found

    def on_key(self, event: events.Key) -> None:
        """In a read-only session an edit key, or typing in a text field, does nothing: say
        why, once for a burst of keys, rather than leave the person wondering."""
        if not self.read_only or self._open_error is not None:
            return
        in_text = isinstance(self.focused, TEXT_FIELDS)
        # in a text field the keys type or select (shift+↑ selects to copy): only a letter
        # typed is refused there; elsewhere the edit keys are
        if not (event.is_printable if in_text else event.key in EDIT_KEYS):
            return
        now = time.monotonic()
        if now - self._read_only_said < READ_ONLY_NOTICE_SECONDS:
            return
        self._read_only_said = now
        reason = self.lock_reason or "This is a review: the facilitator's screen makes the changes."
        self.notify(reason, title="Read-only", severity="warning", timeout=4)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._open_error is not None:
            return action == "leave"
        if action in TYPED_ACTIONS and self.is_current and isinstance(self.focused, TEXT_FIELDS):
            return False  # in a text field these keys type: the footer must not offer them
        if action in EDIT_ACTIONS and (self.read_only or self.stale):
            return False
        if action in ITEM_ACTIONS and self.is_current and self._focus_outside_lists():
            # the highlighted item is in the list last used, which may be out of sight (the
            # focus on the step's tabs, its page, a field): its keys work from the list only
            return False
        if action == "review":
            return self.session.follows is not None
        return True

    # -- field edits ---------------------------------------------------------------------------

    @on(StepTab.FieldEdited)
    def _field_edited(self, event: StepTab.FieldEdited) -> None:
        if self.read_only:
            return
        before = self.field_value(event.target)
        try:
            self.apply_field(event.target, event.value)
        except (WorkshopError, ValidationError, ValueError) as error:
            text = explain(error) if isinstance(error, ValidationError) else str(error)
            self.notify(text, severity="warning")
            return
        if self.field_value(event.target) == before:
            # an Input announces the value it was given on mount: nothing to save
            return
        self.after_change()
        self.changed(typing=event.typing)

    def after_change(self, item: Item | None = None) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.refresh_guidance()
        self.refresh_nav()
        if self.current_step is Step.DOCUMENT:
            # the preview renders the whole document: once the typing pauses, not per key
            if self._preview is not None:
                self._preview.stop()
            self._preview = self.set_timer(TYPING_PAUSE / 2, self._refresh_preview)

    def _refresh_preview(self) -> None:
        from workshop.tui.widgets.document_tab import DocumentTab  # built by now: no cost

        self._preview = None
        for document in self.query(DocumentTab):
            document.refresh_preview()


def _list_of(widget: Widget) -> SectionList | None:
    """The list that `widget` is part of (its table, its capture line), if any."""
    return next((n for n in widget.ancestors_with_self if isinstance(n, SectionList)), None)


def _warm_models() -> None:
    warm(Session)
    warm(Group)
