"""What each command does: gather input, call the model and the store, print the result."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from workshop.cache import cache_folder
from workshop.cli import UsageError
from workshop.days import NotADay, read_day
from workshop.errors import InvalidInput, NotFound, WorkshopError
from workshop.store import Store, default_data_dir

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see workshop.cli)
if TYPE_CHECKING:
    from typing import Any

    # the model (pydantic) is imported by the commands that need it: `list` never does
    from workshop.model.session import Group, Session
    from workshop.store import GroupEditor, ListedGroup


def run(args: argparse.Namespace) -> int:
    """Dispatch to the command's function; returns the exit status."""
    data_dir = args.data_dir if args.data_dir is not None else default_data_dir()
    store = Store(data_dir, listing_cache=cache_folder("listing"))
    command: Callable[[Store, argparse.Namespace], int] = COMMANDS[args.command or "app"]
    return command(store, args)


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _named(text: str) -> str:
    """A name typed by someone, for one line of output: its control characters made visible
    (an escape sequence in a group's name restyled the terminal) and its lines joined."""
    from workshop.cli.listing import visible

    return visible(" ".join(text.splitlines()))


def parse_day(text: str | None, what: str = "--date") -> date:
    """A YYYY-MM-DD date, or today when none is given."""
    if text is None or not text.strip():
        return date.today()
    try:
        return read_day(text)
    except NotADay as error:
        raise UsageError(f"{what}: '{text.strip()}': {error}") from None


# -- the app ---------------------------------------------------------------------------------


def _start_app(store: Store, ref: str | None, read_only: bool) -> int:
    if ref is not None:
        # a clear line now, rather than in the app; the app reads the session itself
        _, ref = store.locate_session(ref)
    if not sys.stdin.isatty():
        # the app reads keys from the terminal: without one it would wait for ever
        raise UsageError("the app needs a terminal to read keys from (input is not one)")
    try:
        from workshop.tui import run as run_app
    except ImportError as error:
        raise WorkshopError(f"the app cannot start: {error}") from None
    return int(run_app(store.data_dir, ref, read_only))


def cmd_app(store: Store, args: argparse.Namespace) -> int:
    return _start_app(store, None, False)


def cmd_open(store: Store, args: argparse.Namespace) -> int:
    return _start_app(store, args.session, False)


def cmd_review(store: Store, args: argparse.Namespace) -> int:
    return _start_app(store, args.session, True)


# -- creating sessions -----------------------------------------------------------------------


#: How long a command waits for a group another command is editing (a script running
#: several, two people at once): such a lock is held for a moment. The app holds one for a
#: whole workshop, and is never waited for.
LOCK_WAIT = 5.0


def _edit(store: Store, group_id: str, holder: str) -> GroupEditor:
    """`store.edit`, waiting up to LOCK_WAIT for a lock another command holds."""
    import time

    from workshop.errors import LockedByOther
    from workshop.store.lock import UNKNOWN_HOLDER

    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            return store.edit(group_id, holder=holder)
        except LockedByOther as error:
            # another command, or the store's own brief steps (`workshop …`), or a lock being
            # taken or let go this instant (its record still empty): a moment's wait
            brief = error.holder.startswith("workshop ") or error.holder == UNKNOWN_HOLDER
            if not brief or time.monotonic() >= deadline:
                when = f" since {error.since:%Y-%m-%d %H:%M}" if error.since else ""
                raise WorkshopError(
                    f"'{error.group}' is being edited by {error.holder}{when}; nothing was "
                    "changed: try again once it is closed"
                ) from None
            time.sleep(0.05)


def _next_part(editor: GroupEditor) -> int:
    """The group's next part number, worked out under its lock: two commands at once read
    the same highest part outside it and both took the next."""
    return max((s.part for s in editor.sessions()), default=0) + 1


