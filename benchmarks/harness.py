"""What every figure shares: repeated timing, medians, a verdict against a target, the table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class Figure:
    """One measured figure and its verdict. `measured` and `limit` are in the same unit; the
    target is met when measured <= limit. `shown`/`target` are what the table prints."""

    key: str
    title: str
    measured: float
    limit: float
    shown: str
    target: str
    detail: str = ""
    error: str | None = None
    samples: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and self.measured <= self.limit


def failed(key: str, title: str, target: str, error: str) -> Figure:
    """A figure that could not be measured: it counts as missed, with the reason shown."""
    return Figure(key, title, float("inf"), 0.0, "not measured", target, error=error)


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def repeat(
    action: Callable[[], object], times: int, setup: Callable[[], object] | None = None
) -> list[float]:
    """Wall-clock seconds of `times` calls of `action` (each after `setup`, not timed)."""
    samples = []
    for _ in range(times):
        if setup is not None:
            setup()
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def interleaved(*measures: Callable[[], float], times: int) -> list[list[float]]:
    """Run measurements in turn (ABAB… or ABCABC…), so that a noisy stretch of the machine
    weighs on each alike; each callable returns its own figure in seconds."""
    samples: list[list[float]] = [[] for _ in measures]
    for _ in range(times):
        for measure, taken in zip(measures, samples, strict=True):
            taken.append(measure())
    return samples


def ratio_figure(
    key: str,
    title: str,
    ours: list[float],
    baseline: list[float],
    factor: float,
    baseline_name: str,
) -> Figure:
    """A figure whose target is `factor` × a baseline measured in the same run (medians)."""
    ours_m, base_m = median(ours), median(baseline)
    return Figure(
        key,
        title,
        measured=ours_m / base_m,
        limit=factor,
        shown=f"{ms(ours_m)} = {ours_m / base_m:.2f} × {ms(base_m)}",
        target=f"≤ {factor:g} × {baseline_name}",
        samples=ours,
    )


def absolute_figure(key: str, title: str, samples: list[float], limit_s: float) -> Figure:
    """A figure whose target is a median time in seconds."""
    value = median(samples)
    return Figure(
        key,
        title,
        measured=value,
        limit=limit_s,
        shown=f"{ms(value)} median",
        target=f"≤ {limit_s * 1000:g} ms",
        samples=samples,
    )


def table(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table (readable in a terminal, pasteable into the README)."""
    head = ("#", "figure", "measured", "target", "ok")
    rows = [
        (
            f.key,
            f.title,
            f.shown if f.error is None else f"not measured: {f.error}",
            f.target,
            "yes" if f.ok else "**NO**",
        )
        for f in figures
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out.extend(line(r) for r in rows)
    return "\n".join(out)
