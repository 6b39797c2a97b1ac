"""A program run in a real pseudo-terminal, watched the way a terminal emulator sees it.

The parent plays the terminal: it answers Textual's query for synchronized output (as kitty,
WezTerm, iTerm2 and recent xterm do), so every frame arrives wrapped in `ESC[?2026h … ESC[?2026l`
and the end of a frame can be timed from outside, without touching the app. Times are
`time.monotonic()` (CLOCK_MONOTONIC, one clock for every process on the machine)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import signal
import struct
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # "supported, currently off", as xterm answers
FRAME_END = b"\x1b[?2026l"
FRAME_START = b"\x1b[?2026h"
CTRL_Q = b"\x11"
DOWN = b"\x1b[B"


class TerminalError(RuntimeError):
    """The program did not show what was waited for in time (or ended early)."""


class Terminal:
    """Run `argv` on a new pty of `size` (columns, rows) with `env`; a thread drains its
    output, answers the sync query and notes the arrival time of every frame's end."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        size: tuple[int, int] = (120, 36),
        cwd: str | None = None,
    ) -> None:
        self.output = bytearray()
        self.frame_ends: list[tuple[int, float]] = []  # (offset after the end mark, when)
        self._arrivals: list[tuple[int, float]] = []  # (offset after a chunk, when it came)
        self._changed = threading.Condition()
        self.ended = False
        columns, rows = size
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before the program can ask, then become it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                if cwd:
                    os.chdir(cwd)
                os.execve(argv[0], list(argv), dict(env))
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.status: int | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- the output -----------------------------------------------------------------------

    def _read(self) -> None:
        scanned = 0
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: the program closed the terminal
                chunk = b""
            when = time.monotonic()
            with self._changed:
                if not chunk:
                    self.ended = True
                    self._changed.notify_all()
                    return
                self.output += chunk
                self._arrivals.append((len(self.output), when))
                # look back a little: a mark may be split across two reads
                if self.output.find(SYNC_QUERY, max(0, scanned - len(SYNC_QUERY) + 1)) != -1:
                    with contextlib.suppress(OSError):
                        os.write(self.fd, SYNC_REPLY)
                at = self.output.find(FRAME_END, max(0, scanned - len(FRAME_END) + 1))
                while at != -1:
                    self.frame_ends.append((at + len(FRAME_END), when))
                    at = self.output.find(FRAME_END, at + 1)
                scanned = len(self.output)
                self._changed.notify_all()

    def arrival(self, offset: int) -> float:
        """When the byte just before `offset` arrived."""
        for end, when in self._arrivals:
            if end >= offset:
                return when
        raise ValueError(offset)

    def wait_for(self, marks: Sequence[bytes], timeout: float = 30.0, start: int = 0) -> float:
        """The arrival time of the first of `marks` to appear after `start`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [at + len(m) for m in marks if (at := self.output.find(m, start)) != -1]
                if found:
                    return self.arrival(min(found))
                left = deadline - time.monotonic()
                if self.ended or left <= 0:
                    tail = bytes(self.output[-600:]).decode("utf-8", "replace")
                    state = "ended" if self.ended else f"showed nothing in {timeout:g} s"
                    raise TerminalError(f"{marks[0]!r} not seen; the program {state}: {tail!r}")
                self._changed.wait(left)

    def wait_frame(self, after: int, timeout: float = 10.0) -> float:
        """The arrival time of the end of the first frame ending after output offset `after`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for end, when in self.frame_ends:
                    if end > after:
                        return when
                left = deadline - time.monotonic()
                if self.ended or left <= 0:
                    raise TerminalError("no frame came after the key")
                self._changed.wait(left)

    def wait_quiet(self, quiet: float = 0.05, timeout: float = 5.0) -> None:
        """Wait until nothing has been written for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._changed:
                last = self._arrivals[-1][1] if self._arrivals else self.started
            idle = time.monotonic() - last
            if idle >= quiet:
                return
            time.sleep(quiet - idle)

    @property
    def synchronized(self) -> bool:
        """Whether the program wraps its frames (it answered our reply to its query)."""
        return FRAME_START in self.output

    # -- input and the end ----------------------------------------------------------------

    def press(self, keys: bytes) -> tuple[int, float]:
        """Type `keys`; returns the output offset and the time at that moment."""
        with self._changed:
            offset = len(self.output)
        when = time.monotonic()
        os.write(self.fd, keys)
        return offset, when

    def peak_rss(self) -> int:
        """The program's peak resident size so far, in bytes (VmHWM)."""
        with Path(f"/proc/{self.pid}/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        raise TerminalError("no VmHWM in /proc status")

    def close(self, timeout: float = 5.0) -> int:
        """Quit the program (ctrl+q, then SIGTERM, then SIGKILL) and reap it."""
        if self.status is None:
            with contextlib.suppress(OSError):
                os.write(self.fd, CTRL_Q)
            for sig in (None, signal.SIGTERM, signal.SIGKILL):
                if sig is not None:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(self.pid, sig)
                if self._reap(timeout):
                    break
        self._reader.join(timeout)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        assert self.status is not None
        return self.status

    def _reap(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return True
            time.sleep(0.01)
        return False

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
