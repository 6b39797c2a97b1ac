"""`workshop list` for people: every group and its sessions as one table.

Kept apart from `show` (a session step by step) so that listing imports neither pydantic nor
the model: it reads only the store's plain summaries. The table is laid out by hand (see
`groups_lines`); Rich styles it on a terminal, and is not even imported when the output goes
to a pipe or a file, where it would print the same characters without styles (nor to measure
text, unless it holds characters other than the common ones known to take one cell)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from workshop.store.summary import GroupSummary, ListedGroup

#: From this width on, the list also shows who facilitated each session.
ROOMY = 100
#: The width of the table when the output is not a terminal and $COLUMNS is not set (Rich's).
PLAIN_WIDTH = 80

#: Characters that make a terminal act rather than print (ESC, BEL, NUL, the C1 controls…),
#: shown as visible symbols instead: a participant's text must never reach the terminal raw.
_VISIBLE = str.maketrans(
    {code: chr(0x2400 + code) for code in range(32) if chr(code) not in "\t\n"}
    | {0x7F: "\u2421"}
    | dict.fromkeys(range(0x80, 0xA0), "\ufffd")
)

#: A line of output: its pieces, each a text and its Rich style ("" for none).
Line = list[tuple[str, str]]


def visible(text: str) -> str:
    """`text` with line endings made plain and every other control character made visible."""
    if text.isprintable():  # nothing to change (and translating costs, even then)
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_VISIBLE)


def _styled_output() -> bool:
    """Whether to print through Rich: on a terminal, or when colour is forced."""
    forced = os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1"
    return bool(forced) or sys.stdout.isatty()


def _plain_width() -> int:
    try:
        return max(int(os.environ.get("COLUMNS", "")), 20)
    except ValueError:
        return PLAIN_WIDTH


def print_groups(groups: list[GroupSummary], data_dir: Path) -> None:
    """The groups of a data folder and their sessions, as one table (or a first-run hint).
    A file that cannot be read is a line of its own, with its reason, after the table."""
    styled = _styled_output()
    if styled:
        from rich.console import Console

        # markup off: text typed in the room ("[bold]", "[link=…]") is printed as typed
        console = Console(highlight=False, markup=False)
        width = console.width
    else:
        width = _plain_width()
    lines = listing_lines(groups, data_dir, width)
    if not styled:
        sys.stdout.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.text import Text

    output = Text(end="")
    for line in lines:
        for text, style in line:
            output.append(text, style=style or None)
        output.append("\n")
    console.print(output, soft_wrap=True)


def listing_lines(groups: list[GroupSummary], data_dir: Path, width: int) -> list[Line]:
    """What `print_groups` prints, line by line."""
    where = visible(str(data_dir))
    if not groups:
        return [
            [(f"No groups yet in {where}.", "")],
            [
                ("Try ", ""),
                ("workshop demo", "bold"),
                (" for a sample, or ", ""),
                ("workshop new", "bold"),
                (" to start.", ""),
            ],
        ]
    lines: list[Line] = [[(f"Groups in {where}", "dim")]]
    readable = [g for g in groups if g.group is not None]
    if readable:
        lines += groups_lines(readable, width)
    for summary in groups:
        if summary.group is None:
            name, error = visible(summary.path.name), visible(summary.error or "")
            lines.append([(f"✗ {name}", "red"), (f": {' '.join(error.split())}", "")])
    lines.append(
        [
            ("Show one with", "dim"),
            (" workshop show SESSION ", ""),
            ("(an id or its first letters)", "dim"),
        ]
    )
    return lines


def _heading(group: ListedGroup) -> str:
    name = group.name
    if group.organisation and group.organisation not in name:
        name += f" · {group.organisation}"
    return " ".join(visible(name).split())


#: Columns after the session's title: heading, width, right-aligned.
_FIXED = (("Part", 4, True), ("Date", 10, False), ("Status", 11, False), ("Done", 4, True))
_GAP = "  "


#: Characters one terminal cell wide whatever Rich's Unicode tables (printable ASCII and the
#: few others the list itself prints): a text of only these is measured without Rich.
_ONE_CELL = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("·…—─")


def _cell_len(text: str) -> int:
    if _ONE_CELL.issuperset(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _set_cell_size(text: str, width: int) -> str:
    """`text` cut or padded to `width` cells, as `rich.cells.set_cell_size`."""
    if _ONE_CELL.issuperset(text):
        return text[:width] + " " * (width - len(text))
    from rich.cells import set_cell_size

    return set_cell_size(text, width)


def _fit(text: str, width: int, right: bool = False) -> str:
    """`text` on one line of exactly `width` cells: padded, or cut with an ellipsis."""
    text = " ".join(text.split())
    size = _cell_len(text)
    if size > width:
        return _set_cell_size(text, max(width - 1, 0)) + "…"
    padding = " " * (width - size)
    return padding + text if right else text + padding


def groups_lines(groups: list[GroupSummary], width: int) -> list[Line]:
    """Every readable group: a heading line with its name, then a line per session (its title
    indented under the group's name, its id for `workshop show` last), in aligned columns.

    Laid out by hand rather than as a Rich Table, which measures and renders every cell (about
    1 ms a row; a folder of 200 groups has 600 rows). Long texts are cut to fit the width
    (`workshop show` prints them whole)."""
    roomy = width >= ROOMY
    id_width = max((len(s.id) for g in groups for s in g.sessions), default=7)
    fixed = sum(w for _, w, _ in _FIXED) + id_width + len(_GAP) * (len(_FIXED) + 1)
    flexible = max(width - fixed - (len(_GAP) if roomy else 0), 16)
    who_width = max(flexible // 4, 11) if roomy else 0
    title_width = flexible - who_width
    heads = [_fit("Group · session", title_width)]
    if roomy:
        heads.append(_fit("Facilitator", who_width))
    heads += [_fit(head, size, right) for head, size, right in _FIXED]
    heads.append(_fit("Session", id_width))
    lines: list[Line] = [
        [(_GAP.join(heads).rstrip(), "bold")],
        [("─" * min(width, fixed + flexible + (len(_GAP) if roomy else 0)), "dim")],
    ]
    for index, summary in enumerate(groups):
        assert summary.group is not None
        if index:
            lines.append([])
        lines.append([(_fit(_heading(summary.group), width).rstrip(), "bold magenta")])
        if not summary.sessions:
            lines.append([("  no sessions yet", "dim italic")])
        for s in sorted(summary.sessions, key=lambda s: (s.part, s.date)):
            done = round(sum(s.completeness.values()) / max(len(s.completeness), 1))
            cells = ["  " + _fit(visible(s.title) or "—", title_width - 2)]
            if roomy:
                cells.append(_fit(visible(s.facilitator) or "—", who_width))
            values = (str(s.part), s.date.isoformat(), s.status, f"{done}%")
            fixed_cells = zip(values, _FIXED, strict=True)
            cells += [_fit(v, size, right) for v, (_, size, right) in fixed_cells]
            lines.append([(_GAP.join(cells) + _GAP, ""), (s.id, "bold")])
    return lines
