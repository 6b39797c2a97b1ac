"""The home screen's changes to the groups: start a session or a follow-up, delete and undo,
close, take an empty group off the list.

A mixin of HomeScreen, kept apart so each file holds one idea (that one lists, this one
changes). Each change is made through the store, then the listing is read again with the
cursor on what changed; a refusal (a lock held elsewhere, a full disk) is a notification and
changes nothing."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, Any

from workshop.errors import WorkshopError

if TYPE_CHECKING:
    from textual.app import App

    from workshop.store import GroupSummary, SessionSummary, Store
    from workshop.tui.dialogs.new_session import NewSessionForm
    from workshop.tui.screens.home_detail import Row


def today() -> dt.date:
    """The facilitator's local date (tests patch it)."""
    return dt.date.today()


class HomeChanges:
    """Changes for HomeScreen (which provides the store, the listing and its selection)."""

    store: Store
    groups: list[GroupSummary]
    #: Deleted sessions, last deleted last: (group id, session id, how it is named).
    _deleted: list[tuple[str, str, str]]

    if TYPE_CHECKING:
        app: App[object]

        @property
        def selected(self) -> Row | None: ...
        def _selected_session(self) -> tuple[GroupSummary, SessionSummary] | None: ...
        def refresh_groups(self, select: str | None = None) -> None: ...
        def open_session(self, group_id: str, session_id: str, read_only: bool) -> None: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...

    def action_new_session(self) -> None:
        from workshop.tui.dialogs.new_session import GroupChoice, NewSessionDialog

        choices = [
            GroupChoice(
                g.group.id,
                g.group.name,
                g.group.organisation,
                max(g.sessions, key=lambda s: s.part).facilitator if g.sessions else "",
            )
            for g in self.groups
            if g.group is not None
        ]
        row = self.selected
        current = row.group.group.id if row and row.group.group else None
        latest = row.session.facilitator if row and row.session else ""
        self.app.push_screen(
            NewSessionDialog(choices, today(), group_id=current, facilitator=latest),
            self._create_session,
        )

    def _create_session(self, form: NewSessionForm | None) -> None:
        if form is None:
            return
        from workshop.tui.screens.home_actions import create_session

        try:
            group_id, session_id = create_session(self.store, form)
        except WorkshopError as error:
            self.notify(str(error), title="The session was not created", severity="error")
            self.refresh_groups()
            return
        self.refresh_groups(select=f"s:{group_id}:{session_id}")
        self.notify(f"Session created in '{form.group_name}'.", title="Created")
        self.open_session(group_id, session_id, read_only=False)

    def action_follow_up(self) -> None:
        chosen = self._selected_session()
        if chosen is None or chosen[0].group is None:
            return
        summary, earlier = chosen
        group = chosen[0].group
        if self._held_elsewhere(group.id, "No follow-up was started"):
            return  # said before any question, not after it
        later = sorted(s.part for s in summary.sessions if s.follows == earlier.id)
        newest = max(s.part for s in summary.sessions)
        if not later and earlier.part == newest:
            self._follow_up(group.id, group.name, earlier.id, earlier.part, True)
            return
        # a branch, not the next part in line: one key must not start it unasked
        from workshop.tui.dialogs.confirm import ConfirmDialog

        if later:
            why = f"Part {', '.join(map(str, later))} already follows part {earlier.part}."
        else:
            why = f"Part {earlier.part} is not the latest part: part {newest} is."
        question = (
            f"{why}\nStart another part from part {earlier.part}? It carries part "
            f"{earlier.part}'s work, not that of the parts after it."
        )
        self.app.push_screen(
            ConfirmDialog("Follow up an earlier part", question, "Start it", "Cancel"),
            partial(self._follow_up, group.id, group.name, earlier.id, earlier.part),
        )

    def _follow_up(
        self,
        group_id: str,
        group_name: str,
        earlier_id: str,
        earlier_part: int,
        confirmed: bool | None,
    ) -> None:
        """Ask the follow-up's day and title, then start it."""
        if not confirmed:
            return
        from workshop.tui.dialogs.follow_up import FollowUpForm

        found = next((g for g in self.groups if g.group and g.group.id == group_id), None)
        earlier = next((s for s in found.sessions if s.id == earlier_id), None) if found else None
        after = earlier.date if earlier is not None else dt.date.min
        part = max((s.part for s in found.sessions), default=earlier_part) + 1 if found else 0
        heading = f"Start part {part} of '{group_name}', from part {earlier_part}'s work"
        self.app.push_screen(
            FollowUpForm(heading, today(), after),
            partial(self._start_follow_up, group_id, group_name, earlier_id, earlier_part),
        )

    def _start_follow_up(
        self,
        group_id: str,
        group_name: str,
        earlier_id: str,
        earlier_part: int,
        answer: tuple[dt.date, str] | None,
    ) -> None:
        if answer is None:
            return
        from workshop.tui.screens.home_actions import start_follow_up

        day, title = answer
        try:
            later = start_follow_up(self.store, group_id, earlier_id, day, title)
        except WorkshopError as error:
            self.notify(str(error), title="No follow-up was started", severity="error")
            return
        self.refresh_groups(select=f"s:{group_id}:{later.id}")
        self.notify(
            f"Part {later.part} of '{group_name}' starts from part {earlier_part}'s work.",
            title="Follow-up started",
        )
        self.open_session(group_id, later.id, read_only=False)

    def _empty_group(self) -> GroupSummary | None:
        row = self.selected
        if row is None or row.session is not None or row.group.group is None:
            return None
        return row.group if not row.group.sessions else None

    def action_delete(self) -> None:
        empty = self._empty_group()
        if empty is not None and empty.group is not None:
            from workshop.tui.dialogs.confirm import ConfirmDialog

            question = (
                f"Take '{empty.group.name}' off the list? It has no sessions.\n"
                "Its file is kept in the data folder's .deleted folder."
            )
            self.app.push_screen(
                ConfirmDialog("Remove group", question, "Remove", "Keep it", danger=True),
                partial(self._retire, empty.group.id, empty.group.name),
            )
            return
        chosen = self._selected_session()
        if chosen is None or chosen[0].group is None:
            return
        from workshop.tui.dialogs.confirm import ConfirmDialog

        group, session = chosen[0].group, chosen[1]
        if self._held_elsewhere(group.id, "Nothing was deleted"):
            return  # not asked first, then refused
        label = f"Part {session.part} · {session.date.isoformat()}"
        later = [s.part for s in chosen[0].sessions if s.follows == session.id]
        followed = (
            f"Part {', '.join(map(str, later))} follows it: its review will have nothing to "
            "compare with while this one is deleted.\n"
            if later
            else ""
        )
        question = (
            f"Delete {label} of '{group.name}'?\n{followed}"
            "It goes to the group's trash: press u afterwards to bring it back."
        )
        self.app.push_screen(
            ConfirmDialog("Delete session", question, "Delete", "Keep it", danger=True),
            partial(self._delete, group.id, group.name, session.id, label),
        )

    def _delete(
        self, group_id: str, group_name: str, session_id: str, label: str, confirmed: bool | None
    ) -> None:
        if not confirmed:
            return
        try:
            with self.store.edit(group_id) as editor:
                editor.delete_session(session_id)
        except WorkshopError as error:
            self.notify(str(error), title="Nothing was deleted", severity="error")
            return
        self._deleted.append((group_id, session_id, f"{label} of '{group_name}'"))
        self.refresh_groups(select=self._next_to(group_id, session_id))
        self.notify(f"Deleted {label} of '{group_name}' — press u to undo.", title="Deleted")

    def _held_elsewhere(self, group_id: str, title: str) -> bool:
        """Whether the group is being edited elsewhere; says so when it is. Asked before a
        question, which was answered and then refused ("being edited by …")."""
        from workshop.errors import LockedByOther

        try:
            self.store.edit(group_id).close()
        except LockedByOther as locked:
            self.notify(str(locked), title=title, severity="error")
            return True
        except WorkshopError:
            return False  # anything else is said by the change itself, as before
        return False

    def _next_to(self, group_id: str, session_id: str) -> str:
        """The row the cursor goes to once a session is deleted: the session after it in its
        group, else the one before it, else the group's own row (never another group's)."""
        found = next((g for g in self.groups if g.group and g.group.id == group_id), None)
        ids = [s.id for s in found.sessions] if found is not None else []
        if session_id in ids and len(ids) > 1:
            at = ids.index(session_id)
            return f"s:{group_id}:{ids[at + 1] if at + 1 < len(ids) else ids[at - 1]}"
        return f"g:{group_id}"

    def action_close(self) -> None:
        chosen = self._selected_session()
        if chosen is None or chosen[0].group is None:
            return
        from workshop.tui.screens.home_actions import toggle_closed

        group_id = chosen[0].group.id
        try:
            saved = toggle_closed(self.store, group_id, chosen[1].id)
        except WorkshopError as error:
            self.notify(str(error), title="Not changed", severity="error")
            return
        self.refresh_groups(select=f"s:{group_id}:{saved.id}")
        self.notify(f"Part {saved.part} is now {saved.status.value}.", title="Status")

    def _retire(self, group_id: str, name: str, confirmed: bool | None) -> None:
        if not confirmed:
            return
        try:
            moved = self.store.retire_group(group_id)
        except WorkshopError as error:
            self.notify(str(error), title="Not removed", severity="error")
            return
        self.refresh_groups()
        self.notify(f"Removed '{name}'; its file is in {moved.parent.name}/.", title="Removed")

    def action_undo(self) -> None:
        if not self._deleted:
            return
        group_id, session_id, label = self._deleted[-1]
        try:
            with self.store.edit(group_id) as editor:
                editor.restore_session(session_id)
        except WorkshopError as error:
            self.notify(str(error), title="Nothing was restored", severity="error")
            return
        self._deleted.pop()
        self.refresh_groups(select=f"s:{group_id}:{session_id}")
        self.notify(f"Restored {label}.", title="Undone")
