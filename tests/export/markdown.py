"""Reading exported Markdown back with markdown-it-py, as a reader's renderer would see it."""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable("table")

#: Block tokens whose count and order make up a document's structure.
STRUCTURAL = {
    "heading_open",
    "table_open",
    "thead_open",
    "tbody_open",
    "tr_open",
    "th_open",
    "td_open",
    "bullet_list_open",
    "ordered_list_open",
    "list_item_open",
    "blockquote_open",
    "hr",
    "fence",
    "code_block",
    "html_block",
}
#: Inline tokens user text must never produce (strong is used by the templates, so counted).
#: A hard break is not among them: a line break typed in a paragraph is kept as one (escape.md
#: "block"), and read back as the line break it is.
INLINE_STRUCTURAL = {
    "html_inline",
    "link_open",
    "image",
    "code_inline",
    "em_open",
    "strong_open",
    "s_open",
}


def parse(text: str) -> list[Token]:
    return _PARSER.parse(text)


def inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Outline:
    """What a document is made of: headings (level, text), tables, list items, paragraphs."""

    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    list_items: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)

    def heading_texts(self, level: int | None = None) -> list[str]:
        return [text for lvl, text in self.headings if level is None or lvl == level]

    def table_after(self, heading: str) -> Table:
        """The first table that follows the heading with this text."""
        return self._after[heading]

    _after: dict[str, Table] = field(default_factory=dict)


def outline(text: str) -> Outline:
    tokens = parse(text)
    out = Outline()
    last_heading: str | None = None
    table: Table | None = None
    row: list[str] | None = None
    in_item = 0
    for index, token in enumerate(tokens):
        if token.type in STRUCTURAL:
            out.signature.append(f"{token.type}:{token.tag}")
        if token.type in ("html_block",):
            out.html.append(token.content)
        if token.type == "heading_open":
            last_heading = inline_text(tokens[index + 1])
            out.headings.append((int(token.tag[1]), last_heading))
        elif token.type == "table_open":
            table = Table(headers=[])
            out.tables.append(table)
            if last_heading is not None and last_heading not in out._after:
                out._after[last_heading] = table
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and table is not None and row is not None:
            if table.headers:
                table.rows.append(row)
            else:
                table.headers = row
            row = None
        elif token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "inline":
            for child in token.children or []:
                if child.type in INLINE_STRUCTURAL:
                    out.signature.append(child.type)
                if child.type == "html_inline":
                    out.html.append(child.content)
            content = inline_text(token)
            if row is not None:
                row.append(content)
            elif tokens[index - 1].type == "paragraph_open":
                if in_item:
                    out.list_items.append(content)
                else:
                    out.paragraphs.append(content)
    return out
