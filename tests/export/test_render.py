"""The summary and the strategy document hold what they promise, parsed back as Markdown."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.export.factories import full_session, later_session, make_group
from tests.export.markdown import outline
from workshop.export import ExportError, NeedsEarlier, render
from workshop.model import Decision, Group, Session


@pytest.fixture
def group() -> Group:
    return make_group()


@pytest.fixture
def session(group: Group) -> Session:
    return full_session(group)


def test_summary_has_every_part_a_participant_looks_for(group: Group, session: Session) -> None:
    doc = outline(render("summary", group, session))
    assert doc.heading_texts(1) == [
        "Riverside Council Customer Service: Part 1: building the strategy"
    ]
    assert doc.heading_texts(2) == [
        "Who took part",
        "Agenda and time spent",
        "What was captured",
        "Decisions",
        "Actions",
        "Parking lot",
        "Open warnings",
    ]
    assert doc.heading_texts(3) == [
        "1. Research",
        "2. Consult",
        "3. Structure",
        "4. Strategy document",
    ]
    assert "Ann Lee (Contact centre lead)" in doc.list_items
    assert "Bob Okafor (Finance)" in doc.list_items
    agenda = doc.table_after("Agenda and time spent")
    assert agenda.headers == ["Step", "Timebox", "Time spent", "Against the timebox"]
    assert agenda.rows[0] == ["Research", "45 min", "50 min", "5 min over"]
    assert agenda.rows[-1][0] == "Total"
    expectations = doc.table_after("Customer expectations")
    assert expectations.headers == [
        "Expectation",
        "Importance",
        "Performance",
        "Gap",
        "Quadrant",
        "Votes",
        "Raised by",
    ]
    assert expectations.rows[0] == [
        "Answer the phone quickly",
        "5",
        "2",
        "+3",
        "fix first",
        "4",
        "Ann Lee",
    ]
    actions = doc.table_after("Actions")
    assert actions.headers[:4] == ["Action", "Owner", "Due", "Status"]
    assert actions.rows[0][:4] == [
        "Build a knowledge base",
        "Ann Lee",
        "30 September 2026",
        "planned",
    ]
    assert "Fund the phone standard (Research), raised by Ann Lee" in doc.list_items
    assert "Web chat? (Consult)" in doc.list_items
    assert "Good energy." in doc.paragraphs


def test_a_follow_ups_summary_keeps_earlier_decisions_apart(group: Group, session: Session) -> None:
    # a follow-up carries the earlier part's decisions forward: its summary must not present
    # them as taken in this workshop
    later = later_session(session)
    doc = outline(render("summary", group, later, session))
    assert "No new decisions were recorded in this workshop." in doc.paragraphs
    assert "Carried from part 1 (1)" in doc.heading_texts(3)
    assert any(item.startswith("Fund the phone standard") for item in doc.list_items)
    later.decisions.append(Decision(id="dc2", text="Publish the charter in May"))
    doc = outline(render("summary", group, later, session))
    assert "No new decisions were recorded in this workshop." not in doc.paragraphs
    assert any(item.startswith("Publish the charter in May") for item in doc.list_items)
    numbered = [item for item in doc.list_items if item.startswith(("Fund", "Publish"))]
    assert len(numbered) == 2  # each once: the new one numbered, the carried one apart
    alone = outline(render("summary", group, session))  # part 1: all its own
    assert "Carried from part 1 (1)" not in alone.heading_texts(3)


def test_summary_lists_the_open_warnings(group: Group, session: Session) -> None:
    session.structure.indicators[0].target = None
    session.research.budget = 100_000
    doc = outline(render("summary", group, session))
    warnings = [item for item in doc.list_items if item.startswith(("Research:", "Structure:"))]
    assert any("over the budget" in w for w in warnings)
    assert any("is not SMART" in w for w in warnings)


def test_strategy_reads_as_a_document(group: Group, session: Session) -> None:
    doc = outline(render("strategy", group, session))
    assert doc.heading_texts(1) == ["Riverside customer service strategy"]
    assert doc.heading_texts(2) == [
        "Introduction",
        "Our mission",
        "Goals, measures and plans",
        "Our promises to customers",
        "When something goes wrong: complaints",
        "The research behind this strategy",
        "Working with colleagues across the organisation",
        "Putting it into practice",
        "What it will bring",
    ]
    assert "Goal 1: Resolve more enquiries at first contact" in doc.heading_texts(3)
    assert "Strategy 1.1: Equip advisers to answer more" in doc.heading_texts(4)
    measures = doc.table_after("Goal 1: Resolve more enquiries at first contact")
    assert measures.rows == [["First-contact resolution", "62%", "80%", "31 March 2027", "62%"]]
    actions = doc.table_after("Strategy 1.1: Equip advisers to answer more")
    assert [row[0] for row in actions.rows] == ["Build a knowledge base", "Train advisers"]
    charter = doc.table_after("Our promises to customers")
    assert charter.rows == [
        ["We answer emails quickly", "Within 2 working days", "Email", "Mon–Fri"]
    ]
    expectations = doc.table_after("What our customers expect")
    assert [row[0] for row in expectations.rows] == ["Answer the phone quickly", "Clear letters"]
    assert any("leaves £30,000" in p for p in doc.paragraphs)
    asks = doc.table_after("What we ask of them")
    assert asks.rows == [["IT services", "New phone system", "Call-backs", "Go live by March"]]
    assert len(doc.table_after("The principles we follow").rows) == 6


def test_an_empty_session_says_what_is_not_yet_agreed(group: Group) -> None:
    empty = Session(group_id=group.id, date=full_session().date)
    text = render("strategy", group, empty)
    doc = outline(text)
    assert doc.heading_texts(1) == ["Riverside Council Customer Service: customer service strategy"]
    assert "Not yet agreed." in doc.paragraphs
    assert not doc.tables
    assert "Goal 1" not in text
    summary = outline(render("summary", group, empty))
    assert "No participants were recorded." in summary.paragraphs
    assert "No decisions were recorded." in summary.paragraphs


def test_loose_items_are_shown_not_lost(group: Group, session: Session) -> None:
    session.structure.indicators[0].goal_id = None
    session.structure.actions[1].strategy_id = "gone"
    doc = outline(render("strategy", group, session))
    assert doc.table_after("Other measures").rows[0][0] == "First-contact resolution"
    assert doc.table_after("Other actions").rows[0][0] == "Train advisers"


def test_progress_without_an_earlier_session_is_refused(group: Group, session: Session) -> None:
    with pytest.raises(NeedsEarlier, match="compares two sessions"):
        render("progress", group, session)


def test_an_unknown_kind_is_refused_in_one_line(group: Group, session: Session) -> None:
    with pytest.raises(ExportError) as caught:
        render("minutes", group, session)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value)


def test_importing_the_exports_does_not_load_jinja() -> None:
    code = "import sys, workshop.export; print('jinja2' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_template_that_forgets_the_filter_fails_loudly() -> None:
    from workshop.export.render import environment

    template = environment().from_string("{{ text }}")
    with pytest.raises(TypeError, match="unescaped"):
        template.render(text="# oops")
