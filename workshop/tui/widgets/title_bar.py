"""The line across the top of the home and review screens: the app's name and data folder."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class TitleBar(Widget):
    """One line naming the app and the folder it works on (the screen's title and sub-title
    when it has its own). Textual's Header is four widgets, an icon that opens the command
    palette (the footer says ctrl+p) and a clock space; it also failed when the app quit
    while it was being mounted (its own mount handler looks up a child already removed)."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center middle;
    }
    """

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)
