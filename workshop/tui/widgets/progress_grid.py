"""The importance–performance grid: where the expectations sit, 5 × 5, one cell per pair of
scores, with how many expectations share it. The review shows it twice, then and now."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Static

from workshop.model.derive import HIGH_SCORE, Quadrant
from workshop.tui import theme

#: The tint of each quadrant's cells, so the room sees at once where the weight lies.
QUADRANT_COLOURS: dict[Quadrant, str] = {
    Quadrant.FIX_FIRST: theme.ERROR,
    Quadrant.KEEP_IT_UP: theme.SUCCESS,
    Quadrant.LOW_PRIORITY: theme.MUTED,
    Quadrant.OVERDELIVERING: theme.SECONDARY,
}

_SCORES = range(1, 6)


def _quadrant_of(importance: int, performance: int) -> Quadrant:
    important, performing = importance >= HIGH_SCORE, performance >= HIGH_SCORE
    if important:
        return Quadrant.KEEP_IT_UP if performing else Quadrant.FIX_FIRST
    return Quadrant.OVERDELIVERING if performing else Quadrant.LOW_PRIORITY


def grid_text(title: str, points: Iterable[tuple[int, int]], unscored: int = 0) -> Text:
    """The grid as Rich text: importance up the side (5 at the top), performance along the
    bottom; a cell shows how many expectations have those scores ("·" for none)."""
    counts = Counter(points)
    text = Text()
    text.append(f"{title}\n", style="bold")
    text.append("imp\n", style=theme.MUTED)
    for importance in reversed(_SCORES):
        text.append(f" {importance} │", style=theme.MUTED)
        for performance in _SCORES:
            colour = QUADRANT_COLOURS[_quadrant_of(importance, performance)]
            count = counts.get((importance, performance), 0)
            if count:
                mark = str(count) if count < 10 else "+"
                text.append(f" {mark} ", style=f"bold {theme.BACKGROUND} on {colour}")
            else:
                text.append(" · ", style=colour)
        text.append("\n")
    text.append("   └" + "─" * 15 + "\n", style=theme.MUTED)
    text.append("    " + "".join(f" {p} " for p in _SCORES) + " perf", style=theme.MUTED)
    if unscored:
        text.append(f"\n{unscored} not scored", style=theme.MUTED)
    return text


def legend_text() -> Text:
    """Which colour is which quadrant."""
    text = Text()
    for n, (quadrant, colour) in enumerate(QUADRANT_COLOURS.items()):
        text.append("■ ", style=colour)
        # two to a line, so the legend fits under the pair of grids
        text.append(f"{quadrant.value:<18}" if n % 2 == 0 else f"{quadrant.value}\n")
    text.rstrip()
    return text


class QuadrantGrid(Static):
    """One grid of expectations; `show(title, points)` redraws it."""

    DEFAULT_CSS = """
    QuadrantGrid {
        width: 24;
        height: auto;
    }
    """

    def show(self, title: str, points: list[tuple[int, int]], unscored: int = 0) -> None:
        self.update(grid_text(title, points, unscored))
