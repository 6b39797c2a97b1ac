"""What the home screen asks of the store: a new session, a follow-up. No Textual here."""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from workshop.errors import InvalidInput
from workshop.model.fields import explain
from workshop.model.session import Group, Participant, Session, SessionStatus
from workshop.store import Store
from workshop.tui.dialogs.new_session import NewSessionForm


def create_session(store: Store, form: NewSessionForm) -> tuple[str, str]:
    """Create the session the form describes (and its group, when new); returns the group's
    and the session's ids. A session in an existing group becomes its next part."""
    try:
        group_id = form.group_id
        if group_id is None:
            with store.creating_groups():  # a command may be making the same group this instant
                found = store.group_named(form.group_name)
                group_id = found.id if found is not None else None
                if group_id is None:
                    group = Group(name=form.group_name, organisation=form.organisation)
                    store.create_group(group)
                    group_id = group.id
        with store.edit(group_id) as editor:
            parts = [s.part for s in editor.sessions()]
            session = Session(
                group_id=group_id,
                part=max(parts, default=0) + 1,
                date=form.date,
                title=form.title,
                facilitator=form.facilitator,
                participants=[Participant(name=name) for name in form.participants],
            )
            saved = editor.add_session(session)
    except ValidationError as error:
        raise InvalidInput(explain(error)) from None
    return group_id, saved.id


def start_follow_up(
    store: Store, group_id: str, session_id: str, on: dt.date, title: str = ""
) -> Session:
    """Start the group's next session from `session_id`, carrying its work forward with the same
    item ids; it becomes the group's next part. Returns the saved session."""
    from workshop.model.follow_up import follow_up

    with store.edit(group_id) as editor:
        earlier = editor.session(session_id)
        later = follow_up(earlier, on)
        later.part = max(s.part for s in editor.sessions()) + 1
        if title:
            later.title = title
        return editor.add_session(later)


def toggle_closed(store: Store, group_id: str, session_id: str) -> Session:
    """Close a session (the workshop is over), or reopen a closed one as in progress. Returns
    the saved session; raises LockedByOther while someone has the group open."""
    with store.edit(group_id) as editor:
        session = editor.session(session_id)
        closed = session.status is SessionStatus.CLOSED
        session.status = SessionStatus.IN_PROGRESS if closed else SessionStatus.CLOSED
        return editor.save_session(session)
