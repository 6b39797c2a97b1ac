"""Saving the session as it changes: after each change, after a pause while text is typed,
and at once on leaving.

A mixin of SessionScreen, kept apart so each file holds one idea. Saves run on a worker thread
from a dump of the session (the event loop never waits for the disk); a failed save is retried
every few seconds with the work kept on screen, and a save refused because the file was saved
elsewhere stops saving (never overwriting)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from workshop.errors import StaleRevision, WorkshopError
from workshop.model.session import SessionStatus
from workshop.tui.widgets.save_indicator import SaveIndicator

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer, TimerCallback

    from workshop.model.session import Session
    from workshop.tui.autosave import Autosaver

#: Seconds before a failed save is tried again.
RETRY_SECONDS = 3.0
#: Seconds of quiet in typing before what was typed is saved.
TYPING_PAUSE = 0.8


class SessionSaving:
    """Saving for SessionScreen (which provides the session, its autosaver and the widgets)."""

    session: Session
    autosaver: Autosaver | None
    read_only: bool
    stale: bool
    _typing: Timer | None
    _retry: Timer | None
    _open_error: str | None

    class Saved(Message):
        """The outcome of a save worker (posted from its thread)."""

        def __init__(self, generation: int, saved: Session | None, error: Exception | None):
            super().__init__()
            self.generation = generation
            self.saved = saved
            self.error = error

    if TYPE_CHECKING:
        app: App[object]

        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
        def post_message(self, message: Message) -> bool: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def refresh_bindings(self) -> None: ...
        def set_timer(
            self,
            delay: float,
            callback: TimerCallback | None = None,
            *,
            name: str | None = None,
            pause: bool = False,
        ) -> Timer: ...
        def _keep_timer(self, save: bool = True) -> None: ...
        def keep_drafts(self) -> list[str]: ...

    def changed(self, typing: bool = False) -> None:
        """Count a committed change and save it (after a pause when text is being typed)."""
        if self.autosaver is None or self.read_only:
            return
        self._count_change(self.autosaver)
        if typing:
            if self._typing is not None:
                self._typing.stop()
            self._typing = self.set_timer(TYPING_PAUSE, self.request_save)
        else:
            self.request_save()

    def _count_change(self, autosaver: Autosaver) -> None:
        if self.session.status is SessionStatus.PLANNED:
            # the first change says the workshop has begun (home screen, exports)
            self.session.status = SessionStatus.IN_PROGRESS
        autosaver.changed()

    def request_save(self) -> None:
        if self.autosaver is None or self.stale or not self.autosaver.dirty:
            return
        self.query_one(SaveIndicator).show_saving()
        # a dump, not a deep copy: one pydantic-core call (no Python code runs inside it, so the
        # session cannot change half-way); the worker builds the Session back from it
        self._save(self.session.model_dump(), self.autosaver.generation)

    @work(thread=True, group="save", exit_on_error=False)
    def _save(self, snapshot: dict[str, Any], generation: int) -> None:
        assert self.autosaver is not None
        try:
            outcome = self.autosaver.save_dump(snapshot, generation)
        except (WorkshopError, OSError) as error:
            self.post_message(SessionSaving.Saved(generation, None, error))
        else:
            self.post_message(SessionSaving.Saved(generation, outcome.saved, None))

    def on_session_saving_saved(self, event: SessionSaving.Saved) -> None:
        indicator = self.query_one(SaveIndicator)
        if isinstance(event.error, StaleRevision):
            self.stale = True
            indicator.show_failed("saved elsewhere, not overwriting")
            self.notify(
                f"{event.error} Reopen the session to see the other changes.",
                title="Someone else saved this session",
                severity="error",
                timeout=30,
            )
            self.refresh_bindings()
            return
        if event.error is not None:
            indicator.show_failed("retrying")
            self.notify(
                f"{event.error}. Your work is kept here and saved again in a few seconds.",
                title="NOT SAVED",
                severity="error",
            )
            if self._retry is None:
                self._retry = self.set_timer(RETRY_SECONDS, self._retry_save)
            return
        if event.saved is not None:
            self.session.revision = event.saved.revision
            indicator.show_saved(event.saved.updated_at)
        if self.autosaver is not None and self.autosaver.dirty:
            self.request_save()

    def _retry_save(self) -> None:
        self._retry = None
        self.request_save()

    def flush(self, leaving: bool = False) -> None:
        """Save what is pending now, on this thread (before the review, leaving the screen or
        the app). When `leaving`, what is still typed in capture lines is added first."""
        if self._open_error is not None:
            return
        if self.autosaver is None or self.read_only or self.stale:
            return
        self._keep_timer(save=False)
        kept = self.keep_drafts() if leaving else []
        if kept:
            self._count_change(self.autosaver)
            self.app.notify(
                "\n".join(kept), title="Added what was still in the capture line", timeout=10
            )
        if not self.autosaver.dirty:
            return
        try:
            self.autosaver.save_dump(self.session.model_dump(), self.autosaver.generation)
        except (WorkshopError, OSError) as error:
            self.notify(f"Could not save on leaving: {error}", severity="error")
