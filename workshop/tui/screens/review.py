"""The review screen: a follow-up session set against the one it follows — actions by status,
indicators against target, gaps, the importance–performance grid then and now, promises and
stances that changed — where the facilitator updates actions and indicator values as the room
reports them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState

from workshop.errors import WorkshopError
from workshop.model.fields import format_number
from workshop.model.progress import ActionKind, Progress, compare
from workshop.model.session import Group, Session
from workshop.model.structure import Action, ActionStatus
from workshop.store import GroupEditor, GroupFile, Store
from workshop.tui.screens.base import WorkshopScreen
from workshop.tui.screens.session_follow import FOLLOW_SECONDS
from workshop.tui.widgets.progress_edit import LatestValue, StatusDialog, ValueDialog
from workshop.tui.widgets.progress_grid import QuadrantGrid, legend_text
from workshop.tui.widgets.progress_summary import (
    StatusCounts,
    commitments_text,
    gaps_table,
    section_changes_table,
)
from workshop.tui.widgets.progress_tables import ActionTable, IndicatorTable
from workshop.tui.widgets.title_bar import TitleBar


@dataclass(frozen=True)
class Applied:
    """What a change did, as it found the session on disk: the change that puts it back, how
    to say that, and what to say once it is saved (None: the usual "Saved.")."""

    undo: Change
    undo_says: str
    says: str | None = None


#: One change to a session, applied in the save worker to the freshly read copy; it returns
#: how to undo it (None: nothing to undo).
Change = Callable[[Session], Applied | None]


class ReviewScreen(WorkshopScreen[Session | None]):
    """A follow-up session compared with the session it follows.

    Edits (an action's status, an indicator's latest value) are saved at once, off the event
    loop: through `editor` when the caller already holds the group's lock (the session screen),
    else through a short `store.edit(group_id)`. Dismisses with the last saved copy of the
    session (None when nothing was saved), so a caller holding its own copy can reload it.
    `read_only` refuses every edit."""

    CSS_PATH = "review.tcss"

    HELP = (
        "What moved since the earlier session. Highlight an action and press [b]s[/b] (or "
        "Enter) to change its status; highlight an indicator and press [b]v[/b] (or Enter) to "
        "record its latest value. Every change is saved at once; [b]ctrl+z[/b] undoes the "
        "last one."
    )
    #: The same, for a review opened read-only: nothing can be changed from it.
    READ_ONLY_HELP = (
        "What moved since the earlier session, as saved: a read-only review, so statuses and "
        "values cannot be changed here (the facilitator's screen changes them)."
    )

    @property
    def current_help(self) -> str:
        """What F1 says: in a read-only review, not the edits it refuses."""
        return self.READ_ONLY_HELP if self.read_only else self.HELP

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            id="review.back",
            tooltip="Leave the review; every change is already saved.",
        ),
        Binding(
            "s",
            "set_status",
            "Action status",
            id="review.set_status",
            tooltip="Change the status of the highlighted action (done, blocked, …).",
        ),
        Binding(
            "v",
            "set_value",
            "Indicator value",
            id="review.set_value",
            tooltip="Record the latest measured value of the highlighted indicator.",
        ),
        Binding(
            "a",
            "focus_actions",
            "Actions",
            id="review.focus_actions",
            tooltip="Move to the list of actions.",
        ),
        Binding(
            "i",
            "focus_indicators",
            "Indicators",
            id="review.focus_indicators",
            tooltip="Move to the list of indicators.",
        ),
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            id="review.undo",
            tooltip="Undo the last status or value changed here.",
        ),
        Binding(
            "ctrl+r",
            "reload",
            "Reload",
            id="review.reload",
            tooltip="Read the group's file again (after changes made elsewhere).",
        ),
    ]

    _EDITS = frozenset({"set_status", "set_value", "undo"})

    def __init__(
        self,
        store: Store,
        group_id: str,
        session_id: str,
        read_only: bool = False,
        editor: GroupEditor | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.group_id = group_id
        self.session_id = session_id
        #: No edit is allowed: refused in check_action, so no key or palette entry slips past.
        self.read_only = read_only
        self.editor = editor
        self.group: Group | None = None
        self.later: Session | None = None
        self.earlier: Session | None = None
        #: The comparison shown; None when the session follows no session we can find.
        self.progress: Progress | None = None
        self.saved: Session | None = None
        #: What ctrl+z puts back, last change first: how to say it, and the change that does it.
        self._undo: list[tuple[str, Change]] = []
        #: Changes waiting to be saved, first in line being saved now, one at a time and in
        #: order (a second started at once found the first's lock, or its revision stale),
        #: each with the undo entry it carries out when it is an undo.
        self._queue: list[tuple[Change, tuple[str, Change] | None]] = []
        self._problem = ""
        self._load()

    # -- loading -------------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            found = self.store.load_group(self.group_id)
        except WorkshopError as error:
            self._problem = f"Cannot read the group: {error}"
            return
        self._take(found)

    def _take(self, found: GroupFile) -> None:
        self.group = found.group
        by_id = {s.id: s for s in found.sessions}
        self.later = by_id.get(self.session_id)
        if self.later is None:
            self._problem = f"Session {self.session_id} is not in '{found.group.name}'."
            self.progress = self.earlier = None  # nothing of it is shown as if still there
            return
        self.earlier = by_id.get(self.later.follows or "")
        self._compare()

    def _compare(self) -> None:
        if self.later is None or self.earlier is None:
            self.progress = None
            self._problem = (
                "This session follows no earlier session, so there is nothing to compare: "
                "start a follow-up from the home screen, then review it."
            )
            return
        self._problem = ""
        self.progress = compare(self.earlier, self.later)

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="review-title")
        with VerticalScroll(id="review-body"):
            yield Static(id="review-problem")
            with Horizontal(id="review-glance"):
                with Vertical(id="review-counts", classes="review-panel"):
                    yield StatusCounts(id="status-counts")
                with Vertical(id="review-grids", classes="review-panel"):
                    with Horizontal(id="grid-pair"):
                        yield QuadrantGrid(id="grid-then")
                        yield QuadrantGrid(id="grid-now")
                    yield Static(legend_text(), id="grid-legend")
                with Vertical(id="review-gaps", classes="review-panel"):
                    yield Static(id="gap-changes")
            yield ActionTable(id="action-table", classes="review-panel")
            yield IndicatorTable(id="indicator-table", classes="review-panel")
            with Horizontal(id="review-more"):
                yield Static(id="commitments", classes="review-panel")
                yield Static(id="section-changes", classes="review-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-counts").border_title = "Actions by status"
        self.query_one("#review-grids").border_title = "Expectations: importance × performance"
        self.query_one("#review-gaps").border_title = "Gaps"
        self.query_one("#action-table").border_title = "Actions"
        self.query_one("#indicator-table").border_title = "Indicators against target"
        self.query_one("#commitments").border_title = "Promises and stakeholders"
        self.query_one("#section-changes").border_title = "Items added, changed, removed"
        self.refresh_view()
        self.query_one(ActionTable).focus()
        if self.read_only:
            # a participant's review follows the facilitator's changes, as their session does
            self._seen = self.store.stamp_of(self.group_id)
            self.set_interval(FOLLOW_SECONDS, self._follow)

    def _follow(self) -> None:
        """Read the group again when its file changed (while this review is on top)."""
        stamp = self.store.stamp_of(self.group_id)
        if stamp is None or stamp == self._seen or not self.is_current:
            return
        try:
            found = self.store.load_group(self.group_id)
        except WorkshopError:
            return  # unreadable for now: the last state read stays, and it is tried again
        self._seen = stamp
        # either session, or the group's name, may have changed: all of it is shown again
        self._take(found)
        self.refresh_view()

    def refresh_view(self) -> None:
        """Show the current comparison in every panel."""
        self.set_class(self.read_only, "-read-only")
        self.set_class(self.progress is None, "-nothing")
        self.query_one("#review-title", Static).update(self._title())
        self.query_one("#review-problem", Static).update(self._problem)
        progress = self.progress
        if progress is None or self.earlier is None or self.later is None:
            return
        self.query_one(StatusCounts).load(progress)
        then = [
            (g.importance_then, g.performance_then)
            for g in progress.gaps
            if g.importance_then is not None and g.performance_then is not None
        ]
        now = [
            (g.importance_now, g.performance_now)
            for g in progress.gaps
            if g.importance_now is not None and g.performance_now is not None
        ]
        self.query_one("#grid-then", QuadrantGrid).show(
            f"Then · part {self.earlier.part}",
            then,  # filtered for None above
            len(self.earlier.research.expectations) - len(then),
        )
        self.query_one("#grid-now", QuadrantGrid).show(
            f"Now · part {self.later.part}",
            now,
            len(self.later.research.expectations) - len(now),
        )
        self.query_one("#gap-changes", Static).update(gaps_table(progress))
        self.query_one(ActionTable).load(progress)
        self.query_one(IndicatorTable).load(progress)
        self.query_one("#commitments", Static).update(commitments_text(progress))
        self.query_one("#section-changes", Static).update(section_changes_table(progress))

    def on_resize(self, event: events.Resize) -> None:
        # a projector's 80 columns: the tables put what tells most first
        for table in (ActionTable, IndicatorTable):
            for found in self.query(table).results(table):
                found.fit(event.size.width)

    def _title(self) -> str:
        if self.group is None or self.later is None:
            return "Review"
        title = f"[b]{_escape(self.group.name)}[/b] — review of {self.later.label}"
        if self.earlier is not None:
            title += f" against {self.earlier.label}"
        if self.progress is not None:
            done = self.progress.actions.by_kind[ActionKind.DONE]
            slipped = self.progress.actions.by_kind[ActionKind.SLIPPED]
            measured = self.progress.indicators_judged
            on_track = (
                f"{self.progress.indicators_on_track} of {measured} measured indicators on track"
                if measured
                else "no indicator measured yet"
            )
            title += (
                f"\n{done} {'action' if done == 1 else 'actions'} done, {slipped} slipped · "
                f"{on_track}"
            )
        if self.read_only:
            title += "   [b reverse] READ-ONLY [/]"
        return title

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self._EDITS:
            if self.read_only:
                return False
            if self.progress is None:
                return None
        # undo is offered once there is something to undo
        return not (action == "undo" and not self._undo)

    def action_back(self) -> None:
        self.dismiss(self.saved)

    def action_focus_actions(self) -> None:
        self.query_one(ActionTable).focus()

    def action_focus_indicators(self) -> None:
        self.query_one(IndicatorTable).focus()

    def action_reload(self) -> None:
        self._load()
        self.refresh_view()

    def action_set_status(self) -> None:
        if self._refused():
            return
        action_id = self.query_one(ActionTable).selected_id
        found = self._find_action(action_id)
        if found is None:
            self.notify("Highlight an action of this session first.", severity="warning")
            return
        self.app.push_screen(
            StatusDialog(found.text, found.status), partial(self._status_chosen, found.id)
        )

    def action_set_value(self) -> None:
        if self._refused():
            return
        indicator_id = self.query_one(IndicatorTable).selected_id
        assert self.later is not None
        found = next((i for i in self.later.structure.indicators if i.id == indicator_id), None)
        if found is None:
            self.notify("Highlight an indicator of this session first.", severity="warning")
            return
        self.app.push_screen(
            ValueDialog(found.text, found.unit, found.latest),
            partial(self._value_chosen, found.id),
        )

    def _refused(self) -> bool:
        # check_action already hides these; a direct call (a test, a stray message) is refused too
        if self.read_only:
            self.notify("This review is read-only: nothing can be changed.", severity="warning")
            return True
        return self.later is None or self.progress is None

    def _find_action(self, action_id: str | None) -> Action | None:
        if self.later is None or action_id is None:
            return None
        return next((a for a in self.later.structure.actions if a.id == action_id), None)

    @on(DataTable.RowSelected, "#action-table")
    async def _action_selected(self) -> None:
        await self.run_action("set_status")

    @on(DataTable.RowSelected, "#indicator-table")
    async def _indicator_selected(self) -> None:
        await self.run_action("set_value")

    def _status_chosen(self, action_id: str, status: ActionStatus | None) -> None:
        if status is not None:
            self.save(_set_status(action_id, status))

    def _value_chosen(self, indicator_id: str, answer: LatestValue | None) -> None:
        if answer is not None:
            self.save(_set_latest(indicator_id, answer.value))

    def action_undo(self) -> None:
        if self._refused() or not self._undo:
            return
        entry = self._undo.pop()  # taken now: a second ctrl+z undoes the change before it
        self.refresh_bindings()
        self._enqueue(entry[1], entry)

    # -- saving --------------------------------------------------------------------------------

    def save(self, change: Change) -> None:
        """Apply `change` to the session as it is on disk and save it, in a worker, after the
        changes already waiting."""
        if self.read_only:
            self.notify("This review is read-only: nothing can be changed.", severity="warning")
            return
        self._enqueue(change, None)

    def _enqueue(self, change: Change, undoing: tuple[str, Change] | None) -> None:
        self._queue.append((change, undoing))
        if len(self._queue) == 1:
            self._save(change)

    @work(group="save", thread=True, exit_on_error=False)
    def _save(self, change: Change) -> tuple[Session, Applied | None]:
        if self.editor is not None:
            return self._apply(self.editor, change)
        with self.store.edit(self.group_id) as editor:
            return self._apply(editor, change)

    def _apply(self, editor: GroupEditor, change: Change) -> tuple[Session, Applied | None]:
        session = editor.session(self.session_id)
        applied = change(session)
        return editor.save_session(session), applied

    @on(Worker.StateChanged)
    def _save_finished(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "save" or not self._queue:
            return
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        _, undoing = self._queue.pop(0)
        if event.state is WorkerState.SUCCESS:
            result = event.worker.result
            assert isinstance(result, tuple)
            saved, applied = result
            self.saved = self.later = saved
            self._compare()
            self.refresh_view()
            if undoing is not None:
                self.notify(f"Undone: {undoing[0]}", timeout=3)
            elif applied is not None:
                self._undo.append((applied.undo_says, applied.undo))
                self.notify(applied.says or "Saved.", timeout=6 if applied.says else 2)
            else:
                self.notify("Saved.", timeout=2)
        else:
            if undoing is not None:
                self._undo.append(undoing)  # not undone: still there to undo
            error = event.worker.error
            reason = str(error) if isinstance(error, WorkshopError) else repr(error)
            self.notify(reason, title="The change was not saved", severity="error", timeout=10)
        self.refresh_bindings()
        if self._queue:
            self._save(self._queue[0][0])


def _set_status(action_id: str, status: ActionStatus) -> Change:
    """The change that gives an action `status` (and remembers the status it had)."""

    def change(session: Session) -> Applied | None:
        for action in session.structure.actions:
            if action.id == action_id:
                was, action.status = action.status, status
                if was == status:
                    return None
                return Applied(_set_status(action_id, was), f"{_short(action.text)}: back to {was}")
        raise WorkshopError("that action is no longer in the session")

    return change


def _set_latest(indicator_id: str, value: float | None) -> Change:
    """The change that records `value` as an indicator's latest (and remembers the last)."""

    def change(session: Session) -> Applied | None:
        for indicator in session.structure.indicators:
            if indicator.id == indicator_id:
                was, indicator.latest = indicator.latest, value
                if was == value:
                    return None
                before = "no value" if was is None else format_number(was)
                says = None
                if value is None:  # a measured value emptied: said, with the way back
                    says = f"{_short(indicator.text)}: value cleared. ctrl+z brings {before} back."
                return Applied(
                    _set_latest(indicator_id, was),
                    f"{_short(indicator.text)}: back to {before}",
                    says,
                )
        raise WorkshopError("that indicator is no longer in the session")

    return change


def _short(text: str, width: int = 40) -> str:
    line = " ".join(text.split())
    return f"'{line}'" if len(line) <= width else f"'{line[: width - 1]}…'"


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
