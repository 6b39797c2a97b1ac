"""The demo's strategy document, compared exactly with a file a person has read and approved.

After an intended change to the document, regenerate it and read the diff by eye:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/export/test_golden.py"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from tests.export.markdown import outline
from workshop.export import render
from workshop.model.demo import build_demo

GOLDEN = Path(__file__).parent / "golden" / "strategy-demo.md"
#: The demo counts every date from "today"; a fixed day keeps the document the same.
TODAY = date(2026, 11, 23)


def demo_strategy() -> str:
    group, sessions = build_demo(TODAY)
    return render("strategy", group, sessions[-1])


def test_demo_strategy_matches_the_approved_document() -> None:
    text = demo_strategy()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_approved_document_parses_to_a_complete_strategy() -> None:
    doc = outline(GOLDEN.read_text(encoding="utf-8"))
    assert len(doc.heading_texts(1)) == 1
    assert "Not yet agreed." not in doc.paragraphs
    assert len(doc.heading_texts(2)) == 9
    assert len(doc.tables) >= 10
    assert doc.html == []


def test_every_demo_export_parses_with_its_sections_and_no_html() -> None:
    group, (first, second) = build_demo(TODAY)
    expected = {
        "summary": ["Who took part", "Agenda and time spent", "What was captured", "Decisions"],
        "strategy": ["Introduction", "Our mission", "Goals, measures and plans"],
        "progress": ["At a glance", "Actions", "Measures", "What customers expect: the gaps"],
    }
    for session in (first, second):
        for kind, headings in expected.items():
            if kind == "progress" and session is first:
                continue
            doc = outline(render(kind, group, session, first))  # type: ignore[arg-type]
            assert doc.html == [], kind
            assert set(headings) <= set(doc.heading_texts(2)), kind
            assert all(len(row) == len(t.headers) for t in doc.tables for row in t.rows), kind
    progress = outline(render("progress", group, second, first))
    assert progress.table_after("Measures").rows
    assert any(t.startswith("Slipped past their due date") for t in progress.heading_texts(3))
