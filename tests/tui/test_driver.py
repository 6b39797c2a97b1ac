"""The app in a real terminal, sent a stray SIGCONT (`kill -CONT`, a profiler letting go of
it): the terminal must be left as it was found once the app quits, not in raw mode."""

from __future__ import annotations

import os
import signal
import sys
import termios
import time
from pathlib import Path

import pytest

from benchmarks.terminal import Terminal
from workshop.tui.app import WorkshopApp
from workshop.tui.driver import SteadyLinuxDriver

CTRL_Q = b"\x11"
START = "from workshop.cli import main; raise SystemExit(main())"


def echo_and_lines(fd: int) -> tuple[bool, bool]:
    local_modes = termios.tcgetattr(fd)[3]
    return bool(local_modes & termios.ECHO), bool(local_modes & termios.ICANON)


def quit_and_wait(terminal: Terminal) -> None:
    """ctrl+q, then wait for the program to have ended (its side of the pty closed)."""
    terminal.press(CTRL_Q)
    deadline = time.monotonic() + 20
    while not terminal.ended and time.monotonic() < deadline:
        time.sleep(0.02)


def app_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "TERM": "xterm-256color", "WORKSHOP_DATA": str(tmp_path / "sessions")}


@pytest.mark.parametrize("sigcont", [0, 1, 3], ids=["none", "once", "thrice"])
def test_the_terminal_is_left_as_it_was_after_a_stray_sigcont(tmp_path: Path, sigcont: int) -> None:
    with Terminal([sys.executable, "-c", START], app_env(tmp_path)) as terminal:
        before = echo_and_lines(terminal.fd)
        assert before == (True, True)
        terminal.wait_for([b"strategy workshop, live"], timeout=60)
        for _ in range(sigcont):
            os.kill(terminal.pid, signal.SIGCONT)
            time.sleep(0.2)
        quit_and_wait(terminal)
        assert terminal.ended
        assert echo_and_lines(terminal.fd) == before  # echo and line editing given back
    assert terminal.status == 0


def test_the_app_runs_on_the_steady_driver_where_textual_would_use_its_linux_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert WorkshopApp.get_driver_class(WorkshopApp.__new__(WorkshopApp)) is SteadyLinuxDriver


def test_a_suspend_and_resume_still_gives_the_app_back(tmp_path: Path) -> None:
    """SIGTSTP then SIGCONT (a shell's ctrl+z, then `fg`): the app leaves the terminal while
    stopped, takes it back, draws itself again and quits leaving it as it was."""
    with Terminal([sys.executable, "-c", START], app_env(tmp_path)) as terminal:
        before = echo_and_lines(terminal.fd)
        terminal.wait_for([b"strategy workshop, live"], timeout=60)
        shown = len(terminal.output)
        os.kill(terminal.pid, signal.SIGTSTP)
        time.sleep(0.5)
        assert echo_and_lines(terminal.fd) == before  # given back while stopped
        os.kill(terminal.pid, signal.SIGCONT)
        terminal.wait_for([b"strategy workshop, live"], timeout=20, start=shown)  # drawn again
        quit_and_wait(terminal)
        assert terminal.ended and echo_and_lines(terminal.fd) == before
    assert terminal.status == 0


@pytest.mark.parametrize("ending", [signal.SIGHUP, signal.SIGTERM], ids=["hangup", "terminate"])
def test_a_closed_terminal_or_a_kill_keeps_what_was_typed(tmp_path: Path, ending: int) -> None:
    """The terminal closed (a dropped SSH link) or `kill` with words typed in a capture line:
    the process died at once, and the words with it. It now leaves as a quit does."""
    from datetime import date

    from workshop.model import Group, Session
    from workshop.store import Store

    store = Store(tmp_path / "sessions")
    group = Group(name="Night shift")
    store.create_group(group)
    with store.edit(group.id) as editor:
        made = editor.add_session(Session(group_id=group.id, date=date(2026, 5, 1)))
    argv = [sys.executable, "-c", START, "open", made.id]
    with Terminal(argv, app_env(tmp_path)) as terminal:
        terminal.wait_for([b"Capture: type and press Enter"], timeout=60)
        time.sleep(0.5)  # the capture line has the focus
        terminal.press(b"Typed then the line dropped")
        time.sleep(0.3)
        os.kill(terminal.pid, ending)
        deadline = time.monotonic() + 20
        while not terminal.ended and time.monotonic() < deadline:
            time.sleep(0.05)
        assert terminal.ended
    _, saved = store.find_session(made.id)
    assert [e.text for e in saved.research.expectations] == ["Typed then the line dropped"]
