"""Fixtures for every TUI test: a store in a temporary data folder, small factories for groups
and sessions, an app factory, and a fixed clock with no blinking cursor, so that Pilot runs and
snapshots are deterministic."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import pytest
from textual.app import App
from textual.reactive import Reactive
from textual.widgets import Input, TextArea

from workshop.model import base as model_base
from workshop.model.session import Group, Participant, Session, SessionStatus
from workshop.store import ListedGroup, Store
from workshop.tui.app import WorkshopApp

#: The instant every test runs at (updated_at, created_at…) and the facilitator's "today".
FIXED_NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)
FIXED_TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def steady_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed clock and cursors that do not blink: the same frame every run."""
    monkeypatch.setattr(model_base, "now", lambda: FIXED_NOW)
    monkeypatch.setattr("workshop.tui.screens.home_changes.today", lambda: FIXED_TODAY)
    for widget in (Input, TextArea):
        blink = widget.__dict__["cursor_blink"]
        assert isinstance(blink, Reactive)
        monkeypatch.setattr(blink, "_default", False)


@pytest.fixture
def store(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A Store on the test's own empty data folder (see tests/conftest.py), named by the
    relative path 'sessions' from the test's temporary folder, so that the folder shown on
    screen is the same in every run."""
    monkeypatch.chdir(data_dir.parent)
    return Store(Path(data_dir.name))


class SessionFactory(Protocol):
    def __call__(
        self,
        group_name: str = ...,
        *,
        organisation: str = ...,
        group_id: str | None = ...,
        session_id: str | None = ...,
        part: int = ...,
        date: dt.date = ...,
        title: str = ...,
        facilitator: str = ...,
        participants: Sequence[str] = ...,
        status: SessionStatus = ...,
        fill: Callable[[Session], None] | None = ...,
    ) -> tuple[Group | ListedGroup, Session]: ...


@pytest.fixture
def make_session(store: Store) -> SessionFactory:
    """Create a session through the store (its group too, unless a group of that id or name
    exists); returns the group and the session as saved. `fill(session)` may add items
    before it is saved. Pass ids for stable snapshots."""

    def make(
        group_name: str = "Riverside Council Customer Service",
        *,
        organisation: str = "",
        group_id: str | None = None,
        session_id: str | None = None,
        part: int = 1,
        date: dt.date = FIXED_TODAY,
        title: str = "",
        facilitator: str = "",
        participants: Sequence[str] = (),
        status: SessionStatus = SessionStatus.PLANNED,
        fill: Callable[[Session], None] | None = None,
    ) -> tuple[Group | ListedGroup, Session]:
        existing = [
            g.group
            for g in store.list_groups()
            if g.group and (g.group.id == group_id or (not group_id and g.group.name == group_name))
        ]
        group: Group | ListedGroup
        if existing:
            group = existing[0]
        else:
            extra: dict[str, Any] = {"id": group_id} if group_id else {}
            group = Group(name=group_name, organisation=organisation, **extra)
            store.create_group(group)
        session = Session(
            group_id=group.id,
            part=part,
            date=date,
            title=title,
            facilitator=facilitator,
            status=status,
            participants=[Participant(name=name) for name in participants],
            **({"id": session_id} if session_id else {}),
        )
        if fill is not None:
            fill(session)
        with store.edit(group.id) as editor:
            saved = editor.add_session(session)
        return group, saved

    return make


class AppFactory(Protocol):
    def __call__(self, session_ref: str | None = ..., read_only: bool = ...) -> WorkshopApp: ...


@pytest.fixture
def app_factory(store: Store) -> Iterator[AppFactory]:
    """Build the app on the test's store, animations off. Use with `app.run_test(size=...)`."""

    def build(session_ref: str | None = None, read_only: bool = False) -> WorkshopApp:
        app = WorkshopApp(store, session_ref=session_ref, read_only=read_only)
        app.animation_level = "none"
        return app

    yield build


async def until(pilot: Any, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `condition` holds (a busy machine, or a timer on its own clock,
    takes longer than a fixed pause), then a moment more for what follows it to be laid out;
    fails with the condition still false after `timeout` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not so after {timeout} s")
        await pilot.pause(0.05)
    await pilot.pause(0.1)


def screen_now(app: App[Any]) -> object:
    """The app's screen as it is now, for an identity check made after an await: read through
    this, the type checker does not carry over what an earlier check found (nor narrow the
    screen it is compared with)."""
    return app.screen


def quit_while_mounting(monkeypatch: pytest.MonkeyPatch, part: type) -> None:
    """Have the app quit as `part` (a widget class) is mounted, the rest of the screen being
    mounted meanwhile, or removed: what a quit landing while a screen is built does. The
    part's own mount handler still runs after (an inherited one is called by Textual anyway)."""
    own = part.__dict__.get("_on_mount")

    async def quitting(self: Any, event: object) -> None:
        self.app.exit()
        await asyncio.sleep(0.2)
        if own is not None:
            result = own(self, event)
            if inspect.isawaitable(result):
                await result

    monkeypatch.setattr(part, "_on_mount", quitting, raising=False)
