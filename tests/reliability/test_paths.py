"""Path safety (issue 6): no group name, session title or `--out` value makes the app write
outside the folder it was pointed at. Each test works in a sandbox folder and compares every
file under it before and after."""

from __future__ import annotations

import contextlib
import io
import os
from datetime import date
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.model import Group, Session
from workshop.model.transfer import dump_session
from workshop.store import Store

NAMES = [
    "../../etc/x",
    "../outside",
    "/abs",
    "/tmp/../abs/name",
    "..",
    ".",
    "a/b\\c",
    "nul\x00byte",
    "CON",
    "aux.json",
    ".history",
    "x" * 300,
    "é" * 300,
    "~root",
    "$HOME",
    " ",
]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def files_under(root: Path) -> set[Path]:
    """Every entry under `root` (links not followed), resolved only up to `root` itself."""
    found = set()
    for folder, dirs, names in os.walk(root):
        for name in [*dirs, *names]:
            found.add(Path(folder) / name)
    return found


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to work in: the current folder is inside it, and a bait file sits beside it."""
    root = tmp_path / "sandbox"
    (root / "cwd").mkdir(parents=True)
    (root / "outside").mkdir()
    (root / "outside" / "victim.md").write_text("keep me\n")
    monkeypatch.chdir(root / "cwd")
    monkeypatch.delenv("WORKSHOP_DATA", raising=False)
    return root


def assert_only_inside(before: set[Path], after: set[Path], *allowed: Path) -> set[Path]:
    new = after - before
    for path in new:
        assert any(path == a or a in path.parents for a in allowed), f"wrote outside: {path}"
    return new


@pytest.mark.parametrize("name", NAMES, ids=repr)
def test_group_names_stay_in_the_data_folder(sandbox: Path, name: str) -> None:
    data = sandbox / "cwd" / "data"
    before = files_under(sandbox)
    code, out, err = run(
        "--data-dir", str(data), "new", "--no-input", "--group", name, "--facilitator", "F"
    )
    assert "Traceback" not in err
    if name.strip():
        assert (code, err) == (0, "")
    after = files_under(sandbox)
    new = assert_only_inside(before, after, data)
    for path in new:
        assert not path.is_symlink()
        assert len(path.name.encode()) <= 255
    # the group is listed and shown under its own name, whatever it is
    if code == 0:
        session_id = out.strip().splitlines()[-1]
        (summary,) = Store(data).list_groups()
        assert summary.group is not None and summary.group.name == name.strip()
        assert run("--data-dir", str(data), "show", session_id)[0] == 0
    assert (sandbox / "outside" / "victim.md").read_text() == "keep me\n"


def _transfer_file(folder: Path, name: str, title: str, group_id: str = "grp1") -> Path:
    group = Group(id=group_id, name=name)
    session = Session(id="sess1", group_id=group.id, date=date(2026, 5, 12), title=title)
    file = folder / "in.json"
    file.write_text(dump_session(group, session), encoding="utf-8")
    return file


@pytest.mark.parametrize("name", NAMES, ids=repr)
def test_imported_names_and_titles_stay_inside(sandbox: Path, name: str) -> None:
    """Names and titles that never passed a shell (NUL, slashes) come in through an import;
    the session's title then goes through an export to the default folder."""
    data = sandbox / "cwd" / "data"
    file = _transfer_file(sandbox, name or "x", title=name)
    before = files_under(sandbox)
    code, _, err = run("--data-dir", str(data), "import", str(file))
    assert (code, err) == (0, "")
    code, _, err = run("--data-dir", str(data), "export", "sess1")
    assert (code, err) == (0, "")
    exports = sandbox / "cwd" / "exports"
    new = assert_only_inside(before, files_under(sandbox), data, exports)
    assert {p.suffix for p in new if p.parent == exports} == {".md"}
    assert (sandbox / "outside" / "victim.md").read_text() == "keep me\n"


@pytest.fixture
def session_in(sandbox: Path) -> Path:
    data = sandbox / "cwd" / "data"
    file = _transfer_file(sandbox, "../../outside/victim", "../victim")
    assert run("--data-dir", str(data), "import", str(file))[0] == 0
    file.unlink()
    return data


