"""Reading a day typed as YYYY-MM-DD, with a reason a person can act on when it is not one.

Kept free of heavy imports: the command line reads `--date` before it loads the model."""

from __future__ import annotations

import re
from datetime import date

#: The shape asked for, as the messages show it.
EXAMPLE = "2027-03-31"
# ASCII digits only (\d takes any script's); the basic form 20270331 is read too
_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{8}")


class NotADay(ValueError):
    """The text is not a day; str() says why, in words for the person who typed it."""

    def sentence(self) -> str:
        """The reason as a sentence of its own (capitalised)."""
        text = str(self)
        return text[:1].upper() + text[1:]


def read_day(text: str) -> date:
    """The day `text` names (surrounding spaces ignored). A date in the right shape that no
    calendar has (2026-02-30, 2026-13-01) is told apart from text in the wrong shape."""
    stripped = text.strip()
    if _SHAPE.fullmatch(stripped):
        try:
            return date.fromisoformat(stripped)
        except ValueError:
            raise NotADay(f"there is no day {stripped} in the calendar") from None
    raise NotADay(f"enter a date as YYYY-MM-DD, e.g. {EXAMPLE}")
