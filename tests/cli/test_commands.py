"""The command line through its real entry point: results, exit codes and one-line errors."""

from __future__ import annotations

import json
import sys
import types
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import Result, run
from workshop.model.demo import build_demo
from workshop.store import Store


def _one_line_error(result: Result, code: int = 1) -> str:
    assert result.code == code
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    return result.err.strip()


@pytest.fixture
def demo(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[str]:
    """The demo group in the data folder; returns its session ids, part 1 first."""
    result = run(capsys, "demo")
    assert result.code == 0, result.err
    return [s.id for s in Store(data_dir).list_groups()[0].sessions]


def _ids(data_dir: Path) -> list[str]:
    return sorted(s.id for g in Store(data_dir).list_groups() for s in g.sessions)


def test_demo_writes_two_sessions_and_says_what_to_try(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    result = run(capsys, "demo")
    assert result.code == 0
    assert "workshop list" in result.out and "workshop show" in result.out
    groups = Store(data_dir).list_groups()
    assert len(groups) == 1 and len(groups[0].sessions) == 2


def test_demo_refuses_to_overwrite_unless_forced(
    capsys: pytest.CaptureFixture[str], data_dir: Path, demo: list[str]
) -> None:
    error = _one_line_error(run(capsys, "demo"))
    assert "already" in error and "--force" in error
    assert run(capsys, "demo", "--force").code == 0
    assert _ids(data_dir) == sorted(demo)


def test_list_json_shape(
    capsys: pytest.CaptureFixture[str], data_dir: Path, demo: list[str]
) -> None:
    result = run(capsys, "list", "--json")
    assert result.code == 0
    listing = json.loads(result.out)
    assert len(listing) == 1
    group = listing[0]
    assert {"id", "name", "organisation", "path", "sessions"} <= set(group)
    assert Path(group["path"]).parent == data_dir
    assert [s["part"] for s in group["sessions"]] == [1, 2]
    first, second = group["sessions"]
    assert set(first) == {"id", "date", "part", "status", "title", "facilitator", "follows"}
    assert second["follows"] == first["id"]


def test_list_empty_points_to_demo(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    result = run(capsys, "list")
    assert result.code == 0
    assert "workshop demo" in result.out
    assert json.loads(run(capsys, "list", "--json").out) == []


def test_list_human_shows_every_session(
    capsys: pytest.CaptureFixture[str], demo: list[str]
) -> None:
    result = run(capsys, "list")
    assert result.code == 0
    assert "Riverside Borough Council" in result.out
    assert all(session_id in result.out for session_id in demo)


def test_show_renders_every_step_and_the_warnings(
    capsys: pytest.CaptureFixture[str], demo: list[str]
) -> None:
    result = run(capsys, "show", demo[0][:5])
    assert result.code == 0
    for heading in ("1. Research", "2. Consult", "3. Structure", "4. Strategy document"):
        assert heading in result.out
    assert "Budget £180,000" in result.out
    assert "fix first" in result.out
    assert "not SMART" in result.out
    assert "Parking lot" in result.out


def test_show_step_limits_to_one_step(capsys: pytest.CaptureFixture[str], demo: list[str]) -> None:
    result = run(capsys, "show", demo[1], "--step", "consult")
    assert result.code == 0
    assert "─ 2. Consult ─" in result.out and "─ 1. Research ─" not in result.out
    assert "Waste and Street" in result.out


def test_unknown_session_is_one_line(capsys: pytest.CaptureFixture[str], demo: list[str]) -> None:
    for command in ("show", "dump", "export", "follow-up", "open", "review"):
        error = _one_line_error(run(capsys, command, "zzzz"))
        assert "no session matches 'zzzz'" in error


def _transfer_with_id(tmp_path: Path, session_id: str) -> Path:
    from workshop.model.transfer import dump_session

    group, sessions = build_demo(date(2026, 1, 5))
    session = sessions[0].model_copy(update={"id": session_id})
    path = tmp_path / f"{session_id}.json"
    path.write_text(dump_session(group, session), encoding="utf-8")
    return path


def test_ambiguous_prefix_lists_the_matches(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    for session_id in ("abc111", "abc222"):
        assert run(capsys, "import", str(_transfer_with_id(tmp_path, session_id))).code == 0
    error = _one_line_error(run(capsys, "show", "abc"))
    assert "abc111" in error and "abc222" in error
    assert run(capsys, "show", "abc2").code == 0


def test_wrong_usage_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    for argv in (["bogus"], ["show"], ["show", "x", "--step", "nope"], ["list", "--nope"]):
        result = run(capsys, *argv)
        error = _one_line_error(result, code=2)
        assert error.startswith("workshop")
        assert "--help" in error


def test_bad_date_is_wrong_usage(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    result = run(
        capsys, "new", "--group", "G", "--facilitator", "F", "--date", "31/12", "--no-input"
    )
    assert "YYYY-MM-DD" in _one_line_error(result, code=2)
    assert not data_dir.exists() or not list(data_dir.iterdir())
    result = run(
        capsys, "new", "--group", "G", "--facilitator", "F", "--date", "2026-02-30", "--no-input"
    )
    assert "no day 2026-02-30 in the calendar" in _one_line_error(result, code=2)


def test_dump_then_import_replace_changes_no_content(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo: list[str]
) -> None:
    before = run(capsys, "dump", demo[1]).out
    file = tmp_path / "part2.json"
    file.write_text(before, encoding="utf-8")
    result = run(capsys, "import", str(file), "--replace")
    assert result.code == 0 and result.last_line == demo[1]
    after = run(capsys, "dump", demo[1]).out

    def content(text: str) -> dict[str, Any]:
        doc: dict[str, Any] = json.loads(text)
        del doc["session"]["revision"], doc["session"]["updated_at"]  # bookkeeping of the save
        return doc

    assert content(after) == content(before)


def test_import_replace_keeps_what_it_replaced_as_a_version(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo: list[str]
) -> None:
    # twice within a minute: a routine save keeps a version only every few minutes, and the
    # second replace wiped the first one's notes with nothing to go back to
    dumped = json.loads(run(capsys, "dump", demo[1]).out)
    for note in ("First import's notes", "Second import's notes"):
        dumped["session"]["notes"] = {"research": note}
        file = tmp_path / "part2.json"
        file.write_text(json.dumps(dumped), encoding="utf-8")
        result = run(capsys, "import", str(file), "--replace")
        assert result.code == 0 and f"workshop versions {demo[1]}" in result.out
    listed = run(capsys, "versions", demo[1])
    assert listed.code == 0 and listed.out.count("import") >= 2
    restored = run(capsys, "restore", demo[1], "0")  # the newest kept: before the second
    assert restored.code == 0, restored.err
    shown = json.loads(run(capsys, "dump", demo[1]).out)
    assert shown["session"]["notes"]["research"] == "First import's notes"


def test_import_reads_a_file_saved_with_a_byte_order_mark(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    file = _transfer_with_id(tmp_path, "bom123456")
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())  # as Windows editors save it
    result = run(capsys, "import", str(file))
    assert result.code == 0, result.err
    assert _ids(data_dir) == ["bom123456"]


def test_import_of_a_file_that_is_not_utf8_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    file = _transfer_with_id(tmp_path, "latin1234")
    file.write_bytes(file.read_bytes().replace(b'"format"', b'"\xb3format"'))
    error = _one_line_error(run(capsys, "import", str(file)))
    assert "not UTF-8 text" in error and "bug" not in error
    assert not data_dir.exists() or _ids(data_dir) == []


def test_import_of_existing_session_needs_replace(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo: list[str]
) -> None:
    file = tmp_path / "part1.json"
    file.write_text(run(capsys, "dump", demo[0]).out, encoding="utf-8")
    error = _one_line_error(run(capsys, "import", str(file)))
    assert "already" in error and "--replace" in error


def test_import_into_empty_folder_creates_the_group(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    file = _transfer_with_id(tmp_path, "fresh1234")
    result = run(capsys, "import", str(file))
    assert result.code == 0 and result.last_line == "fresh1234"
    assert _ids(data_dir) == ["fresh1234"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"format": ', "line 1, column 12"),
        ('{"format": "service-strategy-workshop/session", "schema_version": 99}', "newer"),
        ("[1, 2]", "not a workshop session"),
    ],
)
def test_bad_import_files_are_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path, text: str, reason: str
) -> None:
    file = tmp_path / "bad.json"
    file.write_text(text, encoding="utf-8")
    assert reason in _one_line_error(run(capsys, "import", str(file)))
    assert not data_dir.exists()


def test_import_with_broken_reference_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    file = _transfer_with_id(tmp_path, "broken99")
    doc = json.loads(file.read_text(encoding="utf-8"))
    doc["session"]["structure"]["actions"][0]["strategy_id"] = "nowhere"
    file.write_text(json.dumps(doc), encoding="utf-8")
    assert "strategy_id" in _one_line_error(run(capsys, "import", str(file)))
    assert not data_dir.exists()


def test_missing_import_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    error = _one_line_error(run(capsys, "import", str(tmp_path / "nope.json")))
    assert "nope.json" in error


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "schema")
    assert result.code == 0
    assert json.loads(result.out)["title"] == "SessionTransfer"


def test_follow_up_prints_the_id_and_carries_items(
    capsys: pytest.CaptureFixture[str], data_dir: Path, demo: list[str]
) -> None:
    result = run(capsys, "follow-up", demo[1], "--date", "2027-05-01", "--no-input")
    assert result.code == 0
    new_id = result.last_line
    store = Store(data_dir)
    _, earlier = store.find_session(demo[1])
    _, later = store.find_session(new_id)
    assert later.follows == earlier.id and later.part == 3
    assert later.date.isoformat() == "2027-05-01"
    assert [a.id for a in later.structure.actions] == [a.id for a in earlier.structure.actions]


def test_a_follow_up_dated_before_the_session_it_follows_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, demo: list[str]
) -> None:
    _, earlier = Store(data_dir).find_session(demo[1])
    before = len(Store(data_dir).load_group(earlier.group_id).sessions)
    day = earlier.date.toordinal() - 1
    result = run(capsys, "follow-up", demo[1], "--date", date.fromordinal(day).isoformat())
    assert result.code != 0
    assert "before the session it follows" in result.err
    assert len(result.err.strip().splitlines()) == 1  # one line, no traceback
    assert len(Store(data_dir).load_group(earlier.group_id).sessions) == before


def test_export_writes_files_and_says_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo: list[str]
) -> None:
    out = tmp_path / "exports"
    result = run(capsys, "export", demo[0], "--kind", "summary", "--out", str(out))
    assert result.code == 0, result.err
    written = sorted(out.iterdir())
    assert len(written) == 1 and str(written[0]) in result.out


def test_export_stdout_prints_markdown(capsys: pytest.CaptureFixture[str], demo: list[str]) -> None:
    result = run(capsys, "export", demo[0], "--kind", "strategy", "--stdout")
    assert result.code == 0, result.err
    assert result.out.startswith("#")


def test_progress_export_of_a_first_session_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo: list[str]
) -> None:
    error = _one_line_error(run(capsys, "export", demo[0], "--kind", "progress", "--stdout"))
    assert "earlier session" in error


