"""A step's timebox: a countdown that warns near the end and shows the overrun."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from workshop.model.base import Step

#: The clock the timer reads; tests replace it.
clock: Callable[[], float] = time.monotonic


def format_remaining(planned_seconds: float, spent_seconds: float) -> str:
    """'12:30' left, or '+01:05' past the timebox."""
    left = planned_seconds - spent_seconds
    sign = "" if left >= 0 else "+"
    whole = int(abs(left) + (0.999 if left > 0 else 0))
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"


class StepTimer(Static):
    """The countdown of the current step's timebox. `spent` counts seconds run so far."""

    HELP = (
        "The step's timebox: t starts or pauses it, T resets it. It turns amber in the last "
        "fifth of the time and red with +mm:ss once over."
    )

    DEFAULT_CSS = """
    StepTimer { width: auto; padding: 0 1; }
    StepTimer.-running { text-style: bold; }
    StepTimer.-warning { background: $warning; color: $text; }
    StepTimer.-overrun { background: $error; color: $text; text-style: bold; }
    """

    running: reactive[bool] = reactive(False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        #: The step whose timebox is shown (None: none).
        self.step: Step | None = None
        self.planned = 0.0
        self.base = 0.0  # seconds spent before the current run
        self._started: float | None = None
        # ticks only while running: a paused timer must not redraw the screen every second
        self._ticker: Timer | None = None
        self._shown = ""

    def _run_ticker(self, run: bool) -> None:
        if run and self._ticker is None:
            self._ticker = self.set_interval(1.0, self.tick)
        elif not run and self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    def load(self, minutes: int, spent_seconds: float) -> None:
        """Show a step's timebox (stops any run)."""
        self._started = None
        self.running = False
        self._run_ticker(False)
        self.planned = minutes * 60.0
        self.base = spent_seconds
        self.tick()

    @property
    def spent(self) -> float:
        extra = 0.0 if self._started is None else clock() - self._started
        return self.base + extra

    def start(self) -> None:
        if self._started is None:
            self._started = clock()
            self.running = True
            self._run_ticker(True)
        self.tick()

    def pause(self) -> None:
        if self._started is not None:
            self.base = self.spent
            self._started = None
            self.running = False
            self._run_ticker(False)
        self.tick()

    def reset(self) -> None:
        self._started = None
        self.running = False
        self._run_ticker(False)
        self.base = 0.0
        self.tick()

    def tick(self) -> None:
        spent = self.spent
        overrun = spent > self.planned
        warning = not overrun and spent >= self.planned * 0.8
        self.set_class(self.running, "-running")
        self.set_class(warning, "-warning")
        self.set_class(overrun, "-overrun")
        state = "▶" if self.running else "Timer"
        text = f"{state} {format_remaining(self.planned, spent)}"
        if text != self._shown:  # an update re-lays out the header: only when it shows more
            self._shown = text
            self.update(text)
