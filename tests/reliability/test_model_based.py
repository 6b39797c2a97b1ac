"""Promise 10: the store behaves like a plain dict of sessions, whatever the sequence of saves,
edits, reopenings, failed saves, deletes, restores and follow-ups."""

from __future__ import annotations

import errno
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.reliability.helpers import FaultyOs, count
from workshop.errors import SaveFailed, StaleRevision
from workshop.model import Expectation, Group, Session, follow_up
from workshop.store import GroupEditor, Store, durable

texts = st.text(min_size=1, max_size=30)
# Draws pick sessions by their place in insertion-ordered dicts, never by sorted random ids, so
# that Hypothesis sees the same choices when it replays a case.


def content(session: Session) -> dict[str, Any]:
    return session.model_dump(mode="json")


class StoreLikeADict(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="store-machine-"))
        self.store = Store(self.folder)
        self.group = Group(name="Machine")
        self.store.create_group(self.group)
        self.editor: GroupEditor = self.store.edit(self.group.id)
        self.saved: dict[str, dict[str, Any]] = {}  # the model: what must be on disk
        self.trash: dict[str, dict[str, Any]] = {}
        self.copies: dict[str, Session] = {}  # what the app holds in memory

    def teardown(self) -> None:
        self.editor.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(title=texts)
    def add(self, title: str) -> None:
        saved = self.editor.add_session(
            Session(group_id=self.group.id, date=date(2026, 5, 12), title=title)
        )
        self.saved[saved.id] = content(saved)
        self.copies[saved.id] = saved

    @precondition(lambda self: self.copies)
    @rule(data=st.data(), text=texts)
    def edit_and_save(self, data: st.DataObject, text: str) -> None:
        sid = data.draw(st.sampled_from(list(self.copies)))
        copy = self.copies[sid]
        copy.research.expectations.append(Expectation(text=text))
        saved = self.editor.save_session(copy)
        self.saved[sid] = content(saved)
        self.copies[sid] = saved

    @precondition(lambda self: self.copies)
    @rule(data=st.data(), text=texts)
    def edit_only(self, data: st.DataObject, text: str) -> None:
        """An edit held in memory, not saved yet."""
        sid = data.draw(st.sampled_from(list(self.copies)))
        self.copies[sid].structure.mission = text

    @precondition(lambda self: self.copies)
    @rule(data=st.data(), where=st.sampled_from(["open", "write", "fsync", "replace"]))
    def failed_save(self, data: st.DataObject, where: str) -> None:
        """A save hit by a disk fault changes nothing on disk; the copy is kept."""
        sid = data.draw(st.sampled_from(list(self.copies)))
        faulty = FaultyOs()
        faulty.errno = errno.ENOSPC
        faulty.fail_names = {where}
        faulty.when = lambda name, args: name != "open" or ".tmp-" in str(args[0])
        real, durable.os = durable.os, faulty  # type: ignore[attr-defined, assignment]
        try:
            with pytest.raises(SaveFailed):
                self.editor.save_session(self.copies[sid])
        finally:
            durable.os = real  # type: ignore[attr-defined]

    @precondition(lambda self: any(c.revision > 1 for c in self.copies.values()))
    @rule(data=st.data())
    def stale_save(self, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from([s for s, c in self.copies.items() if c.revision > 1]))
        stale = self.copies[sid].model_copy(update={"revision": self.copies[sid].revision - 1})
        with pytest.raises(StaleRevision):
            self.editor.save_session(stale)

    @rule()
    def reopen(self) -> None:
        """Close and open again in a new Store (unsaved edits are lost, as after a restart)."""
        self.editor.close()
        self.store = Store(self.folder)
        self.editor = self.store.edit(self.group.id)
        loaded = {s.id: s for s in self.editor.sessions()}
        # In the model's order: ids are random, and draws must not depend on their order.
        self.copies = {sid: loaded[sid] for sid in self.saved}

    @precondition(lambda self: self.copies)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from(list(self.copies)))
        self.editor.delete_session(sid)
        self.trash[sid] = self.saved.pop(sid)
        del self.copies[sid]

    @precondition(lambda self: self.trash)
    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from(list(self.trash)))
        saved = self.editor.restore_session(sid)
        expected = self.trash.pop(sid)
        assert content(saved) | {"revision": 0, "updated_at": 0} == expected | {
            "revision": 0,
            "updated_at": 0,
        }
        self.saved[sid] = content(saved)
        self.copies[sid] = saved

    @precondition(lambda self: self.copies)
    @rule(data=st.data())
    def follow(self, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from(list(self.copies)))
        earlier = Session.model_validate(self.saved[sid])
        saved = self.editor.add_session(follow_up(earlier, date(2026, 11, 12)))
        assert saved.follows == sid
        self.saved[saved.id] = content(saved)
        self.copies[saved.id] = saved

    @invariant()
    def disk_equals_the_model(self) -> None:
        loaded = self.store.load_group(self.group.id)
        assert {s.id: content(s) for s in loaded.sessions} == self.saved
        [listed] = self.store.list_groups()
        assert {s.id: s.revision for s in listed.sessions} == {
            sid: doc["revision"] for sid, doc in self.saved.items()
        }


StoreLikeADict.TestCase.settings = settings(
    max_examples=count(25, 200),
    stateful_step_count=count(15, 40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.slow
class TestStoreLikeADict(StoreLikeADict.TestCase):  # type: ignore[valid-type, misc]
    """10. A Hypothesis state machine against a plain in-memory model."""
