"""The layout of a group file, its schema versions, checks and migrations.

Version 2 (current) — a TinyDB file with five tables, each `{doc_id: document}`:
  meta       one document: {"schema_version": 2, "app_version": "0.1.0"}
  group      one document: the Group
  sessions   one document per session: the Session as JSON
  summaries  one per session: SessionSummary (counts and completeness for listings)
  trash      deleted sessions: {"deleted_at": iso time, "session": {...}}; undo moves them back

Version 1 (files written before versions were recorded) — no `meta` table; `group` as above;
`sessions` documents as in version 2 except: no `revision` (becomes 1), `participants` a list
of plain names (each becomes a Participant with an id derived from the session id and its
place, so reading the file twice gives the same ids) and `notes` one text for the whole
session (kept as the research step's notes). There were no summaries and no trash.

Every check raises UnreadableFile or NewerSchema with one line; nothing here writes."""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import ValidationError

from workshop import __version__
from workshop.errors import NewerSchema, UnreadableFile
from workshop.model.base import Step
from workshop.model.fields import explain
from workshop.model.session import Group, Session
from workshop.store.durable import paused_gc
from workshop.store.summary import SessionSummary, summarise

SCHEMA_VERSION = 2
Tables = dict[str, Any]


def _bad(name: str, why: str) -> UnreadableFile:
    return UnreadableFile(f"{name} is not a valid group file ({why}); it was left untouched")


def table(tables: Tables, key: str, name: str) -> dict[str, dict[str, Any]]:
    """A table's documents, checking its shape: an object of objects."""
    value = tables.get(key, {})
    if not isinstance(value, dict):
        raise _bad(name, f"table '{key}' is not an object")
    for doc_id, doc in value.items():
        if not isinstance(doc, dict):
            raise _bad(name, f"document {doc_id} of table '{key}' is not an object")
    return value


def schema_version(tables: Any, name: str) -> int:
    """The file's schema version; NewerSchema when this app is too old to read it."""
    if not isinstance(tables, dict):
        raise _bad(name, "not a JSON object")
    if "meta" not in tables:
        if "group" in tables:
            return 1
        raise _bad(name, "no group in it")
    docs = list(table(tables, "meta", name).values())
    if len(docs) != 1:
        raise _bad(name, "its version record is missing")
    version = docs[0].get("schema_version")
    if type(version) is not int or version < 1:
        raise _bad(name, f"schema version {version!r} is not a version number")
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"{name} was written by a newer version of the app (file format {version}; this "
            f"version reads up to {SCHEMA_VERSION}); update the app — the file was left untouched"
        )
    return version


def _participant_id(session_id: Any, index: int) -> str:
    # Deterministic, so reading a version-1 file twice gives the same ids.
    return hashlib.sha1(f"{session_id}:{index}".encode()).hexdigest()[:8]


def _migrate_session_1(doc: dict[str, Any], name: str) -> dict[str, Any]:
    doc = dict(doc)
    names = doc.get("participants", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise _bad(name, "version-1 participants must be a list of names")
    doc["participants"] = [
        {"id": _participant_id(doc.get("id"), i), "name": n.strip(), "role": "", "present": True}
        for i, n in enumerate(names)
        if n.strip()
    ]
    notes = doc.get("notes", "")
    if not isinstance(notes, str):
        raise _bad(name, "version-1 notes must be one text")
    doc["notes"] = {Step.RESEARCH.value: notes} if notes.strip() else {}
    doc.setdefault("revision", 1)
    return doc


def migrate(tables: Tables, version: int, name: str) -> Tables:
    """The file's tables brought to SCHEMA_VERSION (a new dict; the input is not changed)."""
    if version == SCHEMA_VERSION:
        return tables
    if version != 1:  # pragma: no cover - only version 1 exists before this one
        raise _bad(name, f"no migration from version {version}")
    sessions = table(tables, "sessions", name)
    return {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "app_version": __version__}},
        "group": table(tables, "group", name),
        "sessions": {k: _migrate_session_1(doc, name) for k, doc in sessions.items()},
        "summaries": {},
        "trash": {},
    }


def group_of(tables: Tables, name: str) -> Group:
    docs = list(table(tables, "group", name).values())
    if len(docs) != 1:
        raise _bad(name, f"it holds {len(docs)} group records instead of one")
    try:
        return Group.model_validate(docs[0])
    except ValidationError as error:
        raise _bad(name, f"group: {explain(error)}") from None


def session_from(doc: dict[str, Any], group: Group, name: str) -> Session:
    try:
        session = Session.model_validate(doc)
    except ValidationError as error:
        raise _bad(name, f"session {doc.get('id', '?')!s:.20}: {explain(error)}") from None
    if session.group_id != group.id:
        raise _bad(name, f"session {session.id} belongs to another group")
    return session


def sessions_of(tables: Tables, group: Group, name: str) -> list[Session]:
    with paused_gc():
        docs = table(tables, "sessions", name).values()
        sessions = [session_from(doc, group, name) for doc in docs]
    ids = [s.id for s in sessions]
    if len(set(ids)) != len(ids):
        raise _bad(name, "two sessions share an id")
    return sorted(sessions, key=lambda s: (s.part, s.date, s.id))


def summaries_of(tables: Tables, group: Group, name: str) -> list[SessionSummary]:
    """Listing summaries, from the stored ones when they match the session's revision;
    a missing or outdated summary is computed from the session (validating it)."""
    stored: dict[str, SessionSummary] = {}
    for doc in table(tables, "summaries", name).values():
        try:
            summary = SessionSummary.model_validate(doc)
        except ValidationError:
            continue  # recomputed below
        stored[summary.id] = summary
    result = []
    docs = table(tables, "sessions", name).values()
    if len({str(doc.get("id")) for doc in docs}) != len(docs):
        raise _bad(name, "two sessions share an id")
    for doc in docs:
        summary_or_none = stored.get(str(doc.get("id")))
        if summary_or_none is not None and _matches(summary_or_none, doc, group):
            result.append(summary_or_none)
        else:
            result.append(summarise(session_from(doc, group, name)))
    return sorted(result, key=lambda s: (s.part, s.date, s.id))


#: Fields a summary repeats from its session: a cheap check that the session's top level is
#: intact (its content is validated in full on load and on edit).
_REPEATED = ("id", "group_id", "part", "title", "facilitator", "follows", "revision")


def _matches(summary: SessionSummary, doc: dict[str, Any], group: Group) -> bool:
    return (
        summary.group_id == group.id
        and all(getattr(summary, key) == doc.get(key) for key in _REPEATED)
        and summary.date.isoformat() == doc.get("date")
        and summary.status.value == doc.get("status")
        and doc.keys() == _SESSION_KEYS
    )


_SESSION_KEYS = set(Session.model_fields)


def check_trash(tables: Tables, name: str) -> None:
    for doc_id, doc in table(tables, "trash", name).items():
        if not isinstance(doc.get("session"), dict):
            raise _bad(name, f"deleted session {doc_id} has no session in it")


def new_tables(group: Group) -> Tables:
    """The tables of a new group file."""
    return {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "app_version": __version__}},
        "group": {"1": group.model_dump(mode="json")},
        "sessions": {},
        "summaries": {},
        "trash": {},
    }
