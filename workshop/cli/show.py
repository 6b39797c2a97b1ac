"""Rich renderings for the command line: the list of groups, and a session step by step.

Sections are rendered from `workshop.model.sections`, never hard-coded."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from workshop.cli import listing
from workshop.model import Group as WorkshopGroup
from workshop.model.base import Item, Step
from workshop.model.checks import Warning, checks
from workshop.model.derive import all_completeness, budget_summary, gap, quadrant
from workshop.model.document import NARRATIVE_SECTIONS
from workshop.model.fields import format_number, format_value
from workshop.model.sections import STEP_PROMPTS, FieldKind, Section, section, sections_for
from workshop.model.session import Session
from workshop.model.structure import PRINCIPLE_HINTS, ComplaintStageKind, Principle

_DERIVED = {"gap": "Gap", "quadrant": "Quadrant"}
#: From this width on, tables also show votes and who raised each item.
_ROOMY = 100
#: Column headings for narrow terminals.
_SHORT_LABELS = {"importance": "Imp.", "performance": "Perf.", "latest": "Latest"}
_NO_WRAP = {"gap", "annual_cost", "due"}
_RIGHT = {"gap", "importance", "performance", "annual_cost", "baseline", "latest", "target"}
_QUADRANT_STYLE = {
    "fix first": "bold red",
    "keep it up": "green",
    "low priority": "dim",
    "over-delivering": "yellow",
}
_STATUS_STYLE = {
    "done": "green",
    "blocked": "bold red",
    "dropped": "dim strike",
    "in progress": "cyan",
}


def _console() -> Console:
    # markup off: text typed in the room ("[bold]", "[/]", "[link=…]") is shown as typed, and
    # cannot raise MarkupError; our own styled lines ask for markup=True
    return Console(highlight=False, markup=False)


#: Characters that make a terminal act rather than print (ESC, BEL, NUL, the C1 controls…),
#: shown as visible symbols instead: a participant's text must never reach the terminal raw.
_VISIBLE = str.maketrans(
    {code: chr(0x2400 + code) for code in range(32) if chr(code) not in "\t\n"}
    | {0x7F: "\u2421"}
    | dict.fromkeys(range(0x80, 0xA0), "\ufffd")
)


def _visible(text: str) -> str:
    """`text` with line endings made plain and every other control character made visible."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_VISIBLE)


def _visible_copy(value: Any) -> Any:
    """A copy of a model's dump with `_visible` applied to every string in it."""
    if isinstance(value, str):
        return _visible(value)
    if isinstance(value, dict):
        return {key: _visible_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible_copy(item) for item in value]
    return value


def _bar(percent: int, width: int = 10) -> Text:
    filled = round(percent / 100 * width)
    style = "green" if percent == 100 else ("yellow" if percent else "dim")
    return Text("█" * filled + "░" * (width - filled), style=style) + Text(f" {percent:>3}%")


# -- workshop list ---------------------------------------------------------------------------

# The list lives in `listing` (it must not import the model); kept here for callers of show.
print_groups = listing.print_groups


# -- workshop show ---------------------------------------------------------------------------


def print_session(group: WorkshopGroup, session: Session, only: Step | None = None) -> None:
    """A session readably: header, agenda and completeness, each step's sections, warnings."""
    console = _console()
    group = WorkshopGroup.model_validate(_visible_copy(group.model_dump()))
    session = Session.model_validate(_visible_copy(session.model_dump()))
    console.print(_header(group, session))
    warnings = checks(session)
    steps = [only] if only else list(Step)
    for step in steps:
        step_warnings = [w for w in warnings if w.step == step]
        console.print(_step_panel(session, step, step_warnings, console.width >= _ROOMY))
    if only is None:
        for key in ("decisions", "parking_lot"):
            console.print(_section_table(session, section(key), console.width >= _ROOMY))


