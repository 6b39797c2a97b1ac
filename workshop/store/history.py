"""Previous versions of group files, kept under `<data folder>/.history/<file stem>/`.

Every save replaces the group file with a new inode and never writes into the old one, so
keeping a version is a hard link to the old inode: instant, and the old bytes stay exactly as
they were. A small rotating set is kept, spaced in time; a version is always kept before a
migration (never rotated away), a delete and a restore."""

# ruff: noqa: PTH208  (a plain listing of names is all that is needed)

from __future__ import annotations

import contextlib
import errno
import os
from datetime import UTC, datetime
from pathlib import Path

from workshop.store.durable import fsync_directory
from workshop.store.summary import GroupVersion

HISTORY = ".history"
#: Rotating versions kept per group (versions kept before a migration are kept as well).
KEEP = 6
#: A routine save keeps a version only when the newest is older than this (seconds).
SPACING = 300.0
#: Reasons whose versions are never rotated away.
PERMANENT = ("migration",)
_STAMP = "%Y%m%dT%H%M%S%fZ"


def folder(path: Path) -> Path:
    return path.parent / HISTORY / path.stem


def versions(path: Path) -> list[GroupVersion]:
    """The kept versions of a group file, newest first."""
    try:
        names = os.listdir(folder(path))
    except OSError:
        return []
    found = []
    for name in names:
        stamp, _, rest = name.partition("-")
        try:
            saved_at = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        reason = rest.removesuffix(".json").split(".")[0]
        found.append(GroupVersion(name, folder(path) / name, saved_at, reason))
    return sorted(found, key=lambda v: v.name, reverse=True)


def due(path: Path, spacing: float) -> bool:
    """Whether a routine save should keep the current file as a version first."""
    recent = [v for v in versions(path) if v.reason not in PERMANENT]
    if not recent:
        return True
    age = (_now() - recent[0].saved_at).total_seconds()
    return age >= spacing or age < 0


def keep(path: Path, reason: str) -> Path | None:
    """Keep the current group file as a version (a hard link, or a copy where links fail).
    Returns None when there is no file yet. Raises OSError."""
    if not path.exists():
        return None
    target_folder = folder(path)
    for part in (path.parent / HISTORY, target_folder):
        # a link planted in the data folder must not carry copies (or prunes) elsewhere
        if part.is_symlink():
            raise OSError(errno.ELOOP, "a link, not a folder, in the data folder", str(part))
    target_folder.mkdir(parents=True, exist_ok=True)
    stamp = _now().astimezone(UTC).strftime(_STAMP)
    import secrets
    import shutil

    target = target_folder / f"{stamp}-{reason}.{secrets.token_hex(2)}.json"
    try:
        os.link(path, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(path, target, follow_symlinks=False)
        with open(target, "rb") as copied:  # noqa: PTH123 - an fd to fsync
            os.fsync(copied.fileno())
    fsync_directory(target_folder)
    _prune(path)
    return target


def _prune(path: Path) -> None:
    """Thin the rotating versions to KEEP, spread over time: keep the newest and the oldest,
    and drop the one whose neighbours are closest relative to its age, so the set reaches
    back from minutes to hours and days rather than holding only the last few minutes."""
    rotating = [v for v in versions(path) if v.reason not in PERMANENT]  # newest first
    current = _now()

    def crowding(i: int) -> tuple[float, int]:
        span = (rotating[i - 1].saved_at - rotating[i + 1].saved_at).total_seconds()
        age = max((current - rotating[i].saved_at).total_seconds(), 1.0)
        return span / age, -i  # on a tie thin the older ones

    while len(rotating) > KEEP:
        crowded = min(range(1, len(rotating) - 1), key=crowding)
        with contextlib.suppress(OSError):
            rotating[crowded].path.unlink()
        del rotating[crowded]


def _now() -> datetime:
    # the model's clock (tests patch it), imported when first needed: listing never needs it
    from workshop.model import base as model_base

    return model_base.now()
