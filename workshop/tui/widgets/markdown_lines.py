"""A Markdown document drawn to lines in advance, block by block, reusing the blocks drawn
last time.

Rich draws a long Markdown document slowly: 1.2 s for the strategy of a 1,000-item session,
most of it in the tables of goals and actions. The preview is drawn again at every pause in
the typing, in a worker thread, but Python runs one thread at a time: while it drew, the keys
the facilitator typed waited (a median of 60 ms, up to 600 ms). Here the document is cut into
its top-level blocks (a heading, a paragraph, a table…) and only the blocks whose text changed
since the last drawing are drawn again. Joined, they are exactly what Rich draws for the whole
(tests/tui/test_markdown_lines.py compares the two)."""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from typing import TYPE_CHECKING

from rich.segment import Segment

if TYPE_CHECKING:
    from rich.console import Console

#: A block's text and the width it was drawn at.
BlockKey = tuple[str, int]


@dataclass(frozen=True)
class Block:
    """One top-level block of a document: its Markdown, the kind of its element, and whether
    it holds blocks of its own (a quote, a list, a table)."""

    source: str
    kind: str
    nested: bool


class RenderedMarkdown:
    """A Markdown document drawn at `width` cells. `source` is the Markdown; `lines` what it
    shows; `drawn` the lines of each block, for the next drawing to reuse."""

    def __init__(
        self,
        source: str,
        lines: list[list[Segment]],
        width: int,
        drawn: dict[BlockKey, list[list[Segment]]] | None = None,
    ) -> None:
        self.source = source
        self.lines = lines
        self.width = width
        self.drawn = drawn or {}

    @classmethod
    def render(
        cls, source: str, width: int, previous: RenderedMarkdown | None = None
    ) -> RenderedMarkdown:
        """Draw `source` at `width` cells, reusing the blocks `previous` drew at that width
        (in any thread: a console of its own; `previous` is only read)."""
        from rich.markdown import Markdown, UnknownElement

        console = _console(width)
        reusable = previous.drawn if previous is not None else {}
        drawn: dict[BlockKey, list[list[Segment]]] = {}
        lines: list[list[Segment]] = []
        before: Block | None = None
        for block in blocks(source):
            key = (block.source, width)
            block_lines = drawn.get(key) or reusable.get(key)
            if block_lines is None:
                block_lines = console.render_lines(
                    Markdown(block.source), console.options, pad=False
                )
            drawn[key] = block_lines
            # Rich puts a blank line before a block when the element closed before it asks
            # for one: inside a block with blocks of its own, that element is in the block
            # (and its drawing starts with the blank line); otherwise it is the block before
            if (
                before is not None
                and not block.nested
                and Markdown.elements.get(before.kind, UnknownElement).new_line
            ):
                lines.append([])
            lines.extend(block_lines)
            before = block
        return cls(source, lines, width, drawn)


def blocks(source: str) -> list[Block]:
    """The top-level blocks of a Markdown document, as markdown-it parses it."""
    from markdown_it import MarkdownIt

    source_lines = source.split("\n")
    found: list[Block] = []
    nested = False
    start: tuple[str, list[int]] | None = None
    # parsed as rich.markdown.Markdown parses it
    for token in MarkdownIt().enable("strikethrough").enable("table").parse(source):
        if token.level == 0 and token.nesting in (0, 1) and token.map is not None:
            if start is not None:
                found.append(_block(source_lines, *start, nested))
            start, nested = (token.type, token.map), False
        elif token.level > 0 and token.nesting in (0, 1) and token.type != "inline":
            nested = True
    if start is not None:
        found.append(_block(source_lines, *start, nested))
    return found


def _block(source_lines: list[str], kind: str, where: list[int], nested: bool) -> Block:
    first, last = where
    return Block("\n".join(source_lines[first:last]), kind, nested)


def _console(width: int) -> Console:
    """A console drawing as the app's does, writing nowhere."""
    from rich.console import Console

    return Console(
        width=width,
        file=StringIO(),
        markup=True,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        force_terminal=True,
        safe_box=False,
        soft_wrap=False,
    )
