"""A session of about 1,000 items, spread over the sections as a long day's work would be."""

from __future__ import annotations

from datetime import date, timedelta

from tests.export.factories import full_session, later_session, make_group
from workshop.model import (
    Action,
    Expectation,
    Group,
    Indicator,
    Promise,
    ServiceStandard,
    Session,
    Stakeholder,
    Strategy,
)


def big_sessions(items: int = 1000) -> tuple[Group, Session, Session]:
    """(group, earlier, later): the later one has `items` items or a few more."""
    group = make_group()
    earlier = full_session(group)
    research, consult, structure = earlier.research, earlier.consult, earlier.structure
    share = items // 8
    start = date(2026, 6, 1)
    for n in range(share):
        research.expectations.append(
            Expectation(
                text=f"Expectation {n}: residents want a clear answer about item #{n}",
                evidence="Survey",
                importance=1 + n % 5,
                performance=1 + (n * 3) % 5,
                votes=n % 7,
                raised_by="p1",
            )
        )
        research.standards.append(ServiceStandard(text=f"Standard {n}", annual_cost=1000 + n))
        consult.stakeholders.append(Stakeholder(text=f"Unit {n}", unit="Operations"))
        structure.indicators.append(
            Indicator(
                text=f"Measure {n}",
                goal_id="g1",
                unit="%",
                baseline=50,
                target=80,
                due=start + timedelta(days=n),
                latest=55,
            )
        )
        structure.strategies.append(Strategy(text=f"Strategy {n}", goal_id="g1"))
        structure.promises.append(Promise(text=f"Promise {n}", standard=f"Within {n} days"))
    for n in range(items - 6 * share):
        structure.actions.append(
            Action(
                text=f"Action {n} | with a pipe",
                strategy_id=structure.strategies[n % len(structure.strategies)].id,
                owner="Ann",
                due=start + timedelta(days=n),
            )
        )
    later = later_session(earlier)
    return group, earlier, later
