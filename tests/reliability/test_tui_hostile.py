"""The app opens a session full of hostile text (issue 6): control characters and escape
sequences, bidi overrides, emoji sequences, 100 KB pastes and Rich markup typed by a user. No
exception, and the markup is shown as typed, never interpreted, on every step."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, TabbedContent
from textual.widgets._data_table import default_cell_formatter

from tests.reliability.test_bad_input import HOSTILE, hostile_pair
from workshop.model import Step
from workshop.store import Store
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.session import SessionScreen

SIZE = (120, 36)
MARKUP = ["[bold red]x[/]", "[link=http://e.example]go[/link]", "[/]", "[on red]"]


def screen_text(app: WorkshopApp) -> str:
    """What the terminal would show now, as plain text, line after line."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def stored(data_dir: Path, texts: list[str]) -> tuple[Store, str]:
    group, session = hostile_pair(texts)
    store = Store(data_dir)
    store.create_group(group)
    with store.edit(group.id) as editor:
        saved = editor.add_session(session)
    return store, saved.id


@pytest.mark.parametrize(
    "texts",
    [
        MARKUP,
        [*MARKUP, *HOSTILE],
        [((HOSTILE[13] + HOSTILE[14] + "\n") * 2000)[:100_000], *MARKUP],
    ],
    ids=["markup", "hostile", "100 KB"],
)
async def test_hostile_session_opens_on_every_step(tmp_path: Path, texts: list[str]) -> None:
    store, session_id = stored(tmp_path / "data", texts)
    app = WorkshopApp(store, session_ref=session_id)
    seen: list[str] = []
    cells: list[object] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen), "the session did not open"
        for step in Step:
            screen.query_one(TabbedContent).active = f"step-{step.value}"
            await pilot.pause()
            seen.append(screen_text(app))
        # every table cell as the DataTable draws it (a str cell is read as markup)
        for table in screen.query(DataTable):
            for row in range(table.row_count):
                cells.extend(default_cell_formatter(cell) for cell in table.get_row_at(row))
    assert app.return_code in (None, 0)
    shown = "\n".join(seen)
    assert "[/]" in shown, "markup typed by a user was interpreted (its '[/]' is gone)"
    assert "[bold red]x[/]" in shown or "[link=http://e.example]go[/link]" in shown
    drawn = [getattr(cell, "plain", "") for cell in cells]
    assert "[bold red]x[/]" in drawn and "[/]" in drawn


async def test_escape_sequences_typed_in_the_room_are_not_drawn_raw(tmp_path: Path) -> None:
    """An ESC in an imported text must not be written to the terminal as is: it would clear
    the screen, retitle the window or hide a link in the room's projector."""
    store, session_id = stored(tmp_path / "data", [*HOSTILE[3:8], "plain"])
    app = WorkshopApp(store, session_ref=session_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for step in Step:
            app.screen.query_one(TabbedContent).active = f"step-{step.value}"
            await pilot.pause()
            text = screen_text(app)
            leaked = [c for c in ("\x1b", "\x9b", "\x07", "\x00") if c in text]
            assert not leaked, f"step {step.value} draws {leaked!r} raw"


async def test_hostile_group_on_the_home_screen(tmp_path: Path) -> None:
    store, _ = stored(tmp_path / "data", [*MARKUP, *HOSTILE])
    app = WorkshopApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "\x1b" not in text
        assert "[bold red]x[/]" in text or "[/]" in text
    assert app.return_code in (None, 0)
