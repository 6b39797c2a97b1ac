"""The participants panel: marks in a column of their own, a long name wrapped beside them."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from tests.tui.conftest import AppFactory, SessionFactory, until
from workshop.model.session import Participant, Session
from workshop.tui.widgets.participants import ParticipantsPanel


class Panel(App[None]):
    CSS = "ParticipantsPanel { width: 24; height: 12; }"

    def compose(self) -> ComposeResult:
        yield ParticipantsPanel()


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
        marks = list(panel.query(".participant-mark").results(Static))
        names = list(panel.query(".participant-name").results(Static))
        assert [str(mark.render()) for mark in marks] == ["  ● ", "▸ ○ "]
        assert [str(name.render()) for name in names] == [
            "Amara Osei (Contact centre team leader)",
            "Bo",
        ]
        long_name, short_name = names
        assert long_name.size.height > 1  # wrapped…
        assert long_name.region.x == marks[0].region.right  # …in the names' column
        assert short_name.region.x == long_name.region.x
        assert short_name.region.y == long_name.region.bottom  # the next one below it
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        x, y, width, height = long_name.region
        # every line of the long name starts in the names' column, blank beside the marks…
        for line in lines[y + 1 : y + height]:
            assert line[panel.region.x : x] == " " * (x - panel.region.x)
        # …and read in order they give the whole of it
        shown = " ".join(line[x : x + width].strip() for line in lines[y : y + height])
        assert shown == "Amara Osei (Contact centre team leader)"


@pytest.mark.parametrize(("width", "shown"), [(120, "Ana Lima (Contact centre)"), (80, "Ana Lima")])
async def test_a_narrow_screen_shows_the_names_without_their_roles(
    app_factory: AppFactory, make_session: SessionFactory, width: int, shown: str
) -> None:
    def with_role(session: Session) -> None:
        session.participants[0].role = "Contact centre"

    _, session = make_session(participants=["Ana Lima", "Bo"], fill=with_role)
    app = app_factory(session.id)
    async with app.run_test(size=(width, 30)) as pilot:
        await until(pilot, lambda: bool(app.screen.query(".participant")))
        panel = app.screen.query_one(ParticipantsPanel)
        visible = [
            str(static.render())
            for static in panel.query(".participant-name, .participant-short").results(Static)
            if static.display
        ]
        assert visible == [shown, "Bo"]
