"""`versions` and `restore`: the kept previous versions of a group file, so a mistake can be
undone from the command line."""

from __future__ import annotations

import argparse
import sys

from workshop.errors import Ambiguous, NotFound
from workshop.store import GroupVersion, Store
from workshop.store.names import SEPARATOR, group_id_of, slugify


def group_of(store: Store, ref: str) -> str:
    """The id of the group that `ref` names: a session (id or prefix), a group's id or its
    file's name (a prefix of either, the file's in any case), or its whole name (any case).
    A group whose current file cannot be read is still found: by its id, its file name, its
    name as the file name spells it, or a session its kept versions hold, which is when
    `versions` and `restore` are needed most."""
    try:
        group, _ = store.find_session(ref)
        return group.id
    except NotFound:
        pass
    listed = [
        (gid, summary)
        for summary in store.list_groups()
        if (gid := group_id_of(summary.path.name)) is not None
    ]
    # A group's name counts whole (any case), never by its start: "Riverside Council", its
    # file cut in half, must not find "Riverside Council Housing" and restore that instead.
    # An unreadable file's name is known from its file name (the name's slug before "--").
    wanted, slug = ref.strip().casefold(), slugify(ref)
    matches = sorted(
        {
            gid
            for gid, summary in listed
            if gid.startswith(ref)
            or summary.path.name.casefold().startswith(wanted)
            or summary.path.name.partition(SEPARATOR)[0] == slug
            or (summary.group is not None and summary.group.name.strip().casefold() == wanted)
        }
    )
    if not matches:
        # a session of a file that cannot be read now, found in what was kept of it
        matches = sorted(
            {
                gid
                for gid, summary in listed
                if summary.group is None and _kept_session(store, gid, ref)
            }
        )
    if not matches:
        unreadable = sum(1 for _, summary in listed if summary.group is None)
        hint = (
            f"; {unreadable} file{'s' * (unreadable > 1)} in the folder cannot be read: "
            "`workshop list` names them, and the file's name finds its versions"
            if unreadable
            else ""
        )
        raise NotFound(f"no session or group matches '{ref}'{hint}")
    if len(matches) > 1:
        raise Ambiguous(ref, matches)
    return matches[0]


def _kept_session(store: Store, group_id: str, ref: str) -> bool:
    """Whether a kept version of the group holds a session whose id starts with `ref`."""
    for version in store.versions(group_id):
        summary = store.version_summary(version)
        if any(session.id.startswith(ref) for session in summary.sessions):
            return True
    return False


def cmd_versions(store: Store, args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    group_id = group_of(store, args.ref)
    kept = store.versions(group_id)
    console = Console()
    if not kept:
        console.print("No previous versions are kept of this group yet.")
        return 0
    table = Table(
        title=f"Previous versions of {store.path_of(group_id).name}", title_justify="left"
    )
    table.add_column("#", justify="right")
    table.add_column("Saved at (UTC)")
    table.add_column("Kept because")
    table.add_column("Holds")
    for index, version in enumerate(kept):
        table.add_row(
            str(index),
            f"{version.saved_at:%Y-%m-%d %H:%M:%S}",
            version.reason,
            _holds(store, version),
        )
    console.print(table)
    console.print("Put one back with: workshop restore GROUP-OR-SESSION #")
    return 0


def _holds(store: Store, version: GroupVersion) -> str:
    summary = store.version_summary(version)
    if summary.error is not None:
        return f"unreadable: {summary.error}"
    if not summary.sessions:
        return "no sessions"
    return "; ".join(
        f"part {s.part} {s.id[:6]}: {s.item_count} items, revision {s.revision}"
        for s in summary.sessions
    )


def cmd_restore(store: Store, args: argparse.Namespace) -> int:
    group_id = group_of(store, args.ref)
    which: str | int = int(args.version) if args.version.isdigit() else args.version
    restored = store.restore_version(group_id, which)
    sessions = ", ".join(f"{s.id} (part {s.part})" for s in restored.sessions) or "no sessions"
    sys.stdout.write(
        f"Restored '{restored.group.name}' as it was: {sessions}.\n"
        "The file it replaced is kept too: `workshop versions "
        f"{group_id}` lists it, should you want it back.\n"
    )
    return 0
