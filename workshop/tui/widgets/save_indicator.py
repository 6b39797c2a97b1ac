"""The save state in the header: saved at, saving, or a loud NOT SAVED."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static


class SaveIndicator(Static):
    """Shows whether the room's work is on disk."""

    HELP = (
        "Every change is saved at once. 'NOT SAVED' in red means the disk refused it: the "
        "work is kept in memory and retried every few seconds."
    )

    DEFAULT_CSS = """
    SaveIndicator { width: auto; padding: 0 1; color: $success; }
    SaveIndicator.-saving { color: $warning; }
    SaveIndicator.-failed { background: $error; color: $text; text-style: bold; }
    """

    def show_saved(self, when: datetime) -> None:
        self.set_classes("")
        self.update(f"Saved {when.astimezone():%H:%M:%S}")

    def show_saving(self) -> None:
        if not self.has_class("-failed"):
            self.set_classes("-saving")
            self.update("Saving…")

    def show_failed(self, reason: str) -> None:
        self.set_classes("-failed")
        self.update(f"NOT SAVED — {reason}")

    def show_read_only(self) -> None:
        self.set_classes("")
        self.update("Read-only review")
