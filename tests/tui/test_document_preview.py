"""The strategy document's preview: drawn in a worker at the width it is shown at, then
handed to the screen a line at a time, so a long document never stops the room's typing."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import Input

from tests.tui.conftest import AppFactory, SessionFactory, until
from tests.tui.test_session import open_session, step_shown
from workshop.model.research import Expectation
from workshop.model.session import Session
from workshop.store import Store
from workshop.tui.widgets import document_tab
from workshop.tui.widgets.document_tab import DocumentPreview, DocumentTab
from workshop.tui.widgets.markdown_lines import RenderedMarkdown


def many_expectations(session: Session) -> None:
    session.research.expectations = [
        Expectation(text=f"Expectation {n}: the room wants a clear answer", importance=n % 5 + 1)
        for n in range(300)
    ]


def wrap_render(
    monkeypatch: pytest.MonkeyPatch, before: Any = lambda *args: None
) -> list[threading.Thread]:
    """Have RenderedMarkdown.render call `before(source, width, …)` first; returns the threads
    it ran in."""
    threads: list[threading.Thread] = []
    draw = RenderedMarkdown.render.__func__  # type: ignore[attr-defined]

    def wrapped(cls: type[RenderedMarkdown], *args: Any) -> RenderedMarkdown:
        threads.append(threading.current_thread())
        before(*args)
        return draw(cls, *args)  # type: ignore[no-any-return]

    monkeypatch.setattr(RenderedMarkdown, "render", classmethod(wrapped))
    return threads


async def show_document(app: Any, pilot: Any, drawn: bool = True) -> DocumentPreview:
    """Open the document step; its preview, once drawn when `drawn`."""
    screen = await open_session(app, pilot)
    await pilot.press("f5")
    await step_shown(pilot, "step-document")
    preview: DocumentPreview = screen.query_one(DocumentPreview)
    if drawn:
        await until(pilot, lambda: preview.rendered is not None)
    return preview


async def test_a_long_document_is_drawn_off_the_event_loop_and_shown_line_by_line(
    app_factory: AppFactory, make_session: SessionFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, session = make_session(fill=many_expectations)
    drawn_in = wrap_render(monkeypatch)
    app = app_factory(session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        preview = await show_document(app, pilot)
        rendered = preview.rendered
        assert rendered is not None
        # drawn once, in a worker thread, for the width the preview has on screen
        assert len(drawn_in) == 1 and drawn_in[0] is not threading.main_thread()
        assert rendered.width == preview.scrollable_content_region.width
        assert all(
            cell_len("".join(s.text for s in line)) <= rendered.width for line in rendered.lines
        )
        assert "Expectation 299" in preview.source
        assert len(rendered.lines) > 3 * preview.size.height  # a document longer than the view

        asked: list[int] = []
        original = DocumentPreview.render_line

        def counting(self: DocumentPreview, y: int) -> Any:
            asked.append(y)
            return original(self, y)

        monkeypatch.setattr(DocumentPreview, "render_line", counting)
        preview.scroll_to(y=len(rendered.lines) // 2, animate=False)
        await pilot.pause()
        assert asked and max(asked) < preview.size.height  # only the lines in view
        text = "".join(s.text for y in range(3) for s in preview.render_line(y))
        assert text.strip()  # the middle of the document is on screen


async def test_the_preview_is_drawn_again_for_a_new_width(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session(fill=many_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        preview = await show_document(app, pilot)
        wide = preview.rendered
        assert wide is not None
        await pilot.resize_terminal(100, 36)
        await until(pilot, lambda: preview.rendered is not wide)
        assert preview.rendered is not None
        assert preview.rendered.width == preview.scrollable_content_region.width < wide.width


async def test_until_drawn_the_preview_says_so(
    app_factory: AppFactory, make_session: SessionFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, session = make_session()
    gate = threading.Event()
    wrap_render(monkeypatch, lambda *args: gate.wait(5))
    app = app_factory(session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        preview = await show_document(app, pilot, drawn=False)
        first = "".join(s.text for s in preview.render_line(0))
        assert first.strip() == document_tab.WAITING
        gate.set()
        await until(pilot, lambda: preview.rendered is not None)
        assert "".join(s.text for s in preview.render_line(0)).strip() != document_tab.WAITING


async def test_a_drawing_that_fails_says_so_instead_of_waiting(
    app_factory: AppFactory, make_session: SessionFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, session = make_session()

    def broken(source: str, *args: Any) -> None:
        if "could not be drawn" not in source:  # the document; the message itself draws
            raise ValueError("no room on the page")

    wrap_render(monkeypatch, broken)
    app = app_factory(session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        preview = await show_document(app, pilot)
        assert "could not be drawn: no room on the page" in preview.source


async def test_a_drawing_finished_after_a_newer_one_is_not_shown(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        preview = await show_document(app, pilot)
        tab = preview.query_ancestor(DocumentTab)
        newest = RenderedMarkdown.render("newest", 40)
        older = RenderedMarkdown.render("older", 40)
        tab._show_preview(newest, tab._requested + 2)
        tab._show_preview(older, tab._requested + 1)  # its worker finished late
        assert preview.source == "newest"


async def test_a_short_document_gets_the_whole_width(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """No scrollbar is needed: the document is drawn again for the width the bar would take."""
    _, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=(120, 120)) as pilot:
        preview = await show_document(app, pilot)
        await until(
            pilot,
            lambda: (
                preview.rendered is not None
                and preview.rendered.width == preview.content_region.width
            ),
        )
        assert preview.rendered is not None
        assert len(preview.rendered.lines) <= preview.content_region.height
        assert preview.scrollable_content_region.width == preview.content_region.width


async def test_the_documents_title_is_edited_in_the_app_and_line_breaks_stay(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """The title could be set only by import; the lines of a list typed in a section were
    run together in the preview."""
    from tests.tui.test_session import on_disk, settle

    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        preview = await show_document(app, pilot)
        title = app.screen.query_one("#document--title", Input)
        assert title.value == "" and "customer service strategy" in title.placeholder
        await pilot.press(*"Fewer calls", "enter", *"Clear letters")  # into the aims, as before
        await pilot.press("shift+tab")
        assert app.focused is title
        await pilot.press(*"Our promise to residents")
        await until(pilot, lambda: "Our promise to residents" in preview.source)
        rendered = preview.rendered
        assert rendered is not None
        lines = ["".join(s.text for s in line).strip() for line in rendered.lines]
        assert "Fewer calls" in lines and "Clear letters" in lines  # two lines, as typed
        await settle(pilot)
    saved = on_disk(store, group.id, session.id).document
    assert (saved.title, saved.aims) == ("Our promise to residents", "Fewer calls\nClear letters")
