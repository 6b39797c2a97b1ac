"""How the home screen shows a group or session: its table cells and the panel below the table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.content import Content

from workshop.model.base import Step
from workshop.store import GroupSummary, SessionSummary
from workshop.tui import theme

STATUS_COLOURS = {"planned": theme.MUTED, "in progress": theme.ACCENT, "closed": theme.SUCCESS}
_LETTERS = {Step.RESEARCH: "R", Step.CONSULT: "C", Step.STRUCTURE: "S", Step.DOCUMENT: "D"}


@dataclass(frozen=True)
class Row:
    """What a row of the table stands for: a group (or its unreadable file), or a session."""

    group: GroupSummary
    session: SessionSummary | None = None


def _percent_style(percent: int) -> str:
    if percent >= 100:
        return f"bold {theme.SUCCESS}"
    return theme.MUTED if percent == 0 else theme.FOREGROUND


def steps_cell(completeness: dict[Step, int], wide: bool) -> Text:
    """Each step's completeness: 'R 80% · C 50% · S 20% · D 0%' (narrow: 'R80 C50 S20 D0')."""
    text = Text(no_wrap=True)
    for index, step in enumerate(Step):
        percent = completeness.get(step, 0)
        if index:
            text.append(" · " if wide else " ", style=theme.MUTED)
        text.append(_LETTERS[step] + (" " if wide else ""), style=theme.MUTED)
        text.append(f"{percent}%" if wide else str(percent), style=_percent_style(percent))
    return text


def bar(percent: int, width: int = 8) -> str:
    """A small bar of `width` cells for a percentage."""
    filled = round(max(0, min(100, percent)) * width / 100)
    return "█" * filled + "░" * (width - filled)


def _where(path: Path, data_dir: Path) -> str:
    try:
        return str(path.relative_to(data_dir))
    except ValueError:
        return str(path)


def detail_of(row: Row | None, data_dir: Path) -> Content:
    """The panel under the table: the selected session's steps as bars, or the group's file, or
    why the file cannot be read. User text goes in as template variables, never as markup."""
    if row is None:
        return Content("")
    summary = row.group
    if summary.group is None:
        return Content.from_markup(
            "[b $error]This file cannot be read:[/] $why\n"
            "[$text-muted]$file — it is left untouched; fix or remove it, then press g.[/]",
            why=summary.error or "unknown reason",
            file=_where(summary.path, data_dir),
        )
    group = summary.group
    session = row.session
    if session is None:
        count = len(summary.sessions)
        return Content.from_markup(
            "[b]$name[/b] [$text-muted]$organisation[/]\n"
            "$count in [$text-muted]$file[/]. [b $accent]n[/] adds a session to this group.",
            name=group.name,
            organisation=group.organisation,
            count=f"{count} session{'s' * (count != 1)}",
            file=_where(summary.path, data_dir),
        )
    steps = "   ".join(
        f"{step.label} [$primary]{bar(session.completeness.get(step, 0))}[/] "
        f"{session.completeness.get(step, 0)}%"
        for step in Step
    )
    follows = ""
    if session.follows:
        earlier = next((s for s in summary.sessions if s.id == session.follows), None)
        follows = f" · follows part {earlier.part}" if earlier else " · follows a deleted session"
    return Content.from_markup(
        "[b]$name[/b] · [b $primary]$part[/] · $date$title · $facilitator · "
        "$items$follows\n" + steps,
        name=group.name,
        part=f"Part {session.part}",
        date=session.date.isoformat(),
        title=f" — {session.title}" if session.title else "",
        facilitator=f"facilitated by {session.facilitator}"
        if session.facilitator
        else "no facilitator named",
        items=f"{session.item_count} item{'s' * (session.item_count != 1)}",
        follows=follows,
    )
