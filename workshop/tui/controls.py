"""Text typed in the room never reaches the terminal as a control sequence.

A group file or an import can hold any character, including ESC (a screen clear, a window
title, a hidden link) or the C1 CSI. Widgets draw text as given, so the app adds one line filter
that drops those characters from every drawn line. They take no cells, so layout is unchanged;
the visible rest of a sequence ("[31m") is shown as text."""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

__all__ = ["NO_RAW_CONTROLS", "NoRawControls"]

#: C0 controls but tab and newline, DEL and the C1 controls.
_DROP = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)])


class NoRawControls(LineFilter):
    """Drops control characters from the text of drawn segments (not from the app's own
    control segments, such as cursor moves)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment
            if segment.control or segment.text.isprintable()
            else Segment(segment.text.translate(_DROP), segment.style, segment.control)
            for segment in segments
        ]


NO_RAW_CONTROLS = NoRawControls()
