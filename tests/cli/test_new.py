"""`workshop new`: options, questions asked through questionary, and --no-input."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from tests.cli.helpers import run
from workshop.store import Store


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[PipeInput]:
    """Keys typed into questionary's prompts (prompt_toolkit reads them from a pipe, which
    stands for the terminal the questions need)."""
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def test_no_input_names_what_is_missing(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    result = run(capsys, "new", "--group", "Team", "--no-input")
    assert result.code == 2
    assert result.err.strip() == "workshop new: missing --facilitator (given --no-input)"
    assert not data_dir.exists()


def test_new_with_every_option_prints_the_id_last(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    result = run(
        capsys,
        "new",
        "--group",
        "Harbour Water — Care Team",
        "--organisation",
        "Harbour Water",
        "--facilitator",
        "Jo",
        "--participant",
        "Ann",
        "--participant",
        "Ben",
        "--date",
        "2027-02-03",
        "--title",
        "Building the strategy",
        "--no-input",
    )
    assert result.code == 0, result.err
    group, session = Store(data_dir).find_session(result.last_line)
    assert session.title == "Building the strategy"  # a title could be set only by import
    assert session.id == result.last_line
    assert (group.name, group.organisation) == ("Harbour Water — Care Team", "Harbour Water")
    assert [p.name for p in session.participants] == ["Ann", "Ben"]
    assert (session.facilitator, session.date, session.part) == ("Jo", date(2027, 2, 3), 1)


def test_same_group_name_adds_the_next_part(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    first = run(capsys, "new", "--group", "Team A", "--facilitator", "Jo", "--no-input")
    second = run(capsys, "new", "--group", "team a ", "--facilitator", "Kim", "--no-input")
    assert first.code == second.code == 0
    groups = Store(data_dir).list_groups()
    assert len(groups) == 1
    assert sorted(s.part for s in groups[0].sessions) == [1, 2]
    assert second.last_line in {s.id for s in groups[0].sessions}


def test_missing_values_are_asked(
    capsys: pytest.CaptureFixture[str], data_dir: Path, keys: PipeInput
) -> None:
    keys.send_text("Riverside Care\r")  # group
    keys.send_text("Riverside Council\r")  # organisation
    keys.send_text("\r")  # facilitator: empty is refused …
    keys.send_text("Priya\r")  # … so it is asked again
    keys.send_text("Ann, Ben ,\r")  # participants
    keys.send_text("\x15" + "2027-13-01\r")  # clear the default; an impossible date is refused
    keys.send_text("\x15" + "2027-01-15\r")
    result = run(capsys, "new")
    assert result.code == 0, result.err
    group, session = Store(data_dir).find_session(result.last_line)
    assert (group.name, group.organisation) == ("Riverside Care", "Riverside Council")
    assert session.facilitator == "Priya"
    assert [p.name for p in session.participants] == ["Ann", "Ben"]
    assert session.date == date(2027, 1, 15)


def test_date_defaults_to_today_and_options_are_not_asked(
    capsys: pytest.CaptureFixture[str], data_dir: Path, keys: PipeInput
) -> None:
    keys.send_text("\r")  # organisation (optional)
    keys.send_text("\r")  # participants (optional)
    keys.send_text("\r")  # date: today
    result = run(capsys, "new", "--group", "Solo", "--facilitator", "Jo")
    assert result.code == 0, result.err
    _, session = Store(data_dir).find_session(result.last_line)
    assert session.date == date.today()
    assert session.participants == []


def test_cancelled_question_creates_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, keys: PipeInput
) -> None:
    keys.send_text("\x03")  # Ctrl-C at the first question
    result = run(capsys, "new")
    assert result.code == 1
    assert "cancelled" in result.err
    assert not data_dir.exists()


def test_input_ending_mid_questions_cancels_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, keys: PipeInput
) -> None:
    keys.send_text("Riverside Care\r")  # the group; then the input ends
    keys.close()
    result = run(capsys, "new")
    assert result.code == 1
    assert result.err.strip() == "workshop: cancelled; nothing was created"  # not "a bug"
    assert not data_dir.exists()


def test_without_a_terminal_the_questions_are_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `workshop new < answers.txt` or from a script: prompt_toolkit echoed each question twice
    # and failed at the input's end
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    result = run(capsys, "new", "--group", "Team")
    assert result.code == 2
    assert "cannot ask without a terminal" in result.err and "--no-input" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not data_dir.exists()


def test_a_second_follow_up_asks_first_and_no_cancels(
    capsys: pytest.CaptureFixture[str], data_dir: Path, keys: PipeInput
) -> None:
    made = run(capsys, "new", "--group", "Team", "--facilitator", "Jo", "--no-input")
    first = made.last_line
    assert run(capsys, "follow-up", first, "--no-input").code == 0
    keys.send_text("n")  # "part 1 already has a follow-up … Start another?" no
    refused = run(capsys, "follow-up", first, "--date", "2027-01-01")
    assert refused.code != 0 and "cancelled" in refused.err
    keys.send_text("y")  # asked again: yes, another branch
    keys.send_text("2027-01-02\r")
    made_again = run(capsys, "follow-up", first)
    assert made_again.code == 0, made_again.err
    store = Store(data_dir)
    sessions = store.load_group(store.locate_session(first)[0]).sessions
    assert [s.part for s in sessions] == [1, 2, 3]


def test_two_news_at_once_for_a_new_group_make_one_group(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two `workshop new --group X` at once, X not yet in the folder: both found no group
    named X, and each made one. Looking up and creating is now one step under a lock."""
    import threading
    import time

    from workshop.cli import build_parser, commands

    found = Store.group_named

    def slowly(store: Store, name: str) -> object:
        answer = found(store, name)
        time.sleep(0.3)  # the other command looks meanwhile
        return answer

    monkeypatch.setattr(Store, "group_named", slowly)
    args = build_parser().parse_args(
        ["new", "--group", "Night shift", "--facilitator", "Jo", "--no-input"]
    )
    codes: list[int] = []
    runs = [
        threading.Thread(target=lambda: codes.append(commands.cmd_new(Store(data_dir), args)))
        for _ in range(2)
    ]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join()
    assert codes == [0, 0]
    groups = [g for g in Store(data_dir).list_groups() if g.group is not None]
    assert [g.group.name for g in groups if g.group] == ["Night shift"]
    assert sorted(s.part for s in groups[0].sessions) == [1, 2]


def test_a_follow_up_takes_a_title_of_its_own(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    made = run(capsys, "new", "--group", "Team", "--facilitator", "Jo", "--no-input")
    later = run(capsys, "follow-up", made.last_line, "--title", "Six-month review", "--no-input")
    assert later.code == 0, later.err
    assert Store(data_dir).find_session(later.last_line)[1].title == "Six-month review"
