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
