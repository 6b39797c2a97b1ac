"""What the app's full screens share: the partial compositor, and one styling at start."""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.screen import Screen

from workshop.tui.compositor import use_partial_compositor

ResultT = TypeVar("ResultT")


class WorkshopScreen(Screen[ResultT]):
    """A full screen of the app (home, session, review).

    - Drawn by the partial compositor: a cursor move redraws two lines, not 25 widgets.
    - Styled once when first shown. Textual styles every widget as it is mounted, then again,
      the whole screen, when the screen is first made current (30 ms for the session screen:
      a tenth of its time to the first frame), although nothing the styles depend on changed
      in between. Later resumes (back from a dialog or another screen) restyle as usual."""

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(name=name, id=id, classes=classes)
        use_partial_compositor(self)
        self._shown_before = False

    @on(events.ScreenResume)
    def _styled_when_mounted(self, event: events.ScreenResume) -> None:
        # runs before Screen's own handler of the event (subclasses' handlers come first)
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
