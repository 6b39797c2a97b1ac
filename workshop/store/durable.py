"""Crash-safe file writes and fresh reads, and the TinyDB `Storage` built on them.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-save leaves half a file.
Here every save writes a temporary file in the same folder, fsyncs it, renames it over the
target and fsyncs the folder (the order fsync(2), ALICE and atomicwrites ask for). Readers
re-open the file on every read, so they see the old file or the new one, never a mix."""

# The os calls are deliberate: one descriptor per write, and tests inject faults into os.*.
# ruff: noqa: PTH105, PTH108, PTH208

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from workshop.errors import SaveFailed, UnreadableFile

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see workshop.cli)
if TYPE_CHECKING:
    import json
    from typing import Any

# orjson (which imports dataclasses, inspect, uuid…), hashlib and TinyDB are imported by the
# functions that use them: `workshop list` reads summaries with the standard `json` module and
# never needs the others. `DurableStorage` (TinyDB's Storage) lives in `workshop.store.storage`.

#: Mode of a new group file (an existing file keeps its own).
NEW_FILE_MODE = 0o644
#: A group file larger than this is refused rather than read into memory.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Marks a temporary file: `.<target name>.tmp-<random>`; hidden, so never listed as a group.
TEMP_MARK = ".tmp-"


class ReplacedButUnconfirmed(SaveFailed):
    """The new file was renamed into place but the folder's fsync failed: it may not survive a
    power cut. The caller was told the save failed; a retry writes it again."""


def temp_name(target: Path) -> str:
    import secrets  # here, not at the top: listing never writes

    return f".{target.name}{TEMP_MARK}{secrets.token_hex(4)}"


def leftover_temps(target: Path) -> list[Path]:
    """Temporary files a crashed save of `target` left behind."""
    prefix = f".{target.name}{TEMP_MARK}"
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return [target.parent / name for name in names if name.startswith(prefix)]


def _reason(error: OSError) -> str:
    if error.errno is not None and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # pragma: no cover - os.write raises rather than returning 0 on files
            raise OSError(errno.EIO, "nothing was written")
        view = view[written:]


def write_temp(target: Path, payload: bytes) -> Path:
    """Write `payload` to a new fsynced temporary file beside `target`, with target's mode
    (and owner, when running as root). Raises OSError; never leaves the temp behind."""
    try:
        existing: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise OSError(errno.EINVAL, "the group file is not a regular file (a link?)")
    temp = target.parent / temp_name(target)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    try:
        try:
            mode = stat.S_IMODE(existing.st_mode) if existing else NEW_FILE_MODE
            os.fchmod(fd, mode)
            if existing is not None and os.geteuid() == 0:
                # root editing someone's file must not take it away from them
                with contextlib.suppress(OSError):
                    os.fchown(fd, existing.st_uid, existing.st_gid)
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def atomic_write(target: Path, payload: bytes) -> None:
    """Replace `target` with `payload` durably and atomically: write → fsync(temp) → replace →
    fsync(folder). On any OS error raise SaveFailed with a one-line reason; unless the error
    came after the rename, `target` is byte-for-byte as it was, and no temp is left."""
    try:
        temp = write_temp(target, payload)
    except OSError as error:
        raise SaveFailed(
            f"could not save {target.name}: {_reason(error)}; the previous version is intact"
        ) from error
    try:
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise SaveFailed(
            f"could not save {target.name}: {_reason(error)}; the previous version is intact"
        ) from error
    try:
        fsync_directory(target.parent)
    except OSError as error:
        # A failed fsync is a failed save (fsyncgate): never report success after it.
        raise ReplacedButUnconfirmed(
            f"could not confirm the save of {target.name} reached the disk: {_reason(error)}"
        ) from error


def create_exclusive(target: Path, payload: bytes) -> None:
    """Write a new file durably; refuse (FileExistsError) if `target` already exists."""
    try:
        temp = write_temp(target, payload)
    except OSError as error:
        raise SaveFailed(f"could not create {target.name}: {_reason(error)}") from error
    try:
        os.link(temp, target)  # atomic, and fails rather than overwrite
    except FileExistsError:
        raise
    except OSError as error:
        raise SaveFailed(f"could not create {target.name}: {_reason(error)}") from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    try:
        fsync_directory(target.parent)
    except OSError as error:
        raise SaveFailed(
            f"could not confirm {target.name} reached the disk: {_reason(error)}"
        ) from error


def read_bytes(path: Path) -> bytes:
    """The file's bytes, through a freshly opened descriptor that never follows a link."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnreadableFile(
                f"{path.name} is a link; group files must be plain files"
            ) from None
        raise UnreadableFile(f"cannot read {path.name}: {_reason(error)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"{path.name} is not a plain file")
        if info.st_size > MAX_FILE_BYTES:
            raise UnreadableFile(
                f"{path.name} is too large to be a group file ({info.st_size:,} bytes)"
            )
        chunks = []
        while True:
            chunk = os.read(fd, max(info.st_size + 1, 65536))
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFile(f"cannot read {path.name}: {_reason(error)}") from None
    finally:
        with contextlib.suppress(OSError):  # the bytes are read; closing cannot change them
            os.close(fd)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off the cyclic garbage collector while a file's many objects are built: they are
    all alive afterwards, so collections run for nothing (a third of a large load's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def decode(payload: bytes, name: str) -> Any:
    """Parse a group file's JSON; a one-line UnreadableFile when it is not JSON."""
    if not payload.strip():
        raise UnreadableFile(f"{name} is empty; it is not a group file")
    import orjson

    try:
        with paused_gc():
            return orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        detail = str(error).split("\n")[0]
        raise UnreadableFile(
            f"{name} is not valid JSON ({detail}); it was left untouched"
        ) from None


