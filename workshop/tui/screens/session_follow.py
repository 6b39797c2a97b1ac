"""Read-only review that follows the room: when the editor saves, the screen shows it.

A mixin of SessionScreen, kept apart so each file holds one idea. Participants open a session
read-only (`workshop review`) while the facilitator captures in it; every couple of seconds the
group file's stamp is compared, and when it changed the session is read again (no lock) and
the built step tabs are rebuilt from it, keeping the step, the list and the item under the
cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Static, TabbedContent, TabPane

from workshop.errors import WorkshopError
from workshop.model.base import Step
from workshop.tui.widgets.document_tab import DocumentTab
from workshop.tui.widgets.participants import ParticipantsPanel
from workshop.tui.widgets.section_list import SectionList
from workshop.tui.widgets.step_tab import StepTab

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget

    from workshop.model.session import Group, Session
    from workshop.store import Store

#: How often a read-only screen looks at the file (seconds).
FOLLOW_SECONDS = 2.0

Stamp = tuple[int, int, int]


class SessionFollow:
    """Following the file for SessionScreen (which provides the session, tabs and friends)."""

    session: Session
    group: Group
    store: Store
    group_id: str
    session_id: str
    read_only: bool
    speaker: str | None
    active_list: SectionList | None

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
        def current_tab_lists(self) -> list[SectionList]: ...
        def _load_timer(self, step: Step) -> None: ...
        def _refresh_preview(self) -> None: ...
        def title_text(self) -> str: ...
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

    def _stamp(self) -> Stamp | None:
        try:
            info = self.store.path_of(self.group_id).stat()
        except (OSError, WorkshopError):
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def _follow(self) -> None:
        screen: Any = self
        if not screen.is_current:
            return  # a dialog or the review on top: look again once back
        stamp = self._stamp()
        if stamp is None or stamp == self._followed:
            return
        try:
            group, session = self.store.load_session(self.group_id, self.session_id)
        except WorkshopError:
            return  # deleted or unreadable for now: keep showing the last good state
        self._followed = stamp
        if session.revision != self.session.revision or group != self.group:
            # rebuilt in the screen's own queue, in turn with its keys (and its leaving)
            screen.post_message(SessionFollow.Followed(group, session))

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
        """Show `session` in place of the one on screen, keeping the step and the cursor."""
        screen: Any = self
        lists = self.current_tab_lists()
        focused = self.active_list if self.active_list in lists else None
        if focused is not None and not _holds(focused, screen.focused):
            focused = None  # the reader is elsewhere (participants, tabs): leave them there
        item = focused.highlighted() if focused is not None else None
        self.group, self.session = group, session
        for pane in self.query_one(TabbedContent).query(TabPane):
            old = list(pane.query(StepTab))
            if pane.id and old:
                # the document's preview stays on screen, where the reader had scrolled, and
                # its next drawing reuses the blocks that did not change
                kept = old[0].preview_state() if isinstance(old[0], DocumentTab) else None
                await old[0].remove()
                new = self._build_tab(pane.id)
                await pane.mount(new)
                if kept is not None and isinstance(new, DocumentTab):
                    new.restore_preview(*kept)
        self.query_one("#session-title", Static).update(self.title_text())
        self.query_one(ParticipantsPanel).show(session.participants, self.speaker)
        self.refresh_nav()
        step = self.current_step
        if step is not None:
            self._load_timer(step)
        if step is Step.DOCUMENT:
            self._refresh_preview()  # the preview is otherwise drawn when the step is shown
        if focused is not None:  # once the new lists are laid out
            item_id = None if item is None else item.id
            screen.call_after_refresh(self._restore_place, focused.section.key, item_id)

    def _restore_place(self, section_key: str, item_id: str | None) -> None:
        if not self._following():
            return
        try:
            lists = self.current_tab_lists()
            again = next((s for s in lists if s.section.key == section_key), None)
            table = None if again is None else again.table
        except NoMatches:
            return  # the screen is being left
        if again is None or table is None:
            return
        screen: Any = self
        screen.set_focus(table, scroll_visible=False)
        if item_id is not None and any(i.id == item_id for i in again.items):
            again.focus_item(item_id)


def _holds(container: Widget, widget: Widget | None) -> bool:
    """Whether `widget` is `container` or inside it."""
    return widget is not None and container in widget.ancestors_with_self
