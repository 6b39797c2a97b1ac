"""The one escaping filter: whatever is typed comes back as the same words, never as structure."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.export.markdown import outline, parse
from workshop.export import Escaped, md
from workshop.export.escape import present

HOSTILE = [
    "# heading",
    "## two",
    "- item",
    "* star",
    "+ plus",
    "1. first",
    "2) second",
    "> quote",
    "```python",
    "~~~",
    "---",
    "===",
    "***",
    "| a | b |",
    "<script>alert(1)</script>",
    "<div>",
    "<!-- c -->",
    "`code`",
    "[link](http://x)",
    "![img](x.png)",
    "<http://auto.link>",
    "&amp; &#60;",
    "*em* _em_ **strong**",
    "    indented code",
    "\tindented",
    "trailing backslash \\",
    "[ref]: http://x",
    "مرحبا \u202e RTL 🎉 emoji",
]


def normalised(text: str) -> str:
    """What a reader should see of inline text: lines joined with ' / ', spaces collapsed."""
    text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]", "", text)  # controls go
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return " / ".join(line for line in lines if line)


def rendered_inline(escaped: str) -> str:
    tokens = parse(escaped)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], escaped
    inline = tokens[1]
    kinds = {child.type for child in inline.children or []}
    assert kinds <= {"text", "softbreak"}, (escaped, kinds)
    return "".join(c.content for c in inline.children or [] if c.type == "text")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_inline_text_reads_back_as_the_same_words(text: str) -> None:
    assert rendered_inline(md(text)) == normalised(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_a_list_item_stays_one_item(text: str) -> None:
    doc = outline(f"- {md(text)}\n- next\n")
    assert doc.signature == ["bullet_list_open:ul", "list_item_open:li", "list_item_open:li"]
    assert doc.list_items == [normalised(text), "next"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_a_table_cell_stays_in_its_cell(text: str) -> None:
    doc = outline(f"| a | b |\n| --- | --- |\n| {md(text)} | x |\n")
    assert len(doc.tables) == 1
    assert doc.tables[0].rows == [[normalised(text), "x"]]


def test_block_text_keeps_paragraphs_and_neutralises_every_line() -> None:
    text = "First line\n# not a heading\n- not a list\n\n\n> not a quote\n1. not a number\n---"
    doc = outline(md(text, "block"))
    assert doc.signature == []
    assert doc.paragraphs == [
        "First line\n# not a heading\n- not a list",
        "> not a quote\n1. not a number\n---",
    ]


def test_block_text_keeps_its_line_breaks_as_lines() -> None:
    """A list typed line by line in a narrative section was run together into one line by
    every Markdown reader: each single break is a hard break, the paragraph's end none."""
    escaped = md("Our aims:\nAnswer first time\nReply in 2 days \\\n\nNext", "block")
    tokens = parse(escaped)
    first = [child.type for child in tokens[1].children or []]
    assert first == ["text", "hardbreak", "text", "hardbreak", "text"]
    assert tokens[1].children is not None and tokens[1].children[-1].content.endswith("\\")
    assert [t.type for t in tokens].count("paragraph_open") == 2
    assert "hardbreak" not in [child.type for child in tokens[4].children or []]


def test_script_tags_come_out_as_text() -> None:
    escaped = md("<script>alert('x')</script>", "block")
    tokens = parse(escaped)
    assert not [t for t in tokens if t.type == "html_block"]
    assert rendered_inline(escaped) == "<script>alert('x')</script>"


def test_plain_words_are_left_as_they_are() -> None:
    assert md("Answer the phone quickly, 80% of calls in 60 s.") == (
        "Answer the phone quickly, 80% of calls in 60 s."
    )
    assert md("3.5") == "3.5"
    assert md("R&D") == "R&D"


def test_blank_and_missing_text_give_the_default() -> None:
    assert md(None, default="—") == "—"
    assert md("  \n\t ", default="—") == "—"
    assert md("\x00\x01", default="—") == "—"
    assert not present("   ")
    assert present("x")


def test_the_filter_marks_its_output_as_escaped() -> None:
    assert isinstance(md("x"), Escaped)
    assert isinstance(md("# x", "block"), Escaped)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_inline_text_reads_back_as_its_words(text: str) -> None:
    escaped = md(text)
    if not escaped:
        assert normalised(text) == ""
        return
    assert rendered_inline(escaped) == normalised(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#|`<>*_-+=.)1 \n\\[]!&~:;abc\t"))))
@example("|\n:-")  # a pipe, then a delimiter row: once a one-column table
@example("a | b\n-: ")
def test_markdown_heavy_text_never_makes_structure(text: str) -> None:
    doc = outline(f"- {md(text)}\n\n| h |\n| --- |\n| {md(text)} |\n\n{md(text, 'block')}\n")
    assert doc.signature[:2] == ["bullet_list_open:ul", "list_item_open:li"]
    assert doc.signature[2:] == [
        "table_open:table",
        "thead_open:thead",
        "tr_open:tr",
        "th_open:th",
        "tbody_open:tbody",
        "tr_open:tr",
        "td_open:td",
    ] or (
        not md(text)
        and doc.signature[2:5] == ["table_open:table", "thead_open:thead", "tr_open:tr"]
    )
    assert doc.html == []


def test_a_table_escapes_every_cell_however_often_a_text_repeats() -> None:
    from workshop.export.escape import table

    rows: list[list[object]] = [[text, text, 3] for text in HOSTILE] * 3 + [["Ann", "Ann", None]]
    doc = outline(table(["What", "Again", "N"], rows))
    assert len(doc.tables) == 1
    expected = [[normalised(text), normalised(text), "3"] for text in HOSTILE] * 3
    assert doc.tables[0].rows == [*expected, ["Ann", "Ann", ""]]
