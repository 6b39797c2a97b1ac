"""Writing exports to files: safe names whatever the group is called, never a silent overwrite.

A file is named `<slug>-part<N>-<session date>-<kind>.md`, the slug an ascii form of the group's
name: two parts held the same day get names of their own, and a number after the kind only ever
means another copy of the same document.
Without `force` an existing file is kept and the export takes the next free name (`…-2.md`,
`…-3.md`); the name is claimed with a hard link, which fails if it exists, so two exports at
once cannot take the same name. With `force` the file is replaced atomically (temp + rename)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from workshop.export.render import KINDS, ExportError, ExportKind, NeedsEarlier, render
from workshop.model.session import Group, Session

SLUG_MAX = 40
#: How many numbered names to try before giving up (a folder with 1,000 copies is a mistake).
MAX_COPIES = 1000


def slugify(name: str) -> str:
    """A short ascii form of a group's name: 'Café Team!' → 'cafe-team' ('group' if nothing
    ascii is left). A long name is cut between words where it can be ('…-customer', not
    '…-customer-servi')."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[: SLUG_MAX + 1]
        between = cut.rfind("-")
        slug = cut[:between] if between >= SLUG_MAX // 2 else slug[:SLUG_MAX]
    return slug.rstrip("-") or "group"


def file_stem(group: Group, session: Session, kind: ExportKind) -> str:
    """'riverside-council-part2-2026-11-30-strategy'."""
    return f"{slugify(group.name)}-part{session.part}-{session.date.isoformat()}-{kind}"


def resolve_kinds(kinds: Iterable[str] | str, has_earlier: bool) -> list[ExportKind]:
    """The kinds asked for, in order, without repeats. "all" means every kind that applies:
    the progress report only when there is an earlier session."""
    asked = [kinds] if isinstance(kinds, str) else list(kinds)
    result: list[ExportKind] = []
    for kind in asked:
        if kind == "all":
            wanted = [k for k in KINDS if k != "progress" or has_earlier]
        elif kind in KINDS:
            wanted = [kind]
        else:
            raise ExportError(
                f"'{kind}' is not a kind of export; choose one of {', '.join(KINDS)} or all"
            )
        result.extend(k for k in wanted if k not in result)
    if not result:
        raise ExportError("No kind of export was asked for")
    return result


def write_exports(
    kinds: Iterable[str] | str,
    group: Group,
    session: Session,
    earlier: Session | None,
    out_dir: Path,
    force: bool = False,
) -> list[Path]:
    """Render each kind and write it into `out_dir` (created if needed); returns the paths
    written, in order. Every document is rendered before any file is written, so a failure
    leaves no partial set. Raises ExportError (one line) when a file cannot be written."""
    wanted = resolve_kinds(kinds, earlier is not None)
    if "progress" in wanted and earlier is None:
        raise NeedsEarlier(
            "A progress report compares two sessions: this session follows no earlier one"
        )
    documents = [(kind, render(kind, group, session, earlier)) for kind in wanted]
    folder = _folder(out_dir)
    return [
        _write(folder, file_stem(group, session, kind), text, force) for kind, text in documents
    ]


def _folder(out_dir: Path) -> Path:
    try:
        # resolve first: 'a/x/../b' must not leave an empty 'a/x' behind outside the folder
        folder = out_dir.resolve(strict=False)
        folder.mkdir(parents=True, exist_ok=True)
        folder = folder.resolve(strict=True)
    except FileExistsError:
        raise ExportError(
            f"Cannot write exports to {out_dir}: it is a file, not a folder"
        ) from None
    except OSError as error:
        raise ExportError(f"Cannot create the folder {out_dir}: {error.strerror}") from None
    if not folder.is_dir():
        raise ExportError(f"Cannot write exports to {out_dir}: it is not a folder")
    return folder


def _inside(folder: Path, name: str) -> Path:
    """`name` in `folder`, refusing anything that would land elsewhere."""
    path = folder / name
    if "/" in name or "\\" in name or name.startswith(".") or path.parent != folder:
        raise ExportError(f"'{name}' is not a safe file name")
    return path


def _write(folder: Path, stem: str, text: str, force: bool) -> Path:
    # Lone surrogates cannot be encoded; show them as '?' rather than fail the export.
    content = text.encode("utf-8", errors="replace")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".export-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ExportError(f"Cannot write to {folder}: {error.strerror}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(0o644)  # mkstemp makes 0600; an export is meant to be shared
        if force:
            target = _inside(folder, f"{stem}.md")
            temp.replace(target)
            return target
        return _claim(folder, stem, temp)
    except OSError as error:
        raise ExportError(f"Cannot write the export to {folder}: {error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _claim(folder: Path, stem: str, temp: Path) -> Path:
    """Give the finished temp file the first free name; an existing file is never touched."""
    for number in range(1, MAX_COPIES + 1):
        name = f"{stem}.md" if number == 1 else f"{stem}-{number}.md"
        target = _inside(folder, name)
        try:
            os.link(temp, target)  # fails if the name is taken, even by a broken symlink
        except FileExistsError:
            continue
        except OSError:
            # A file system without hard links: claim the name exclusively, then fill it.
            try:
                os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            except FileExistsError:
                continue
            temp.replace(target)
        return target
    raise ExportError(f"{folder} already holds {MAX_COPIES} copies of {stem}.md; tidy it first")
