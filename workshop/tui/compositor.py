"""A compositor that redraws only what meets the part of the screen that changed.

On a partial update (a list's cursor moving one row), Textual's compositor asks every widget
whose *clip* meets the changed area for every line of its region, then keeps the changed lines:
on the session screen, 25 widgets (the footer, the headings above the list, the side panel…)
for the two lines a cursor move changes. Here only the widgets whose visible part meets the
changed area are asked, and only for the changed lines. The terminal receives the same bytes:
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
        for widget, (region, clip) in self.visible_widgets.items():
            x, y, width, height = region.intersection(clip)
            top = max(y, crop_top)
            bottom = min(y + height, crop_bottom)
            if not width or bottom <= top or x >= crop_right or x + width <= crop_left:
                continue  # nothing of it is in the changed area
            # the whole width of what shows of it (the caller cuts lines at widget edges),
            # but only the lines of the changed area
            lines = Region(x, top, width, bottom - top)
            yield (
                lines,
                lines,
                widget.render_lines(Region(x - region.x, top - region.y, width, bottom - top)),
            )


def use_partial_compositor(screen: Screen[Any]) -> None:
    """Give a screen, just built, the partial compositor (before anything is composed)."""
    screen._compositor = PartialCompositor()
