"""The progress report: what moved between two sessions, parsed back as Markdown."""

from __future__ import annotations

import pytest

from tests.export.factories import full_session, later_session, make_group
from tests.export.markdown import Outline, outline
from workshop.export import render
from workshop.model import Group, Indicator, Session
from workshop.model.progress import compare


@pytest.fixture
def group() -> Group:
    return make_group()


@pytest.fixture
def pair(group: Group) -> tuple[Session, Session]:
    earlier = full_session(group)
    return earlier, later_session(earlier)


@pytest.fixture
def report(group: Group, pair: tuple[Session, Session]) -> Outline:
    earlier, later = pair
    return outline(render("progress", group, later, earlier))


def test_the_report_has_the_sections_sponsors_read(report: Outline) -> None:
    assert report.heading_texts(1) == [
        "Riverside Council Customer Service: progress since 12 May 2026"
    ]
    assert report.heading_texts(2) == [
        "At a glance",
        "Actions",
        "Measures",
        "What customers expect: the gaps",
        "Promises to customers",
        "Colleagues across the organisation",
        "Changes to the plan",
    ]
    assert any("6 months earlier" in p for p in report.paragraphs)


def test_actions_are_grouped_by_what_happened_to_them(report: Outline) -> None:
    titles = report.heading_texts(3)
    assert "Done (1)" in titles
    assert "Blocked (1)" in titles
    assert report.table_after("Done (1)").rows[0][0] == "Build a knowledge base"
    assert report.table_after("Blocked (1)").rows[0][0] == "Train advisers"


def test_measures_show_baseline_then_now_and_target(report: Outline) -> None:
    measures = report.table_after("Measures")
    assert measures.headers == ["Measure", "Baseline", "Then", "Now", "Target", "By", "On track"]
    row = measures.rows[0]
    assert row[:6] == ["First-contact resolution", "62%", "62%", "71%", "80%", "31 March 2027"]
    assert row[6]


def test_gaps_promises_and_stances_that_moved_are_listed(report: Outline) -> None:
    titles = report.heading_texts(3)
    assert "Narrowed (1)" in titles
    assert report.table_after("Narrowed (1)").rows == [["Answer the phone quickly", "+3", "+1"]]
    assert "New (1)" in titles
    assert report.table_after("New (1)").rows[0][0] == "Online forms that work"
    assert report.table_after("Promises to customers").rows == [
        ["We answer emails quickly", "Within 2 working days", "Within 1 working day"]
    ]
    assert report.table_after("Colleagues across the organisation").rows == [
        ["IT services", "supportive", "neutral"]
    ]


def test_added_and_removed_items_are_listed(report: Outline) -> None:
    changes = report.table_after("Changes to the plan")
    sections = {row[0]: row[1:] for row in changes.rows}
    assert sections["Actions"][0] == "1"
    assert sections["Parking lot"][2] == "1"
    assert any("Publish the charter" in item for item in report.list_items)
    assert any("Web chat?" in item for item in report.list_items)


def test_the_glance_table_counts_what_follows(report: Outline) -> None:
    glance = {row[0]: row[1] for row in report.table_after("At a glance").rows}
    assert glance["Actions done"] == "1"
    assert glance["Actions blocked"] == "1"


def test_measures_on_track_are_counted_as_the_apps_review_counts_them(
    group: Group, pair: tuple[Session, Session]
) -> None:
    # one more measure, with no value yet: it cannot be judged, and is named apart instead of
    # counting against the others (the app says "N of M measured indicators on track")
    earlier, later = pair
    later.structure.indicators.append(Indicator(text="Web chat answered", target=90.0))
    progress = compare(earlier, later)
    doc = outline(render("progress", group, later, earlier))
    glance = {row[0]: row[1] for row in doc.table_after("At a glance").rows}
    judged, on_track = progress.indicators_judged, progress.indicators_on_track
    assert 0 < judged < len(later.structure.indicators)
    unjudged = len(later.structure.indicators) - judged
    assert glance["Measures on track or at their target"] == (
        f"{on_track} of {judged} ({unjudged} not measured, or without a target or due date)"
    )


def test_two_identical_sessions_report_nothing_moved(group: Group) -> None:
    earlier = full_session(group)
    same = earlier.model_copy(deep=True)
    doc = outline(render("progress", group, same, earlier))
    assert "No gap moved." in doc.paragraphs
    assert "No promise's standard changed." in doc.paragraphs
    assert "No stakeholder's stance changed." in doc.paragraphs
    assert "Nothing was added, changed or removed." in doc.paragraphs


def test_a_new_unscored_expectation_is_not_yet_scored_not_no_longer_scored(
    group: Group, pair: tuple[Session, Session]
) -> None:
    """An expectation added at the follow-up, not scored yet, was reported as "No longer
    scored", as if a score had been taken away."""
    from workshop.model import Expectation

    earlier, later = pair
    later.research.expectations.append(Expectation(text="Answer letters in plain English"))
    doc = outline(render("progress", group, later, earlier))
    titles = doc.heading_texts(3)
    assert "Not scored yet (1)" in titles
    assert not any(title.startswith("No longer scored") for title in titles)
    assert doc.table_after("Not scored yet (1)").rows[0][0] == "Answer letters in plain English"
