"""Realistic groups and sessions for the benchmark, written through the real model and store.

Every section gets items with every field set and text of the length a room produces, so the
files have the size and shape of a real day's work (not a file of 'x')."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from workshop.model import (
    Action,
    ActionStatus,
    ComplaintStage,
    ComplaintStageKind,
    Decision,
    Dependency,
    Expectation,
    FeedbackLoop,
    Goal,
    Group,
    Indicator,
    ParkedItem,
    Participant,
    Principle,
    Promise,
    ServiceStandard,
    Session,
    SessionStatus,
    SharedGoal,
    Stakeholder,
    Step,
    Strategy,
)
from workshop.model.consult import Influence, Stance
from workshop.store import Store

_WHO = ["residents", "tenants", "older callers", "small businesses", "parents", "carers"]
_WANT = [
    "want a clear answer the first time they ask",
    "expect to be called back when we promised",
    "need to report a problem online at any hour",
    "want to know where their case stands without chasing",
    "expect staff to know what was said last time",
    "want letters in plain words, without jargon",
    "need a named person when a case gets complicated",
]
_WHERE = ["on the phone", "at the counter", "through the web form", "by email", "in letters"]
_DO = [
    "Train advisers on the new case notes",
    "Publish call-back times on the website",
    "Rewrite the top twenty standard letters",
    "Set up a weekly review of repeat calls",
    "Give team leads a live view of the queue",
    "Agree a hand-over routine with the repairs team",
]
_UNITS = ["Technology", "Finance", "Legal", "Marketing", "Operations", "Repairs", "Housing"]
_NAMES = ["Ann Lee", "Bob Okafor", "Chen Wu", "Dana Ross", "Eli Park", "Fay Khan", "Gus Moore"]
_STAGES = list(ComplaintStageKind)

#: Share of a session's items in each section: a long day's work, weighted as a room fills it.
SHARES: dict[str, float] = {
    "expectations": 0.20,
    "standards": 0.08,
    "stakeholders": 0.05,
    "shared_goals": 0.04,
    "dependencies": 0.05,
    "goals": 0.03,
    "indicators": 0.10,
    "strategies": 0.08,
    "actions": 0.20,
    "feedback_loops": 0.03,
    "promises": 0.06,
    "complaint_stages": 0.02,
    "decisions": 0.03,
    "parking_lot": 0.03,
}


def sentence(rng: random.Random, n: int) -> str:
    return f"{rng.choice(_WHO).capitalize()} {rng.choice(_WANT)} {rng.choice(_WHERE)} (#{n})"


def _counts(items: int, only: str | None) -> dict[str, int]:
    if only is not None:
        return {key: (items if key == only else 0) for key in SHARES}
    counts = {key: int(items * share) for key, share in SHARES.items()}
    counts["actions"] += items - sum(counts.values())
    return counts


def make_session(
    group: Group,
    items: int,
    *,
    part: int = 1,
    only: str | None = None,
    seed: int = 1,
    follows: str | None = None,
) -> Session:
    """A session of `group` with exactly `items` items, every field filled in. Spread over the
    sections as `SHARES` says, or all in the section `only` (e.g. a list of 1,000 expectations)."""
    rng = random.Random(seed)
    people = [Participant(name=name, role=rng.choice(_UNITS)) for name in _NAMES]
    ids = [p.id for p in people]
    day = date(2026, 3, 2) + timedelta(days=120 * (part - 1))
    session = Session(
        group_id=group.id,
        part=part,
        date=day,
        title=f"Part {part}: {'building' if part == 1 else 'reviewing'} the strategy",
        facilitator="Sam Reid",
        status=SessionStatus.IN_PROGRESS,
        follows=follows,
        participants=people,
        notes={step: f"Notes on {step.label}: {sentence(rng, 0)}." for step in Step},
    )
    session.research.budget = 250_000
    session.structure.mission = (
        "Every resident gets a clear answer, first time, from people who care."
    )
    session.structure.principles = {p: f"We make it {p.value}." for p in Principle}
    doc = session.document
    doc.aims = doc.rationale = doc.delivery = sentence(rng, 1) + ". " + sentence(rng, 2) + "."
    counts = _counts(items, only)
    goals = [Goal(text=f"Goal {n}: {sentence(rng, n)}") for n in range(max(counts["goals"], 1))]
    stakeholders = [
        Stakeholder(
            text=f"{rng.choice(_UNITS)} team {n}",
            unit=rng.choice(_UNITS),
            contact=rng.choice(_NAMES),
            influence=rng.choice(list(Influence)),
            stance=rng.choice(list(Stance)),
            raised_by=rng.choice(ids),
        )
        for n in range(max(counts["stakeholders"], 1))
    ]
    strategies = [
        Strategy(text=f"Strategy {n}: {rng.choice(_DO).lower()}", goal_id=rng.choice(goals).id)
        for n in range(max(counts["strategies"], 1))
    ]

    def common(n: int) -> dict[str, object]:
        return {"raised_by": rng.choice(ids), "votes": rng.randrange(0, 6)}

    build: dict[str, Callable[[int], Any]] = {
        "expectations": lambda n: Expectation(
            text=sentence(rng, n),
            evidence=rng.choice(["Survey 2025", "Complaints log", "Call recordings"]),
            segment=rng.choice(_WHERE),
            importance=rng.randint(1, 5),
            performance=rng.randint(1, 5),
            **common(n),
        ),
        "standards": lambda n: ServiceStandard(
            text=f"Answer {60 + n % 40}% of calls within {30 + n % 90} seconds",
            annual_cost=float(5_000 + 250 * (n % 400)),
            chosen=n % 3 == 0,
            **common(n),
        ),
        "shared_goals": lambda n: SharedGoal(
            text=f"Fewer repeat contacts about case {n}",
            stakeholder_ids=[s.id for s in rng.sample(stakeholders, min(2, len(stakeholders)))],
            **common(n),
        ),
        "dependencies": lambda n: Dependency(
            text=f"Decision {n} on the new phone system",
            stakeholder_id=rng.choice(stakeholders).id,
            effect="Call-backs cannot be booked until it goes live",
            ask="Go live before the winter peak",
            **common(n),
        ),
        "indicators": lambda n: Indicator(
            text=f"First-contact resolution, measure {n}",
            goal_id=rng.choice(goals).id,
            unit="%",
            baseline=float(40 + n % 30),
            target=float(75 + n % 20),
            due=day + timedelta(days=90 + n % 300),
            latest=float(45 + n % 30),
            **common(n),
        ),
        "actions": lambda n: Action(
            text=f"{rng.choice(_DO)} (action {n})",
            strategy_id=rng.choice(strategies).id,
            owner=rng.choice(_NAMES),
            due=day + timedelta(days=14 + n % 200),
            status=rng.choice(list(ActionStatus)),
            **common(n),
        ),
        "feedback_loops": lambda n: FeedbackLoop(
            text=f"Repeat calls by reason, review {n}",
            reviewer=rng.choice(_NAMES),
            frequency=rng.choice(["weekly", "monthly", "quarterly"]),
            **common(n),
        ),
        "promises": lambda n: Promise(
            text=f"We will reply to your email quickly ({n})",
            standard=f"Within {1 + n % 5} working days",
            channels=rng.choice(_WHERE),
            hours="Mon–Fri 8:30–17:00",
            **common(n),
        ),
        "complaint_stages": lambda n: ComplaintStage(
            text=f"A named adviser looks into it and writes back ({n})",
            stage=_STAGES[n % len(_STAGES)],
            timeframe=f"{2 + n % 10} working days",
            **common(n),
        ),
        "decisions": lambda n: Decision(
            text=f"We agreed to {rng.choice(_DO).lower()} ({n})", step=rng.choice(list(Step))
        ),
        "parking_lot": lambda n: ParkedItem(
            text=f"Come back to: {sentence(rng, n)}", step=rng.choice(list(Step))
        ),
    }
    r, c, s = session.research, session.consult, session.structure
    r.expectations = _fill(build["expectations"], counts["expectations"])
    r.standards = _fill(build["standards"], counts["standards"])
    c.stakeholders = stakeholders[: counts["stakeholders"]]
    c.shared_goals = _fill(build["shared_goals"], counts["shared_goals"])
    c.dependencies = _fill(build["dependencies"], counts["dependencies"])
    s.goals = goals[: counts["goals"]]
    s.indicators = _fill(build["indicators"], counts["indicators"])
    s.strategies = strategies[: counts["strategies"]]
    s.actions = _fill(build["actions"], counts["actions"])
    s.feedback_loops = _fill(build["feedback_loops"], counts["feedback_loops"])
    s.promises = _fill(build["promises"], counts["promises"])
    s.complaint_stages = _fill(build["complaint_stages"], counts["complaint_stages"])
    session.decisions = _fill(build["decisions"], counts["decisions"])
    session.parking_lot = _fill(build["parking_lot"], counts["parking_lot"])
    return session


def _fill(make: Callable[[int], Any], count: int) -> list[Any]:
    return [make(n) for n in range(count)]


def item_count(session: Session) -> int:
    from workshop.model import SECTIONS

    return sum(len(section.items(session)) for section in SECTIONS)


@dataclass(frozen=True)
class Written:
    """A group written to a data folder: its id, its file and its sessions' ids."""

    group_id: str
    path: Path
    session_ids: list[str]


def write_group(
    store: Store,
    name: str,
    sessions: int,
    items: int,
    *,
    only: str | None = None,
    seed: int = 1,
) -> Written:
    """A new group file holding `sessions` sessions of `items` items each (each follows the
    one before), written through `Store.create_group` and `GroupEditor.add_session`."""
    group = Group(name=name, organisation="Riverside Council")
    path = store.create_group(group)
    made: list[str] = []
    with store.edit(group.id, holder="benchmark") as editor:
        for part in range(1, sessions + 1):
            session = make_session(
                group,
                items,
                part=part,
                only=only,
                seed=seed * 1000 + part,
                follows=made[-1] if made else None,
            )
            editor.add_session(session)
            made.append(session.id)
    return Written(group.id, path, made)


def write_groups(data_dir: Path, groups: int, sessions: int, items: int) -> list[Written]:
    """`groups` group files, named 'Group 000 …' so that the listing order is known."""
    store = Store(data_dir)
    return [
        write_group(store, f"Group {n:03d} Customer Service", sessions, items, seed=n)
        for n in range(groups)
    ]