def cmd_new(store: Store, args: argparse.Namespace) -> int:
    from workshop.cli import ask
    from workshop.model.session import Group, Participant, Session

    answers = ask.new_session(store, args, store.group_named)
    with store.creating_groups():  # looked up and made as one step: not twice at once
        group: Group | ListedGroup | None = store.group_named(answers.group)
        if group is None:
            group = Group(name=answers.group.strip(), organisation=answers.organisation.strip())
            store.create_group(group)
    session = Session(
        group_id=group.id,
        date=answers.date,
        title=(args.title or "").strip(),
        facilitator=answers.facilitator.strip(),
        participants=[Participant(name=n.strip()) for n in answers.participants if n.strip()],
    )
    with _edit(store, group.id, "workshop new") as editor:
        session.part = _next_part(editor)
        saved = editor.add_session(session)
    _out(f"Created {saved.label} of '{_named(group.name)}' in {store.data_dir}")
    _out(saved.id)
    return 0


def cmd_follow_up(store: Store, args: argparse.Namespace) -> int:
    from workshop.model.follow_up import follow_up

    group, earlier = store.find_session(args.session)
    branch = _branch_note(store, group.id, earlier)
    asking = not args.no_input and sys.stdin.isatty()
    given = parse_day(args.date) if args.date is not None else None  # a bad one said first
    if branch and asking:
        from workshop.cli import ask

        ask.go_on(f"{branch}. Start another follow-up of it?")
    if given is not None:
        day = given
    elif asking:
        from workshop.cli import ask

        day = ask.follow_up_date(earlier)
    else:
        day = parse_day(None)
    with _edit(store, group.id, "workshop follow-up") as editor:
        # from the session as it is now, under the lock (it may have changed meanwhile)
        session = follow_up(editor.session(earlier.id), on=day)
        session.part = _next_part(editor)
        if args.title is not None:
            session.title = args.title.strip()
        saved = editor.add_session(session)
    _out(f"Created {saved.label} of '{_named(group.name)}', following {earlier.label}")
    if branch and not asking:  # asked, the person knows; a script is told on stderr
        sys.stderr.write(f"workshop: note: {branch}: this is another branch from it\n")
    _out(saved.id)
    return 0


def _branch_note(store: Store, group_id: str, earlier: Session) -> str:
    """Why a follow-up of `earlier` would start a branch ('' when it would not): the part
    already has a follow-up, or a later part exists (as the app's `f` asks). From the
    listing's summaries: no session is read whole for it."""
    summary = next((g for g in store.list_groups() if g.group and g.group.id == group_id), None)
    sessions = summary.sessions if summary is not None else []
    followers = sorted(s.part for s in sessions if s.follows == earlier.id)
    if followers:
        parts = ", ".join(str(p) for p in followers)
        which = f"part {parts}" if len(followers) == 1 else f"parts {parts}"
        return f"part {earlier.part} already has a follow-up ({which})"
    latest = max((s.part for s in sessions), default=earlier.part)
    if latest > earlier.part:
        return f"part {earlier.part} is not the latest part (part {latest} is)"
    return ""


# -- reading ---------------------------------------------------------------------------------


def cmd_list(store: Store, args: argparse.Namespace) -> int:
    groups = store.list_groups()
    if args.json:
        listing: list[dict[str, Any]] = [
            {
                "id": g.group.id if g.group else None,
                "name": g.group.name if g.group else None,
                "organisation": g.group.organisation if g.group else None,
                "path": str(g.path),
                "error": g.error,
                "sessions": [
                    {
                        "id": s.id,
                        "date": s.date.isoformat(),
                        "part": s.part,
                        "status": s.status,
                        "title": s.title,
                        "facilitator": s.facilitator,
                        "follows": s.follows,
                    }
                    for s in sorted(g.sessions, key=lambda s: (s.part, s.date))
                ],
            }
            for g in groups
        ]
        import json

        _out(json.dumps(listing, indent=2, ensure_ascii=False))
        return 0
    from workshop.cli.listing import print_groups

    print_groups(groups, store.data_dir)
    return 0


def cmd_show(store: Store, args: argparse.Namespace) -> int:
    from workshop.cli import show
    from workshop.model.base import Step

    group, session = store.find_session(args.session)
    show.print_session(group, session, Step(args.step) if args.step else None)
    return 0


