"""Step 4, the strategy document: the narrative sections and a live preview of the whole."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, TextArea
from textual.worker import get_current_worker

from workshop.model.document import NARRATIVE_SECTIONS
from workshop.model.session import Session
from workshop.tui.widgets.step_tab import StepTab


def render_strategy(group: object, session: object) -> str:
    """The strategy document as Markdown, or a message when the export is not available."""
    try:
        from workshop.export import render
    except ImportError:
        return "*The document preview is not available in this build.*"
    try:
        return render("strategy", group, session)  # type: ignore[arg-type]
    except Exception as error:  # a half-filled session must never crash the preview
        return f"*The preview could not be built: {error}*"


class DocumentTab(StepTab):
    """The narrative in text areas on the left, the assembled document on the right."""

    def __init__(self, step: object, session: object, group: object, **kwargs: object) -> None:
        super().__init__(step, session, **kwargs)  # type: ignore[arg-type]
        self.group = group

    def compose(self) -> ComposeResult:
        with Horizontal(id="document-split"):
            with VerticalScroll(id="narrative"):
                yield from super().compose()
            with VerticalScroll(id="preview-pane"):
                yield Static("Preview of the strategy document", classes="section-title")
                # one Static of Rich Markdown: Textual's Markdown widget mounts a widget per block,
                # far too slow to refresh while the room types
                yield Static("", id="preview")

    def compose_fields(self) -> ComposeResult:
        document = self.session.document
        for name, heading in NARRATIVE_SECTIONS.items():
            yield Static(heading, classes="section-title")
            area = TextArea(getattr(document, name), id=f"narrative-{name}", classes="narrative")
            area.show_line_numbers = False
            yield area

    def refresh_preview(self) -> None:
        """Rebuild the preview in a worker thread from a snapshot of the session (the latest
        request wins). Not on mount: the screen asks each time the step is shown."""
        # a dump is one pydantic-core call: the session cannot change half-way through it
        self._build_preview(self.session.model_dump())

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _build_preview(self, snapshot: dict[str, Any]) -> None:
        # imported here: markdown_it and rich.markdown are only needed once the step is shown
        from rich.markdown import Markdown

        text = render_strategy(self.group, Session.model_validate(snapshot))
        markdown = Markdown(text)  # parsed here, off the event loop
        if get_current_worker().is_cancelled:
            return
        with suppress(RuntimeError):  # the app is closing: nothing to show
            self.app.call_from_thread(self._show_preview, markdown)

    def _show_preview(self, markdown: Any) -> None:
        if self.is_attached:
            self.query_one("#preview", Static).update(markdown)

    @on(TextArea.Changed, ".narrative")
    def _narrative(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self.read_only:
            name = (event.text_area.id or "").removeprefix("narrative-")
            self.post_message(self.FieldEdited(f"document.{name}", event.text_area.text, True))
