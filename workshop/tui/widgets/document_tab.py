"""Step 4, the strategy document: the narrative sections and a live preview of the whole."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static, TextArea
from textual.worker import get_current_worker

from workshop.model.document import NARRATIVE_SECTIONS
from workshop.model.session import Session
from workshop.tui.widgets.markdown_lines import RenderedMarkdown
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


#: The width the preview is drawn at before the pane has been laid out.
DEFAULT_PREVIEW_WIDTH = 60
#: What the preview shows until the document is drawn.
WAITING = "Drawing the document…"
DIM = Style(dim=True)


class DocumentPreview(ScrollView, can_focus=True):
    """The drawn document, line by line: only the lines in view are handed to the screen, so a
    document of thousands of lines scrolls and refreshes as fast as a short one."""

    DEFAULT_CSS = """
    DocumentPreview {
        width: 1fr;
        height: 1fr;
    }
    """

    class WidthChanged(Message):
        """The preview now shows another width than the document was drawn for."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rendered: RenderedMarkdown | None = None

    @property
    def drawing_width(self) -> int:
        """The width to draw the document at: inside the preview, less the scrollbar unless
        the last drawing fitted without one (a short document then gets the whole width)."""
        width = self.content_region.width
        drawn = self.rendered
        if drawn is None or len(drawn.lines) > self.content_region.height:
            width -= self.styles.scrollbar_size_vertical
        return width if width > 0 else DEFAULT_PREVIEW_WIDTH

    def on_resize(self, event: events.Resize) -> None:
        self._check_width()

    def _check_width(self) -> None:
        """Ask for a new drawing when the one shown was made for another width (asked for
        before the preview was laid out, or resized since)."""
        drawn = self.rendered
        if drawn is not None and self.size.width and drawn.width != self.drawing_width:
            self.post_message(self.WidthChanged())

    @property
    def source(self) -> str:
        """The Markdown shown ('' before the first drawing arrives)."""
        return self.rendered.source if self.rendered is not None else ""

    def show(self, rendered: RenderedMarkdown) -> None:
        self.rendered = rendered
        self.virtual_size = Size(rendered.width, len(rendered.lines))
        self.refresh()
        self._check_width()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if self.rendered is None:
            if y == 0:  # a long document takes a moment to draw
                return Strip([Segment(WAITING, self.rich_style + DIM)]).crop_extend(
                    0, width, self.rich_style
                )
            return Strip.blank(width, self.rich_style)
        lines = self.rendered.lines
        index = scroll_y + y
        if index >= len(lines):
            return Strip.blank(width, self.rich_style)
        # the widget's colours under the document's own styles, as a Static draws them
        strip = Strip(lines[index]).apply_style(self.rich_style)
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)


class DocumentTab(StepTab):
    """The narrative in text areas on the left, the assembled document on the right."""

    def __init__(self, step: object, session: object, group: object, **kwargs: object) -> None:
        super().__init__(step, session, **kwargs)  # type: ignore[arg-type]
        self.group = group
        self._requested = 0  # preview drawings asked for, and the newest shown
        self._shown = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="document-split"):
            with VerticalScroll(id="narrative"):
                yield from super().compose()
            with Vertical(id="preview-pane"):
                yield Static("Preview of the strategy document", classes="section-title")
                # drawn in a worker, shown line by line: Textual's Markdown widget mounts a
                # widget per block, and a Static draws all of it on the event loop
                yield DocumentPreview(id="preview")

    def compose_fields(self) -> ComposeResult:
        from workshop.export.views import default_title  # with the export, on first show

        document = self.session.document
        yield Static("Title of the document", classes="section-title")
        # left blank, the document is named after the group, as the placeholder shows
        yield self.field_input(
            "document.title",
            document.title,
            placeholder=default_title(self.group),  # type: ignore[arg-type]
        )
        for name, heading in NARRATIVE_SECTIONS.items():
            yield Static(heading, classes="section-title")
            area = TextArea(getattr(document, name), id=f"narrative-{name}", classes="narrative")
            area.show_line_numbers = False
            yield area

    def refresh_preview(self, deferred: bool = False) -> None:
        """Rebuild the preview in a worker thread from a snapshot of the session (the latest
        request wins), drawn there at the preview's width. Not on mount: the screen asks each
        time the step is shown."""
        preview = self.query_one(DocumentPreview)
        if not preview.size.width and not deferred:
            # the step was only just shown: draw for the width it will have once laid out
            self.call_after_refresh(self.refresh_preview, True)
            return
        self._requested += 1
        # a dump is one pydantic-core call: the session cannot change half-way through it
        self._build_preview(
            self.session.model_dump(), preview.drawing_width, preview.rendered, self._requested
        )

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _build_preview(
        self,
        snapshot: dict[str, Any],
        width: int,
        previous: RenderedMarkdown | None,
        request: int,
    ) -> None:
        text = render_strategy(self.group, Session.model_validate(snapshot))
        if get_current_worker().is_cancelled:
            return  # a newer request is on its way
        try:
            # drawn off the event loop, only the blocks that changed since the last drawing
            rendered = RenderedMarkdown.render(text, width, previous)
        except Exception as error:  # a preview that cannot be drawn says so, never waits
            rendered = RenderedMarkdown.render(f"*The preview could not be drawn: {error}*", width)
        if get_current_worker().is_cancelled:
            return
        with suppress(RuntimeError):  # the app is closing: nothing to show
            self.app.call_from_thread(self._show_preview, rendered, request)

    def _show_preview(self, rendered: RenderedMarkdown, request: int) -> None:
        # a drawing finished after a newer one (a cancelled worker cannot be stopped) is old
        if self.is_attached and request > self._shown:
            self._shown = request
            self.query_one(DocumentPreview).show(rendered)

    def preview_state(self) -> tuple[RenderedMarkdown, float] | None:
        """The preview's drawing and how far it is scrolled (None before it is drawn)."""
        preview = self.query_one(DocumentPreview)
        return None if preview.rendered is None else (preview.rendered, preview.scroll_y)

    def restore_preview(self, rendered: RenderedMarkdown, scroll_y: float) -> None:
        """Show an earlier tab's drawing, scrolled as it was, until this tab draws its own."""
        preview = self.query_one(DocumentPreview)
        preview.show(rendered)
        preview.call_after_refresh(preview.scroll_to, y=scroll_y, animate=False)

    @on(DocumentPreview.WidthChanged)
    def _redraw(self, event: DocumentPreview.WidthChanged) -> None:
        event.stop()
        self.refresh_preview()  # drawn for another width: draw it again

    @on(TextArea.Changed, ".narrative")
    def _narrative(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self.read_only:
            name = (event.text_area.id or "").removeprefix("narrative-")
            self.post_message(self.FieldEdited(f"document.{name}", event.text_area.text, True))
