"""How the home screen shows groups and sessions: the table's columns and rows, the panel
below the table, and the first-run message."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable

from workshop.store import GroupSummary, SessionSummary
from workshop.store.names import group_id_of
from workshop.store.summary import STEP_LABELS
from workshop.tui import theme
from workshop.tui.widgets.cells import Plain
from workshop.tui.widgets.session_title import without_part

STATUS_COLOURS = {"planned": theme.MUTED, "in progress": theme.ACCENT, "closed": theme.SUCCESS}
# steps by value (the model's Step is a str): the home screen never imports the model
_LETTERS = {"research": "R", "consult": "C", "structure": "S", "document": "D"}


@dataclass(frozen=True)
class Row:
    """What a row of the table stands for: a group (or its unreadable file), or a session."""

    group: GroupSummary
    session: SessionSummary | None = None


def add_columns(table: DataTable[Any], width: int, wide: bool) -> None:
    """The table's columns for a screen `width` cells wide; the name takes what is left."""
    if wide:
        # "R 100% · C 100% · S 100% · D 100%" is 33 cells
        fixed = {"Date": 10, "Facilitator": 16, "Status": 11, "Steps": 33}
    else:
        # "R100 C100 S100 D100" is 19 cells
        fixed = {"Date": 10, "Status": 11, "Steps": 19}
    # each column has one cell of padding either side; two more for the scrollbar
    name_width = width - sum(fixed.values()) - 2 * (len(fixed) + 1) - 2
    table.add_column("Group · session", width=name_width, key="name")
    for label, column_width in fixed.items():
        table.add_column(label, width=column_width, key=label.casefold())


#: An empty cell (text, not markup: a str cell would be parsed as markup and measured slowly).
_BLANK = Plain("")


def group_rows(summary: GroupSummary, wide: bool) -> Iterator[tuple[str, list[Any], Row]]:
    """A group's heading row, then one row per session in part order: (key, cells, row).
    Keys: 'g:<group id>', 's:<group id>:<session id>', or 'x:<file name>' for a bad file."""
    if summary.group is None:
        name = Text(f"⚠ {summary.path.name}", style=f"bold {theme.ERROR}", no_wrap=True)
        cells: list[Any] = [name, _BLANK, Text("unreadable", style=theme.ERROR), _BLANK]
        key = f"x:{summary.path.name}"
    else:
        name = Text(no_wrap=True, overflow="ellipsis")
        name.append(summary.group.name, style="bold")
        if summary.group.organisation:
            name.append(f" — {summary.group.organisation}", style=theme.MUTED)
        count = len(summary.sessions)
        cells = [
            name,
            _BLANK,
            Text(f"{count} session{'s' * (count != 1)}", style=theme.MUTED),
            _BLANK,
        ]
        key = f"g:{summary.group.id}"
    if wide:
        cells.insert(2, _BLANK)
    yield key, cells, Row(summary)
    sessions = sorted(summary.sessions, key=lambda s: (s.part, s.date))
    for index, session in enumerate(sessions, 1):
        yield session_row(summary, session, wide, last=index == len(sessions))


def session_row(
    summary: GroupSummary, session: SessionSummary, wide: bool, last: bool
) -> tuple[str, list[Any], Row]:
    """One session's row. Cells are Rich Text, never markup: a title may hold '['."""
    name = Text(no_wrap=True, overflow="ellipsis")
    name.append("  └ " if last else "  ├ ", style=theme.MUTED)
    name.append(f"Part {session.part}", style=f"bold {theme.PRIMARY}")
    if session.title:
        name.append(f" · {without_part(session.part, session.title)}")
    status = str(session.status)
    cells: list[Any] = [name, Plain(session.date.isoformat())]
    if wide:
        cells.append(Text(session.facilitator or "—", no_wrap=True, overflow="ellipsis"))
    cells.append(Text(status, style=STATUS_COLOURS.get(status, theme.FOREGROUND)))
    cells.append(steps_cell(session.completeness, wide))
    return f"s:{session.group_id}:{session.id}", cells, Row(summary, session)


