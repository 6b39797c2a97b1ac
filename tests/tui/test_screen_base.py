"""WorkshopScreen: a full screen is styled once when first shown (Textual would style it a
second time, whole, as it becomes current). Skipping that must change nothing: forcing the
restyle afterwards leaves every widget's styles and the frame as they were."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.css.styles import RULE_NAMES
from textual.screen import Screen

from tests.tui.conftest import AppFactory, SessionFactory
from tests.tui.test_review import pair_in, review_app
from workshop.store import Store
from workshop.tui.screens.base import WorkshopScreen
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.review import ReviewScreen
from workshop.tui.screens.session import SessionScreen


def styles_of(screen: Screen[Any]) -> list[tuple[str, str | None, list[Any]]]:
    """Every widget of the screen, in order, with the value of every style rule."""
    return [
        (type(node).__name__, node.id, [getattr(node.styles, rule) for rule in RULE_NAMES])
        for node in screen.walk_children(with_self=True)
    ]


def resumes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Screen[Any], bool]]:
    """Each screen made current, and whether Textual was to restyle it whole."""
    seen: list[tuple[Screen[Any], bool]] = []
    original = Screen._on_screen_resume

    def spy(self: Screen[Any], event: events.ScreenResume) -> None:
        seen.append((self, event.refresh_styles))
        original(self, event)

    monkeypatch.setattr(Screen, "_on_screen_resume", spy)
    return seen


async def check_styled_once(
    app: App[Any], pilot: Any, resumed: list[tuple[Screen[Any], bool]]
) -> None:
    screen = app.screen
    assert isinstance(screen, WorkshopScreen)
    # shown without the second, whole restyle
    assert [(s, refresh) for s, refresh in resumed if s is screen] == [(screen, False)]
    # settled first (a busy machine may still be sizing the screen: its breakpoint class)
    shown = styles_of(screen)
    for _ in range(50):
        await pilot.pause(0.05)
        if styles_of(screen) == shown:
            break
        shown = styles_of(screen)
    frame = app.export_screenshot()
    app.update_styles(screen, animate=False)  # what Textual would have done
    screen.refresh(layout=True)
    await pilot.pause()
    assert styles_of(screen) == shown
    assert app.export_screenshot() == frame
    # a later resume that asks for a restyle gets it (and it changes nothing either)
    resumed.clear()
    screen.post_message(events.ScreenResume())
    await pilot.pause()
    assert resumed == [(screen, True)]
    assert styles_of(screen) == shown


async def test_the_home_screen_is_styled_once_and_looks_the_same(
    app_factory: AppFactory, make_session: SessionFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_session("Styled Once", participants=["Ann Lee"])
    resumed = resumes(monkeypatch)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await check_styled_once(app, pilot, resumed)


@pytest.mark.parametrize("read_only", [False, True])
async def test_the_session_screen_is_styled_once_and_looks_the_same(
    app_factory: AppFactory,
    make_session: SessionFactory,
    monkeypatch: pytest.MonkeyPatch,
    read_only: bool,
) -> None:
    def fill(session: Any) -> None:
        from workshop.model import Expectation

        session.research.expectations = [
            Expectation(text=f"Expectation {n}", importance=n % 5 + 1) for n in range(30)
        ]

    _, session = make_session("Styled Once", participants=["Ann Lee", "Bob Okafor"], fill=fill)
    resumed = resumes(monkeypatch)
    app = app_factory(session_ref=session.id, read_only=read_only)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await check_styled_once(app, pilot, resumed)


async def test_the_review_screen_is_styled_once_and_looks_the_same(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = pair_in(store, "grp1", "Riverside Council Customer Service")
    resumed = resumes(monkeypatch)
    app = review_app(store, pair)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await check_styled_once(app, pilot, resumed)
