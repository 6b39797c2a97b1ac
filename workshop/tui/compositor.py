"""A compositor that redraws only what meets the part of the screen that changed.

On a partial update (a list's cursor moving one row), Textual's compositor asks every widget
whose *clip* meets the changed area for every line of its region, then keeps the changed lines:
on the session screen, 25 widgets (the footer, the headings above the list, the side panel…)
for the two lines a cursor move changes. Here only the widgets whose visible part meets the
changed area are asked, and only for the changed lines; and of those, none that the widgets in
front of it hide there entirely (the section, tab pane and tabs behind a list: each cell is
taken by the front-most widget drawing it). The terminal receives the same bytes:
the cells an update writes all lie in that area, and each is drawn by the front-most widget
there, which meets the area by definition (tests/tui/test_compositor.py replays the updates
on a virtual terminal and compares it with a full render).

It overrides `Compositor._get_renders`, a private method of Textual 8.2; a screen installs it
with `use_partial_compositor(self)` in its constructor."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.screen import Screen


class PartialCompositor(Compositor):
    """Textual's compositor, rendering only what a partial update needs."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        crop_left, crop_top, crop_right, crop_bottom = crop.corners  # right, bottom: exclusive
        drawn: list[Region] = []  # what the widgets in front have drawn of the changed area
        for widget, (region, clip) in self.visible_widgets.items():
            x, y, width, height = region.intersection(clip)
            top = max(y, crop_top)
            bottom = min(y + height, crop_bottom)
            if not width or bottom <= top or x >= crop_right or x + width <= crop_left:
                continue  # nothing of it is in the changed area
            # the whole width of what shows of it (the caller cuts lines at widget edges),
            # but only the lines of the changed area
            lines = Region(x, top, width, bottom - top)
            if self._hidden(lines, drawn, crop_left, crop_right):
                # Hidden there by widgets in front (the containers behind a list): each piece
                # of a line is taken by the first widget drawing it, front to back, so nothing
                # of its lines would be kept.
                continue
            drawn.append(lines)
            yield (
                lines,
                lines,
                widget.render_lines(Region(x - region.x, top - region.y, width, bottom - top)),
            )

    def _hidden(self, area: Region, drawn: list[Region], crop_left: int, crop_right: int) -> bool:
        """Whether every piece of `area`'s lines that this update can show is drawn already.

        A line is drawn in pieces, cut at every widget's edges; a piece goes to the first
        widget drawing where it starts, and the update shows only the pieces that meet the
        changed area (Textual's ChopsUpdate). So a container whose edges stick out beside a
        list (its padding) has nothing to show when the list and its scrollbars, in front,
        take every piece that meets the changed columns."""
        for region in drawn:
            if region.contains_region(area):
                return True  # the common case: a container wholly behind a list
        left, top, right, bottom = area.corners
        cuts = self.cuts
        spans: list[tuple[int, int]] = []
        same_until = top  # the lines before this one meet the same regions in front
        for line in range(top, bottom):
            if line >= same_until:
                meeting = [r for r in drawn if r.y <= line < r.bottom]
                if not meeting:
                    return False
                spans = [(r.x, r.right) for r in meeting]
                same_until = min(
                    [bottom, *(r.bottom for r in meeting), *(r.y for r in drawn if r.y > line)]
                )
            line_cuts = cuts[line]
            for index in range(len(line_cuts) - 1):
                start = line_cuts[index]
                if start < left:
                    continue
                if start >= right or start >= crop_right:
                    break
                if line_cuts[index + 1] <= crop_left:
                    continue  # a piece wholly left of the changed columns: never shown
                for x0, x1 in spans:
                    if x0 <= start < x1:
                        break
                else:
                    return False
        return True


def use_partial_compositor(screen: Screen[Any]) -> None:
    """Give a screen, just built, the partial compositor (before anything is composed)."""
    screen._compositor = PartialCompositor()
