"""Hostile text in every field cannot change a document's shape (RELIABILITY.md, promise 12).

Each document is rendered twice: once with arbitrary text in every text field of the group and
the session, and once with a tame twin of each text ("word" where the text shows anything, the
text itself where it shows nothing). Headings, tables, rows, cells, lists and quotes must match
one for one, and no raw HTML, link, code or emphasis may appear."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.export.factories import fill_group, fill_text, full_session, later_session, make_group
from tests.export.markdown import outline
from workshop.export import render
from workshop.export.escape import present
from workshop.model import Group, Session

HOSTILE_LINES = [
    "# heading",
    "| a | b |",
    "<script>alert(1)</script>",
    "```",
    "`tick`",
    "* star",
    "1. one",
    "> quote",
    "---",
    "===",
    "    code",
    "[x](http://e.com)",
    "&lt;",
    "مرحبا \u202e 🎉",
    "\\",
    "",
]
#: Some 100 KB of everything above, line after line.
HUGE = "\n".join(itertools.islice(itertools.cycle(HOSTILE_LINES), 9000))[:100_000]


def twins(texts: list[str]) -> list[str]:
    """Tame texts that take the same branches in the view-models, the model's checks and the
    progress comparison: blank stays blank, a digit keeps a digit, and equal texts stay equal
    while different ones stay different ("word a", "word b", …)."""
    names: dict[str, str] = {}
    result = []
    for text in texts:
        if not present(text):
            result.append(text)
            continue
        if text not in names:
            names[text] = "word " + _letters(len(names))
        result.append(names[text] + (" 1" if re.search(r"\d", text) else ""))
    return result


def _letters(number: int) -> str:
    letters = ""
    while True:
        number, rest = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[rest]
        if not number:
            return letters


def cycling(texts: list[str]) -> Callable[[], str]:
    source: Iterator[str] = itertools.cycle(texts)
    return lambda: next(source)


def documents(group: Group, earlier: Session, later: Session) -> dict[str, str]:
    docs = {
        "summary": render("summary", group, later),
        "strategy": render("strategy", group, later),
    }
    if _has_progress():
        docs["progress"] = render("progress", group, later, earlier)
    return docs


def _has_progress() -> bool:
    try:
        import workshop.model.progress  # noqa: F401
    except ImportError:
        return False
    return True


def shapes(texts: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    base_group = make_group()
    base_earlier = full_session(base_group)
    base_later = later_session(base_earlier)
    rendered = []
    for mapped in (texts, twins(texts)):
        group = fill_group(base_group, cycling(mapped))
        earlier = fill_text(base_earlier, cycling(mapped))
        later = fill_text(base_later, cycling(mapped))
        docs = documents(group, earlier, later)
        rendered.append({kind: outline(text) for kind, text in docs.items()})
    hostile, tame = rendered
    for kind, doc in hostile.items():
        assert doc.html == [], kind
    return (
        {kind: doc.signature for kind, doc in hostile.items()},
        {kind: doc.signature for kind, doc in tame.items()},
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(), min_size=1, max_size=12))
def test_arbitrary_text_in_every_field_keeps_the_shape(texts: list[str]) -> None:
    hostile, tame = shapes(texts)
    assert hostile == tame


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HOSTILE_LINES), min_size=1, max_size=6).map("\n".join))
def test_markdown_and_html_in_every_field_keep_the_shape(text: str) -> None:
    hostile, tame = shapes([text, "x", text + "\n\n" + text])
    assert hostile == tame


@pytest.mark.parametrize("text", HOSTILE_LINES[:-1])
def test_each_hostile_line_in_every_field_keeps_the_shape(text: str) -> None:
    hostile, tame = shapes([text])
    assert hostile == tame


def line_shape(text: str) -> list[str]:
    """A cheap outline for documents too big to parse quickly: how each line that could open
    a block starts (heading level, table row, list, quote, HTML, fence)."""
    shape = []
    for line in text.splitlines():
        match = LINE_OPENER.match(line)
        if match:
            shape.append(match.group(0))
    return shape


LINE_OPENER = re.compile(r"^(#{1,6} |\||[-*+] |> ?|<|```|~~~|\d{1,9}[.)] |---)")


def hostile_documents(text: str) -> dict[str, str]:
    base_group = make_group()
    base_earlier = full_session(base_group)
    base_later = later_session(base_earlier)
    return documents(
        fill_group(base_group, cycling([text])),
        fill_text(base_earlier, cycling([text])),
        fill_text(base_later, cycling([text])),
    )


def test_100_kb_of_hostile_text_in_every_field_keeps_every_line_in_place() -> None:
    """All three documents with 100 KB in every field (about 6 MB each): rendered quickly, and
    every line that opens a block is where the tame twin has it."""
    started = time.perf_counter()
    hostile = hostile_documents(HUGE)
    assert time.perf_counter() - started < 30
    tame = hostile_documents(twins([HUGE])[0])
    assert len(hostile["strategy"]) > 5_000_000
    for kind, text in hostile.items():
        assert line_shape(text) == line_shape(tame[kind]), kind


def test_4_kb_of_hostile_text_in_every_field_parses_to_the_same_shape() -> None:
    """The same, parsed back whole with markdown-it (which takes seconds per megabyte)."""
    hostile = hostile_documents(HUGE[:4_000])
    tame = hostile_documents(twins([HUGE[:4_000]])[0])
    for kind, text in hostile.items():
        doc = outline(text)
        assert doc.html == [], kind
        assert doc.signature == outline(tame[kind]).signature, kind