@pytest.mark.parametrize("force", [False, True])
def test_export_out_through_a_symlink_writes_inside_its_target(
    sandbox: Path, session_in: Path, force: bool
) -> None:
    real = sandbox / "real-out"
    real.mkdir()
    (sandbox / "cwd" / "link").symlink_to(real, target_is_directory=True)
    before = files_under(sandbox)
    flags = ["--force"] if force else []
    code, out, err = run("--data-dir", str(session_in), "export", "sess1", "--out", "link", *flags)
    assert (code, err) == (0, "")
    new = assert_only_inside(before, files_under(sandbox), real)
    assert len(new) == 2  # summary and strategy (no earlier session for progress)
    for line in out.splitlines():
        assert Path(line.removeprefix("Wrote ")).resolve().parent == real.resolve()


def test_export_out_with_dotdot_writes_where_it_resolves(sandbox: Path, session_in: Path) -> None:
    before = files_under(sandbox)
    code, _, err = run("--data-dir", str(session_in), "export", "sess1", "--out", "../cwd/x/../y")
    assert (code, err) == (0, "")
    target = sandbox / "cwd" / "y"
    new = assert_only_inside(before, files_under(sandbox), target)
    assert target in new and {p.parent for p in new - {target}} == {target}


@pytest.mark.parametrize("force", [False, True])
def test_export_never_follows_a_planted_link_at_its_file_name(
    sandbox: Path, session_in: Path, force: bool
) -> None:
    """A link waiting at the export's own file name, pointing outside, is never written
    through: without --force the export takes the next name; with it, the link is replaced."""
    out_dir = sandbox / "cwd" / "out"
    out_dir.mkdir()
    planted = out_dir / "outside-victim-part1-2026-05-12-summary.md"  # the export's own name
    planted.symlink_to(sandbox / "outside" / "victim.md")
    flags = ["--force"] if force else []
    code, _, err = run(
        "--data-dir", str(session_in), "export", "sess1", "--out", str(out_dir), *flags
    )
    assert (code, err) == (0, "")
    assert (sandbox / "outside" / "victim.md").read_text() == "keep me\n"
    if force:
        assert planted.is_file() and not planted.is_symlink()
    else:
        assert planted.is_symlink()
        assert planted.with_name(planted.stem + "-2.md").is_file()


def test_data_files_never_follow_planted_links(sandbox: Path) -> None:
    """Links planted in the data folder where the group's file and its lock will be, pointing
    outside: the import fails cleanly or writes inside, and the bait is never touched."""
    data = sandbox / "cwd" / "data"
    data.mkdir()
    victim = sandbox / "outside" / "victim.md"
    (data / "evil--grp1.json").symlink_to(victim)
    (data / "evil--grp1.json.lock").symlink_to(victim)
    file = _transfer_file(sandbox, "Evil", "t")
    before = files_under(sandbox)
    code, _, err = run("--data-dir", str(data), "import", str(file))
    assert "Traceback" not in err
    assert code in (0, 1)
    if code:
        assert len(err.splitlines()) == 1
    assert_only_inside(before, files_under(sandbox), data)
    assert victim.read_text() == "keep me\n"


@pytest.mark.parametrize("planted", [".history", ".history/evil--grp1"])
def test_kept_versions_never_follow_a_planted_history_link(sandbox: Path, planted: str) -> None:
    """The store keeps previous versions under <data>/.history; a link planted there, pointing
    outside, must not carry copies of the group (or the pruning of old ones) out of the data
    folder. Saves still succeed: a routine version is a convenience."""
    data = sandbox / "cwd" / "data"
    (data / planted).parent.mkdir(parents=True, exist_ok=True)
    outside = sandbox / "outside"
    (data / planted).symlink_to(outside, target_is_directory=True)
    file = _transfer_file(sandbox, "Evil", "t")
    before = files_under(sandbox)
    store = Store(data, history_spacing=0)
    assert run("--data-dir", str(data), "import", str(file))[0] == 0
    for title in ("a", "b", "c"):
        with store.edit("grp1") as editor:
            session = editor.session("sess1")
            session.title = title
            editor.save_session(session)
    assert store.load_session("grp1", "sess1")[1].title == "c"
    assert_only_inside(before, files_under(sandbox), data)
    assert sorted(p.name for p in outside.iterdir()) == ["victim.md"]
