"""Drawing a document block by block gives exactly what Rich draws for the whole, and a
drawing reuses the blocks that did not change."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from rich.console import Console
from rich.markdown import Markdown

from workshop.model.demo import build_demo
from workshop.tui.widgets import markdown_lines
from workshop.tui.widgets.document_tab import render_strategy
from workshop.tui.widgets.markdown_lines import RenderedMarkdown, blocks

KINDS = """# Title

A paragraph with *emphasis*, **strong** and `code`.

## A heading

> A quote
> over two lines

- a list
- of items
  - nested

1. one
2. two

| Measure | Start | Target |
|---|---:|---|
| Calls answered | 70% | 90% |

---

```
a fenced block
```

    an indented block

Last words, then a rule.

***
"""


def whole(source: str, width: int) -> list[list[tuple[str, object]]]:
    console = Console(width=width, file=StringIO(), force_terminal=True, highlight=False)
    lines = console.render_lines(Markdown(source), console.options, pad=False)
    return [[(s.text, s.style) for s in line] for line in lines]


def ours(rendered: RenderedMarkdown) -> list[list[tuple[str, object]]]:
    return [[(s.text, s.style) for s in line] for line in rendered.lines]


def strategies() -> list[str]:
    group, sessions = build_demo(dt.date(2026, 11, 30))
    return [render_strategy(group, session) for session in sessions]


@pytest.mark.parametrize("width", [24, 41, 80, 120])
def test_block_by_block_is_what_rich_draws_for_the_whole(width: int) -> None:
    for source in [KINDS, *strategies()]:
        assert ours(RenderedMarkdown.render(source, width)) == whole(source, width)


def test_blocks_cover_the_document_in_order() -> None:
    found = blocks(KINDS)
    assert [b.kind for b in found] == [
        "heading_open",
        "paragraph_open",
        "heading_open",
        "blockquote_open",
        "bullet_list_open",
        "ordered_list_open",
        "table_open",
        "hr",
        "fence",
        "code_block",
        "paragraph_open",
        "hr",
    ]
    assert [b.nested for b in found][3:7] == [True, True, True, True]
    assert found[0].source == "# Title" and "Calls answered" in found[6].source


def test_a_drawing_reuses_the_blocks_that_did_not_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = strategies()[1]
    first = RenderedMarkdown.render(source, 60)
    drawn: list[str] = []
    original = markdown_lines._console

    class Counting(Console):
        def render_lines(self, renderable, *args, **kwargs):  # type: ignore[no-untyped-def]
            if isinstance(renderable, Markdown):  # not the parts Rich draws inside one
                drawn.append(renderable.markup)
            return super().render_lines(renderable, *args, **kwargs)

    def counting(width: int) -> Console:
        console = original(width)
        console.__class__ = Counting
        return console

    monkeypatch.setattr(markdown_lines, "_console", counting)
    changed = source.replace("Make contacting the council quick", "Make it quick", 1)
    assert changed != source
    second = RenderedMarkdown.render(changed, 60, first)
    assert len(drawn) == 1 and "Make it quick" in drawn[0]  # the one paragraph edited
    assert ours(second) == whole(changed, 60)
    third = RenderedMarkdown.render(changed, 72, second)  # another width: all drawn again
    assert len(drawn) == 1 + len({block.source for block in blocks(changed)})  # once each
    assert ours(third) == whole(changed, 72)
