"""Editing one group: the lock held, every change saved durably and atomically before returning."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, MutableMapping
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any, cast

from tinydb import TinyDB, where
from tinydb.table import Document, Table

from workshop.errors import (
    InvalidInput,
    NotFound,
    SaveFailed,
    StaleRevision,
    StoreError,
    WorkshopError,
)
from workshop.model import base as model_base
from workshop.model.session import Group, Session
from workshop.store import history, schema
from workshop.store.durable import (
    ReplacedButUnconfirmed,
    head_of,
    leftover_temps,
    paused_gc,
    read_bytes,
)
from workshop.store.lock import GroupLock
from workshop.store.names import lock_path
from workshop.store.storage import DurableStorage


def _doc(session: Session) -> dict[str, Any]:
    """A session as its document. Python mode (dates and enums as objects, written by orjson)
    is about twice as fast as JSON mode, which matters for a 10,000-item session. The maps
    keyed by an enum (agenda, notes, principles) get their keys as text, as a file read back
    has them: orjson writes a document whose keys are all text several times faster (the
    fingerprint and the file each write it once)."""
    with paused_gc():
        return _text_keys(session.model_dump())


def _text_keys(doc: dict[Any, Any]) -> dict[Any, Any]:
    """`doc` with the enum keys of it and of the maps inside it (not inside lists, where the
    items are) as their text. A key missed is still written, only more slowly."""
    if any(type(key) is not str for key in doc):
        doc = {key.value if isinstance(key, Enum) else key: value for key, value in doc.items()}
    for key, value in doc.items():
        if type(value) is dict:
            doc[key] = _text_keys(value)
    return doc


def _replace_with(new: dict[str, Any]) -> Callable[[MutableMapping[Any, Any]], None]:
    def transform(doc: MutableMapping[Any, Any]) -> None:
        doc.clear()
        doc.update(new)

    return transform


class GroupEditor:
    """The one editor of a group file; a context manager that releases the lock on exit.

    Open it with `Store.edit`. Safe to call from one thread at a time (calls are serialised).
    The file is checked in full on open: a bad file is refused, an older one migrated (after
    a backup copy is kept under `.history/`)."""

    def __init__(
        self,
        path: Path,
        holder: str | None = None,
        spacing: float = history.SPACING,
        on_save: Callable[[Path], None] | None = None,
    ) -> None:
        self.path = path
        self._spacing = spacing
        self._on_save = on_save
        self._guard = threading.RLock()
        self._unconfirmed: dict[str, int] = {}
        self._storage = DurableStorage(path)
        with self._storage.hold():
            head = self._vouched_head()
            tables = head if head is not None else self._read()  # refuse a bad file first
            group_name = self._group_name(tables)
            self._lock = GroupLock(lock_path(path), group_name)
            self._lock.acquire(holder)
            try:
                self.group = self._open(from_head=head is not None)
            except BaseException:
                self._lock.release()
                raise
        self._db = TinyDB(storage=cast(Any, lambda: self._storage))

    # -- opening -----------------------------------------------------------------------------

    def _vouched_head(self) -> schema.Tables | None:
        """The file's tables but its sessions, when the digest it holds vouches that its
        sessions and their summaries are exactly as this store saved them, in the current
        format; None otherwise (then the whole file is read and checked).

        The store saves only sessions it has validated (or vouched for on opening), so such a
        file needs no decoding of its sessions to be opened: a 10,000-item session is then
        decoded once, by the screen that shows it, not also here (10 MB less at the peak)."""
        name = self.path.name
        try:
            head = head_of(read_bytes(self.path))
            if head is None or schema.schema_version(head, name) < schema.SCHEMA_VERSION:
                return None
            # the group record is outside what the digest covers: its id must still be the
            # one every session's summary (vouched, and made from the session) was saved with
            group = schema.group_of(head, name)
            if schema.stored_summaries(head, group.id, name) is None:
                return None
        except (OSError, WorkshopError):
            return None  # the full reading reports what is wrong
        return head

    def _read(self) -> schema.Tables:
        try:
            tables = self._storage.read()
        except FileNotFoundError:
            tables = None
        if tables is None:
            raise NotFound(f"{self.path.name} no longer exists")
        return tables

    def _group_name(self, tables: schema.Tables) -> str:
        version = schema.schema_version(tables, self.path.name)
        return schema.group_of(schema.migrate(tables, version, self.path.name), self.path.name).name

    def _open(self, from_head: bool) -> Group:
        """The group, the lock held: from the file's head alone when it is (still) vouched
        for, else from the whole file, checked, and migrated when of an older format."""
        for temp in leftover_temps(self.path):  # a crashed save's leftovers; we hold the lock
            with contextlib.suppress(OSError):
                temp.unlink()
        name = self.path.name
        head = self._vouched_head() if from_head else None  # read again under the lock
        if head is not None:
            group = schema.group_of(head, name)
            schema.check_trash(head, name)
            return group
        tables = self._read()
        version = schema.schema_version(tables, name)
        migrated = schema.migrate(tables, version, name)
        group = schema.group_of(migrated, name)
        # every session the file's fingerprints do not vouch for is validated now
        docs, validated = schema.checked_sessions(migrated, group.id, name)
        schema.check_trash(migrated, name)
        if version < schema.SCHEMA_VERSION:
            migrated["summaries"] = {
                str(i): schema.summary_doc(validated[sid], doc)
                for i, (sid, doc) in enumerate(docs.items(), 1)
            }
            try:
                history.keep(self.path, "migration")
            except OSError as error:
                raise SaveFailed(
                    f"could not keep a copy of {name} before updating its format: "
                    f"{error.strerror or error}; the file was left untouched"
                ) from None
            self._storage.write(migrated)
            self._saved()
        return group

    # -- plumbing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _op(self) -> Iterator[None]:
        """One operation: other threads wait, and the file stays parsed until it ends (TinyDB
        reads it whole at each step); between operations the editor keeps none of it."""
        with self._guard, self._storage.hold():
            yield

    @contextlib.contextmanager
    def _change(self, reason: str = "autosave", always_keep: bool = False) -> Iterator[None]:
        """One atomic save of everything changed inside the block."""
        with self._op():
            if not self._lock.held:
                raise StoreError("this group was closed for editing; open it again")
            if always_keep or history.due(self.path, self._spacing):
                try:
                    history.keep(self.path, reason)
                except OSError as error:
                    if always_keep:
                        raise SaveFailed(
                            f"could not keep the previous version of {self.path.name}: "
                            f"{error.strerror or error}; nothing was changed"
                        ) from None
                    # A routine version is a convenience: the save itself must not fail for it.
            with self._storage.batch():
                yield
            self._saved()

    def _saved(self) -> None:
        if self._on_save is not None:
            self._on_save(self.path)

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    def _session_doc(self, session_id: str) -> Document | None:
        found = self._table("sessions").get(where("id") == session_id)
        return found if isinstance(found, Document) else None

    # -- reading -----------------------------------------------------------------------------

    def sessions(self) -> list[Session]:
        """The group's sessions as saved, in order."""
        with self._op():
            return schema.sessions_of(self._read(), self.group, self.path.name)

    def session(self, session_id: str) -> Session:
        """One session as saved; NotFound when it is not in the group."""
        with self._op():
            doc = self._session_doc(session_id)
            if doc is None:
                raise NotFound(f"no session {session_id} in '{self.group.name}'")
            return schema.session_from(dict(doc), self.group.id, self.path.name)

    def deleted(self) -> list[Session]:
        """Deleted sessions that can still be restored, most recently deleted first."""
        with self._op():
            docs = sorted(
                self._table("trash").all(), key=lambda d: str(d.get("deleted_at")), reverse=True
            )
            return [schema.session_from(d["session"], self.group.id, self.path.name) for d in docs]

    # -- changing ----------------------------------------------------------------------------

    def _check_group(self, session: Session) -> None:
        if session.group_id != self.group.id:
            raise InvalidInput(f"session {session.id} belongs to another group")

    def add_session(self, session: Session) -> Session:
        """Save a new session (its revision becomes 1); returns the saved copy."""
        self._check_group(session)
        with self._op():
            if self._session_doc(session.id) is not None:
                raise InvalidInput(f"a session with id {session.id} is already in this group")
            saved = session.model_copy(update={"revision": 1, "updated_at": model_base.now()})
            doc = _doc(saved)
            with self._change():
                self._table("sessions").insert(doc)
                self._table("summaries").upsert(
                    schema.summary_doc(saved, doc), where("id") == saved.id
                )
            return saved

    def save_session(self, session: Session, keep: str | None = None) -> Session:
        """Save a session edited from the copy at `session.revision`. Refuses (StaleRevision,
        nothing written) when the file holds another revision. Returns the saved copy, with
        revision + 1 and updated_at set; keep editing that copy. With `keep` (a reason, e.g.
        "import"), the file as it was is always kept as a version first."""
        self._check_group(session)
        with self._op():
            doc = self._session_doc(session.id)
            if doc is None:
                raise NotFound(f"session {session.id} is no longer in '{self.group.name}'")
            stored = doc.get("revision")
            retry = self._unconfirmed.get(session.id) == stored == session.revision + 1
            if stored != session.revision and not retry:
                raise StaleRevision(
                    f"session {session.id} was saved elsewhere (revision {stored} on disk, this "
                    f"copy is {session.revision}); nothing was overwritten"
                )
            saved = session.model_copy(
                update={"revision": session.revision + 1, "updated_at": model_base.now()}
            )
            new = _doc(saved)
            try:
                with self._change(keep or "autosave", always_keep=keep is not None):
                    self._table("sessions").update(_replace_with(new), doc_ids=[doc.doc_id])
                    self._table("summaries").upsert(
                        schema.summary_doc(saved, new), where("id") == saved.id
                    )
            except ReplacedButUnconfirmed:
                self._unconfirmed[session.id] = saved.revision
                raise
            self._unconfirmed.pop(session.id, None)
            return saved

    def save_group(self, group: Group) -> None:
        """Save the group's own details (its name, organisation). Its file keeps its name."""
        if group.id != self.group.id:
            raise InvalidInput("that is another group")
        with self._op(), self._change():
            self._table("group").truncate()
            self._table("group").insert(group.model_dump(mode="json"))
        self.group = group

    def delete_session(self, session_id: str) -> None:
        """Move a session to the group's trash (undo with restore_session)."""
        with self._op():
            doc = self._session_doc(session_id)
            if doc is None:
                raise NotFound(f"no session {session_id} in '{self.group.name}'")
            deleted_at = model_base.now().isoformat()
            with self._change("delete", always_keep=True):
                self._table("trash").insert({"deleted_at": deleted_at, "session": dict(doc)})
                self._table("sessions").remove(doc_ids=[doc.doc_id])
                self._table("summaries").remove(where("id") == session_id)

    def restore_session(self, session_id: str) -> Session:
        """Bring back the most recently deleted copy of a session; returns it as saved."""
        with self._op():
            trash = self._table("trash")
            docs = [d for d in trash.all() if d.get("session", {}).get("id") == session_id]
            if not docs:
                raise NotFound(f"no deleted session {session_id} in '{self.group.name}'")
            if self._session_doc(session_id) is not None:
                raise InvalidInput(f"session {session_id} is already in the group")
            newest = max(docs, key=lambda d: str(d.get("deleted_at")))
            session = schema.session_from(newest["session"], self.group.id, self.path.name)
            saved = session.model_copy(
                update={"revision": session.revision + 1, "updated_at": model_base.now()}
            )
            doc = _doc(saved)
            with self._change():
                self._table("sessions").insert(doc)
                self._table("summaries").upsert(
                    schema.summary_doc(saved, doc), where("id") == saved.id
                )
                trash.remove(doc_ids=[newest.doc_id])
            return saved

    # -- closing -----------------------------------------------------------------------------

    def close(self) -> None:
        """Release the lock. Every change was already saved."""
        with self._op():
            self._lock.release()
            self._storage.forget()

    def __enter__(self) -> GroupEditor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self._lock.release()
