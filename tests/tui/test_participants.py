"""The participants panel: marks in a column of their own, a long name wrapped beside them."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult

from tests.tui.conftest import AppFactory, SessionFactory, until
from workshop.model.session import Participant, Session
from workshop.tui.widgets.participants import MARK_WIDTH, ParticipantsPanel


class Panel(App[None]):
    CSS = "ParticipantsPanel { width: 24; height: 12; }"

    def compose(self) -> ComposeResult:
        yield ParticipantsPanel()


def panel_lines(app: App[Any], panel: ParticipantsPanel) -> list[str]:
    """The panel's lines as the terminal shows them."""
    x, y, width, height = panel.region
    strips = app.screen._compositor.render_strips()
    return [strip.text[x : x + width] for strip in strips[y : y + height]]


async def test_a_long_name_wraps_beside_the_marks_not_under_them() -> None:
    people = [
        Participant(name="Amara Osei", role="Contact centre team leader"),
        Participant(name="Bo", present=False),
    ]
    app = Panel()
    async with app.run_test(size=(40, 14)) as pilot:
        panel = app.query_one(ParticipantsPanel)
        panel.show(people, speaker=people[1].id)
        await pilot.pause()
        lines = [line.rstrip() for line in panel_lines(app, panel)]
        first = [n for n, line in enumerate(lines) if line.startswith("  ● ")]
        last = [n for n, line in enumerate(lines) if line.startswith("▸ ○ ")]
        assert first == [0] and len(last) == 1  # the marks: present, then absent and speaking
        wrapped = lines[1 : last[0]]
        assert wrapped  # the long name took more than one line…
        for line in wrapped:  # …each of them in the names' column, blank beside the marks
            assert line[:MARK_WIDTH] == " " * MARK_WIDTH and line[MARK_WIDTH:].strip()
        shown = " ".join(line[MARK_WIDTH:].strip() for line in lines[: last[0]])
        assert shown == "Amara Osei (Contact centre team leader)"  # read in order, whole
        assert lines[last[0]] == "▸ ○ Bo"
        assert panel.index == 0
        panel.index = 1
        assert panel.highlighted == 1


@pytest.mark.parametrize(("width", "shown"), [(120, "Ana Lima (Contact centre)"), (80, "Ana Lima")])
async def test_a_narrow_screen_shows_the_names_without_their_roles(
    app_factory: AppFactory, make_session: SessionFactory, width: int, shown: str
) -> None:
    def with_role(session: Session) -> None:
        session.participants[0].role = "Contact centre"

    _, session = make_session(participants=["Ana Lima", "Bo"], fill=with_role)
    app = app_factory(session.id)
    async with app.run_test(size=(width, 30)) as pilot:
        panel = app.screen.query_one(ParticipantsPanel)
        await until(pilot, lambda: panel.option_count == 2)

        def names() -> str:  # the names' column read in order, a wrapped name joined up
            lines = [line[MARK_WIDTH:].strip() for line in panel_lines(app, panel)]
            return " ".join(line for line in lines if line)

        await until(pilot, lambda: names() == f"{shown} Bo")


async def test_the_roles_come_back_when_the_screen_is_widened(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    def with_role(session: Session) -> None:
        session.participants[0].role = "Finance"

    _, session = make_session(participants=["Ana", "Bo"], fill=with_role)
    app = app_factory(session.id)
    async with app.run_test(size=(80, 30)) as pilot:
        panel = app.screen.query_one(ParticipantsPanel)
        await until(pilot, lambda: "Ana" in " ".join(panel_lines(app, panel)))
        assert "Finance" not in " ".join(panel_lines(app, panel))
        await pilot.resize_terminal(120, 30)
        await until(pilot, lambda: "Ana (Finance)" in " ".join(panel_lines(app, panel)))