@pytest.mark.parametrize(
    ("argv", "ref", "read_only"),
    [(["open"], True, False), (["review"], True, True), ([], False, False)],
)
def test_app_commands_start_the_app(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    demo: list[str],
    argv: list[str],
    ref: bool,
    read_only: bool,
) -> None:
    calls: list[tuple[Any, ...]] = []
    fake = types.ModuleType("workshop.tui")

    def fake_run(*args: Any) -> int:
        calls.append(args)
        return 0

    fake.run = fake_run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "workshop.tui", fake)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    result = run(capsys, *argv, *([demo[1][:6]] if ref else []))
    assert result.code == 0
    assert calls == [(data_dir, demo[1] if ref else None, read_only)]
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)  # `workshop open … </dev/null`
    result = run(capsys, *argv, *([demo[1][:6]] if ref else []))
    assert result.code == 2 and len(calls) == 1  # refused in one line, not waiting for ever
    where = " ".join(["workshop", *argv])  # 'workshop: …' alone, never 'workshop : …'
    assert (
        result.err.strip()
        == f"{where}: the app needs a terminal to read keys from (input is not one)"
    )


def test_data_dir_option_wins_over_the_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    other = tmp_path / "elsewhere"
    assert run(capsys, "demo", "--data-dir", str(other)).code == 0
    assert run(capsys, "--data-dir", str(other), "list", "--json").out.count('"part"') == 2
    assert not data_dir.exists()


