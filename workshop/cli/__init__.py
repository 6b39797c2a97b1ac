"""The command line: `workshop …`. A thin face over the model and the store.

Start-up is kept light, for every command and for the app: Rich, questionary, the export
templates, the model and the app are imported only by the commands that use them, and the
arguments are parsed by a parser of only the commands they name (`parse`). `workshop list`
imports none of pydantic, orjson, dataclasses, TinyDB, Rich (for plain output) or typing:
tests/cli/test_startup.py holds it to that."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from workshop.errors import WorkshopError

# `typing` is imported only by type checkers: it takes longer to import than all of `workshop
# list` spends on its arguments (the store's modules on the listing's path do the same).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

__all__ = ["UsageError", "build_parser", "main", "parse"]

STEPS = ("research", "consult", "structure", "document")
KINDS = ("summary", "strategy", "progress", "all")


class UsageError(Exception):
    """The command was used wrongly (exit status 2); the message is one line."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its complaints turned into one clear line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see '{self.prog} --help')\n")
        raise SystemExit(2)


class _Retry(Exception):
    """The quick parser met something only the whole parser can answer (help, an error)."""


class _FixedWidthFormatter(argparse.HelpFormatter):
    """argparse's formatter without asking the terminal's size (and importing `shutil` to):
    the quick parser builds formatters only for argparse's own checks, never to print."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int = 80
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width)


class _QuickParser(_Parser):
    """A parser holding only the commands named in the arguments. It prints nothing and never
    exits: wherever argparse would print or exit (help, any error), it raises _Retry, and the
    arguments are parsed again by the whole parser, which answers exactly as it always has."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _FixedWidthFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise _Retry(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _Retry(message)

    def _print_message(self, message: str, file: Any = None) -> None:
        raise _Retry(message)


def _add_new(new: argparse.ArgumentParser) -> None:
    new.add_argument("--group", metavar="G", help="the group's name")
    new.add_argument("--organisation", metavar="O", help="the organisation (a new group only)")
    new.add_argument("--facilitator", metavar="F", help="who runs the session")
    new.add_argument(
        "--participant", metavar="P", action="append", default=[], help="someone in the room"
    )
    new.add_argument("--date", metavar="D", help="the day, YYYY-MM-DD (default: today)")
    new.add_argument("--title", metavar="T", help="the session's own title (optional)")
    new.add_argument("--no-input", action="store_true", help="never ask; report what is missing")


def _add_list(listing: argparse.ArgumentParser) -> None:
    listing.add_argument("--json", action="store_true", help="as JSON, for scripts")


def _add_session(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("session", metavar="SESSION", help="a session id or a unique prefix")


def _add_show(show: argparse.ArgumentParser) -> None:
    _add_session(show)
    show.add_argument("--step", choices=STEPS, help="only this step")


def _add_follow_up(follow: argparse.ArgumentParser) -> None:
    _add_session(follow)
    follow.add_argument("--date", metavar="D", help="the day, YYYY-MM-DD (default: today)")
    follow.add_argument("--title", metavar="T", help="the session's own title (optional)")
    follow.add_argument("--no-input", action="store_true", help="never ask; use the defaults")


def _add_export(export: argparse.ArgumentParser) -> None:
    _add_session(export)
    export.add_argument("--kind", choices=KINDS, default="all", help="which document (all)")
    where = export.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="DIR", type=Path, help="folder to write to (./exports)")
    where.add_argument("--stdout", action="store_true", help="print instead of writing files")
    export.add_argument("--force", action="store_true", help="replace files of the same name")


def _add_import(imported: argparse.ArgumentParser) -> None:
    imported.add_argument("file", metavar="FILE", type=Path, help="a file written by dump")
    imported.add_argument(
        "--replace", action="store_true", help="overwrite a session with the same id"
    )


def _add_ref(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ref", metavar="GROUP-OR-SESSION", help="a session or group id prefix")


def _add_restore(restore: argparse.ArgumentParser) -> None:
    _add_ref(restore)
    restore.add_argument("version", metavar="VERSION", help="its number in `versions` (0: newest)")


def _add_demo(demo: argparse.ArgumentParser) -> None:
    demo.add_argument("--force", action="store_true", help="replace the demo group if present")


def _add_nothing(parser: argparse.ArgumentParser) -> None:
    pass


#: Every command, in the order of `--help`: its name, its one-line summary, its arguments.
_COMMANDS: tuple[tuple[str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("new", "start a new session (of a new group, or of the group with that name)", _add_new),
    ("list", "the groups and their sessions", _add_list),
    ("show", "a session, readably, in the terminal", _add_show),
    ("open", "open the app on a session", _add_session),
    ("review", "open a session read-only", _add_session),
    ("dump", "print a session as JSON (the import format)", _add_session),
    (
        "follow-up",
        "start the next session from this one, carrying its work forward",
        _add_follow_up,
    ),
    ("export", "write a session's Markdown documents", _add_export),
    ("import", "a session from a JSON file (checked in full first)", _add_import),
    ("versions", "the kept previous versions of a group's file", _add_ref),
    ("restore", "put a previous version of a group's file back (undoable)", _add_restore),
    ("schema", "print the JSON Schema of the import format", _add_nothing),
    ("demo", "create a sample group with two sessions six months apart", _add_demo),
)


def build_parser(
    only: Collection[str] | None = None, parser_class: type[_Parser] = _Parser
) -> argparse.ArgumentParser:
    """The parser of every command and option (of only the commands named in `only`, if given:
    `main` parses with the few a command line names, and with the whole parser when those
    cannot answer)."""
    parser = parser_class(
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
    common = parser_class(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)
    for name, summary, add_arguments in _COMMANDS:
        if only is None or name in only:
            add_arguments(
                commands.add_parser(name, help=summary, description=summary, parents=[common])
            )
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments parsed, as the whole parser parses them (SystemExit after help or an error
    it printed). Most command lines are parsed by a parser of only the commands they name,
    a fraction of the whole one to build; anything else goes to the whole parser."""
    argv = list(argv)
    try:
        return build_parser(set(argv), _QuickParser).parse_args(argv)
    except _Retry:
        return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 done, 1 failed, 2 wrong usage)."""
    # A command builds many objects and frees them by reference counting: the cyclic
    # collector is held off while it runs (a tenth of the app's time to its first frame went
    # to collections that found next to nothing). The app resumes it after its first frame.
    collecting = gc.isenabled()
    gc.disable()
    _never_fail_to_print()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def _never_fail_to_print() -> None:
    """Output the terminal cannot show (a '·' under PYTHONIOENCODING=ascii, a name typed in
    another encoding) is written escaped rather than failing: a command that had already
    saved its work then reported a crash, and never printed the new session's id."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = parse(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    from workshop.cli import commands

    try:
        return commands.run(args)
    except UsageError as error:
        where = f"workshop {args.command}" if args.command else "workshop"
        sys.stderr.write(f"{where}: {error}\n")
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
        if type(error).__name__ == "ValidationError" and type(error).__module__.startswith(
            "pydantic"
        ):
            # a value the model refuses that no check before it caught (text the terminal
            # sent in another encoding): the user's input, said as such
            from workshop.model.fields import explain

            sys.stderr.write(f"workshop: {_one_line(explain(error))}\n")  # type: ignore[arg-type]
            return 1
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
