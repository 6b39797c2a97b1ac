"""The import/dump format: one session and its group as a JSON document, checked in full.

Pure: text in, models out. The command line reads and writes the files."""

from __future__ import annotations

import json
from typing import Literal

from pydantic import Field, ValidationError

from workshop.errors import InvalidInput
from workshop.model.base import Model
from workshop.model.fields import explain
from workshop.model.sections import SECTIONS, references
from workshop.model.session import Group, Session

FORMAT = "service-strategy-workshop/session"
#: Bumped when the format changes in a way an older reader cannot understand.
TRANSFER_SCHEMA_VERSION = 1


class SessionTransfer(Model):
    """One workshop session with its group, as `workshop dump` writes it and `workshop import`
    reads it."""

    format: Literal["service-strategy-workshop/session"] = Field(
        default="service-strategy-workshop/session",
        description="Always 'service-strategy-workshop/session'.",
    )
    schema_version: int = Field(
        default=TRANSFER_SCHEMA_VERSION,
        ge=1,
        description="Version of this format; a newer one than the app knows is refused.",
    )
    group: Group = Field(description="The group the session belongs to.")
    session: Session = Field(description="The session: its steps, items and facilitation.")


def dump_session(group: Group, session: Session) -> str:
    """The session and its group as pretty JSON, keys in the model's order (stable)."""
    transfer = SessionTransfer(group=group, session=session)
    return json.dumps(transfer.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def load_transfer(text: str) -> SessionTransfer:
    """A transfer document read and checked in full: JSON syntax, format, version, every field,
    and the references between items. Raises InvalidInput with a one-line reason."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise InvalidInput("not valid JSON: nested too deeply") from None
    if not isinstance(raw, dict):
        raise InvalidInput("not a workshop session: expected a JSON object at the top")
    if raw.get("format") != FORMAT:
        raise InvalidInput(f"not a workshop session: 'format' must be '{FORMAT}'")
    version = raw.get("schema_version")
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and version > TRANSFER_SCHEMA_VERSION
    ):
        raise InvalidInput(
            f"written by a newer version of the app (format version {version}; this one "
            f"reads up to {TRANSFER_SCHEMA_VERSION}); update the app to import it"
        )
    try:
        transfer = SessionTransfer.model_validate(raw)
    except ValidationError as error:
        raise InvalidInput(explain(error)) from None
    except RecursionError:
        raise InvalidInput("nested too deeply to be a workshop session") from None
    problem = reference_problem(transfer)
    if problem:
        raise InvalidInput(problem)
    return transfer


def reference_problem(transfer: SessionTransfer) -> str | None:
    """The first broken reference or repeated id in a transfer, as one line (None: all good)."""
    session = transfer.session
    if session.group_id != transfer.group.id:
        return (
            f"session → group_id: '{session.group_id}' is not the group's id '{transfer.group.id}'"
        )
    if session.follows == session.id:
        # its progress report would compare it with itself
        return f"session → follows: a session cannot follow itself ('{session.id}')"
    participants = [p.id for p in session.participants]
    if len(set(participants)) != len(participants):
        return "participants: the same id is used twice"
    ids: dict[str, set[str]] = {}
    for section in SECTIONS:
        seen: set[str] = set()
        for item in section.items(session):
            if item.id in seen:
                return f"{section.title}: the id '{item.id}' is used twice"
            seen.add(item.id)
        ids[section.key] = seen
    for section in SECTIONS:
        for item in section.items(session):
            if item.raised_by is not None and item.raised_by not in participants:
                return (
                    f"{section.title} → {item.id} → raised_by: no participant has the id "
                    f"'{item.raised_by}'"
                )
            for spec in section.fields:
                if spec.ref is None:
                    continue
                for ref in references(item, spec):
                    if ref not in ids[spec.ref]:
                        return (
                            f"{section.title} → {item.id} → {spec.name}: no item in "
                            f"{spec.ref.replace('_', ' ')} has the id '{ref}'"
                        )
    return None


def transfer_schema() -> str:
    """The JSON Schema of the import format, pretty-printed."""
    return json.dumps(SessionTransfer.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
