"""Shared pieces of the reliability tests: counts, sessions of a given size, forked workers,
and an `os` stand-in that fails chosen calls."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from workshop.model import Action, Expectation, Group, Session, Stakeholder
from workshop.store import Store

#: WORKSHOP_FULL=1 runs the full counts of RELIABILITY.md; the default keeps CI quick.
FULL = os.environ.get("WORKSHOP_FULL") == "1"


def count(default: int, full: int) -> int:
    return full if FULL else default


def session_with_items(group_id: str, n: int) -> Session:
    """A session holding `n` items spread over three steps."""
    session = Session(group_id=group_id, date=date(2026, 5, 12), title="Part 1")
    for i in range(n):
        kind = i % 3
        if kind == 0:
            session.research.expectations.append(
                Expectation(text=f"item {i}", importance=1 + i % 5, performance=1 + (i * 7) % 5)
            )
        elif kind == 1:
            session.consult.stakeholders.append(Stakeholder(text=f"item {i}"))
        else:
            session.structure.actions.append(Action(text=f"item {i}", owner="Ana"))
    return session


def new_group_with_session(store: Store, name: str, n: int) -> tuple[Group, Session]:
    group = Group(name=name)
    store.create_group(group)
    with store.edit(group.id) as editor:
        saved = editor.add_session(session_with_items(group.id, n))
    return group, saved


def temps_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name)


def fork(child: Callable[[], None]) -> int:
    """Run `child` in a forked copy of this process; it never returns into pytest."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            child()
        except BaseException:
            traceback.print_exc(file=sys.stderr)
            code = 1
        finally:
            os._exit(code)
    return pid


def wait(pid: int) -> int:
    """The child's exit code (negative: killed by that signal)."""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    wait(pid)


class FaultyOs:
    """Stands in for the `os` module of workshop.store.durable: records every call made through
    it, and fails the calls a test chooses with a chosen errno."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.fail_at: int | None = None  # fail the N-th recorded call (1-based) …
        self.fail_names: set[str] = set()  # … or every call of these functions
        self.errno = errno.EIO
        self.when: Callable[[str, tuple[Any, ...]], bool] = lambda name, args: True
        self.failed = 0

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if not callable(real) or isinstance(real, type):
            return real

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args))
            due = self.fail_at == len(self.calls) or name in self.fail_names
            if due and self.when(name, args):
                self.failed += 1
                if name == "close":
                    real(*args, **kwargs)  # do not leak the descriptor
                raise OSError(self.errno, os.strerror(self.errno))
            return real(*args, **kwargs)

        return call

    def clear(self) -> None:
        self.fail_at = None
        self.fail_names = set()
        self.when = lambda name, args: True

    @contextlib.contextmanager
    def recording(self) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
        self.calls = []
        yield self.calls
