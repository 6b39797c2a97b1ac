from __future__ import annotations

import pytest

from tests.model.factories import expectation, make_session
from workshop.model import (
    Quadrant,
    ServiceStandard,
    Step,
    all_completeness,
    budget_summary,
    completeness,
    gap,
    quadrant,
)


@pytest.mark.parametrize(
    ("importance", "performance", "expected_gap", "expected_quadrant"),
    [
        (5, 1, 4, Quadrant.FIX_FIRST),
        (5, 5, 0, Quadrant.KEEP_IT_UP),
        (4, 4, 0, Quadrant.KEEP_IT_UP),
        (2, 1, 1, Quadrant.LOW_PRIORITY),
        (1, 5, -4, Quadrant.OVERDELIVERING),
        (3, 4, -1, Quadrant.OVERDELIVERING),
    ],
)
def test_gap_and_quadrant_follow_from_the_two_scores(
    importance: int, performance: int, expected_gap: int, expected_quadrant: Quadrant
) -> None:
    item = expectation(importance, performance)
    assert gap(item) == expected_gap
    assert quadrant(item) is expected_quadrant


@pytest.mark.parametrize(("importance", "performance"), [(None, 3), (3, None), (None, None)])
def test_unscored_expectation_has_no_gap_or_quadrant(
    importance: int | None, performance: int | None
) -> None:
    item = expectation(importance, performance)
    assert gap(item) is None
    assert quadrant(item) is None


def test_budget_summary_adds_only_chosen_standards() -> None:
    session = make_session()
    research = session.research
    research.budget = 100_000
    research.standards = [
        ServiceStandard(text="a", annual_cost=60_000, chosen=True),
        ServiceStandard(text="b", annual_cost=30_000, chosen=True),
        ServiceStandard(text="c", annual_cost=50_000, chosen=False),
    ]
    summary = budget_summary(research)
    assert summary.chosen_total == 90_000
    assert summary.considered_total == 140_000
    assert summary.remaining == 10_000
    assert not summary.over_budget
    assert summary.share_used == pytest.approx(0.9)

    research.standards[2].chosen = True
    summary = budget_summary(research)
    assert summary.over_budget
    assert summary.remaining == -40_000


def test_budget_summary_without_budget_is_never_over() -> None:
    session = make_session()
    session.research.standards = [ServiceStandard(text="a", annual_cost=5, chosen=True)]
    summary = budget_summary(session.research)
    assert summary.budget is None
    assert summary.remaining is None
    assert summary.share_used is None
    assert not summary.over_budget


def test_zero_budget_with_chosen_cost_is_over() -> None:
    session = make_session()
    session.research.budget = 0
    session.research.standards = [ServiceStandard(text="a", annual_cost=5, chosen=True)]
    summary = budget_summary(session.research)
    assert summary.over_budget
    assert summary.share_used == float("inf")


def test_empty_session_is_zero_percent_complete_everywhere() -> None:
    session = make_session()
    for step, result in all_completeness(session).items():
        assert result.percent == 0, step
        assert result.missing


def test_research_completeness_counts_what_is_there() -> None:
    session = make_session()
    session.research.expectations = [expectation(5, 2)]
    result = completeness(session, Step.RESEARCH)
    assert "customer expectations" in result.done
    assert "expectations scored" in result.done
    assert "a budget" in result.missing
    assert result.percent == 40

    session.research.expectations.append(expectation(None, 2))
    assert "expectations scored" in completeness(session, Step.RESEARCH).missing


def test_document_completeness_follows_the_narrative() -> None:
    session = make_session()
    session.document.aims = "Be easy to reach"
    session.document.rationale = "  "
    result = completeness(session, Step.DOCUMENT)
    assert result.done == ("what we are aiming for",)
    assert len(result.missing) == 5
