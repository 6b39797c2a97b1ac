"""Read-only review that follows the room: when the editor saves, the screen shows it.

A mixin of SessionScreen, kept apart so each file holds one idea. Participants open a session
read-only (`workshop review`) while the facilitator captures in it; every couple of seconds the
group file's stamp is compared, and when it changed the session is read again (no lock) and
the built step tabs are rebuilt from it, keeping the step, the list and the item under the
cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Static, TabbedContent, TabPane

from workshop.errors import WorkshopError
from workshop.model.base import Step
from workshop.tui.widgets.participants import ParticipantsPanel
from workshop.tui.widgets.section_list import SectionList
from workshop.tui.widgets.step_tab import StepTab

if TYPE_CHECKING:
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

    if TYPE_CHECKING:

        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
        def _build_tab(self, pane_id: str) -> StepTab: ...
        def refresh_nav(self) -> None: ...
        def current_tab_lists(self) -> list[SectionList]: ...
        def _load_timer(self, step: Step) -> None: ...
        def title_text(self) -> str: ...
        @property
        def current_step(self) -> Step | None: ...

    def start_following(self) -> None:
        """Look at the file every FOLLOW_SECONDS from now on (read-only screens only)."""
        self._followed = self._stamp()
        screen: Any = self  # a Screen: its own timers stop with it
        screen.set_interval(FOLLOW_SECONDS, self._follow)

    def _stamp(self) -> Stamp | None:
        try:
            info = self.store.path_of(self.group_id).stat()
        except (OSError, WorkshopError):
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    async def _follow(self) -> None:
        stamp = self._stamp()
        if stamp is None or stamp == self._followed:
            return
        self._followed = stamp
        try:
            group, session = self.store.load_session(self.group_id, self.session_id)
        except WorkshopError:
            return  # deleted or unreadable for now: keep showing the last good state
        if session.revision == self.session.revision and group == self.group:
            return
        await self.show_session(group, session)

    async def show_session(self, group: Group, session: Session) -> None:
        """Show `session` in place of the one on screen, keeping the step and the cursor."""
        lists = self.current_tab_lists()
        focused = self.active_list if self.active_list in lists else None
        item = focused.highlighted() if focused is not None else None
        self.group, self.session = group, session
        for pane in self.query_one(TabbedContent).query(TabPane):
            old = list(pane.query(StepTab))
            if pane.id and old:
                await old[0].remove()
                await pane.mount(self._build_tab(pane.id))
        self.query_one("#session-title", Static).update(self.title_text())
        self.query_one(ParticipantsPanel).show(session.participants, self.speaker)
        self.refresh_nav()
        step = self.current_step
        if step is not None:
            self._load_timer(step)
        if focused is not None:  # once the new lists are laid out
            screen: Any = self
            item_id = None if item is None else item.id
            screen.call_after_refresh(self._restore_place, focused.section.key, item_id)

    def _restore_place(self, section_key: str, item_id: str | None) -> None:
        again = next((s for s in self.current_tab_lists() if s.section.key == section_key), None)
        if again is None:
            return
        screen: Any = self
        screen.set_focus(again.table, scroll_visible=False)
        if item_id is not None and any(i.id == item_id for i in again.items):
            again.focus_item(item_id)
