"""Snapshots of the session screen: the research step with items, the document step, and the
research step on a small terminal."""

from __future__ import annotations

from typing import Any

from tests.tui.conftest import AppFactory, SessionFactory, until
from tests.tui.test_session import step_shown
from workshop.model.research import Expectation, ServiceStandard
from workshop.model.session import Session
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets.document_tab import DocumentPreview


def research(session: Session) -> None:
    first = session.participants[0].id
    session.research.budget = 100_000
    session.research.expectations.extend(
        [
            Expectation(
                text="Get through on the phone quickly",
                importance=5,
                performance=2,
                evidence="Survey 2025",
                votes=3,
                raised_by=first,
            ),
            Expectation(text="Letters in plain words", importance=4, performance=4),
            Expectation(text="Printed leaflets for every service", importance=2, performance=4),
            Expectation(text="Know what happens next"),
        ]
    )
    session.research.standards.extend(
        [
            ServiceStandard(text="Answer 80% of calls in 60 s", annual_cost=90_000, chosen=True),
            ServiceStandard(text="Call back within one day", annual_cost=25_000, chosen=True),
        ]
    )
    session.document.aims = "Fewer repeat contacts, and customers who know where they stand."


def _session(make_session: SessionFactory) -> str:
    _, session = make_session(
        group_id="riverside",
        session_id="part1session",
        title="Part 1: building the strategy",
        participants=["Amara Osei", "Tom Gallagher"],
        fill=research,
    )
    return session.id


def test_snapshot_research_step(
    snap_compare: Any, app_factory: AppFactory, make_session: SessionFactory
) -> None:
    assert snap_compare(app_factory(_session(make_session)), terminal_size=(120, 36))


def test_snapshot_document_step(
    snap_compare: Any, app_factory: AppFactory, make_session: SessionFactory
) -> None:
    app = app_factory(_session(make_session))

    async def to_document(pilot: Any) -> None:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.action_step("document")
        await step_shown(pilot, "step-document")
        # the preview is drawn in a thread, once the step is laid out
        await until(pilot, lambda: bool(screen.query_one(DocumentPreview).source))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=to_document)


def test_snapshot_research_small_terminal(
    snap_compare: Any, app_factory: AppFactory, make_session: SessionFactory
) -> None:
    assert snap_compare(app_factory(_session(make_session)), terminal_size=(80, 24))
