"""The review's at-a-glance panels: actions by status then and now, gaps that moved, promises
and stances that changed, and items added or removed per section."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import DataTable

from workshop.model.progress import ActionKind, GapKind, Progress
from workshop.model.structure import ActionStatus
from workshop.tui import theme
from workshop.tui.widgets.cells import one_line

GAP_COLOURS: dict[GapKind, str] = {
    GapKind.CLOSED: theme.SUCCESS,
    GapKind.NARROWED: theme.SUCCESS,
    GapKind.WIDENED: theme.ERROR,
    GapKind.NEW: theme.SECONDARY,
    GapKind.UNSCORED: theme.MUTED,
    GapKind.NOT_SCORED: theme.MUTED,
    GapKind.REMOVED: theme.MUTED,
    GapKind.UNCHANGED: theme.MUTED,
}


class StatusCounts(DataTable[str | Text]):
    """How many actions had each status then, and have it now; rows keyed by status value,
    then the count of slipped actions (key "slipped")."""

    def on_mount(self) -> None:
        self.cursor_type = "none"
        self.can_focus = False
        self.add_column("Actions", key="status")
        self.add_column("Then", key="then")
        self.add_column("Now", key="now")

    def load(self, progress: Progress) -> None:
        self.clear()
        then, now = progress.actions.status_then, progress.actions.status_now
        for status in ActionStatus:
            moved = now[status] - then[status]
            change = Text(f"{now[status]:>3}", style="bold")
            if moved:
                change.append(f" {moved:+d}", style=theme.SUCCESS if moved > 0 else theme.MUTED)
            self.add_row(status.value, f"{then[status]:>4}", change, key=status.value)
        slipped = progress.actions.by_kind[ActionKind.SLIPPED]
        self.add_row(
            Text("slipped", style=theme.ERROR),
            "",
            Text(f"{slipped:>3}", style=f"bold {theme.ERROR}" if slipped else ""),
            key="slipped",
        )


def _signed(value: int | None) -> str:
    if value is None:
        return "—"
    return f"{value:+d}" if value else "0"


def gaps_table(progress: Progress) -> Table | Text:
    """The expectations whose gap moved (unchanged ones counted, not listed)."""
    moved = [g for g in progress.gaps if g.kind is not GapKind.UNCHANGED]
    if not moved:
        return Text("No gap moved.", style=theme.MUTED)
    table = Table(box=None, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Expectation", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Gap", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for change in moved:
        table.add_row(
            Text(one_line(change.text)),  # a str would be read as markup
            f"{_signed(change.gap_then)} → {_signed(change.gap_now)}",
            Text(change.kind.value, style=GAP_COLOURS[change.kind]),
        )
    unchanged = progress.gap_counts[GapKind.UNCHANGED]
    if unchanged:
        table.caption = f"{unchanged} unchanged"
    return table


def commitments_text(progress: Progress) -> Text:
    """Promises whose standard changed, and stakeholders whose stance changed."""
    text = Text()
    text.append("Promises\n", style="bold")
    for promise in progress.promises_changed:
        text.append(f"• {one_line(promise.text)}: ")
        text.append(one_line(promise.standard_then or "no standard"), style=theme.MUTED)
        text.append(" → ")
        text.append(f"{one_line(promise.standard_now or 'no standard')}\n", style=theme.ACCENT)
    if not progress.promises_changed:
        text.append("No standard changed.\n", style=theme.MUTED)
    text.append("Stakeholders\n", style="bold")
    for stance in progress.stances_changed:
        text.append(f"• {one_line(stance.stakeholder)}: ")
        text.append(stance.stance_then.value, style=theme.MUTED)
        text.append(" → ")
        text.append(f"{stance.stance_now.value}\n", style=theme.ACCENT)
    if not progress.stances_changed:
        text.append("No stance changed.", style=theme.MUTED)
    text.rstrip()
    return text


def section_changes_table(progress: Progress) -> Table | Text:
    """Per section: items added, changed and removed (sections where nothing moved left out)."""
    moved = [s for s in progress.sections.values() if not s.empty]
    if not moved and not progress.other_changes:
        return Text("Nothing was added, changed or removed.", style=theme.MUTED)
    table = Table(box=None, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Section", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("added", justify="right", style=theme.SUCCESS)
    table.add_column("changed", justify="right", style=theme.ACCENT)
    table.add_column("removed", justify="right", style=theme.ERROR)
    for section in moved:
        table.add_row(
            section.title,
            str(len(section.added)),
            str(len(section.changed)),
            str(len(section.removed)),
        )
    if progress.other_changes:
        names = ", ".join(change.label.lower() for change in progress.other_changes)
        table.caption = f"Also changed: {names}"
    return table