#: In a file written by `encode`, the summaries and then the sessions come last, after these.
SUMMARIES_MARK = b',"summaries":'
SESSIONS_MARK = b',"sessions":'
#: The key of the digest of those last bytes, kept in the file's meta record.
TAIL_DIGEST = "tail_sha1"


def encode(value: Any) -> bytes:
    """A group file's JSON; SaveFailed for text JSON cannot hold (a lone UTF-16 surrogate).

    The summaries and the sessions are written last, and a digest of their exact bytes in the
    meta record: a listing can then read the summaries without parsing the sessions, knowing
    both are as saved together (see `head_of`). Any other value is written as it is."""
    import hashlib

    import orjson

    try:
        tables = value if isinstance(value, dict) else {}
        summaries, sessions, meta = (tables.get(k) for k in ("summaries", "sessions", "meta"))
        if not (
            isinstance(summaries, dict)
            and isinstance(sessions, dict)
            and isinstance(meta, dict)
            and len(meta) == 1
        ):
            return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)  # keys may be Step enums
        tail = SUMMARIES_MARK + dumps(summaries) + SESSIONS_MARK + dumps(sessions)
        [(meta_id, meta_doc)] = meta.items()
        head = {key: t for key, t in tables.items() if key not in ("summaries", "sessions")}
        head["meta"] = {meta_id: {**meta_doc, TAIL_DIGEST: hashlib.sha1(tail).hexdigest()}}
        return orjson.dumps(head, option=orjson.OPT_NON_STR_KEYS)[:-1] + tail + b"}"
    except orjson.JSONEncodeError as error:
        raise SaveFailed(f"could not save: {error}; nothing was written") from None


def dumps(value: Any) -> bytes:
    """JSON of `value`: at orjson's full speed when every key is text (as in a document read
    from a file, or made by the editor), with OPT_NON_STR_KEYS (several times slower) when
    some key is not. orjson.JSONEncodeError for what JSON cannot hold."""
    import orjson

    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


def head_of(payload: bytes) -> dict[str, Any] | None:
    """Everything but the sessions of a file `encode` wrote, parsed, when the digest in it
    vouches that its summaries and sessions are exactly as saved together; None otherwise
    (then parse it all)."""
    start = payload.find(SUMMARIES_MARK)
    at = payload.find(SESSIONS_MARK, start + 1)
    if start < 0 or at < 0 or not payload.endswith(b"}"):
        return None
    head = _strict_loads(payload[:at] + b"}")
    meta = head.get("meta") if isinstance(head, dict) else None
    if not isinstance(meta, dict) or len(meta) != 1:
        return None
    [doc] = meta.values()
    digest = doc.get(TAIL_DIGEST) if isinstance(doc, dict) else None
    if type(digest) is not str:
        return None
    import hashlib

    if hashlib.sha1(memoryview(payload)[start:-1]).hexdigest() != digest:
        return None
    return dict(head)


#: What `_strict_loads` leaves to orjson: an escaped surrogate, an integer of 19 digits or more.
_SURROGATE = re.compile(rb"\\u[dD]")
_LONG_INTEGER = re.compile(rb"(?:^|[:,\[])[ \t\n\r]*-?[0-9]{19}")
#: Every digit as 0: a plain search of the result finds a run of digits before any regex.
_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_NINETEEN_DIGITS = b"0" * 19


def _strict_loads(payload: bytes) -> Any:
    """`payload` parsed by the standard `json` module (imported in a fraction of orjson's
    time) when orjson would read it to the same value; None whenever orjson might not: on an
    escaped surrogate (orjson refuses a lone one), an integer of 19 digits or more (orjson
    reads one beyond 64 bits as a float), NaN, an infinity, a byte-order mark, invalid UTF-8,
    any error. (Text in a string that merely looks like these only costs the slower way.) The
    caller then parses the whole file with orjson (`decode`), as before."""
    if b"\\u" in payload and _SURROGATE.search(payload) is not None:
        return None
    if _NINETEEN_DIGITS in payload.translate(_ZEROS) and _LONG_INTEGER.search(payload):
        return None
    global _decoder
    if _decoder is None:
        import json

        _decoder = json.JSONDecoder(parse_float=_finite, parse_constant=_refuse)
    try:
        # strict UTF-8 (no encoded surrogates, as orjson); a byte-order mark is not JSON
        return _decoder.decode(payload.decode("utf-8"))
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError included
        return None


_decoder: json.JSONDecoder | None = None


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):  # orjson refuses a number too large for a float
        raise ValueError(text)
    return value


def _refuse(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")  # NaN, Infinity: orjson refuses them


def __getattr__(name: str) -> Any:
    # `DurableStorage` moved to `workshop.store.storage` (it needs TinyDB, which listing must
    # not import); still importable from here.
    if name == "DurableStorage":
        from workshop.store.storage import DurableStorage

        return DurableStorage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
