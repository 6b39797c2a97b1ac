"""Wrong usage of the command line gets exit status 2 and one line; a session that cannot be
found, or is ambiguous, gets exit status 1 and a clear line; a bad group file in the data folder
is listed with its reason and does not stop the good ones from being shown (issue 6)."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.reliability.helpers import FaultyOs
from workshop.cli import main
from workshop.model import Expectation, Group, Session
from workshop.store import Store

WORKSHOP = Path(sys.executable).parent / "workshop"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {err!r}"
    assert lines[0].startswith("workshop"), lines[0]
    return lines[0]


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, Session, Session]:
    """A data folder with one group of two sessions whose ids share the prefix 'abc'."""
    folder = tmp_path / "data"
    store = Store(folder)
    group = Group(id="grp1", name="Riverside")
    store.create_group(group)
    with store.edit(group.id) as editor:
        first = editor.add_session(
            Session(id="abc1111111", group_id=group.id, date=date(2026, 5, 12), title="one")
        )
        second = editor.add_session(
            Session(id="abc2222222", group_id=group.id, date=date(2026, 11, 12), part=2)
        )
    return folder, first, second


WRONG_USAGE = [
    ["frobnicate"],
    ["list", "--bogus"],
    ["--bogus"],
    ["show"],
    ["dump"],
    ["open"],
    ["review"],
    ["follow-up"],
    ["export"],
    ["import"],
    ["show", "abc1111111", "--step", "nowhere"],
    ["export", "abc1111111", "--kind", "nope"],
    ["export", "abc1111111", "--out", "x", "--stdout"],
    ["export", "abc1111111", "--kind"],
    ["show", "abc1111111", "extra"],
    ["new", "--no-input", "--group", "G", "--facilitator", "F", "--date", "2026-13-01"],
    ["new", "--no-input", "--group", "G", "--facilitator", "F", "--date", "tomorrow"],
    ["follow-up", "abc2222222", "--no-input", "--date", "12/05/2026"],
]


@pytest.mark.parametrize("argv", WRONG_USAGE, ids=" ".join)
def test_wrong_usage_is_exit_2_with_one_line(
    stored: tuple[Path, Session, Session], argv: list[str]
) -> None:
    folder = stored[0]
    before = sorted(p.name for p in folder.iterdir())
    code, out, err = run("--data-dir", str(folder), *argv)
    assert code == 2, (code, err)
    one_line(err)
    assert out == ""
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written


@pytest.mark.parametrize(
    "argv",
    [["frobnicate"], ["export", "abc", "--out", "x", "--stdout"], ["show", "a", "--step", "x"]],
    ids=" ".join,
)
def test_wrong_usage_through_the_installed_command(tmp_path: Path, argv: list[str]) -> None:
    result = subprocess.run(
        [str(WORKSHOP), "--data-dir", str(tmp_path), *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "WORKSHOP_DEBUG": ""},
    )
    assert result.returncode == 2
    one_line(result.stderr)
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["show", "dump", "export", "open", "review", "follow-up"])
def test_no_match_is_exit_1_with_a_clear_line(
    stored: tuple[Path, Session, Session], command: str
) -> None:
    code, out, err = run("--data-dir", str(stored[0]), command, "zzz")
    assert code == 1
    line = one_line(err)
    assert "no session matches 'zzz'" in line
    assert out == ""


@pytest.mark.parametrize("command", ["show", "dump", "export", "open", "review", "follow-up"])
def test_ambiguous_prefix_lists_the_matches(
    stored: tuple[Path, Session, Session], command: str
) -> None:
    folder, first, second = stored
    code, out, err = run("--data-dir", str(folder), command, "abc")
    assert code == 1
    line = one_line(err)
    assert first.id in line and second.id in line and "'abc'" in line
    assert out == ""


def test_no_match_through_the_installed_command(stored: tuple[Path, Session, Session]) -> None:
    folder, first, second = stored
    for ref, wanted in (("zzz", ["zzz"]), ("ab", [first.id, second.id])):
        result = subprocess.run(
            [str(WORKSHOP), "--data-dir", str(folder), "show", ref],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1
        line = one_line(result.stderr)
        assert all(text in line for text in wanted)


def _corrupt_files(folder: Path) -> dict[str, bytes]:
    files = {
        "broken--bad00001.json": b'{"_default": {"1": {"id": ',
        "empty--bad00002.json": b"",
        "wrongshape--bad00003.json": b"[1, 2, 3]",
        "binary--bad00004.json": bytes(range(256)),
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return files


def test_corrupt_files_are_listed_with_their_reason(
    stored: tuple[Path, Session, Session],
) -> None:
    folder, first, _ = stored
    files = _corrupt_files(folder)
    code, out, err = run("--data-dir", str(folder), "list")
    assert (code, err) == (0, "")
    for name in files:
        line = next(line for line in out.splitlines() if name in line)
        assert "✗" in line and len(line.split(name, 1)[1].strip(" :")) > 3, line
    assert first.id in out and "Riverside" in out
    code, out, err = run("--data-dir", str(folder), "list", "--json")
    assert code == 0
    listing = {Path(g["path"]).name: g for g in json.loads(out)}
    assert all(listing[name]["error"] for name in files)
    assert listing[next(n for n in listing if n not in files)]["error"] is None
    # the good group's sessions are still shown, dumped and exported
    for argv in (["show", first.id], ["dump", "abc1"], ["export", "abc1", "--stdout"]):
        code, out, err = run("--data-dir", str(folder), *argv)
        assert (code, err) == (0, ""), argv
        assert "Traceback" not in out
    for name, content in files.items():  # and the bad files are left as they were
        assert (folder / name).read_bytes() == content


def test_an_unreadable_file_is_listed_with_its_reason(
    stored: tuple[Path, Session, Session], faulty_os: FaultyOs
) -> None:
    folder, first, _ = stored
    bad = folder / "locked--bad00009.json"
    bad.write_bytes(b"{}")
    # root ignores chmod: refuse the open instead
    faulty_os.fail_names = {"open"}
    faulty_os.errno = errno.EACCES
    faulty_os.when = lambda name, args: str(args[0]).endswith(bad.name)
    code, out, err = run("--data-dir", str(folder), "list")
    assert (code, err) == (0, "")
    line = next(line for line in out.splitlines() if bad.name in line)
    assert "cannot read" in line.lower() or "permission" in line.lower(), line
    code, out, err = run("--data-dir", str(folder), "show", first.id)
    assert (code, err) == (0, "")
    assert "one" in out
    assert faulty_os.failed >= 1


def test_an_item_with_hostile_text_still_finds_its_session(
    stored: tuple[Path, Session, Session],
) -> None:
    """The session reference is matched against ids only: text that looks like an id or an
    option in an item changes nothing."""
    folder, first, _ = stored
    with Store(folder).edit("grp1") as editor:
        session = editor.session(first.id)
        session.research.expectations.append(Expectation(text="--stdout abc2222222"))
        editor.save_session(session)
    code, out, err = run("--data-dir", str(folder), "dump", "abc1")
    assert (code, err) == (0, "")
    assert json.loads(out)["session"]["id"] == first.id
