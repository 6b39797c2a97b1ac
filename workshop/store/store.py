"""The data folder: one TinyDB file per group, listed, read, created and opened for editing."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from workshop import cache
from workshop.errors import (
    Ambiguous,
    NotFound,
    SaveFailed,
    StoreError,
    UnreadableFile,
    WorkshopError,
)
from workshop.store import schema
from workshop.store.durable import (
    atomic_write,
    create_exclusive,
    decode,
    encode,
    fsync_directory,
    head_of,
    paused_gc,
    read_bytes,
)
from workshop.store.names import file_name, group_id_of, inside, lock_path
from workshop.store.summary import GroupFile, GroupSummary, GroupVersion, ListedGroup

#: A file's identity, modification time and size (see Store.stamp_of).
FileStamp = tuple[int, int, int]
#: The data folder's lock for creating groups (see Store.creating_groups).
CREATING_LOCK = ".creating.lock"

#: Who holds a group's lock for one short step of the store (creating, retiring or restoring
#: a file): a command meeting it waits (workshop.cli.commands._edit), as it does for another
#: command, and never for the app, which holds a group for a whole workshop.
BRIEF_HOLDER = "workshop store"


TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see workshop.cli)
if TYPE_CHECKING:
    # Listing needs neither the editor (TinyDB) nor the model (pydantic): imported when used.
    from workshop.model.session import Group, Session
    from workshop.store.editor import GroupEditor

_StatKey = tuple[int, int, int, int]
#: `history.SPACING`, repeated so that listing need not import the history module.
HISTORY_SPACING = 300.0
#: Where retired groups' files go, inside the data folder (never listed: it starts with '.').
DELETED = ".deleted"
#: The form of a listing kept between runs (`Store.listing_cache`); a new one is never read
#: as an old one (nor is one kept by another version of the code, see `_code_release`).
LISTING_FORMAT = "listing-1"


def _code_release() -> object:
    """Which code made a kept listing: the store's own modules (its records, and how they
    are read from a file), as `workshop.cache.code_stamp` tells them apart."""
    return cache.code_stamp(Path(__file__).parent)


def default_data_dir() -> Path:
    """Where group files live: $WORKSHOP_DATA, else ./sessions under the current folder."""
    configured = os.environ.get("WORKSHOP_DATA")
    return Path(configured).expanduser() if configured else Path.cwd() / "sessions"


class Store:
    """The group files of one data folder. Reading never takes a lock; editing does."""

    def __init__(
        self,
        data_dir: Path,
        history_spacing: float = HISTORY_SPACING,
        listing_cache: Path | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.history_spacing = history_spacing
        self._listed: dict[Path, tuple[_StatKey, GroupSummary]] = {}
        #: Where the last listing of this folder is kept between runs (`workshop.cache`);
        #: None keeps it in memory only.
        self.listing_cache = listing_cache
        self._listing_read = False

    # -- finding files ---------------------------------------------------------------------

    def _files(self) -> list[Path]:
        try:
            entries = list(os.scandir(self.data_dir))
        except FileNotFoundError:
            return []
        except OSError as error:
            raise StoreError(f"cannot read the data folder: {error.strerror or error}") from None
        found = []
        for entry in entries:
            # temp files and .history start with '.', locks end in '.lock': never groups
            name = entry.name
            if name.startswith(".") or not name.endswith(".json") or group_id_of(name) is None:
                continue
            if entry.is_file(follow_symlinks=False):
                found.append((name, entry.path))
        # by name: the order of the paths (one folder), without comparing Path objects
        return [Path(path) for _, path in sorted(found)]

    def stamp_of(self, group_id: str) -> FileStamp | None:
        """What tells a group file's change at a glance, without reading it (identity, time,
        size); None when it cannot be looked at now. Readers that follow a file compare it."""
        try:
            info = self.path_of(group_id).stat()
        except (OSError, WorkshopError):
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def path_of(self, group_id: str) -> Path:
        """The file of a group; NotFound when there is none."""
        matches = [p for p in self._files() if group_id_of(p.name) == group_id]
        if not matches:
            raise NotFound(f"no group with id {group_id} in {self.data_dir}")
        if len(matches) > 1:
            names = ", ".join(p.name for p in matches)
            raise StoreError(f"several files hold group {group_id} ({names}); keep one")
        return matches[0]

    def _read(self, path: Path) -> schema.Tables:
        try:
            payload = read_bytes(path)
        except FileNotFoundError:
            raise NotFound(f"{path.name} no longer exists") from None
        tables = decode(payload, path.name)
        version = schema.schema_version(tables, path.name)
        return schema.migrate(tables, version, path.name)  # in memory only: reading never writes

    # -- reading ---------------------------------------------------------------------------

    def group_named(self, name: str) -> ListedGroup | None:
        """The readable group called `name` (spaces around it and case aside), if any."""
        wanted = name.strip().casefold()
        for summary in self.list_groups():
            if summary.group is not None and summary.group.name.strip().casefold() == wanted:
                return summary.group
        return None

    def list_groups(self) -> list[GroupSummary]:
        """Every group file with its sessions' summaries; a file that cannot be read is listed
        with its one-line error. Takes no lock and validates no whole session (stored
        summaries are used)."""
        result = []
        seen = set()
        kept = self._kept_listing()
        before = dict(self._listed)
        with paused_gc():  # every file's tables are garbage at once: collections are wasted
            for path in self._files():
                seen.add(path)
                result.append(self._summary(path))
        for gone in set(self._listed) - seen:
            del self._listed[gone]
        if kept is not None and self._listed != before:
            cache.save(*kept, self._listed)
        return sorted(
            _flag_copies(result),
            key=lambda g: (g.group is None, g.group.name.casefold() if g.group else g.path.name),
        )

    def _kept_listing(self) -> tuple[Path, str] | None:
        """Where this folder's listing is kept between runs, and the key it is kept under;
        the first time, what is kept there becomes this store's listing in memory (each
        file's summary stands only while the file's identity, times and size are unchanged,
        as in memory). None when no listing is kept."""
        if self.listing_cache is None:
            return None
        release = _code_release()
        if release is None:
            return None
        folder = str(self.data_dir.resolve())
        key = repr((LISTING_FORMAT, folder, release))
        where = self.listing_cache / cache.entry_name(key)
        if not self._listing_read:
            self._listing_read = True
            listed = cache.load(where, key)
            if isinstance(listed, dict):
                self._listed.update(
                    (path, entry)
                    for path, entry in listed.items()
                    if isinstance(path, Path)
                    and isinstance(entry, tuple)
                    and len(entry) == 2
                    and isinstance(entry[1], GroupSummary)
                )
        return where, key

    def _summary(self, path: Path) -> GroupSummary:
        try:
            info = path.lstat()
        except OSError as error:
            return GroupSummary(None, path, [], f"cannot read {path.name}: {error.strerror}")
        key = (info.st_ino, info.st_mtime_ns, info.st_size, info.st_ctime_ns)
        cached = self._listed.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            summary = self._listed_from_head(path) or self._listed_from_all(path)
        except (StoreError, NotFound) as error:
            summary = GroupSummary(None, path, [], str(error))
        if stat.S_ISREG(info.st_mode):
            self._listed[path] = (key, summary)
        return summary

    def _listed_from_head(self, path: Path) -> GroupSummary | None:
        """The listing of a file whose sessions are vouched as saved (by the digest `encode`
        keeps), from its stored summaries alone, without parsing the sessions. None when the
        file is not such a file or anything in it is unexpected."""
        try:
            head = head_of(read_bytes(path))
        except FileNotFoundError:
            raise NotFound(f"{path.name} no longer exists") from None
        if head is None or schema.schema_version(head, path.name) != schema.SCHEMA_VERSION:
            return None
        group = schema.listed_group_of(head, path.name)
        sessions = schema.stored_summaries(head, group.id, path.name)
        return None if sessions is None else GroupSummary(group, path, sessions)

    def _listed_from_all(self, path: Path) -> GroupSummary:
        tables = self._read(path)
        group = schema.listed_group_of(tables, path.name)
        return GroupSummary(group, path, schema.summaries_of(tables, group.id, path.name))

    def forget(self, path: Path) -> None:
        """Drop what is cached of a file (after this process changed it)."""
        self._listed.pop(path, None)

    def load_group(self, group_id: str) -> GroupFile:
        """A group and its sessions, without a lock; a bad file is refused (UnreadableFile).
        A file of an older format is migrated in memory only (it is written when next opened
        for editing). Sessions the file's fingerprints vouch for (saved by the store and
        unchanged since) are validated when first used; every other one is validated now."""
        path = self.path_of(group_id)
        tables = self._read(path)
        group = schema.group_of(tables, path.name)
        if group.id != group_id:
            raise UnreadableFile(f"{path.name} holds group {group.id}, not {group_id}")
        docs, validated = schema.checked_sessions(tables, group.id, path.name)
        schema.check_trash(tables, path.name)
        name = path.name
        return GroupFile(
            group, docs, path, lambda doc: schema.session_from(doc, group_id, name), validated
        )

    def find_session(self, ref: str) -> tuple[Group, Session]:
        """A session by id, or by a prefix of its id unique across every readable group."""
        return self.load_session(*self.locate_session(ref))

    def locate_session(self, ref: str) -> tuple[str, str]:
        """The group id and session id of `ref` (as find_session finds it), from the listing
        alone: nothing of the session is read or validated."""
        ref = ref.strip()
        if not ref:
            raise NotFound("no session id given")
        listed = self.list_groups()
        found = [(g.group.id, s.id) for g in listed if g.group for s in g.sessions]
        matches = [pair for pair in found if pair[1] == ref] or [
            pair for pair in found if pair[1].startswith(ref)
        ]
        if not matches:
            unreadable = sum(1 for g in listed if g.group is None)
            raise NotFound(
                f"no session matches '{ref}'"
                + (
                    f"; {unreadable} file{'s' if unreadable > 1 else ''} in the folder cannot "
                    "be read: `workshop list` says why"
                    if unreadable
                    else ""
                )
            )
        if len(matches) > 1:
            raise Ambiguous(ref, sorted(sid for _, sid in matches))
        return matches[0]

    def load_session(self, group_id: str, session_id: str) -> tuple[Group, Session]:
        """One session and its group, validating only that session (faster than load_group
        when a group holds many sessions). NotFound when it is not in the group."""
        path = self.path_of(group_id)
        tables = self._read(path)
        group = schema.group_of(tables, path.name)
        for doc in schema.table(tables, "sessions", path.name).values():
            if doc.get("id") == session_id:
                return group, schema.session_from(doc, group.id, path.name)
        raise NotFound(f"no session {session_id} in '{group.name}'")

    # -- writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def creating_groups(self, wait: float = 5.0) -> Iterator[None]:
        """Held while a group is looked up by name and created when missing: two commands at
        once both found no group of that name, and made two. A lock of the whole data folder
        (`.creating.lock`), waited for up to `wait` seconds; it is held for a moment only."""
        import fcntl
        import time

        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(
                self.data_dir / CREATING_LOCK,
                os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW,
                0o644,
            )
        except OSError as error:
            raise SaveFailed(
                f"cannot create a group in {self.data_dir}: {error.strerror or error}"
            ) from None
        try:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreError(
                            "another command is creating a group in this folder; try again"
                        ) from None
                    time.sleep(0.02)
            yield
        finally:
            os.close(fd)  # lets the lock go

    def create_group(self, group: Group) -> Path:
        """Write a new group file (no sessions yet); refuses a group id already in the folder."""
        if any(group_id_of(p.name) == group.id for p in self._files()):
            raise StoreError(f"a group with id {group.id} already exists")
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SaveFailed(
                f"cannot create the data folder {self.data_dir}: {error.strerror or error}"
            ) from None
        path = inside(self.data_dir, file_name(group.name, group.id))
        from workshop.store.lock import GroupLock  # here: listing never locks

        lock = GroupLock(lock_path(path), group.name)
        lock.acquire(BRIEF_HOLDER)
        try:
            create_exclusive(path, encode(schema.new_tables(group)))
        except FileExistsError:
            raise StoreError(f"{path.name} already exists") from None
        finally:
            lock.release()
        return path

    def retire_group(self, group_id: str) -> Path:
        """Take a group with no sessions off the list: its file moves, whole and unchanged, to
        `.deleted/` in the data folder (deleted sessions it keeps stay restorable by moving it
        back). Refused while anyone edits the group, or while it still has a session. Returns
        where the file went."""
        from workshop.store.lock import GroupLock  # here: listing never locks

        path = self.path_of(group_id)
        tables = self._read(path)
        group = schema.listed_group_of(tables, path.name)
        lock = GroupLock(lock_path(path), group.name)
        lock.acquire(BRIEF_HOLDER)
        try:
            # read again under the lock: a session may have been added since
            count = len(schema.summaries_of(self._read(path), group.id, path.name))
            if count:
                raise StoreError(
                    f"'{group.name}' still has {count} session{'s' * (count != 1)}: "
                    "delete them first"
                )
            folder = self.data_dir / DELETED
            target = folder / path.name
            stamp = 1
            while target.exists():
                target = folder / f"{path.stem}.{stamp}{path.suffix}"
                stamp += 1
            try:
                folder.mkdir(exist_ok=True)
                path.replace(target)
                fsync_directory(self.data_dir)
                fsync_directory(folder)
            except OSError as error:
                raise SaveFailed(
                    f"cannot move {path.name} to {DELETED}/: {error.strerror or error}"
                ) from None
        finally:
            lock.release()
        self.forget(path)
        return target

    def edit(self, group_id: str, holder: str | None = None) -> GroupEditor:
        """Open a group for editing: takes its lock now or raises LockedByOther."""
        from workshop.store.editor import GroupEditor

        return GroupEditor(
            self.path_of(group_id), holder, spacing=self.history_spacing, on_save=self.forget
        )

    # -- previous versions -----------------------------------------------------------------

    def versions(self, group_id: str) -> list[GroupVersion]:
        """The kept previous versions of a group's file, newest first."""
        from workshop.store import history

        return history.versions(self.path_of(group_id))

    def version_summary(self, version: GroupVersion) -> GroupSummary:
        """What a kept version holds, as a listing shows it (error set when unreadable)."""
        try:
            tables = decode(read_bytes(version.path), version.name)
            tables = schema.migrate(
                tables, schema.schema_version(tables, version.name), version.name
            )
            group = schema.listed_group_of(tables, version.name)
            return GroupSummary(
                group, version.path, schema.summaries_of(tables, group.id, version.name)
            )
        except (StoreError, OSError) as error:
            return GroupSummary(None, version.path, [], str(error))

    def restore_version(self, group_id: str, which: str | int = 0) -> GroupFile:
        """Put a kept version back (by name, or index in `versions()`, 0 = newest). Takes the
        lock; the current file is kept as a version first, so a restore can be undone too. Works
        even when the current file is unreadable."""
        from workshop.store import history

        path = self.path_of(group_id)
        kept = history.versions(path)
        if isinstance(which, int):
            if not 0 <= which < len(kept):
                raise NotFound(f"no kept version {which} of this group ({len(kept)} kept)")
            version = kept[which]
        else:
            named = [v for v in kept if v.name == which]
            if not named:
                raise NotFound(f"no kept version named {which}")
            version = named[0]
        tables = decode(read_bytes(version.path), version.name)
        tables = schema.migrate(tables, schema.schema_version(tables, version.name), version.name)
        group = schema.group_of(tables, version.name)
        sessions = schema.sessions_of(tables, group, version.name)
        if group.id != group_id:
            raise UnreadableFile(f"{version.name} holds another group")
        from workshop.store.lock import GroupLock  # here: listing never locks

        lock = GroupLock(lock_path(path), group.name)
        lock.acquire(BRIEF_HOLDER)
        try:
            try:
                history.keep(path, "restore")
            except OSError as error:
                raise SaveFailed(
                    f"could not keep the current version first: {error.strerror or error}"
                ) from None
            atomic_write(path, encode(tables))
        finally:
            lock.release()
            self.forget(path)
        return GroupFile.of(group, sessions, path)


