"""The layout of a group file, its schema versions, checks and migrations.

Version 2 (current) — a TinyDB file with five tables, each `{doc_id: document}`:
  meta       one document: {"schema_version": 2, "app_version": "0.1.0"}
  group      one document: the Group
  sessions   one document per session: the Session as JSON
  summaries  one per session: SessionSummary (counts and completeness for listings), and the
             `fingerprint` of its session's document as saved (see `vouched`)
  trash      deleted sessions: {"deleted_at": iso time, "session": {...}}; undo moves them back

The store writes `summaries` and `sessions` last, with `tail_sha1` in the meta record: the
SHA-1 of their exact bytes (`durable.encode`), so that a listing reads the summaries without
parsing the sessions when the digest vouches both are as saved; any other file (hand-edited,
damaged, older) is parsed in full. Readers accept either order, and older versions of the
app ignore the extra key.

Version 1 (files written before versions were recorded) — no `meta` table; `group` as above;
`sessions` documents as in version 2 except: no `revision` (becomes 1), `participants` a list
of plain names (each becomes a Participant with an id derived from the session id and its
place, so reading the file twice gives the same ids) and `notes` one text for the whole
session (kept as the research step's notes). There were no summaries and no trash.

Every check raises UnreadableFile or NewerSchema with one line; nothing here writes.

The model (and pydantic) is imported only by the functions that validate: listing a folder
checks the group and the stored summaries by hand and never needs it."""

from __future__ import annotations

from collections.abc import Mapping

from workshop import __version__
from workshop.errors import NewerSchema, UnreadableFile
from workshop.store.durable import dumps, paused_gc
from workshop.store.summary import (
    SESSION_KEYS,
    ListedGroup,
    SessionSummary,
    listed_group,
    listed_session,
    summarise,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see workshop.cli)
if TYPE_CHECKING:
    from typing import Any

    from workshop.model.session import Group, Session

    Tables = dict[str, Any]
else:
    Tables = dict

SCHEMA_VERSION = 2


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
    import hashlib  # here, as orjson below: listing needs neither

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
    doc["notes"] = {"research": notes} if notes.strip() else {}
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


def _group_doc(tables: Tables, name: str) -> dict[str, Any]:
    docs = list(table(tables, "group", name).values())
    if len(docs) != 1:
        raise _bad(name, f"it holds {len(docs)} group records instead of one")
    return docs[0]


def group_of(tables: Tables, name: str) -> Group:
    """The group, validated by the model."""
    from pydantic import ValidationError

    from workshop.model.fields import explain
    from workshop.model.session import Group
    from workshop.store.validators import validate

    doc = _group_doc(tables, name)
    try:
        return validate(Group, doc)
    except ValidationError as error:
        raise _bad(name, f"group: {explain(error)}") from None


def listed_group_of(tables: Tables, name: str) -> ListedGroup:
    """The group as a listing shows it, checked by hand (no model)."""
    listed = listed_group(_group_doc(tables, name))
    if isinstance(listed, str):
        raise _bad(name, listed)
    return listed


def session_from(doc: dict[str, Any], group_id: str, name: str) -> Session:
    """A session document validated by the model; UnreadableFile with one line if it fails."""
    from pydantic import ValidationError

    from workshop.model.base import compact
    from workshop.model.fields import explain
    from workshop.model.session import Session
    from workshop.store.validators import validate

    try:
        session = validate(Session, doc)
    except ValidationError as error:
        raise _bad(name, f"session {doc.get('id', '?')!s:.20}: {explain(error)}") from None
    if session.group_id != group_id:
        raise _bad(name, f"session {session.id} belongs to another group")
    compact(session)  # about half the memory of a session as validated
    return session


def session_docs(tables: Tables, group_id: str, name: str) -> dict[str, dict[str, Any]]:
    """The sessions' documents by id, their top level checked (an id, unique, of this group)
    without validating their content."""
    docs: dict[str, dict[str, Any]] = {}
    for doc in table(tables, "sessions", name).values():
        session_id = doc.get("id")
        if type(session_id) is not str:
            raise _bad(name, "a session has no id")
        if session_id in docs:
            raise _bad(name, "two sessions share an id")
        if doc.get("group_id") != group_id:
            raise _bad(name, f"session {session_id:.20} belongs to another group")
        docs[session_id] = doc
    return docs