def empty_message(data_dir: Path, error: str | None = None) -> Content:
    """What a first run shows: what the app is for, and the two ways to begin."""
    if error:
        return Content.from_markup("[b $error]The data folder cannot be read[/]\n$why", why=error)
    return Content.from_markup(
        "[b]Run a customer-service team's strategy workshop, live.[/b]\n"
        "Guide the room through four steps — research, consult, structure, the strategy "
        "document — capturing everything as it is said; months later, review what moved.\n"
        "\n"
        "There are no sessions in [b]$folder[/b] yet.\n"
        "  • Press [b $accent]n[/] to start a new session.\n"
        "  • Or run [b $accent]workshop demo[/] in a shell for a sample group to explore, "
        "then press [b $accent]g[/] here to refresh.",
        folder=str(data_dir),
    )


def _percent_style(percent: int) -> str:
    if percent >= 100:
        return f"bold {theme.SUCCESS}"
    return theme.MUTED if percent == 0 else theme.FOREGROUND


def steps_cell(completeness: Mapping[str, int], wide: bool) -> Text:
    """Each step's completeness: 'R 80% · C 50% · S 20% · D 0%' (narrow: 'R80 C50 S20 D0')."""
    text = Text(no_wrap=True)
    for index, step in enumerate(STEP_LABELS):
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


def detail_of(row: Row | None, data_dir: Path, wide: bool = True) -> Content:
    """The panel under the table, three lines: the selected session's group, the session, and
    its steps' completeness (as bars when `wide`); or the group and its file; or why the file
    cannot be read. User text goes in as template variables, never as markup."""
    if row is None:
        return Content("")
    summary = row.group
    if summary.group is None:
        file = _where(summary.path, data_dir)
        why = (summary.error or f"{file} cannot be read").removesuffix("; it was left untouched")
        return Content.from_markup(
            "[b $error]⚠ $why.[/] It is left untouched.\n"
            "[b]workshop versions $ref[/] lists the copies kept of it ([b]workshop restore[/] "
            "puts one back); or fix or remove it, then press [b $accent]g[/].",
            why=why,
            ref=group_id_of(summary.path.name) or file,
        )
    group = summary.group
    heading = Content.from_markup(
        "[b]$name[/b][$text-muted]$organisation[/]",
        name=group.name,
        organisation=f" — {group.organisation}" if group.organisation else "",
    )
    session = row.session
    if session is None:
        count = len(summary.sessions)
        return heading + Content.from_markup(
            "\n$count, kept in $file\n[b $accent]n[/] adds a session to this group.",
            count=f"{count} session{'s' * (count != 1)}",
            file=_where(summary.path, data_dir),
        )
    follows = ""
    if session.follows:
        earlier = next((s for s in summary.sessions if s.id == session.follows), None)
        follows = f" · follows part {earlier.part}" if earlier else " · follows a deleted session"
    line = Content.from_markup(
        "\n[b $primary]$part[/] · $date$title · $facilitator · $items$follows\n",
        part=f"Part {session.part}",
        date=session.date.isoformat(),
        title=f" — {without_part(session.part, session.title)}" if session.title else "",
        facilitator=f"facilitated by {session.facilitator}"
        if session.facilitator
        else "no facilitator named",
        items=f"{session.item_count} item{'s' * (session.item_count != 1)}",
        follows=follows,
    )
    return heading + line + _steps_line(session.completeness, wide)


def _steps_line(completeness: Mapping[str, int], wide: bool) -> Content:
    parts = []
    for step, label in STEP_LABELS.items():
        percent = completeness.get(step, 0)
        shown = f"[$primary]{bar(percent)}[/] " if wide else ""
        parts.append(f"{label} {shown}[b]{percent}%[/b]")
    return Content.from_markup(("   " if wide else " · ").join(parts))
