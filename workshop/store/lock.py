"""One editor per group: a kernel `flock` on `<group file>.lock`.

The lock is a separate file because every save replaces the group file with a new inode; a
lock on the old inode would protect nothing. `flock` dies with its process, so a crashed
editor never leaves a stale lock. The holder writes who it is and since when into the lock
file, so a refused editor can say who has the group."""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import os
import socket
from datetime import datetime
from pathlib import Path

import orjson

from workshop.errors import LockedByOther, StoreError

#: Who holds a lock whose record is empty: being taken or let go this instant (its holder
#: writes its name just after taking it, and clears it just before letting it go).
UNKNOWN_HOLDER = "another editor"


def default_holder() -> str:
    """Who this process is, as another editor is told: 'ana@laptop (pid 4242)'."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "someone"
    return f"{user}@{socket.gethostname()} (pid {os.getpid()})"


class GroupLock:
    """The editing lock of one group file. Not re-entrant: a second lock on the same file,
    even from this process, is refused."""

    def __init__(self, path: Path, group_name: str) -> None:
        self.path = path
        self.group_name = group_name
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, holder: str | None = None) -> None:
        """Take the lock now or raise LockedByOther (never waits)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        except OSError as error:
            raise StoreError(
                f"cannot open '{self.group_name}' for editing: {error.strerror or error}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who, since = self._read_holder(fd)
            os.close(fd)
            raise LockedByOther(self.group_name, who, since) from None
        except OSError as error:
            os.close(fd)
            raise StoreError(
                f"cannot lock '{self.group_name}' for editing: {error.strerror or error}"
            ) from None
        self._fd = fd
        text = holder if holder else default_holder()
        if holder and "pid" not in holder:
            text = f"{holder} (pid {os.getpid()})"
        from workshop.model import base as model_base  # the model's clock; tests patch it

        record = orjson.dumps({"holder": text, "since": model_base.now().isoformat()})
        # Who holds it is a courtesy to the next editor; failing to write it is not fatal.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, record, 0)

    @staticmethod
    def _read_holder(fd: int) -> tuple[str, datetime | None]:
        try:
            record = orjson.loads(os.pread(fd, 4096, 0))
            holder = str(record["holder"])
            since = datetime.fromisoformat(record["since"])
        except (OSError, ValueError, KeyError, TypeError):
            return UNKNOWN_HOLDER, None
        return holder, since

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
