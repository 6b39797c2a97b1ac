"""Step 4, the strategy document: the narrative sections and a live preview of the whole."""

from __future__ import annotations

from rich.markdown import Markdown
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, TextArea

from workshop.model.document import NARRATIVE_SECTIONS
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

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_preview()

    def refresh_preview(self) -> None:
        self.query_one("#preview", Static).update(
            Markdown(render_strategy(self.group, self.session))
        )

    @on(TextArea.Changed, ".narrative")
    def _narrative(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self.read_only:
            name = (event.text_area.id or "").removeprefix("narrative-")
            self.post_message(self.FieldEdited(f"document.{name}", event.text_area.text, True))
