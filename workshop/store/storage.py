"""TinyDB's `Storage` over one group file, built on the crash-safe writes of `durable`.

Apart from `durable` so that reading (listing above all) never imports TinyDB."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from workshop.errors import NotFound, UnreadableFile
from workshop.store.durable import atomic_write, decode, encode, read_bytes


class DurableStorage(Storage):
    """TinyDB storage over one group file: atomic durable writes, fresh reads.

    Inside `hold()` (one operation of the editor), the parsed content is cached against the
    exact bytes last read or written, so TinyDB's read-per-step costs one file read and a
    byte comparison rather than a parse; outside, nothing of the file stays in memory (an
    open 10,000-item session would otherwise be kept twice: as the app's model and as these
    tables). Inside `batch()`, writes are held in memory and land as one atomic save at the
    end."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._bytes: bytes | None = None
        self._parsed: dict[str, Any] | None = None
        self._pending: dict[str, Any] | None = None
        self._batching = False
        self._holds = 0

    def read(self) -> dict[str, Any] | None:
        if self._pending is not None:
            return self._pending
        try:
            payload = read_bytes(self.path)
        except FileNotFoundError:
            # TinyDB reads None as an empty database and would then write only the tables it
            # changed: a file removed under an editor must not come back without its group
            raise NotFound(f"{self.path.name} was removed while it was being edited") from None
        if self._parsed is not None and payload == self._bytes:
            return self._parsed
        parsed = decode(payload, self.path.name)
        if not isinstance(parsed, dict):
            raise UnreadableFile(f"{self.path.name} is not a group file (not a JSON object)")
        if self._holds:
            self._bytes, self._parsed = payload, parsed
        return parsed

    def write(self, data: dict[str, Any]) -> None:
        if self._batching:
            self._pending = data
            return
        self._save(data)

    def _save(self, data: dict[str, Any]) -> None:
        try:
            payload = encode(data)
            atomic_write(self.path, payload)
        except BaseException:
            self.forget()  # TinyDB changed the cached tables in place before writing
            raise
        if self._holds:
            self._bytes, self._parsed = payload, data
        else:
            self.forget()

    def forget(self) -> None:
        """Drop the cache; the next read parses the file again."""
        self._bytes = self._parsed = None

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Keep the file parsed until the block ends (blocks nest); then let it go."""
        self._holds += 1
        try:
            yield
        finally:
            self._holds -= 1
            if not self._holds:
                self.forget()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Hold writes until the block ends, then save once (all or nothing)."""
        if self._batching:
            yield
            return
        self._batching = True
        try:
            yield
        except BaseException:
            self._pending = None
            self.forget()
            raise
        finally:
            self._batching = False
        pending, self._pending = self._pending, None
        if pending is not None:
            self._save(pending)

    def close(self) -> None:
        self.forget()
