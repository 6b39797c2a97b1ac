"""Autosave: serialised saves of a session through the group's editor, latest state wins.

Knows nothing of Textual: the session screen takes a snapshot (a `model_dump()`, far cheaper
than a deep copy) on the event loop and hands it to `save_dump` in a worker thread; saves never
overlap and an older snapshot never overwrites a newer one."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from workshop.model.session import Session
from workshop.store import GroupEditor


@dataclass(frozen=True)
class SaveOutcome:
    """What became of one save: `saved` is the stored copy, `skipped` when a newer one won."""

    generation: int
    saved: Session | None = None
    skipped: bool = False


class Autosaver:
    """Holds the revision the file is at and saves snapshots one at a time."""

    def __init__(self, editor: GroupEditor, revision: int) -> None:
        self.editor = editor
        self._lock = threading.Lock()
        self._revision = revision
        self._saved_generation = 0
        self.generation = 0  # bumped on the event loop by every change

    @property
    def saved_generation(self) -> int:
        return self._saved_generation

    @property
    def dirty(self) -> bool:
        """True while a change has not reached the disk."""
        return self.generation > self._saved_generation

    def changed(self) -> int:
        """Count a change; returns its generation."""
        self.generation += 1
        return self.generation

    def save(self, snapshot: Session, generation: int) -> SaveOutcome:
        """Save `snapshot` (taken at `generation`) unless a newer one is already saved.
        Raises the store's errors (SaveFailed, StaleRevision) unchanged."""
        with self._lock:
            if generation <= self._saved_generation:
                return SaveOutcome(generation, skipped=True)
            return self._save(snapshot, generation)

    def save_dump(self, dump: dict[str, Any], generation: int) -> SaveOutcome:
        """Save a session given as its `model_dump()` (taken on the event loop at `generation`).

        The dump is the cheap snapshot: one call into pydantic-core, which runs no Python code
        and so cannot see the session half-changed; building the Session back from it is left
        to this (worker) thread. Raises as `save`."""
        with self._lock:
            if generation <= self._saved_generation:
                return SaveOutcome(generation, skipped=True)
            return self._save(Session.model_validate(dump), generation)

    def _save(self, snapshot: Session, generation: int) -> SaveOutcome:
        # called with the lock held
        copy = snapshot.model_copy(update={"revision": self._revision})
        saved = self.editor.save_session(copy)
        self._revision = saved.revision
        self._saved_generation = generation
        return SaveOutcome(generation, saved=saved)

    def rebase(self, saved: Session) -> None:
        """Continue from a copy saved elsewhere through the same editor (the review screen)."""
        with self._lock:
            self._revision = saved.revision
