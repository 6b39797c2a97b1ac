"""A realistic sample group for newcomers: a council's customer-service team, its first workshop
and the follow-up six months later, every step filled in. Deterministic: ids come from names and
every date is counted from `today`."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from workshop.model.base import Item, Step
from workshop.model.consult import Dependency, Influence, SharedGoal, Stakeholder, Stance
from workshop.model.document import Document
from workshop.model.follow_up import follow_up
from workshop.model.research import Expectation, ServiceStandard
from workshop.model.session import (
    Decision,
    Group,
    ParkedItem,
    Participant,
    Session,
    SessionStatus,
    Timebox,
)
from workshop.model.structure import (
    Action,
    ActionStatus,
    ComplaintStage,
    ComplaintStageKind,
    FeedbackLoop,
    Goal,
    Indicator,
    Principle,
    Promise,
    Strategy,
)

DEMO_GROUP_NAME = "Riverside Borough Council — Customer Services"
DEMO_ORGANISATION = "Riverside Borough Council"


def demo_id(name: str, length: int = 8) -> str:
    """A stable id that looks like any other (hex), derived from a readable name."""
    return hashlib.sha256(f"riverside-demo/{name}".encode()).hexdigest()[:length]


DEMO_GROUP_ID = demo_id("group")


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _make(kind: type[Any], key: str, day: date, text: str, **fields: Any) -> Any:
    return kind(id=demo_id(key), text=text, created_at=_at(day), **fields)


def build_demo(today: date) -> tuple[Group, list[Session]]:
    """The demo group and its two sessions: part 1 about six months ago, part 2 today."""
    first_day = today - timedelta(days=182)
    group = Group(
        id=DEMO_GROUP_ID,
        name=DEMO_GROUP_NAME,
        organisation=DEMO_ORGANISATION,
        created_at=_at(first_day - timedelta(days=14)),
    )
    first = _first_session(first_day)
    return group, [first, _second_session(first, today)]


# fmt: off
def _first_session(day: date) -> Session:
    def d(days: int) -> date:
        return day + timedelta(days=days)

    def p(key: str) -> str:
        return demo_id("participant/" + key)

    def item(kind: type[Any], key: str, text: str, **fields: Any) -> Any:
        return _make(kind, key, day, text, **fields)

    participants = [
        Participant(id=p("amara"), name="Amara Osei", role="Contact centre team leader"),
        Participant(id=p("tom"), name="Tom Gallagher", role="Digital services lead"),
        Participant(id=p("helen"), name="Helen Price", role="Complaints officer"),
        Participant(id=p("raj"), name="Raj Mehta", role="Finance business partner"),
        Participant(id=p("sian"), name="Sian Lloyd", role="Customer service adviser"),
        Participant(id=p("marcus"), name="Marcus Webb", role="Revenues and benefits manager"),
    ]
    session = Session(
        id=demo_id("session/1", 12),
        group_id=DEMO_GROUP_ID,
        part=1,
        date=day,
        title="Part 1: building the strategy",
        facilitator="Priya Natarajan",
        status=SessionStatus.CLOSED,
        updated_at=_at(day, 17),
        participants=participants,
        agenda={
            Step.RESEARCH: Timebox(minutes=45, spent_seconds=52 * 60),
            Step.CONSULT: Timebox(minutes=30, spent_seconds=28 * 60),
            Step.STRUCTURE: Timebox(minutes=60, spent_seconds=71 * 60),
            Step.DOCUMENT: Timebox(minutes=30, spent_seconds=24 * 60),
        },
        notes={
            Step.RESEARCH: "Survey and call-log figures were circulated a week ahead. The room "
            "agreed phone waits and 'what happens next' are the two sorest points.",
            Step.CONSULT: "Waste Services were wary of sharing round data; Legal were not in the "
            "room, so their stance is still unknown.",
            Step.STRUCTURE: "Ran over on indicators: the group wants a satisfaction measure but "
            "has no survey figure yet. Left it as a placeholder to firm up.",
            Step.DOCUMENT: "Draft narrative agreed in outline; Priya to tidy before it goes to "
            "the Corporate Management Team.",
        },
    )
    r, c, s = session.research, session.consult, session.structure

    r.budget = 180_000
    r.expectations = [
        item(Expectation, "e/phone", "Get through on the phone without a long wait",
            evidence="Resident survey: 41% rate phone waits as poor", segment="Phone callers",
            importance=5, performance=2, raised_by=p("amara"), votes=6),
        item(Expectation, "e/bins", "Report a missed bin online and know when it will be collected",
            evidence="1,200 repeat calls a quarter about missed bins", segment="Web / waste",
            importance=4, performance=2, raised_by=p("tom"), votes=4),
        item(Expectation, "e/next", "Be told what happens next, and by when",
            evidence="Top theme in complaints, Q1–Q2", segment="All channels", importance=5,
            performance=2, raised_by=p("helen"), votes=7),
        item(Expectation, "e/once", "Tell my story once, not to every department",
            evidence="Mystery shopping: 3 hand-offs on average", segment="Phone and counter",
            importance=4, performance=2, raised_by=p("sian"), votes=3),
        item(Expectation, "e/polite", "Staff who are polite and know the answer",
            evidence="Post-call survey: courtesy 4.3 out of 5", segment="All channels",
            importance=4, performance=4, votes=1),
        item(Expectation, "e/inperson", "Help in person for people who cannot use the web",
            evidence="Feedback from the older people's forum",
            segment="Older and disabled residents", importance=4, performance=3,
            raised_by=p("amara"), votes=2),
        item(Expectation, "e/tax", "Council tax and benefits questions answered first time",
            evidence="Call logs: 28% of calls are repeat contacts", segment="Revenues and benefits",
            importance=5, performance=3, raised_by=p("marcus"), votes=5),
        item(Expectation, "e/email", "A reply to an email within a couple of days",
            evidence="Inbox backlog report: 9 days on average", segment="Email", importance=4,
            performance=2, raised_by=p("sian"), votes=2),
        item(Expectation, "e/leaflets", "Printed leaflets for every service",
            evidence="Requests at the customer centre", segment="Counter", importance=2,
            performance=4),
        item(Expectation, "e/chat", "Live chat in the evenings", evidence="Web survey comments",
            segment="Web", importance=2, performance=1, raised_by=p("tom")),
    ]
    r.standards = [
        item(ServiceStandard, "s/calls", "Answer 80% of calls within 2 minutes", annual_cost=95_000,
            chosen=True, raised_by=p("amara"), votes=5),
        item(ServiceStandard, "s/email", "Reply to emails and web forms within 2 working days",
            annual_cost=38_000, chosen=True, votes=3),
        item(ServiceStandard, "s/bins", "Online missed-bin reports with status tracking",
            annual_cost=24_000, chosen=True, raised_by=p("tom"), votes=4),
        item(ServiceStandard, "s/library", "Monthly outreach surgeries in three libraries",
            annual_cost=18_000, chosen=True, votes=2),
        item(ServiceStandard, "s/chat", "Live chat until 8pm on weekdays", annual_cost=52_000),
        item(ServiceStandard, "s/callback", "A call-back instead of queueing at peak times",
            annual_cost=15_000, raised_by=p("raj"), votes=1),
    ]

    def sh(key: str) -> str:
        return demo_id("sh/" + key)

    c.stakeholders = [
        item(Stakeholder, "sh/it", "IT and Digital Services", unit="Technology",
            contact="Dev Patel, Head of Digital", influence=Influence.HIGH,
            stance=Stance.SUPPORTIVE),
        item(Stakeholder, "sh/finance", "Finance", unit="Finance",
            contact="Claire Hughes, Chief Finance Officer", influence=Influence.HIGH,
            stance=Stance.NEUTRAL, raised_by=p("raj")),
        item(Stakeholder, "sh/waste", "Waste and Street Services", unit="Operations",
            contact="Gareth Jones, Service Manager", influence=Influence.MEDIUM,
            stance=Stance.OPPOSED),
        item(Stakeholder, "sh/comms", "Communications", unit="Marketing",
            contact="Nadia Rahman, Communications Lead", influence=Influence.MEDIUM,
            stance=Stance.SUPPORTIVE),
        item(Stakeholder, "sh/legal", "Legal and Information Governance", unit="Legal",
            contact="Owen Clarke, Data Protection Officer", influence=Influence.MEDIUM),
        item(Stakeholder, "sh/revenues", "Revenues and Benefits", unit="Operations",
            contact="Marcus Webb", influence=Influence.HIGH, stance=Stance.SUPPORTIVE,
            raised_by=p("marcus")),
    ]
    c.shared_goals = [
        item(SharedGoal, "g/bins", "Fewer avoidable calls about missed bins",
            stakeholder_ids=[sh("waste"), sh("it")], votes=3),
        item(SharedGoal, "g/record", "One customer record, so residents tell us once",
            stakeholder_ids=[sh("it"), sh("legal")], raised_by=p("sian"), votes=4),
        item(SharedGoal, "g/tax", "Council tax questions settled at the first contact",
            stakeholder_ids=[sh("revenues"), sh("finance")], raised_by=p("marcus")),
    ]
    c.dependencies = [
        item(Dependency, "d/phones",
            "The telephony platform is replaced in next year's IT programme",
            stakeholder_id=sh("it"),
            effect="A call-back and queue messages depend on the new platform",
            ask="Keep call-back in the specification and go live before winter"),
        item(Dependency, "d/rounds", "Crews' in-cab devices record which bins were collected",
            stakeholder_id=sh("waste"),
            effect="Without it we cannot tell a resident when a missed bin will be collected",
            ask="Share live round data with the contact centre"),
        item(Dependency, "d/budget", "The council's budget is set each February",
            stakeholder_id=sh("finance"), effect="Fixes which service standards we can fund",
            ask="Ring-fence £180,000 a year for the chosen standards", raised_by=p("raj")),
        item(Dependency, "d/sharing", "Whether departments may share case notes",
            stakeholder_id=sh("legal"), effect="Advisers cannot see a resident's other open cases",
            ask="Approve a shared case note for residents who consent"),
    ]

    def g(key: str) -> str:
        return demo_id("goal/" + key)

    def st(key: str) -> str:
        return demo_id("strategy/" + key)

    s.mission = (
        "Every resident who contacts Riverside gets a clear answer, a named next step and a "
        "date they can hold us to, first time, whichever way they reach us."
    )
    s.goals = [
        item(Goal, "goal/reach", "Residents get through quickly, on the channel they choose",
            votes=5 ),
        item(Goal, "goal/first", "Problems are solved at the first contact", votes=6),
        item(Goal, "goal/informed", "Residents always know what happens next", votes=4),
        item(Goal, "goal/learn", "We learn from every complaint", raised_by=p("helen"), votes=2),
    ]
    s.indicators = [
        item(Indicator, "i/calls", "Calls answered within 2 minutes", goal_id=g("reach"), unit="%",
            baseline=46, target=80, due=d(365), latest=46),
        item(Indicator, "i/email", "Emails and web forms answered within 2 working days",
            goal_id=g("reach"), unit="%", baseline=55, target=90, due=d(270), latest=55),
        item(Indicator, "i/first", "Contacts resolved first time", goal_id=g("first"), unit="%",
            baseline=64, target=80, due=d(365), latest=64),
        item(Indicator, "i/bins", "Repeat calls about missed bins", goal_id=g("first"),
            unit="calls a quarter", baseline=1200, target=600, due=d(300), latest=1200),
        # deliberately not SMART: the room had no survey figure yet
        item(Indicator, "i/informed", "Residents feel kept informed", goal_id=g("informed")),
        item(Indicator, "i/stage2", "Complaints escalated to stage 2", goal_id=g("learn"),
            unit="a month", baseline=38, target=20, due=d(365), latest=38),
    ]
    s.strategies = [
        item(Strategy, "strategy/peaks",
            "Match staffing to demand and offer a call-back at peak times", goal_id=g("reach")),
        item(Strategy, "strategy/online",
            "Move simple transactions online so advisers have time for complex calls",
            goal_id=g("reach")),
        item(Strategy, "strategy/equip", "Give advisers the knowledge and access to finish the job",
            goal_id=g("first")),
        item(Strategy, "strategy/next", "State the next step and a date in every reply",
            goal_id=g("informed")),
        item(Strategy, "strategy/complaints", "Review complaints monthly and fix their causes",
            goal_id=g("learn")),
    ]

    def act(key: str, text: str, strategy: str, owner: str, due: int, **more: Any) -> Any:
        return item(
            Action, "a/" + key, text, strategy_id=st(strategy), owner=owner, due=d(due), **more
        )

    s.actions = [
        act("rotas", "Re-plan adviser rotas against half-hourly call demand", "peaks", "Amara Osei",
            60, status=ActionStatus.IN_PROGRESS),
        act("callback", "Specify a call-back in the new telephony platform", "peaks", "Dev Patel",
            120),
        act("binsonline", "Launch online missed-bin reports with status tracking", "online",
            "Tom Gallagher", 90, status=ActionStatus.IN_PROGRESS),
        act("debit", "Put council tax direct debit changes online", "online", "Tom Gallagher", 150),
        act("kb", "Build a knowledge base of the 50 most asked questions", "equip", "Sian Lloyd",
            90, votes=3),
        act("training", "Train every adviser in council tax and benefits basics", "equip",
            "Marcus Webb", 120),
        act("casenote", "Agree a shared case note with Information Governance", "equip",
            "Helen Price", 100),
        act("replies", "Rewrite the 20 standard email replies to give the next step and a date",
            "next", "Sian Lloyd", 45),
        act("texts", "Send a text when a reported missed bin has been collected", "next",
            "Tom Gallagher", 240),
        act("review", "Hold a monthly complaints review with service heads", "complaints",
            "Helen Price", 30),
        act("yousaid", "Publish 'You said, we did' on the website each quarter", "complaints",
            "Nadia Rahman", 180),
        act("chat", "Pilot evening live chat", "online", "Tom Gallagher", 200),
    ]
    s.feedback_loops = [
        item(FeedbackLoop, "f/calls", "Calls answered, waiting times and abandoned calls",
            reviewer="Contact centre team leaders", frequency="Weekly"),
        item(FeedbackLoop, "f/complaints", "Complaint themes and their causes",
            reviewer="Complaints officer with service heads", frequency="Monthly"),
        item(FeedbackLoop, "f/charter", "Performance against the charter's standards",
            reviewer="Corporate Management Team", frequency="Quarterly"),
    ]
    s.promises = [
        item(Promise, "pr/calls", "We will answer your call quickly",
            standard="80% of calls answered within 2 minutes", channels="Phone",
            hours="Mon–Fri 8:30–17:00"),
        item(Promise, "pr/email", "We will reply to your email or web form",
            standard="Within 2 working days", channels="Email, web", hours="Any time"),
        # deliberately unmeasurable: the room could not yet agree a number
        item(Promise, "pr/informed", "We will keep you informed",
            standard="Regular updates on your case", channels="All channels"),
        item(Promise, "pr/bins", "We will collect a missed bin",
            standard="Within 2 working days of your report", channels="Web, phone",
            hours="Reports any time"),
        item(Promise, "pr/inperson", "You can always see someone in person",
            standard="Customer centre open 9:00–16:00 on weekdays", channels="Counter"),
    ]
    s.complaint_stages = [
        item(ComplaintStage, "c/ack", "We log the complaint and tell you who is handling it",
            stage=ComplaintStageKind.ACKNOWLEDGE, timeframe="2 working days"),
        item(ComplaintStage, "c/resolve",
            "The service concerned investigates and replies in writing",
            stage=ComplaintStageKind.RESOLVE, timeframe="10 working days"),
        item(ComplaintStage, "c/escalate", "A head of service reviews it if you are still unhappy",
            stage=ComplaintStageKind.ESCALATE, timeframe="20 working days"),
    ]
    s.principles = {
        Principle.ACCESSIBLE: "Complain by phone, web, letter or at the counter; help to write "
        "it down if needed",
        Principle.RESPONSIVE: "Acknowledged in 2 working days, with an update if a reply will "
        "be late",
        Principle.OBJECTIVE: "Stage 2 is reviewed by a head of service from another department",
        Principle.ACCOUNTABLE: "Each complaint has a named handler; figures go to members "
        "every quarter",
        Principle.LEARNING: "The monthly review turns themes into actions in this plan",
    }
    session.document = Document(
        title="Riverside Customer Service Strategy",
        aims="Make contacting the council quick and certain: residents reach us on the channel "
        "they choose, get their problem solved first time, and always know what happens next.",
        rationale="Most calls we take are caused by a service that has not yet done what it "
        "said. Fixing those causes costs less than answering the repeat calls, and residents' "
        "trust in the council rests on it.",
        delivery="Four goals, each with measured indicators, carried out through five "
        "strategies and a dated action plan. The contact centre leads; IT, Waste, Finance and "
        "Legal each own a dependency we have agreed with them.",
        assessment="Indicators reviewed weekly by team leaders and quarterly by the Corporate "
        "Management Team; a follow-up workshop after six months reviews progress.",
        benefits_organisation="Fewer avoidable contacts, lower cost per contact, and "
        "complaints that point to fixes instead of repeating.",
        benefits_customers="Shorter waits, fewer hand-offs, clear promises they can hold us to.",
    )
    session.decisions = [
        item(Decision, "dec/fund",
            "Fund four of the six standards within the £180,000 budget; leave evening chat for now",
            step=Step.RESEARCH, raised_by=p("raj")),
        item(Decision, "dec/ringfence", "Ask Finance to ring-fence the budget in February",
            step=Step.CONSULT),
    ]
    session.parking_lot = [
        item(ParkedItem, "park/interpreting", "Interpreting for residents who do not speak English",
            step=Step.RESEARCH, raised_by=p("amara")),
        item(ParkedItem, "park/charging", "Should we charge for replacement bins?",
            step=Step.CONSULT ),
    ]
    return session


def _second_session(first: Session, today: date) -> Session:
    """Six months on: progress and slippage, new items, one removed."""
    session = follow_up(first, on=today, facilitator="Priya Natarajan")
    session.id = demo_id("session/2", 12)
    session.title = "Part 2: six-month review"
    session.status = SessionStatus.IN_PROGRESS
    session.updated_at = _at(today, 16)

    def item(kind: type[Any], key: str, text: str, **fields: Any) -> Any:
        return _make(kind, key, today, text, **fields)

    def find(items: list[Any], key: str) -> Any:
        wanted = demo_id(key)
        return next(i for i in items if i.id == wanted)

    def p(key: str) -> str:
        return demo_id("participant/" + key)

    present = {"amara", "tom", "helen", "sian", "marcus"}
    for person in session.participants:
        person.present = person.id in {p(k) for k in present}
    session.participants.append(
        Participant(id=p("owen"), name="Owen Clarke", role="Data Protection Officer")
    )
    for step, minutes in zip(Step, (20, 25, 55, 15), strict=True):
        session.agenda[step] = Timebox(
            minutes=session.agenda[step].minutes, spent_seconds=minutes * 60
        )
    session.notes = {
        Step.RESEARCH: "Phone waits much better since the rotas changed; the email backlog "
        "is worse after two advisers left.",
        Step.CONSULT: "Waste now back the round-data link after the missed-bin pilot cut "
        "their calls too. Owen joined for Legal.",
        Step.STRUCTURE: "The call-back is stuck behind the telephony procurement; escalate.",
        Step.DOCUMENT: "Update the delivery section to name the telephony risk.",
    }

    r, c, s = session.research, session.consult, session.structure
    find(r.expectations, "e/phone").performance = 3
    find(r.expectations, "e/bins").performance = 4
    find(r.expectations, "e/tax").performance = 4
    find(r.expectations, "e/email").performance = 1
    r.expectations = [e for e in r.expectations if e.id != demo_id("e/chat")]
    r.expectations.append(
        item(Expectation, "e/received", "Know that my report or form has been received",
            evidence="Web analytics: 1 in 5 forms is sent twice", segment="Web", importance=4,
            performance=2, raised_by=p("tom"))
    )
    find(r.standards, "s/callback").chosen = True
    find(r.standards, "s/library").annual_cost = 22_000

    find(c.stakeholders, "sh/waste").stance = Stance.SUPPORTIVE
    find(c.stakeholders, "sh/legal").stance = Stance.NEUTRAL
    c.stakeholders.append(
        item(Stakeholder, "sh/hr", "HR and Organisational Development", unit="People",
            contact="Lisa Morgan, HR Business Partner", influence=Influence.LOW,
            stance=Stance.NEUTRAL, raised_by=p("amara"))
    )

    for key, value in {
        "i/calls": 71,
        "i/email": 48,
        "i/first": 70,
        "i/bins": 640,
        "i/stage2": 41,
    }.items():
        find(s.indicators, key).latest = value
    statuses = {
        "a/rotas": ActionStatus.DONE,
        "a/callback": ActionStatus.BLOCKED,
        "a/binsonline": ActionStatus.DONE,
        "a/debit": ActionStatus.IN_PROGRESS,
        "a/kb": ActionStatus.DONE,
        "a/training": ActionStatus.DONE,
        "a/replies": ActionStatus.DONE,
        "a/review": ActionStatus.DONE,
        "a/yousaid": ActionStatus.IN_PROGRESS,
        "a/chat": ActionStatus.DROPPED,
    }
    for key, status in statuses.items():
        find(s.actions, key).status = status
    s.actions.append(
        item(Action, "a/rounds", "Give advisers read access to the waste round system",
            strategy_id=demo_id("strategy/equip"), owner="Tom Gallagher",
            due=today + timedelta(days=60), raised_by=p("sian"))
    )
    find(s.promises, "pr/email").standard = "Within 3 working days"
    s.complaint_stages.append(
        item(ComplaintStage, "c/ombudsman", "If you are still unhappy, we tell you how to ask "
            "the Local Government Ombudsman to review it",
            stage=ComplaintStageKind.INDEPENDENT_REVIEW, timeframe="After stage 2",
            raised_by=p("helen"))
    )
    s.principles[Principle.CONFIDENTIAL] = (
        "Only the handler and the service concerned see a complainant's details"
    )
    session.document.delivery += (
        " The call-back depends on the new telephony platform, now delayed; the Corporate "
        "Management Team has been asked to unblock it."
    )
    session.decisions.append(
        item(Decision, "dec/email3",
            "Promise 3 working days for emails until the backlog is cleared, then return to 2",
            step=Step.STRUCTURE, raised_by=p("sian"))
    )
    session.decisions.append(
        item(Decision, "dec/escalate",
            "Escalate the telephony delay to the Corporate Management Team", step=Step.STRUCTURE)
    )
    session.parking_lot = [i for i in session.parking_lot if i.id != demo_id("park/charging")]
    session.parking_lot.append(
        item(ParkedItem, "park/wednesday",
            "Close the customer centre on Wednesday afternoons for training?", step=Step.RESEARCH,
            raised_by=p("marcus"))
    )
    for section_item in _voted(session):
        section_item.votes = 2
    return session


# fmt: on
def _voted(session: Session) -> list[Item]:
    """The items the room dot-voted on in part 2."""
    wanted = {demo_id(k) for k in ("e/email", "e/received", "a/callback", "a/casenote")}
    everything: list[Item] = [
        *session.research.expectations,
        *session.structure.actions,
    ]
    return [i for i in everything if i.id in wanted]
