"""Rendering a session to Markdown: the template environment and `render`.

Jinja2 is imported only when a document is first rendered, so it stays off the app's
start-up path; the environment is built once and reused."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from workshop.errors import WorkshopError
from workshop.export.escape import Escaped, md, table
from workshop.model.session import Group, Session

if TYPE_CHECKING:
    import jinja2

ExportKind = Literal["summary", "strategy", "progress"]
KINDS: tuple[ExportKind, ...] = get_args(ExportKind)
TEMPLATES = Path(__file__).parent / "templates"


class ExportError(WorkshopError):
    """An export could not be made or written (the message says why, in one line)."""


class NeedsEarlier(ExportError):
    """The progress report was asked for without the session to compare with."""


def _finalize(value: object) -> object:
    """Refuse to print text that did not pass through the `md` filter: a template that forgets
    it would let a hostile title break the document, so it fails at once instead."""
    if isinstance(value, Escaped | int | float) and not isinstance(value, bool):
        return value
    raise TypeError(f"export template printed unescaped {type(value).__name__}: {value!r:.60}")


@cache
def environment() -> jinja2.Environment:
    """The template environment (built on first use)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # Markdown, not HTML: `md` does the escaping
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["md"] = md
    env.globals["table"] = table
    return env


def render(kind: ExportKind, group: Group, session: Session, earlier: Session | None = None) -> str:
    """One document of a session as Markdown. "progress" compares `session` with `earlier`
    (the session it follows) and raises NeedsEarlier without it."""
    view: dict[str, Any]
    if kind == "summary":
        from workshop.export.summary import summary_view

        view = summary_view(group, session, earlier)
    elif kind == "strategy":
        from workshop.export.strategy import strategy_view

        view = strategy_view(group, session)
    elif kind == "progress":
        if earlier is None:
            raise NeedsEarlier(
                "A progress report compares two sessions: this session follows no earlier one"
            )
        from workshop.export.progress import progress_view

        view = progress_view(group, earlier, session)
    else:
        raise ExportError(f"'{kind}' is not a kind of export; choose one of " + ", ".join(KINDS))
    text = environment().get_template(f"{kind}.md.j2").render(**view)
    return _tidy(text)


def _tidy(text: str) -> str:
    """At most one blank line in a row, and one newline at the end."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