def test_show_flags_overdue_actions(capsys: pytest.CaptureFixture[str], demo: list[str]) -> None:
    result = run(capsys, "show", demo[1], "--step", "structure")
    assert result.code == 0
    assert "overdue" in result.out
    assert "overdue" not in run(capsys, "show", demo[0], "--step", "structure").out


def test_a_bug_still_gives_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    from workshop.cli import commands

    def broken(store: Any, args: Any) -> int:
        raise RuntimeError("boom")

    monkeypatch.delenv("WORKSHOP_DEBUG", raising=False)
    monkeypatch.setitem(commands.COMMANDS, "list", broken)
    error = _one_line_error(run(capsys, "list"))
    assert "RuntimeError: boom" in error and "bug" in error


def test_progress_export_of_the_follow_up(
    capsys: pytest.CaptureFixture[str], demo: list[str]
) -> None:
    result = run(capsys, "export", demo[1], "--kind", "progress", "--stdout")
    assert result.code == 0, result.err
    assert result.out.startswith("# ")


def test_a_failed_import_leaves_a_group_file_another_import_is_adding_to(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # two imports into a new group at once: the second found the file the first had just
    # made and was adding its session when the first, refused the lock, removed "its" file
    from workshop.model import Session
    from workshop.store.store import Store as StoreClass

    file = _transfer_with_id(tmp_path, "first1234")
    made = StoreClass.create_group
    held: list[Any] = []

    def create_then_taken(self: Store, group: Any) -> Path:
        path = made(self, group)
        other = Store(data_dir).edit(group.id, holder="another import")
        other.add_session(Session(id="other5678", group_id=group.id, date=date(2026, 5, 1)))
        held.append(other)  # still holding the lock as the first import goes on
        return path

    monkeypatch.setattr(StoreClass, "create_group", create_then_taken)
    result = run(capsys, "import", str(file))
    assert result.code == 1 and "being edited by another import" in result.err
    held[0].close()
    assert _ids(data_dir) == ["other5678"]  # the other import's session, in its group
    assert Store(data_dir).list_groups()[0].error is None


def test_a_name_the_model_refuses_late_is_the_users_error_in_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    # a name sent by a terminal in another encoding arrives with a lone surrogate: the model
    # refuses it, which was reported as "an unexpected error … a bug"
    result = run(capsys, "new", "--no-input", "--group", "Caf\udce9", "--facilitator", "F")
    error = _one_line_error(result)
    assert "bug" not in error and "name" in error


def test_a_command_waits_a_moment_for_another_commands_lock_not_for_the_apps(
    capsys: pytest.CaptureFixture[str], demo: list[str], data_dir: Path
) -> None:
    import threading
    import time

    store = Store(data_dir)
    group_id = store.locate_session(demo[1])[0]
    held = store.edit(group_id, holder="workshop import")  # a script's other command
    threading.Timer(0.3, held.close).start()
    started = time.monotonic()
    result = run(capsys, "follow-up", demo[1], "--no-input")
    assert result.code == 0, result.err  # it waited, then went ahead
    assert time.monotonic() - started >= 0.25
    # a lock being taken or let go this instant: its record is still empty
    held = store.edit(group_id, holder="workshop import")
    lock_file = store.path_of(group_id).with_name(store.path_of(group_id).name + ".lock")
    lock_file.write_bytes(b"")
    threading.Timer(0.3, held.close).start()
    assert run(capsys, "follow-up", demo[1], "--no-input").code == 0
    with store.edit(group_id, holder="ana@laptop"):  # the app, open for a whole workshop
        started = time.monotonic()
        refused = run(capsys, "follow-up", demo[1], "--no-input")
        assert time.monotonic() - started < 2
    error = _one_line_error(refused)
    assert "being edited by ana@laptop" in error and "nothing was changed" in error


def test_import_says_the_groups_name_as_it_stays_in_the_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, demo: list[str], data_dir: Path
) -> None:
    dumped = json.loads(run(capsys, "dump", demo[1]).out)
    name = dumped["group"]["name"]
    dumped["group"]["name"] = "Renamed in the file"
    dumped["session"]["id"] = "c0ffee123456"
    file = tmp_path / "renamed.json"
    file.write_text(json.dumps(dumped), encoding="utf-8")
    result = run(capsys, "import", str(file))
    assert result.code == 0, result.err
    assert f"of '{name}'" in result.out and "Renamed in the file" not in result.out
    dumped["session"]["id"] = demo[1]
    file.write_text(json.dumps(dumped), encoding="utf-8")
    replaced = run(capsys, "import", str(file), "--replace")
    assert "of 'Renamed in the file'" in replaced.out
    assert "name and organisation were replaced" in replaced.out


