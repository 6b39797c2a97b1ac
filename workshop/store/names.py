"""Safe file names for groups: whatever a group is called, its file lies inside the data folder.

A file is named `<slug>--<group id>.json`. The slug is only for people browsing the folder
(lowercase a-z, 0-9 and single dashes, never two in a row); the id after the first `--` makes
names distinct, since different names can share a slug. The name is fixed when the group is
created: renaming the group later does not move its file."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from workshop.errors import StoreError

SLUG_MAX = 40
SEPARATOR = "--"
SUFFIX = ".json"
LOCK_SUFFIX = ".lock"
#: A group id as the model allows it (ItemId).
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)--(?P<id>[A-Za-z0-9_-]{1,64})\.json$")


def slugify(name: str) -> str:
    """A short ascii form of a group name for its file name: 'Café Team!' → 'cafe-team'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    slug = slug[:SLUG_MAX].rstrip("-")
    return slug or "group"


def file_name(group_name: str, group_id: str) -> str:
    if not _ID.match(group_id):
        raise StoreError(f"'{group_id}' is not a valid group id")
    return f"{slugify(group_name)}{SEPARATOR}{group_id}{SUFFIX}"


def group_id_of(name: str) -> str | None:
    """The group id a file name carries, or None when the name is not a group file's."""
    match = _NAME.match(name)
    return match.group("id") if match else None


def inside(data_dir: Path, name: str) -> Path:
    """The path of `name` in the data folder, refusing anything that would land elsewhere."""
    if not name or "/" in name or "\x00" in name or name in {".", ".."}:
        raise StoreError(f"'{name}' is not a safe file name")
    if len(name.encode("utf-8")) > 255 - len(LOCK_SUFFIX) - 24:
        raise StoreError(f"'{name}' is too long for a file name")
    path = data_dir / name
    if path.resolve(strict=False).parent != data_dir.resolve(strict=False):
        raise StoreError(f"'{name}' would be outside the data folder")
    return path


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)
