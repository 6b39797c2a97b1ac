"""The one escaping filter every export template applies to user text.

Whatever was typed in the room — a line starting with `#`, a `|` inside a table cell, raw HTML,
backticks, a newline in a one-line field — must come out as text and never as Markdown
structure. The filter returns `Escaped`, and the template environment refuses to print any
other string (see `environment.finalize`), so a template that forgets the filter fails loudly
instead of shipping a document a hostile title can break."""

from __future__ import annotations

import re
from typing import Literal

Mode = Literal["inline", "block"]

# Characters that open inline structure anywhere in a line: escapes, code, emphasis, links,
# raw HTML and autolinks, headings' closing `#`s, table pipes, strikethrough (GFM). `&` only
# where it would start an entity (`&amp;`, `&#60;`), so "R&D" stays readable.
_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~"})
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What opens a block when it starts a line: a bullet followed by a space, a setext underline
# or thematic break ("---", "==="), an ordered-list number ("1." / "1)") followed by a space.
# The others (`#`, `>`, `<`, fences, `*`, `_`) are escaped everywhere.
_LEADING_MARK = re.compile(r"^(?:[-+](?=\s|$)|[-=]+$)")
_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
# A line of dashes and colons ("-:", ":--", ": - :") is a table's delimiter row when the line
# above holds a `|` (escaped or not): a paragraph of two lines would become a table.
_DELIMITER_ROW = re.compile(r"[-: ]*-[-: ]*")
_MAY_LEAD = frozenset("-+=:0123456789")
# C0/C1 control characters other than tab and line breaks: invisible, and NUL is not text.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Anything the slow path would change: specials, controls, line breaks, odd whitespace (a
# character class is much faster than one pattern with anchored alternatives; see `_plain`).
_SPECIAL_CHAR = re.compile(r"[\\`*_\[\]<>#|~&\x00-\x1f\x7f-\x9f]|[^\S ]")
_LEADING_BLOCK = re.compile(r"(?:[-+](?:\s|$)|[-=]+$|[-: ]*-[-: ]*$|\d{1,9}[.)](?:\s|$))")


def _plain(text: str) -> bool:
    """True when escaping would leave `text` exactly as it is (the common case)."""
    return not (
        _SPECIAL_CHAR.search(text)
        or "  " in text
        or text[:1] == " "
        or text[-1:] == " "
        or (text[:1] in _MAY_LEAD and _LEADING_BLOCK.match(text))
    )


class Escaped(str):
    """Text that is safe to place in a Markdown document as it is."""

    __slots__ = ()


def _line(text: str) -> str:
    """One line, its specials already escaped, made inert: whitespace collapsed, a leading
    block marker neutralised."""
    line = " ".join(text.split())
    if line[:1] in _MAY_LEAD:
        if _LEADING_MARK.match(line) or _DELIMITER_ROW.fullmatch(line):
            return "\\" + line
        return _LEADING_NUMBER.sub(r"\1\\\2", line, count=1)
    return line


def md(value: object, mode: Mode = "inline", default: str = "") -> Escaped:
    """User text as safe Markdown.

    - "inline" (headings, list items, table cells): one line; line breaks become " / ", runs
      of whitespace one space, every character that could open structure is escaped, and a
      leading list, heading, quote or number marker is neutralised.
    - "block" (paragraphs): blank lines separate paragraphs, a single line break stays one (a
      hard break: a list typed line by line is not run together), and each line is made safe
      on its own, so no line can start a heading, list, quote, fence, HTML block, table or
      code block.

    None and whitespace-only text give `default` (a template literal, trusted as it is).
    Numbers and other values are shown with `str()` and escaped the same way."""
    if value is None:
        return Escaped(default)
    text = value if isinstance(value, str) else str(value)
    if _plain(text):  # the common case: plain words
        return Escaped(text or default)
    text = _CONTROL.sub("", text).translate(_INLINE)  # one pass over the whole text
    if "&" in text:
        text = _ENTITY.sub(r"\&", text)
    lines = text.splitlines()
    if mode == "block":
        paragraphs: list[list[str]] = [[]]
        for raw in lines:
            line = _line(raw)
            if line:
                paragraphs[-1].append(line)
            elif paragraphs[-1]:
                paragraphs.append([])
        # the lines of a paragraph stay lines, as typed: a hard break ("\\" at the end of a
        # line, CommonMark's), never at a paragraph's end, where it would show as a backslash
        result = "\n\n".join("\\\n".join(p) for p in paragraphs if p)
    else:
        result = " / ".join(filter(None, (_line(raw) for raw in lines)))
    return Escaped(result or default)


def table(headers: list[str], rows: list[list[object]]) -> Escaped:
    """A Markdown table whose every header and cell passes through `md` (inline). Built here
    rather than in a template loop because a 1,000-item session has thousands of cells."""

    done: dict[str, str] = {}  # a table repeats its short cells (names, numbers, statuses)

    def cell(value: object) -> str:
        # The common case inline (md's own fast path), md for everything else.
        if type(value) is str:
            escaped = done.get(value)
            if escaped is None:
                escaped = done[value] = value if _plain(value) else md(value)
            return escaped
        return md(value)

    lines = [
        "| " + " | ".join(map(cell, headers)) + " |",
        "|" + " --- |" * len(headers),
    ]
    lines.extend("| " + " | ".join(map(cell, row)) + " |" for row in rows)
    return Escaped("\n".join(lines) + "\n")


def present(value: object) -> bool:
    """Whether a text has anything to show once escaped (not blank, not only control chars)."""
    return bool(md(value))