def test_export_all_of_a_first_part_says_there_is_no_progress_report(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    demo: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    piped = run(capsys, "export", demo[0], "--out", str(tmp_path / "piped"))
    assert piped.code == 0 and piped.err == ""
    assert all(line.startswith("Wrote ") for line in piped.out.splitlines())  # for scripts
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # a person at a terminal
    result = run(capsys, "export", demo[0], "--out", str(tmp_path / "out"))
    assert result.code == 0
    assert sorted(p.name.rsplit("-", 1)[1] for p in (tmp_path / "out").iterdir()) == [
        "strategy.md",
        "summary.md",
    ]
    assert "No progress report: Part 1" in result.out and "follows no earlier" in result.out
    later = run(capsys, "export", demo[1], "--out", str(tmp_path / "later"))
    assert "No progress report" not in later.out


def test_a_name_with_control_characters_is_printed_harmless(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    made = run(
        capsys, "new", "--no-input", "--group", "\x1b[31mRED\x1b[0m\nTeam", "--facilitator", "F"
    )
    assert made.code == 0, made.err
    created = made.out.splitlines()[0]
    assert "\x1b" not in made.out and "RED" in created and "Team" in created


def test_a_second_follow_up_of_a_part_is_noted_and_asked(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    demo: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Six follow-ups of the same part were made without a word (parts 3 to 8, all
    following part 2): a script is told on stderr, a person is asked first."""
    first = run(capsys, "follow-up", demo[1], "--no-input")
    assert first.code == 0 and "note" not in first.err
    again = run(capsys, "follow-up", demo[1], "--no-input")
    assert again.code == 0
    assert "part 2 already has a follow-up (part 3)" in again.err
    of_part_1 = run(capsys, "follow-up", demo[0], "--no-input")
    assert "part 1 already has a follow-up (part 2)" in of_part_1.err

    from workshop.cli import ask
    from workshop.errors import WorkshopError

    asked: list[str] = []

    def refuse(question: str) -> None:
        asked.append(question)
        raise WorkshopError("cancelled; nothing was created")

    monkeypatch.setattr(ask, "go_on", refuse)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    store = Store(data_dir)
    before = len(store.load_group(store.locate_session(demo[1])[0]).sessions)
    cancelled = run(capsys, "follow-up", demo[1], "--date", "2027-01-01")
    assert cancelled.code != 0 and "cancelled" in cancelled.err
    assert asked and "already has a follow-up" in asked[0]
    assert len(store.load_group(store.locate_session(demo[1])[0]).sessions) == before


def test_an_imported_part_number_already_taken_becomes_the_next(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    """Two imports of a "Part 1" made a group with two Part 1s; a follow-up whose earlier
    session is not in the folder was taken without a word."""
    assert run(capsys, "import", str(_transfer_with_id(tmp_path, "first111"))).code == 0
    second = run(capsys, "import", str(_transfer_with_id(tmp_path, "second22")))
    assert second.code == 0
    assert "Part 1 was taken in this group: imported as Part 2" in second.err
    store = Store(data_dir)
    assert store.find_session("second22")[1].part == 2
    again = run(capsys, "import", str(tmp_path / "second22.json"), "--replace")
    assert again.code == 0, again.err
    assert store.find_session("second22")[1].part == 2  # its number kept, not Part 1 again
    file = _transfer_with_id(tmp_path, "orphan33")
    doc = json.loads(file.read_text(encoding="utf-8"))
    doc["session"]["follows"] = "gone4444"
    file.write_text(json.dumps(doc), encoding="utf-8")
    orphan = run(capsys, "import", str(file))
    assert orphan.code == 0
    assert "follows session gone4444, which is not in this group" in orphan.err
    assert store.find_session("orphan33")[1].part == 3
