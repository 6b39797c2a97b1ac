"""The benchmark's parts work: fixtures through the real store, the table and its verdicts, the
pseudo-terminal harness, and one cheap figure end to end. No timing is asserted here: the
figures are the benchmark's job (`python -m benchmarks.run`), not the test suite's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks import core, run, screens
from benchmarks.fixtures import SHARES, item_count, make_session, write_group, write_groups
from benchmarks.harness import (
    Figure,
    absolute_figure,
    failed,
    interleaved,
    median,
    ratio_figure,
    table,
)
from benchmarks.minimal_app import MARK
from benchmarks.terminal import Terminal, TerminalError
from benchmarks.workspace import ROOT, Workspace
from workshop.model import SECTIONS, Group
from workshop.store import Store


def test_a_session_has_exactly_the_items_asked_for_in_every_section() -> None:
    session = make_session(Group(name="Bench"), 1000)
    assert item_count(session) == 1000
    for section in SECTIONS:
        assert section.items(session), f"{section.key} is empty"
    assert set(SHARES) == {section.key for section in SECTIONS}


def test_a_long_list_puts_every_item_in_one_section() -> None:
    session = make_session(Group(name="Bench"), 300, only="expectations")
    assert len(session.research.expectations) == 300
    assert item_count(session) == 300


def test_groups_are_written_through_the_store_and_load_back(tmp_path: Path) -> None:
    store = Store(tmp_path)
    written = write_group(store, "Bench group", sessions=3, items=120)
    loaded = store.load_group(written.group_id)
    assert [s.id for s in loaded.sessions] == written.session_ids
    assert all(item_count(s) == 120 for s in loaded.sessions)
    assert loaded.sessions[1].follows == written.session_ids[0]
    listed = write_groups(tmp_path / "many", groups=3, sessions=1, items=10)
    names = [g.group.name for g in Store(tmp_path / "many").list_groups() if g.group]
    assert names == [
        "Group 000 Customer Service",
        "Group 001 Customer Service",
        "Group 002 Customer Service",
    ]
    assert len(listed) == 3


def test_the_table_shows_each_figure_beside_its_target_and_its_verdict() -> None:
    met = absolute_figure("4", "save", [0.004, 0.005, 0.006], 0.010)
    missed = ratio_figure("1", "start", [0.5, 0.6], [0.2, 0.2], 1.25, "minimal app")
    broken = failed("7", "export", "≤ 50 ms", "ValueError: no template")
    assert met.ok and not missed.ok and not broken.ok
    assert median([3.0, 1.0, 2.0]) == 2.0
    text = table([met, missed, broken])
    assert "| 4 " in text and "5.0 ms median" in text and "≤ 10 ms" in text
    assert "2.75 × 200.0 ms" in text and "**NO**" in text
    assert "not measured: ValueError: no template" in text


def test_the_pseudo_terminal_sees_the_minimal_apps_first_frame_and_quits_it() -> None:
    ws = Workspace(ROOT)
    with Terminal([sys.executable, str(ROOT / "benchmarks" / "minimal_app.py")], ws.env()) as t:
        arrived = t.wait_for([MARK.encode()], timeout=60)
        assert arrived > t.started
        assert t.peak_rss() > 10_000_000
    assert t.status == 0  # ctrl+q ended it cleanly


def test_one_cheap_figure_runs_end_to_end(tmp_path: Path) -> None:
    figure = core.save_figure(Workspace(tmp_path), "4", 1000, 0.010, reps=2)
    assert isinstance(figure, Figure)
    assert len(figure.samples) == 2 and figure.measured > 0
    assert figure.error is None


def test_the_command_prints_the_table_for_the_figures_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run.main(["--quick", "--only", "4", "--keep", str(tmp_path)])
    out = capsys.readouterr().out
    assert "| 4 " in out and "add one item" in out
    assert "| 1 " not in out
    assert status in (0, 1)  # the verdict is the benchmark's, not this test's


def test_measurements_run_in_turn_so_a_slow_spell_weighs_on_each_alike() -> None:
    calls: list[str] = []

    def measure(name: str, value: float) -> float:
        calls.append(name)
        return value

    a, b, c = interleaved(
        lambda: measure("a", 1.0), lambda: measure("b", 2.0), lambda: measure("c", 3.0), times=2
    )
    assert calls == ["a", "b", "c", "a", "b", "c"]
    assert (a, b, c) == ([1.0, 1.0], [2.0, 2.0], [3.0, 3.0])


def test_the_minimal_app_imports_a_screens_modules_first_for_the_floor() -> None:
    ws = Workspace(ROOT)
    launch = screens.minimal(ws, ("workshop.tui.screens.session",))
    assert launch.argv[-1] == "workshop.tui.screens.session"
    with launch.start() as t:
        t.wait_for(launch.marks, timeout=60)
    assert t.status == 0
    broken = screens.minimal(ws, ("workshop.no_such_module",))
    with broken.start() as t, pytest.raises(TerminalError, match="ended"):
        t.wait_for(broken.marks, timeout=20)
