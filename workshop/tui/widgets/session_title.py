"""The session screen's title: the group, which part and when, and the session's own title."""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size
from textual.widget import Widget

SEPARATOR = " · "
#: Narrower than this, a group's name says little: it is left out rather than cut to "Riversi…".
MIN_GROUP = 12


#: A title that starts by naming its part: "Part 2: six-month review", "part 2 - review".
# the number ends there: a separator follows, or nothing ("Part 2.5", "Part 2nd", "Part 2 of 3"
# are titles of their own)
_PART_FIRST = re.compile(r"part\s*([0-9]+)\s*(?:[:·,\-–—]\s*|$)", re.IGNORECASE)


def without_part(part: int, title: str) -> str:
    """A session's title as shown beside its part ("Part 2 · …"): without a leading repeat of
    that part. A title that is only the part, or names another part, is kept whole."""
    found = _PART_FIRST.match(title)
    if found is None or int(found.group(1)) != part or not title[found.end() :].strip():
        return title
    return title[found.end() :]


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in '…' when cut (wide characters count two)."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return set_cell_size(text, width - 1).rstrip() + "…"


def fit_title(group: str, label: str, title: str, width: int) -> str:
    """The title line in `width` cells. What gives way first is the group's name (everyone in
    the room knows whose workshop it is), then the session's own title: which part is open,
    and when, is what tells Part 1 (closed, read-only) from Part 2."""
    tail = SEPARATOR.join(filter(None, [label, title]))
    full = SEPARATOR.join(filter(None, [group, tail]))
    if cell_len(full) <= width:
        return full
    room = width - cell_len(tail) - len(SEPARATOR)
    if group and room >= MIN_GROUP:
        return shorten(group, room) + SEPARATOR + tail
    return shorten(tail, width)


class SessionTitle(Widget):
    """One line: group · part and date · title, fitted to the width it is given (see
    `fit_title`); shown again whenever its width changes."""

    DEFAULT_CSS = """
    SessionTitle {
        height: 1;
        text-wrap: nowrap;
    }
    """

    def __init__(self, group: str, label: str, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)  # names are typed text, never markup
        self.parts = (group, label, title)

    def show(self, group: str, label: str, title: str) -> None:
        if (group, label, title) != self.parts:
            self.parts = (group, label, title)
            self.refresh()

    @property
    def text(self) -> str:
        """The whole title, however narrow the line."""
        return fit_title(*self.parts, width=10**6)

    def render(self) -> str:
        return fit_title(*self.parts, width=max(self.content_size.width, 1))
