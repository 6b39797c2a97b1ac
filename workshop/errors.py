"""Errors a person can cause. The faces turn each into one clear line; a traceback means a bug."""

from __future__ import annotations

from datetime import datetime


class WorkshopError(Exception):
    """Base of every error the user can cause or must be told about."""


class InvalidInput(WorkshopError):
    """Something typed or imported does not fit the model (the message names the field)."""


class NotFound(WorkshopError):
    """No group or session matches what was asked for."""


class Ambiguous(WorkshopError):
    """A session id prefix matches more than one session."""

    def __init__(self, prefix: str, matches: list[str]) -> None:
        self.prefix = prefix
        self.matches = matches
        shown = ", ".join(matches[:5]) + (" …" if len(matches) > 5 else "")
        super().__init__(
            f"'{prefix}' matches {len(matches)} sessions ({shown}); type more of the id"
        )


class StoreError(WorkshopError):
    """A group file could not be read or written."""


class UnreadableFile(StoreError):
    """A group file is corrupt, of the wrong shape, or cannot be read. It is left untouched."""


class NewerSchema(StoreError):
    """A group file written by a newer version of the app. It is left untouched."""


class SaveFailed(StoreError):
    """A save did not reach the disk; the previous file is intact and the edit is still held."""


class StaleRevision(StoreError):
    """A save was based on an older revision of the session than the one on disk."""


class LockedByOther(StoreError):
    """Another editor holds the group's lock."""

    def __init__(self, group: str, holder: str, since: datetime | None) -> None:
        self.group = group
        self.holder = holder
        self.since = since
        when = f" since {since:%Y-%m-%d %H:%M}" if since else ""
        super().__init__(f"'{group}' is being edited by {holder}{when}; it can be opened read-only")


class ReadOnly(WorkshopError):
    """An edit was attempted on a session opened for review."""