def cmd_dump(store: Store, args: argparse.Namespace) -> int:
    from workshop.model.transfer import dump_session

    group, session = store.find_session(args.session)
    sys.stdout.write(dump_session(group, session))
    return 0


def cmd_schema(store: Store, args: argparse.Namespace) -> int:
    from workshop.model.transfer import transfer_schema

    sys.stdout.write(transfer_schema())
    return 0


def cmd_export(store: Store, args: argparse.Namespace) -> int:
    from workshop.export import render, resolve_kinds, write_exports

    group, session = store.find_session(args.session)
    earlier = None
    if session.follows:
        with contextlib.suppress(NotFound):
            _, earlier = store.load_session(group.id, session.follows)
    reason = "follows no earlier session" if not session.follows else "follows a session "
    if session.follows:
        reason += f"({session.follows}) that is no longer in the group"
    if args.kind == "progress" and earlier is None:
        raise WorkshopError(f"a progress report needs an earlier session: {session.id} {reason}")
    if args.stdout:
        kinds = resolve_kinds(args.kind, earlier is not None)
        _out("\n\n".join(render(kind, group, session, earlier).rstrip() for kind in kinds))
        return 0
    out_dir = args.out if args.out is not None else Path.cwd() / "exports"
    for path in write_exports(args.kind, group, session, earlier, out_dir, force=args.force):
        _out(f"Wrote {path}")
    if args.kind == "all" and earlier is None and sys.stdout.isatty():
        # "all" is every kind that applies: say which did not, rather than leave it to be
        # missed; to a person only (a script reads the files written, one a line)
        _out(f"No progress report: {session.label} {reason}")
    return 0


# -- import and the demo ---------------------------------------------------------------------


def _session_home(store: Store, session_id: str) -> tuple[ListedGroup, int] | None:
    """The group holding a session id, and the session's stored revision (None: nowhere)."""
    for summary in store.list_groups():
        for listed in summary.sessions:
            if summary.group is not None and listed.id == session_id:
                return summary.group, listed.revision
    return None


def _group_exists(store: Store, group_id: str) -> bool:
    try:
        store.path_of(group_id)
    except NotFound:
        return False
    return True


def cmd_import(store: Store, args: argparse.Namespace) -> int:
    from workshop.model.transfer import load_transfer

    source: Path = args.file
    try:
        # utf-8-sig: a file saved with a byte-order mark (as Windows editors do) is read too
        raw = sys.stdin.buffer.read() if str(source) == "-" else source.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"cannot import {source}: it is not UTF-8 text (byte {error.start + 1} is not); "
            "save it as UTF-8 and try again"
        ) from None
    try:
        transfer = load_transfer(text)
    except InvalidInput as error:
        raise InvalidInput(f"cannot import {source}: {error}") from None
    group, session = transfer.group, transfer.session
    home = _session_home(store, session.id)
    if home is not None:
        if home[0].id != group.id:
            raise WorkshopError(
                f"session {session.id} is already in another group, '{home[0].name}'"
            )
        if not args.replace:
            raise WorkshopError(
                f"session {session.id} is already in '{home[0].name}'; "
                "use --replace to overwrite it with the file's version"
            )
    created: Path | None = None
    if not _group_exists(store, group.id):
        created = store.create_group(group)
    try:
        with _edit(store, group.id, "workshop import") as editor:
            others = [s for s in editor.sessions() if s.id != session.id]
            notes = []
            if any(s.part == session.part for s in others):
                # two "Part 2"s in one group read as one: a new session takes the group's
                # next number, a replaced one keeps its own (given at its first import)
                taken = session.part
                mine = editor.session(session.id).part if home is not None else None
                session.part = mine if mine is not None else _next_part(editor)
                notes.append(
                    f"Part {taken} was taken in this group: imported as Part {session.part}"
                )
            if session.follows is not None and all(s.id != session.follows for s in others):
                notes.append(
                    f"it follows session {session.follows}, which is not in this group: its "
                    "review has nothing to compare with until that session is imported too"
                )
            if home is None:
                saved = editor.add_session(session)
            else:
                current = editor.session(session.id)
                # what it replaces is kept as a version, whatever the last one's age
                saved = editor.save_session(
                    session.model_copy(update={"revision": current.revision}), keep="import"
                )
            renamed = args.replace and editor.group != group and created is None
            if renamed:
                editor.save_group(group)
            stored_name = editor.group.name
    except BaseException:
        # never leave half an import: a group file made for this import goes again
        if created is not None:
            _remove_unused_group(store, group.id, created)
        raise
    # the group as it is now in the folder: without --replace the file's own name for it (a
    # rename in the file) is not taken, and must not be printed as if it were
    _out(f"Imported {saved.label} of '{_named(stored_name)}' into {store.data_dir}")
    for note in notes:
        sys.stderr.write(f"workshop: note: {note}\n")
    if renamed:
        _out("The group's name and organisation were replaced by the file's (--replace)")
    if home is not None:
        _out(f"The session it replaced is kept: workshop versions {saved.id} lists it")
    _out(saved.id)
    return 0