def _header(group: WorkshopGroup, session: Session) -> RenderableType:
    lines = Text()
    if session.title:
        lines.append(f"{session.title}\n", style="bold")
    lines.append(session.label, style="" if session.title else "bold")
    lines.append(f" · {session.status.value}")
    if session.facilitator:
        lines.append(f" · facilitated by {session.facilitator}")
    if session.follows:
        lines.append(f"\nFollows session {session.follows}", style="dim")
    if session.participants:
        lines.append("\nParticipants: ")
        for i, person in enumerate(session.participants):
            lines.append(", " if i else "")
            label = person.name + (f" ({person.role})" if person.role else "")
            lines.append(label, style="" if person.present else "dim strike")
    agenda = Table(box=box.SIMPLE_HEAD, expand=False, padding=(0, 1))
    agenda.add_column("Step")
    agenda.add_column("Timebox", justify="right")
    agenda.add_column("Spent", justify="right")
    agenda.add_column("Complete", no_wrap=True)
    for step, done in all_completeness(session).items():
        box_ = session.agenda.get(step)
        spent = round(box_.spent_seconds / 60) if box_ else 0
        over = box_ is not None and spent > box_.minutes
        agenda.add_row(
            f"{step.number}. {step.label}",
            f"{box_.minutes} min" if box_ else "—",
            Text(f"{spent} min", style="red" if over else ""),
            _bar(done.percent),
        )
    title = group.name + (
        f" · {group.organisation}" if group.organisation not in group.name else ""
    )
    return Panel(
        Group(lines, agenda), title=Text(title), title_align="left", border_style="magenta"
    )


def _step_panel(
    session: Session, step: Step, warnings: list[Warning], roomy: bool
) -> RenderableType:
    parts: list[RenderableType] = [Text(STEP_PROMPTS[step], style="italic")]
    if step is Step.RESEARCH:
        parts.append(_budget_line(session))
    if step is Step.STRUCTURE and session.structure.mission.strip():
        parts.append(Text.assemble(("Mission: ", "bold"), session.structure.mission))
    for sec in sections_for(step):
        parts.append(_section_table(session, sec, roomy))
    if step is Step.STRUCTURE:
        parts.append(_principles(session))
    if step is Step.DOCUMENT:
        parts.extend(_narrative(session))
    missing = all_completeness(session)[step].missing
    if missing:
        parts.append(Text("Still to do: " + ", ".join(missing), style="yellow"))
    note = session.notes.get(step, "").strip()
    if note:
        parts.append(Text.assemble(("Facilitator's note: ", "bold dim"), (note, "dim")))
    for warning in warnings:
        parts.append(Text(f"⚠ {warning.message}", style="yellow"))
    title = f"{step.number}. {step.label}"
    return Panel(Group(*parts), title=title, title_align="left", border_style="blue")


def _budget_line(session: Session) -> Text:
    research = session.research
    summary = budget_summary(research)
    money = research.currency
    if summary.budget is None:
        return Text(
            f"Chosen standards: {money}{format_number(summary.chosen_total)} — no budget set"
        )
    line = Text(
        f"Budget {money}{format_number(summary.budget)} · chosen standards "
        f"({summary.chosen_count}) {money}{format_number(summary.chosen_total)} · "
    )
    remaining = summary.remaining or 0
    if summary.over_budget:
        line.append(f"{money}{format_number(-remaining)} over budget", style="bold red")
    else:
        line.append(f"{money}{format_number(remaining)} left", style="green")
    return line


