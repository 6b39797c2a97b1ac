"""What the app keeps to start faster and can always work out again: the CSS it parsed, the
last listing of each data folder, the model's validation schemas. Never data: it lives in the
user's cache folder, every entry is stored with the key it was made for and checked against it
when read, and an entry that cannot be read (absent, damaged, from another version of the
code) is worked out afresh. A folder that cannot be written is passed over; the folder can be
deleted at any time. Entries unused for a month are removed (`prune`)."""

from __future__ import annotations

import os
import time
import zlib
from pathlib import Path

#: Where the cache is kept (else `$XDG_CACHE_HOME`, else ~/.cache); "off" keeps none.
CACHE_ENV = "WORKSHOP_CACHE_DIR"
APP_FOLDER = "service-strategy-workshop"

DAY = 24 * 3600
#: An entry neither written nor read for this long is removed by the next save in its folder:
#: one kept for older code (an upgrade, another theme) or a data folder no longer used.
UNUSED_FOR = 30 * DAY
#: A `.part` file this old is a write cut short (its process was killed).
ABANDONED_AFTER = 3600


def cache_folder(part: str) -> Path | None:
    """The folder of one kind of cached thing ("css", "listing"), or None when turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return None if chosen == "off" else Path(chosen) / part
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / APP_FOLDER / part


def code_stamp(*paths: Path) -> tuple[tuple[str, int, int], ...] | None:
    """Which code made a cached thing: each Python file of `paths` (a folder stands for its
    own `.py` files), with when it was written and its size. Any install, upgrade, checkout
    or edit of that code changes it. None when the code cannot be looked at (no source files:
    then nothing is cached)."""
    stamp = []
    try:
        for path in paths:
            if path.suffix == ".py":
                info = path.stat()
                stamp.append((str(path), info.st_mtime_ns, info.st_size))
                continue
            for entry in os.scandir(path):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    stamp.append((entry.path, info.st_mtime_ns, info.st_size))
    except OSError:
        return None
    return tuple(sorted(stamp)) or None


def entry_name(key: str) -> str:
    """A file name for `key` (a checksum: two keys may share one, which `load` tells apart)."""
    data = key.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.pickle"


def load(path: Path, key: str) -> object | None:
    """What `save` kept at `path` for `key`; None when there is nothing usable there."""
    import pickle  # (here, not above: `workshop list` imports this module, and is quick)

    value: object
    try:
        kept_key, value = pickle.loads(path.read_bytes())
    except Exception:  # absent, unreadable, truncated, from another version: work it out
        return None
    if kept_key != key:
        return None
    _mark_used(path)
    return value


def _mark_used(path: Path) -> None:
    """Date an entry read today, at most once a day, so that `prune` keeps it."""
    try:
        if time.time() - path.stat().st_mtime > DAY:
            os.utime(path)
    except OSError:
        pass


def save(path: Path, key: str, value: object) -> None:
    """Keep `value` for `key` at `path`, whole or not at all; never raises (a read-only or
    full disk only means working it out again next time). Not `durable.atomic_write`: a
    cache lost in a crash is worked out again, and its fsyncs would cost a first start of
    the app some forty of them."""
    import pickle

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        # a name of this process's own (not tempfile: `workshop list` is quicker without it)
        part = path.with_name(f".{path.name}.{os.getpid()}.{id(data):x}.part")
        handle = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            part.replace(path)  # a reader never sees half of it
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    except Exception:
        return
    prune(path.parent)


def prune(folder: Path) -> None:
    """Remove the entries of `folder` unused for `UNUSED_FOR` and the `.part` files left by
    writes cut short; anything else in it is left alone. Never raises."""
    now = time.time()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.endswith(".pickle") and not name.startswith("."):
                    limit = UNUSED_FOR
                elif name.startswith(".") and name.endswith(".part"):
                    limit = ABANDONED_AFTER
                else:
                    continue
                try:
                    if now - entry.stat(follow_symlinks=False).st_mtime > limit:
                        Path(entry.path).unlink()
                except OSError:
                    continue
    except OSError:
        return