def fingerprint(doc: Mapping[str, Any]) -> str:
    """A digest of a session's document as the file holds it. A session saved by the store
    was validated first; the digest stored beside it vouches it was not changed since."""
    import hashlib

    import orjson

    try:
        encoded = dumps(doc)
    except orjson.JSONEncodeError:
        return ""  # vouches for nothing; saving such a session fails with its own reason
    return hashlib.sha1(encoded).hexdigest()


def vouched(tables: Tables, docs: Mapping[str, dict[str, Any]], name: str) -> set[str]:
    """Ids of the sessions whose document matches the fingerprint stored in its summary: they
    can be validated when first used. Any other session (edited or damaged outside the app,
    or saved by an older version) must be validated before the file is accepted."""
    stored = {
        doc.get("id"): doc.get("fingerprint") for doc in table(tables, "summaries", name).values()
    }
    with paused_gc():
        return {
            sid
            for sid, doc in docs.items()
            if type(stored.get(sid)) is str and stored[sid] and stored[sid] == fingerprint(doc)
        }


def checked_sessions(
    tables: Tables, group_id: str, name: str
) -> tuple[dict[str, dict[str, Any]], dict[str, Session]]:
    """The sessions' documents by id, and those validated now: every session the file's
    fingerprints do not vouch for. Raises UnreadableFile when any of those is not valid."""
    docs = session_docs(tables, group_id, name)
    trusted = vouched(tables, docs, name)
    with paused_gc():
        validated = {
            sid: session_from(doc, group_id, name)
            for sid, doc in docs.items()
            if sid not in trusted
        }
    return docs, validated


def sessions_of(tables: Tables, group: Group, name: str) -> list[Session]:
    """Every session, validated, in order."""
    docs = session_docs(tables, group.id, name)
    with paused_gc():
        sessions = [session_from(doc, group.id, name) for doc in docs.values()]
    return sorted(sessions, key=lambda s: (s.part, s.date, s.id))


def summary_doc(session: Session, doc: Mapping[str, Any]) -> dict[str, Any]:
    """The stored summary of a session whose document (as saved) is `doc`."""
    return {**summarise(session).to_doc(), "fingerprint": fingerprint(doc)}


def summaries_of(tables: Tables, group_id: str, name: str) -> list[SessionSummary]:
    """Listing summaries, from the stored ones when they match the session's top level;
    a missing or outdated summary is computed from the session (validating it)."""
    stored: dict[str, SessionSummary] = {}
    for doc in table(tables, "summaries", name).values():
        summary = listed_session(doc)
        if summary is not None:
            stored[summary.id] = summary
    result = []
    docs = table(tables, "sessions", name).values()
    if len({str(doc.get("id")) for doc in docs}) != len(docs):
        raise _bad(name, "two sessions share an id")
    for doc in docs:
        summary_or_none = stored.get(str(doc.get("id")))
        if summary_or_none is not None and _matches(summary_or_none, doc, group_id):
            result.append(summary_or_none)
        else:
            result.append(summarise(session_from(doc, group_id, name)))
    return sorted(result, key=lambda s: (s.part, s.date, s.id))


def stored_summaries(tables: Tables, group_id: str, name: str) -> list[SessionSummary] | None:
    """The stored summaries, when every one is valid, of this group and of a distinct session
    (a file whose sessions are vouched as saved: see `durable.head_of`); None otherwise."""
    result = []
    for doc in table(tables, "summaries", name).values():
        summary = listed_session(doc)
        if summary is None or summary.group_id != group_id:
            return None
        result.append(summary)
    if len({s.id for s in result}) != len(result):
        return None
    return sorted(result, key=lambda s: (s.part, s.date, s.id))


#: Fields a summary repeats from its session: a cheap check that the session's top level is
#: intact (its content is validated in full on load and on edit).
_REPEATED = ("id", "group_id", "part", "title", "facilitator", "follows", "revision", "status")


def _matches(summary: SessionSummary, doc: dict[str, Any], group_id: str) -> bool:
    return (
        summary.group_id == group_id
        and all(getattr(summary, key) == doc.get(key) for key in _REPEATED)
        and summary.date.isoformat() == doc.get("date")
        and doc.keys() == SESSION_KEYS
    )


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
