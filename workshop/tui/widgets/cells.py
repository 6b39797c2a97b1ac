"""What a list's cells hold: the text typed in the room, shown as typed, and how wide Rich
measures a row of such cells."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text


def one_line(text: str) -> str:
    """Text typed over several lines, on one: its lines joined with ' / ' (as the exports
    show them), for a row or a line that has room for one."""
    if "\n" not in text and "\r" not in text:
        return text
    return " / ".join(part for line in text.splitlines() if (part := line.strip()))


class Plain:
    """A cell's text, shown as typed: never read as markup (a DataTable reads a `str` cell as
    markup, so "[/]" typed in the room would raise an error and "[red]" restyle the row).

    The DataTable makes it a one-line Text only when drawing or measuring it; a long list
    keeps this small object per cell, not a Text."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Plain({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plain) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def one_line_widths(cells: list[Any]) -> list[int] | None:
    """The width Rich measures for each cell of a row, when every cell is one line of text
    shown as is (Plain, int, Text, empty); None for any other row."""
    widths = []
    for cell in cells:
        if cell is None:
            text = ""
        elif isinstance(cell, Plain):
            text = cell.text
        elif type(cell) is int:
            text = str(cell)
        elif isinstance(cell, Text):
            text = cell.plain
        else:
            return None  # a str is markup, a float is formatted: DataTable measures those
        if "\n" in text:
            return None
        lines = text.splitlines()  # as Text.__rich_measure__ does (\r, \x0b… split too)
        widths.append(max(map(cell_len, lines)) if lines else 0)
    return widths
