"""Read-only review that follows the room: when the editor saves, the screen shows it.

A mixin of SessionScreen, kept apart so each file holds one idea. Participants open a session
read-only (`workshop review`) while the facilitator captures in it; every couple of seconds the
group file's stamp is compared, and when it changed the session is read again (no lock) and
the built step tabs are rebuilt from it, keeping the reader's place: the step, the focused list
(or text area), the item under its cursor, and how far each part of the step was scrolled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.geometry import Offset, Size
from textual.message import Message
from textual.widgets import DataTable, TabbedContent, TabPane

from workshop.errors import NotFound, WorkshopError
from workshop.model.base import Step
from workshop.tui.widgets.participants import ParticipantsPanel
from workshop.tui.widgets.section_list import SectionList
from workshop.tui.widgets.session_title import SessionTitle
from workshop.tui.widgets.step_tab import StepTab

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget

    from workshop.model.session import Group, Session
    from workshop.store import Store
    from workshop.store.store import FileStamp

#: How often a read-only screen looks at the file (seconds).
FOLLOW_SECONDS = 2.0
#: Refreshes a rebuilt step is given to settle before the reader's place is restored anyway.
SETTLE_TRIES = 10


@dataclass(frozen=True)
class Place:
    """Where the reader is in the step on screen, to be found again in the step rebuilt.

    Widgets are named by their ids, which the rebuilt step gives them again (a list's table is
    `table-<section key>`, the notes `notes-<step>`); the step itself, and anything without an
    id, by "". In a read-only step every focusable widget has an id or is the step: capture
    lines and fields are disabled there."""

    pane: str  #: the step's pane: a place in another step is no place to go back to
    focused: str | None  #: the widget with the focus, None when the focus is outside the step
    item_id: str | None  #: the item under the focused list's cursor
    scrolled: dict[str, Offset]  #: the step, and its widgets, scrolled from their start


class SessionFollow:
    """Following the file for SessionScreen (which provides the session, tabs and friends)."""

    session: Session
    group: Group
    store: Store
    group_id: str
    session_id: str
    read_only: bool
    speaker: str | None
    lock_reason: str
    #: The reader's place while the step is rebuilt, until restored (see show_session).
    _place: Place | None = None
    #: The session was deleted from the file: said once, until it is back (see _follow).
    _gone = False

    class Followed(Message):
        """The editor saved a newer copy of the session (read off the file, no lock)."""

        def __init__(self, group: Group, session: Session) -> None:
            super().__init__()
            self.group = group
            self.session = session

    if TYPE_CHECKING:

        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
        def _build_tab(self, pane_id: str) -> StepTab: ...
        def refresh_nav(self) -> None: ...
        def current_tab(self) -> StepTab | None: ...
        def _load_timer(self, step: Step) -> None: ...
        def _refresh_preview(self) -> None: ...
        def title_parts(self) -> tuple[str, str, str]: ...
        @property
        def current_step(self) -> Step | None: ...

    def start_following(self) -> None:
        """Look at the file every FOLLOW_SECONDS from now on (read-only screens only)."""
        self._followed = self._stamp()
        screen: Any = self  # a Screen: its own timers stop with it
        self._follow_timer: Timer | None = screen.set_interval(FOLLOW_SECONDS, self._follow)

    def stop_following(self) -> None:
        timer = getattr(self, "_follow_timer", None)
        if timer is not None:
            timer.stop()
            self._follow_timer = None

    def _stamp(self) -> FileStamp | None:
        return self.store.stamp_of(self.group_id)

    def _follow(self) -> None:
        screen: Any = self
        if not screen.is_current:
            return  # a dialog or the review on top: look again once back
        stamp = self._stamp()
        if stamp is None or stamp == self._followed:
            return
        try:
            group, session = self.store.load_session(self.group_id, self.session_id)
        except NotFound:
            self._followed = stamp
            self._show_gone(True)  # deleted: the last state stays on screen, and says so
            return
        except WorkshopError:
            return  # unreadable for now: keep showing the last good state
        self._followed = stamp
        self._show_gone(False)
        if session.revision != self.session.revision or group != self.group:
            # rebuilt in the screen's own queue, in turn with its keys (and its leaving)
            screen.post_message(SessionFollow.Followed(group, session))

    def _show_gone(self, gone: bool) -> None:
        """Say on the banner that the session was deleted (its last saved state is what is
        shown), or, once it is back (undone), what the banner said before."""
        if gone == self._gone:
            return
        self._gone = gone
        screen: Any = self
        banner = self.query_one("#lock-banner")
        if gone:
            message = (
                "This session was deleted by the facilitator: what you see is its last saved "
                "state (they can bring it back with u on the home screen)."
            )
            banner.update(f"⚠ {message}")
            banner.display = True
            screen.notify(message, title="Session deleted", severity="warning")
        else:
            banner.update(f"⚠ {self.lock_reason}")
            banner.display = bool(self.lock_reason)
            screen.notify("The session is back, and shown as saved.", title="Session restored")

    async def on_session_follow_followed(self, message: SessionFollow.Followed) -> None:
        screen: Any = self
        if not self._following() or not screen.is_current:
            return  # left meanwhile
        try:
            await self.show_session(message.group, message.session)
        except NoMatches:
            # left (Escape runs in the app's queue) while the steps were being rebuilt: the
            # screen is going, and there is nothing left to show
            if self._following() and screen.is_current and screen.is_attached:
                raise

    def _following(self) -> bool:
        return getattr(self, "_follow_timer", None) is not None

    async def show_session(self, group: Group, session: Session) -> None:
        """Show `session` in place of the one on screen, keeping the reader's place.

        The steps' widgets are built anew, with no focus and scrolled to their start: the place
        is taken from the old ones and restored once the new ones are laid out (nothing can be
        scrolled before). A second save shown before then keeps the place taken for the first:
        the step on screen is not where the reader was yet."""
        from workshop.tui.widgets.document_tab import DocumentTab  # not before it is needed

        screen: Any = self
        step_tab = self.current_tab()
        if self._place is None and step_tab is not None:
            self._place = _place_in(step_tab, screen.focused, self.query_one(TabbedContent).active)
            if self._place.focused is not None:
                # let go of the focus before its widget goes: Textual would hand it to the
                # widget before it in the focus chain, the step tabs, whose ← and → would
                # change the step until the place is restored
                screen.set_focus(None)
        self.group, self.session = group, session
        for pane in self.query_one(TabbedContent).query(TabPane):
            old = list(pane.query(StepTab))
            if pane.id and old:
                # the document's preview stays on screen, where the reader had scrolled, and
                # its next drawing reuses the blocks that did not change
                kept = old[0].preview_state() if isinstance(old[0], DocumentTab) else None
                # Hidden, and the screen told to lay out again, before it is taken apart: the
                # screen is drawn by a timer of its own, also while this awaits, and a frame
                # drawn with the old layout drew widgets already removed (a focused text area
                # then raised KeyError, its styles gone).
                old[0].display = False
                screen.refresh(layout=True)
                await old[0].remove()
                new = self._build_tab(pane.id)
                await pane.mount(new)
                if kept is not None and isinstance(new, DocumentTab):
                    new.restore_preview(*kept)
        self.query_one(SessionTitle).show(*self.title_parts())
        self.query_one(ParticipantsPanel).show(session.participants, self.speaker)
        self.refresh_nav()
        step = self.current_step
        if step is not None:
            self._load_timer(step)
        if step is Step.DOCUMENT:
            self._refresh_preview()  # the preview is otherwise drawn when the step is shown
        screen.call_after_refresh(self._restore_place)  # once the new step is laid out

    def _restore_place(
        self, laid_out: list[tuple[Size, Size]] | None = None, tries: int = SETTLE_TRIES
    ) -> None:
        """Put the reader back where show_session found them, once the rebuilt step's layout
        has settled: laid out twice alike. Its first layout has no scrollbar yet, and the
        scrollbar, once there, narrows it and lengthens its text (wrapped again): scrolled
        before, the step stopped short of where the reader was."""
        screen: Any = self
        place = self._place
        if place is None or not self._following():
            return  # restored already (two saves shown in a row), or the screen is going
        try:
            if self.query_one(TabbedContent).active != place.pane:
                self._place = None
                return  # the reader went to another step meanwhile: its own focus stands
            step_tab = self.current_tab()
        except NoMatches:
            return  # the screen is being left
        if step_tab is None:
            return
        layout = _layout(step_tab, place)
        if layout != laid_out and tries > 0:
            screen.call_after_refresh(self._restore_place, layout, tries - 1)
            return
        self._place = None
        for name, offset in place.scrolled.items():
            widget = _named(step_tab, name)
            if widget is not None:
                widget.scroll_to(offset.x, offset.y, animate=False, immediate=True)
        if place.focused is None:
            return
        # a widget not found again (a step rebuilt from the same sections has them all) leaves
        # the keys to the step rather than to nothing
        focused = _named(step_tab, place.focused) or step_tab
        screen.set_focus(focused, scroll_visible=False)
        owner = focused.parent
        if (
            place.item_id is not None
            and isinstance(owner, SectionList)
            and any(item.id == place.item_id for item in owner.items)
        ):
            owner.focus_item(place.item_id)  # scrolled within the list, from where it was
        # The step as it was, unless what comes before the focused widget grew: then the least
        # scroll that shows it again. A list is at most 14 rows high (session.tcss), less than
        # a step shows, so a list in view has its cursor's row in view.
        focused.scroll_visible(animate=False, immediate=True)


def _place_in(step_tab: StepTab, focused: Widget | None, pane: str) -> Place:
    """The reader's place in `step_tab`, the step on screen (shown in `pane`)."""
    name: str | None = None
    item_id: str | None = None
    if focused is not None and step_tab in focused.ancestors_with_self:
        name = _name_of(step_tab, focused)
        owner = focused.parent
        if isinstance(focused, DataTable) and isinstance(owner, SectionList):
            item = owner.highlighted()
            item_id = None if item is None else item.id
    scrolled = {
        _name_of(step_tab, widget): widget.scroll_offset
        for widget in [step_tab, *step_tab.query("*")]
        if (widget is step_tab or widget.id) and not widget.scroll_offset.is_origin
    }
    return Place(pane, name, item_id, scrolled)


def _layout(step_tab: StepTab, place: Place) -> list[tuple[Size, Size]]:
    """The sizes, whole and scrollable, of the step and of what `place` scrolls in it: the same
    at two refreshes in a row once the step's layout has settled."""
    widgets = [_named(step_tab, name) for name in ["", *place.scrolled]]
    return [(widget.size, widget.virtual_size) for widget in widgets if widget is not None]


def _name_of(step_tab: StepTab, widget: Widget) -> str:
    """How `widget` is found again in the step rebuilt: its id; "" for the step itself."""
    return "" if widget is step_tab else widget.id or ""


def _named(step_tab: StepTab, name: str) -> Widget | None:
    """The widget of `step_tab` named `name` (see _name_of), if it has one."""
    if not name:
        return step_tab
    return next(iter(step_tab.query(f"#{name}")), None)
