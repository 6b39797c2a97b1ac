"""Start-up of the command line: what `workshop list` imports, and the quick parser that only
builds the commands named on the command line (help and errors come from the whole parser)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from workshop.cli import _COMMANDS, _QuickParser, build_parser, main, parse
from workshop.model import Group, Session
from workshop.store import Store

#: Modules `workshop list` must not import: each costs start-up time it does not need.
NOT_FOR_LIST = (
    "pydantic",
    "workshop.model",
    "orjson",  # imports dataclasses, inspect, uuid, platform…
    "dataclasses",
    "inspect",
    "tinydb",
    "workshop.store.editor",
    "workshop.cli.history",
    "rich",  # the plain (piped) output of ASCII text needs no Rich
    "typing",
    "shutil",  # argparse asks the terminal's width only to print help
    "jinja2",
    "questionary",
    "textual",
)


def _saved_group(data_dir: Path) -> None:
    store = Store(data_dir)
    group = Group(name="Start-up", organisation="Fast Ltd")
    store.create_group(group)
    with store.edit(group.id) as editor:
        editor.add_session(Session(group_id=group.id, date=date(2026, 5, 12), title="Plain"))


@pytest.mark.parametrize("argv", [["list"], ["list", "--json"]])
def test_list_imports_only_what_it_needs(data_dir: Path, argv: list[str]) -> None:
    _saved_group(data_dir)
    code = (
        "import sys; from workshop.cli import main; "
        f"code = main({argv!r}); "
        f"loaded = [m for m in {NOT_FOR_LIST!r} if m in sys.modules]; "
        "print(code, loaded, file=sys.stderr)"
    )
    env = {**os.environ, "WORKSHOP_DATA": str(data_dir)}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.stderr.strip() == "0 []", done.stderr
    assert "Start-up" in done.stdout


#: Command lines that parse; each must give what the whole parser gives.
PARSED = [
    [],
    ["list"],
    ["list", "--json"],
    ["--data-dir", "x", "list", "--js"],
    ["list", "--data-dir=x"],
    ["--data-dir", "list"],
    ["--d", "y", "--data-dir", "x", "show", "abc", "--step", "consult"],
    ["new", "--group", "list", "--no-in", "--participant", "a", "--participant", "b"],
    ["export", "s", "--kind", "progress", "--out", "o", "--force"],
    ["follow-up", "s", "--date", "2026-01-01"],
    ["import", "f.json", "--replace"],
    ["restore", "g", "3"],
    ["versions", "g"],
    ["schema"],
    ["demo", "--force"],
    ["open", "s"],
    ["review", "s"],
    ["dump", "s"],
    ["show", "--", "-x"],
]


@pytest.mark.parametrize("argv", PARSED)
def test_the_quick_parser_parses_as_the_whole_one(argv: list[str]) -> None:
    assert parse(argv) == build_parser().parse_args(argv)


def test_the_quick_parser_holds_only_the_commands_named() -> None:
    parser = build_parser({"list", "x"}, _QuickParser)
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert list(commands.choices) == ["list"]
    assert len(_COMMANDS) == 13


#: Command lines that print help or an error: the whole parser answers, exactly as before.
ANSWERED = [
    ["-h"],
    ["--he"],
    ["list", "-h"],
    ["-h", "list"],
    ["export", "--help"],
    ["nope"],
    ["list", "--bogus"],
    ["show"],
    ["show", "list", "extra"],
    ["export", "x", "--kind", "poem"],
    ["export", "x", "--out", "a", "--stdout"],
    ["--data-dir"],
    ["restore", "g"],
]


@pytest.mark.parametrize("argv", ANSWERED)
def test_help_and_errors_come_from_the_whole_parser(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as expected:
        build_parser().parse_args(argv)
    wanted = capsys.readouterr()
    assert main(argv) == expected.value.code
    got = capsys.readouterr()
    assert (got.out, got.err) == (wanted.out, wanted.err)
    if "-h" in argv or "--he" in argv or "--help" in argv:
        assert got.out.startswith("usage: workshop")
        if argv[0].startswith("-"):
            assert all(name in got.out for name, _, _ in _COMMANDS)
    else:
        assert len(got.err.strip().splitlines()) == 1


def test_a_command_runs_with_the_collector_held_off_and_gives_it_back(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cyclic collector is off while a command runs (start-up time), and on again after,
    whether the command succeeded or failed; a caller that had it off keeps it off."""
    import gc

    from workshop.cli import commands

    seen: list[bool] = []
    original = commands.run

    def noting(args: argparse.Namespace) -> int:
        seen.append(gc.isenabled())
        return original(args)

    monkeypatch.setattr(commands, "run", noting)
    _saved_group(data_dir)
    assert gc.isenabled()
    assert main(["--data-dir", str(data_dir), "list"]) == 0
    assert main(["--data-dir", str(data_dir), "show", "nothing-like-it"]) == 1
    assert seen == [False, False]
    assert gc.isenabled()
    gc.disable()
    try:
        assert main(["--data-dir", str(data_dir), "list"]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
    capsys.readouterr()
