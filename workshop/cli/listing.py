"""`workshop list` for people: every group and its sessions as one Rich table.

Kept apart from `show` (a session step by step) so that listing imports neither pydantic nor
the model: it reads only the store's plain summaries. One table for every group is measured
once, so 200 groups print about as fast as one."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from workshop.store.summary import GroupSummary, ListedGroup

#: From this width on, the list also shows who facilitated each session.
ROOMY = 100

#: Characters that make a terminal act rather than print (ESC, BEL, NUL, the C1 controls…),
#: shown as visible symbols instead: a participant's text must never reach the terminal raw.
_VISIBLE = str.maketrans(
    {code: chr(0x2400 + code) for code in range(32) if chr(code) not in "\t\n"}
    | {0x7F: "\u2421"}
    | dict.fromkeys(range(0x80, 0xA0), "\ufffd")
)


def visible(text: str) -> str:
    """`text` with line endings made plain and every other control character made visible."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_VISIBLE)


def console() -> Console:
    # markup off: text typed in the room ("[bold]", "[/]", "[link=…]") is shown as typed, and
    # cannot raise MarkupError; our own styled lines ask for markup=True
    return Console(highlight=False, markup=False)


def print_groups(groups: list[GroupSummary], data_dir: Path) -> None:
    """The groups of a data folder and their sessions, as one table (or a first-run hint).
    A file that cannot be read is a line of its own, with its reason, after the table."""
    out = console()
    if not groups:
        out.print(f"No groups yet in {escape(str(data_dir))}.", markup=True)
        out.print(
            "Try [bold]workshop demo[/] for a sample, or [bold]workshop new[/] to start.",
            markup=True,
        )
        return
    out.print(f"[dim]Groups in {escape(str(data_dir))}[/]", markup=True)
    readable = [g for g in groups if g.group is not None]
    if readable:
        out.print(groups_table(readable, out.width >= ROOMY))
    for summary in groups:
        if summary.group is None:
            name, error = escape(visible(summary.path.name)), escape(visible(summary.error or ""))
            out.print(f"[red]✗ {name}[/]: {error}", markup=True)
    out.print(
        "[dim]Show one with[/] workshop show SESSION [dim](an id or its first letters)[/]",
        markup=True,
    )


def _heading(group: ListedGroup) -> str:
    name = group.name
    if group.organisation and group.organisation not in name:
        name += f" · {group.organisation}"
    return visible(name)


def groups_table(groups: list[GroupSummary], roomy: bool) -> Table:
    """Every readable group: a heading row with its name, then a row per session (its title
    indented under the group's name; its id, for `workshop show`, last)."""
    table = Table(
        box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False, collapse_padding=True
    )
    table.add_column("Group · session", min_width=16, ratio=3)
    if roomy:
        table.add_column("Facilitator", min_width=11, ratio=1)
    table.add_column("Part", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Done", justify="right", no_wrap=True)
    table.add_column("Session", no_wrap=True, style="bold")
    blanks = [""] * (len(table.columns) - 1)
    for index, summary in enumerate(groups):
        assert summary.group is not None
        if index:
            table.add_section()  # a blank line between groups
        table.add_row(Text(_heading(summary.group), style="bold magenta"), *blanks)
        if not summary.sessions:
            table.add_row(Text("  no sessions yet", style="dim italic"), *blanks)
        for s in sorted(summary.sessions, key=lambda s: (s.part, s.date)):
            done = round(sum(s.completeness.values()) / max(len(s.completeness), 1))
            who = [visible(s.facilitator) or "—"] if roomy else []
            title = Padding(Text(visible(s.title) or "—"), (0, 0, 0, 2))  # under the name
            table.add_row(title, *who, str(s.part), s.date.isoformat(), s.status, f"{done}%", s.id)
    return table
