"""The command line: `workshop …`. A thin face over the model and the store.

Start-up is kept light: Rich, questionary, the export templates and the app are imported only
by the commands that use them."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from workshop.errors import WorkshopError

__all__ = ["UsageError", "build_parser", "main"]

STEPS = ("research", "consult", "structure", "document")
KINDS = ("summary", "strategy", "progress", "all")


class UsageError(Exception):
    """The command was used wrongly (exit status 2); the message is one line."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its complaints turned into one clear line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see '{self.prog} --help')\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command and option."""
    parser = _Parser(
        prog="workshop",
        description="Run a customer-service strategy workshop, and review its progress later.",
        epilog="With no command, the app opens on the data folder.",
    )
    # --data-dir is accepted before or after the command; SUPPRESS keeps the later one from
    # resetting the earlier one to its default
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder of the group files (default: $WORKSHOP_DATA, else ./sessions)",
    )
    common = _Parser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, summary: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, description=summary, parents=[common])

    new = add("new", "start a new session (of a new group, or of the group with that name)")
    new.add_argument("--group", metavar="G", help="the group's name")
    new.add_argument("--organisation", metavar="O", help="the organisation (a new group only)")
    new.add_argument("--facilitator", metavar="F", help="who runs the session")
    new.add_argument(
        "--participant", metavar="P", action="append", default=[], help="someone in the room"
    )
    new.add_argument("--date", metavar="D", help="the day, YYYY-MM-DD (default: today)")
    new.add_argument("--no-input", action="store_true", help="never ask; report what is missing")

    listing = add("list", "the groups and their sessions")
    listing.add_argument("--json", action="store_true", help="as JSON, for scripts")

    show = add("show", "a session, readably, in the terminal")
    show.add_argument("session", metavar="SESSION", help="a session id or a unique prefix")
    show.add_argument("--step", choices=STEPS, help="only this step")

    for name, summary in (
        ("open", "open the app on a session"),
        ("review", "open a session read-only"),
        ("dump", "print a session as JSON (the import format)"),
    ):
        add(name, summary).add_argument(
            "session", metavar="SESSION", help="a session id or a unique prefix"
        )

    follow = add("follow-up", "start the next session from this one, carrying its work forward")
    follow.add_argument("session", metavar="SESSION", help="a session id or a unique prefix")
    follow.add_argument("--date", metavar="D", help="the day, YYYY-MM-DD (default: today)")
    follow.add_argument("--no-input", action="store_true", help="never ask; use the defaults")

    export = add("export", "write a session's Markdown documents")
    export.add_argument("session", metavar="SESSION", help="a session id or a unique prefix")
    export.add_argument("--kind", choices=KINDS, default="all", help="which document (all)")
    where = export.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="DIR", type=Path, help="folder to write to (./exports)")
    where.add_argument("--stdout", action="store_true", help="print instead of writing files")
    export.add_argument("--force", action="store_true", help="replace files of the same name")

    imported = add("import", "a session from a JSON file (checked in full first)")
    imported.add_argument("file", metavar="FILE", type=Path, help="a file written by dump")
    imported.add_argument(
        "--replace", action="store_true", help="overwrite a session with the same id"
    )

    versions = add("versions", "the kept previous versions of a group's file")
    versions.add_argument("ref", metavar="GROUP-OR-SESSION", help="a session or group id prefix")
    restore = add("restore", "put a previous version of a group's file back (undoable)")
    restore.add_argument("ref", metavar="GROUP-OR-SESSION", help="a session or group id prefix")
    restore.add_argument("version", metavar="VERSION", help="its number in `versions` (0: newest)")

    add("schema", "print the JSON Schema of the import format")
    demo = add("demo", "create a sample group with two sessions six months apart")
    demo.add_argument("--force", action="store_true", help="replace the demo group if present")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 done, 1 failed, 2 wrong usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    from workshop.cli import commands

    try:
        return commands.run(args)
    except UsageError as error:
        sys.stderr.write(f"workshop {args.command or ''}: {error}".replace("  ", " ") + "\n")
        return 2
    except WorkshopError as error:
        sys.stderr.write(f"workshop: {_one_line(str(error))}\n")
        return 1
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        sys.stderr.write(f"workshop: {error.strerror or error}{where}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("workshop: cancelled\n")
        return 1
    except Exception as error:
        # a bug, not the user's doing: still one line, unless asked for the whole story
        if os.environ.get("WORKSHOP_DEBUG"):
            raise
        sys.stderr.write(
            f"workshop: unexpected error ({type(error).__name__}: {_one_line(str(error))}); "
            "this is a bug — run again with WORKSHOP_DEBUG=1 to see where\n"
        )
        return 1


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "failed"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