def _remove_unused_group(store: Store, group_id: str, path: Path) -> None:
    """Remove a group file made for an import that failed: under its lock, and only while it
    holds no session. Another import may have found the file meanwhile and be adding to it;
    removed under that one, its session was written into a file without its group."""
    with (
        contextlib.suppress(WorkshopError, OSError),
        store.edit(group_id, holder="workshop import") as editor,
    ):
        if not editor.sessions():
            path.unlink()


def cmd_demo(store: Store, args: argparse.Namespace) -> int:
    from workshop.model.demo import DEMO_GROUP_ID, build_demo

    group, sessions = build_demo(date.today())
    if not _group_exists(store, DEMO_GROUP_ID):
        store.create_group(group)
        with _edit(store, group.id, "workshop demo") as editor:
            for session in sessions:
                editor.add_session(session)
    elif not args.force:
        raise WorkshopError(
            f"the demo group is already in {store.data_dir}; "
            "use 'workshop demo --force' to replace it"
        )
    else:
        with _edit(store, group.id, "workshop demo") as editor:
            editor.save_group(group)
            wanted = {s.id for s in sessions}
            for old in editor.sessions():
                if old.id not in wanted:
                    editor.delete_session(old.id)
            stored = {s.id: s.revision for s in editor.sessions()}
            for session in sessions:
                if session.id in stored:
                    editor.save_session(session.model_copy(update={"revision": stored[session.id]}))
                else:
                    editor.add_session(session)
    first, second = sessions[0], sessions[-1]
    _out(f"Created the demo group '{group.name}' in {store.data_dir}:")
    _out(f"  {first.id}  {first.label}  {first.title}")
    _out(f"  {second.id}  {second.label}  {second.title}")
    _out("")
    _out("Try next:")
    hints = [
        ("workshop list", "the groups and their sessions"),
        (f"workshop show {second.id}", "the six-month review, step by step"),
        (f"workshop export {second.id} --kind progress --stdout", "what moved since part 1"),
        (f"workshop review {first.id}", "part 1 in the app, read-only"),
        ("workshop", "open the app"),
    ]
    width = max(len(command) for command, _ in hints) + 3
    for command, what in hints:
        _out(f"  {command:<{width}}{what}")
    return 0


# -- previous versions (in `history`, imported only by these two) ------------------------------


def cmd_versions(store: Store, args: argparse.Namespace) -> int:
    from workshop.cli import history

    return history.cmd_versions(store, args)


def cmd_restore(store: Store, args: argparse.Namespace) -> int:
    from workshop.cli import history

    return history.cmd_restore(store, args)


COMMANDS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "app": cmd_app,
    "new": cmd_new,
    "list": cmd_list,
    "show": cmd_show,
    "open": cmd_open,
    "review": cmd_review,
    "follow-up": cmd_follow_up,
    "export": cmd_export,
    "dump": cmd_dump,
    "import": cmd_import,
    "schema": cmd_schema,
    "demo": cmd_demo,
    "versions": cmd_versions,
    "restore": cmd_restore,
}