def _section_table(session: Session, sec: Section, roomy: bool = True) -> RenderableType:
    """A section's items as a table, its columns from the section's data. Votes and who raised
    each item are shown when there is room (`roomy`)."""
    items: list[Item] = sec.items(session)
    if not items:
        return Text.assemble((sec.title, "bold"), (": none yet", "dim"), "\n")
    table = Table(
        title=sec.title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        pad_edge=False,
    )
    columns = list(sec.columns)
    if not roomy and "unit" in columns:  # narrow: the unit goes beside the name instead
        columns.remove("unit")
    voted = roomy and any(item.votes for item in items)
    for name in columns:
        label = _DERIVED.get(name) or sec.field(name).label
        if not roomy:
            label = _SHORT_LABELS.get(name, label)
        wide = name == "text" or (name not in _DERIVED and sec.field(name).kind is FieldKind.LONG)
        table.add_column(
            label,
            min_width=20 if wide else None,
            no_wrap=name in _NO_WRAP,
            overflow="fold",
            justify="right" if name in _RIGHT else "left",
        )
    if voted:
        table.add_column("Votes", justify="right")
    attributed = roomy and any(item.raised_by for item in items)
    if attributed:
        table.add_column("By", no_wrap=False)
    for item in items:
        row: list[RenderableType] = [_cell(session, sec, item, name) for name in columns]
        unit = str(getattr(item, "unit", ""))
        if unit and "unit" in sec.columns and "unit" not in columns:
            row[0] = f"{row[0]} ({unit})"
        if voted:
            row.append(str(item.votes) if item.votes else "")
        if attributed:
            row.append(Text(session.participant_name(item.raised_by), style="dim"))
        table.add_row(*row)
    return table


def _cell(session: Session, sec: Section, item: Any, name: str) -> RenderableType:
    if name == "gap":
        value = gap(item)
        return (
            ""
            if value is None
            else Text(f"{value:+d}" if value else "0", style="red" if value >= 2 else "")
        )
    if name == "quadrant":
        place = quadrant(item)
        return "" if place is None else Text(place.value, style=_QUADRANT_STYLE[place.value])
    spec = sec.field(name)
    value = getattr(item, name)
    if spec.kind is FieldKind.REF:
        return _ref_text(session, spec.ref, [value] if value else [])
    if spec.kind is FieldKind.REFS:
        return _ref_text(session, spec.ref, value)
    if spec.kind is FieldKind.MONEY:
        return f"{session.research.currency}{format_number(value)}"
    if spec.kind is FieldKind.FLAG:
        return Text("✓ chosen", style="green") if value else Text("—", style="dim")
    text = format_value(spec, value)
    open_action = sec.key == "actions" and item.status not in ("done", "dropped")
    if name == "due" and open_action and value is not None and value < session.date:
        return Text(f"{text} overdue", style="bold red")
    if name == "status":
        return Text(text, style=_STATUS_STYLE.get(text, ""))
    return text


def _ref_text(session: Session, key: str | None, ids: Iterable[str]) -> str:
    if key is None:
        return ""
    texts = {item.id: item.text for item in section(key).items(session)}
    shown = [_short(texts.get(ref, f"(missing {ref})")) for ref in ids]
    return "; ".join(shown)


def _short(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _principles(session: Session) -> Table:
    table = Table(
        title="Fair-handling principles",
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        expand=True,
    )
    table.add_column("Principle", no_wrap=True)
    table.add_column("How our policy meets it", ratio=1)
    for principle in Principle:
        how = session.structure.principles.get(principle, "").strip()
        table.add_row(
            principle.value.capitalize(),
            how or Text(f"not yet — {PRINCIPLE_HINTS[principle].lower()}", style="yellow"),
        )
    stages = {s.stage for s in session.structure.complaint_stages}
    absent = [kind.value for kind in ComplaintStageKind if kind not in stages]
    if absent:
        table.caption = "Complaint stages not yet covered: " + ", ".join(absent)
    return table


def _narrative(session: Session) -> list[RenderableType]:
    document = session.document
    parts: list[RenderableType] = []
    if document.title.strip():
        parts.append(Text(document.title, style="bold underline"))
    for name, heading in NARRATIVE_SECTIONS.items():
        body = getattr(document, name).strip()
        parts.append(Text(heading, style="bold"))
        parts.append(Text(body, style="") if body else Text("(not written yet)", style="dim"))
    return parts
