"""A scrollbar repainted only when its thumb is drawn elsewhere."""

from __future__ import annotations

from math import ceil

from rich.segment import Segment
from textual.scrollbar import ScrollBar


def _thumb(bar: ScrollBar, position: float) -> list[Segment]:
    """What a vertical scrollbar draws with its thumb at `position` (as `ScrollBar.render`
    has its renderer draw it, in the renderer's own colours: only the thumb's place differs)."""
    virtual = bar.window_virtual_size
    window = bar.window_size if bar.window_size < virtual else 0
    drawn = bar.renderer.render_bar(
        size=bar.size.height,
        virtual_size=ceil(virtual),
        window_size=ceil(window),
        position=position,
        thickness=bar.thickness,
        vertical=True,
    )
    return list(drawn.segments)


def move_thumb(bar: ScrollBar, position: float) -> None:
    """Set a vertical scrollbar's position, repainting it only if its thumb is drawn elsewhere.

    The thumb moves in eighths of a cell: in a list of 1,000 rows it is drawn in the same
    place for ten rows at a time, and repainting the scrollbar took a sixth of a key press."""
    position = bar.validate_position(position)
    if position == bar.position:
        return
    if _thumb(bar, position) == _thumb(bar, bar.position):
        bar.set_reactive(ScrollBar.position, position)
    else:
        bar.position = position