def _flag_copies(listed: list[GroupSummary]) -> list[GroupSummary]:
    """A copy of a group file left in the folder (a backup, a file copied by hand) is listed
    as the error it is, never as the group again: its sessions were then listed twice, and
    every command found the same session "ambiguous" however much of its id was typed. Files
    named for the same group are all flagged (which to keep is the user's call; opening the
    group refuses them too), and so is a file named for another group than it holds."""
    flagged: dict[Path, str] = {}
    by_name: dict[str, list[GroupSummary]] = {}
    for summary in listed:
        named = group_id_of(summary.path.name)
        if named is not None:
            by_name.setdefault(named, []).append(summary)
    for group_id, files in by_name.items():
        if len(files) > 1:
            names = ", ".join(sorted(f.path.name for f in files))
            for summary in files:
                flagged[summary.path] = f"several files hold group {group_id} ({names}); keep one"
    for summary in listed:
        if summary.group is None or summary.path in flagged:
            continue
        named = group_id_of(summary.path.name)
        if named is not None and named != summary.group.id:
            flagged[summary.path] = (
                f"{summary.path.name} holds group {summary.group.id}, not {named} as its name "
                "says: a copy of another group's file? Move it out of the folder"
            )
    if not flagged:
        return listed
    return [
        GroupSummary(None, g.path, [], flagged[g.path]) if g.path in flagged else g for g in listed
    ]
