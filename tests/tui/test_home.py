"""The home screen through Pilot: what it lists, and what each action leaves on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

import pytest
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Select, Static

from tests.tui.conftest import (
    FIXED_TODAY,
    AppFactory,
    SessionFactory,
    quit_while_mounting,
    screen_now,
)
from workshop.model.research import Expectation, ServiceStandard
from workshop.model.session import Session, SessionStatus
from workshop.store import Store
from workshop.tui.dialogs.confirm import ConfirmDialog
from workshop.tui.dialogs.follow_up import FollowUpForm
from workshop.tui.dialogs.new_session import NEW_GROUP, NewSessionDialog
from workshop.tui.screens.home import HomeScreen


class StubSession(Screen[None]):
    """Stands in for the session screen: records what the home screen asked to open."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, group_id: str, session_id: str, read_only: bool) -> None:
        super().__init__()
        self.group_id, self.session_id, self.read_only = group_id, session_id, read_only

    def compose(self) -> ComposeResult:
        yield Static(f"session {self.session_id}")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[StubSession]:
    """Every session screen the home screen pushes, in order (the real one is tested with the
    session screen's own tests)."""
    screens: list[StubSession] = []

    def fake(store: Store, group_id: str, session_id: str, read_only: bool) -> Screen[Any]:
        screens.append(StubSession(group_id, session_id, read_only))
        return screens[-1]

    monkeypatch.setattr("workshop.tui.screens.home.session_screen", fake)
    return screens


def on_disk(data_dir: Path) -> dict[str, list[Session]]:
    """Every group's sessions as a fresh reader sees them: group name → sessions."""
    reader = Store(data_dir)
    return {
        g.group.name: reader.load_group(g.group.id).sessions
        for g in reader.list_groups()
        if g.group is not None
    }


def text_of(screen: Screen[Any], selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def select_row(screen: Screen[Any], key: str) -> None:
    table = screen.query_one("#sessions", DataTable)
    table.move_cursor(row=table.get_row_index(key))


def researched(session: Session) -> None:
    """Some research, so that the steps' completeness is not all zero."""
    session.research.expectations = [
        Expectation(
            id="exp00001", text="Answer the phone within a minute", importance=5, performance=2
        ),
        Expectation(id="exp00002", text="One contact resolves it", importance=4, performance=3),
    ]
    session.research.standards = [
        ServiceStandard(
            id="std00001", text="Call-back within 2 hours", annual_cost=40_000, chosen=True
        )
    ]
    session.research.budget = 60_000


# -- the listing -----------------------------------------------------------------------------


async def test_empty_state_explains_and_points_to_demo_and_new(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 36)):
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.query_one("#empty").display
        assert not screen.query_one("#sessions").display
        text = text_of(screen, "#empty")
        assert "workshop demo" in text
        assert "Press n to start a new session" in text


async def test_groups_and_sessions_are_listed_with_completeness(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    group, session = make_session(facilitator="Dana Reyes", fill=researched)
    app = app_factory()
    async with app.run_test(size=(120, 36)):
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 2  # the group's heading and its session
        row = [str(cell) for cell in table.get_row(f"s:{group.id}:{session.id}")]
        assert row[1] == "2026-03-10"
        assert row[2] == "Dana Reyes"
        assert row[3] == "planned"
        research = session.research
        assert research.expectations  # what the percentages below come from
        assert row[4].startswith("R ") and not row[4].startswith("R 0%")
        # The session, not the group heading, is selected first: Enter opens it.
        assert "facilitated by Dana Reyes" in text_of(app.screen, "#detail")


async def test_unreadable_group_file_is_a_row_with_its_reason(
    app_factory: AppFactory, make_session: SessionFactory, data_dir: Path
) -> None:
    make_session()
    broken = data_dir / "broken--bad00001.json"
    broken.write_bytes(b"{ not json")
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        select_row(screen, "x:broken--bad00001.json")
        await pilot.pause()
        said = text_of(screen, "#detail")
        assert "broken--bad00001.json is not valid JSON" in said
        # the way back is named, and shown whole (it was cut at the panel's edge)
        assert "workshop versions bad00001" in said and "press g" in said
        detail = screen.query_one("#detail")
        assert detail.size.height >= 4 and detail.has_class("-unreadable")
        assert screen.check_action("open", ()) is None  # nothing to open on that row
    assert broken.read_bytes() == b"{ not json"


# -- new session -----------------------------------------------------------------------------


async def test_new_session_form_creates_the_session_on_disk(
    app_factory: AppFactory, data_dir: Path, opened: list[StubSession]
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, NewSessionDialog)
        await pilot.press(*"Harbour Helpdesk")
        dialog.query_one("#organisation", Input).value = "Harbour Water"
        dialog.query_one("#facilitator", Input).value = "Sam Okafor"
        dialog.query_one("#participants", Input).value = "Ana, Ben , ,Chloe"
        dialog.query_one("#session-title", Input).value = " Building the strategy "
        assert dialog.query_one("#date", Input).value == FIXED_TODAY.isoformat()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StubSession)

    [session] = on_disk(data_dir)["Harbour Helpdesk"]
    assert session.part == 1
    assert session.date == FIXED_TODAY
    assert session.facilitator == "Sam Okafor"
    assert session.title == "Building the strategy"  # a title could be set only by import
    assert [p.name for p in session.participants] == ["Ana", "Ben", "Chloe"]
    assert opened[-1].session_id == session.id and not opened[-1].read_only


async def test_new_session_in_an_existing_group_is_its_next_part(
    app_factory: AppFactory, make_session: SessionFactory, data_dir: Path, opened: list[StubSession]
) -> None:
    make_session("Harbour Helpdesk", facilitator="Sam")
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, NewSessionDialog)
        assert not dialog.query_one("#group-name").display  # the selected group is chosen
        assert dialog.query_one("#facilitator", Input).value == "Sam"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [s.part for s in on_disk(data_dir)["Harbour Helpdesk"]] == [1, 2]


async def test_choosing_another_group_offers_its_own_facilitator(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    # the facilitator of the group selected on the home screen stayed when another group was
    # chosen in the form: a session for Empty Co run by Harbour's facilitator, unnoticed
    make_session("Harbour Helpdesk", facilitator="Sam")
    make_session("Empty Co", facilitator="Fi")
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        harbour = next(g.group.id for g in screen.groups if g.group and g.group.name[0] == "H")
        empty = next(g.group.id for g in screen.groups if g.group and g.group.name[0] == "E")
        select_row(screen, f"g:{harbour}")
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, NewSessionDialog)
        facilitator = dialog.query_one("#facilitator", Input)
        choice = dialog.query_one("#group-choice", Select)
        assert (choice.value, facilitator.value) == (harbour, "Sam")
        choice.value = empty
        await pilot.pause()
        assert facilitator.value == "Fi"
        choice.value = NEW_GROUP
        await pilot.pause()
        assert facilitator.value == ""  # a new group has none yet
        facilitator.value = "Jo"  # typed: never replaced
        choice.value = harbour
        await pilot.pause()
        assert facilitator.value == "Jo"
        await pilot.press("escape")  # typed in: asked first
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        # opened and left untouched, the form is not "changed": Escape closes it at once
        select_row(screen, f"g:{empty}")
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#facilitator", Input).value == "Fi"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_now(app) is screen


async def test_new_session_form_shows_errors_inline_and_escape_creates_nothing(
    app_factory: AppFactory, data_dir: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        dialog = app.screen
        date = dialog.query_one("#date", Input)
        date.value = "31/03/2026"
        await pilot.pause()
        date_error = dialog.query_one("#date-error", Label)
        assert "YYYY-MM-DD" in str(date_error.render())
        date.value = "2026-02-30"  # the right shape, but no such day: told so
        await pilot.pause()
        assert "There is no day 2026-02-30" in str(date_error.render())
        date.value = "31/03/2026"
        await pilot.pause()
        assert date_error.display and date_error.region.height == 1  # seen, under the field
        assert not dialog.query_one("#facilitator-error").display
        dialog.query_one("#participants", Input).value = "Ana, ana"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # refused: the group has no name, the date is wrong
        assert "Give the group a name" in str(dialog.query_one("#group-name-error").render())
        assert "listed twice" in str(dialog.query_one("#participants-error").render())
        await pilot.press("escape")  # what was typed would be lost: asked first
        await pilot.pause()
        assert isinstance(screen_now(app), ConfirmDialog)
        await pilot.press("escape")  # no: back to the form, as it was
        await pilot.pause()
        assert screen_now(app) is dialog
        assert dialog.query_one("#participants", Input).value == "Ana, ana"
        await pilot.press("escape", "y")  # yes: closed, nothing created
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert not data_dir.exists() or not list(data_dir.glob("*.json"))


async def test_a_form_left_as_it_opened_closes_on_escape_at_once(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# -- open, review, follow-up -----------------------------------------------------------------


async def test_open_and_review_push_the_session_screen(
    app_factory: AppFactory, make_session: SessionFactory, opened: list[StubSession]
) -> None:
    group, session = make_session()
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StubSession)
        await pilot.press("escape")
        await pilot.press("r")
        await pilot.pause()
    assert [(s.group_id, s.session_id, s.read_only) for s in opened] == [
        (group.id, session.id, False),
        (group.id, session.id, True),
    ]


async def test_the_list_is_read_again_when_a_session_screen_closes(
    app_factory: AppFactory, make_session: SessionFactory, opened: list[StubSession]
) -> None:
    group, _ = make_session("Harbour Helpdesk")
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        _, later = make_session("Harbour Helpdesk", part=2)  # as another process would
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert table.get_row_index(f"s:{group.id}:{later.id}") == 2


async def test_follow_up_creates_part_2_with_the_same_item_ids(
    app_factory: AppFactory, make_session: SessionFactory, data_dir: Path, opened: list[StubSession]
) -> None:
    _, first = make_session("Harbour Helpdesk", fill=researched, participants=["Ana"])
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FollowUpForm)  # the day is asked, today offered
        date_field = form.query_one("#follow-up-date", Input)
        assert date_field.value == FIXED_TODAY.isoformat()
        reason = form.query_one("#follow-up-error", Label)
        date_field.value = "2026-02-30"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and "no day 2026-02-30" in str(reason.render())
        date_field.value = (FIXED_TODAY - dt.timedelta(days=400)).isoformat()
        await pilot.press("enter")  # before the part it follows
        await pilot.pause()
        assert app.screen is form and "cannot come before" in str(reason.render())
        date_field.value = FIXED_TODAY.isoformat()
        form.query_one("#follow-up-title", Input).value = "Six-month review"
        await pilot.press("enter")
        await pilot.pause()
    earlier, later = on_disk(data_dir)["Harbour Helpdesk"]
    assert (earlier.id, later.part, later.follows) == (first.id, 2, first.id)
    assert (later.date, later.title) == (FIXED_TODAY, "Six-month review")
    assert [e.id for e in later.research.expectations] == ["exp00001", "exp00002"]
    assert [s.id for s in later.research.standards] == ["std00001"]
    assert opened[-1].session_id == later.id and not opened[-1].read_only


async def test_following_up_a_part_that_already_has_one_asks_first(
    app_factory: AppFactory, make_session: SessionFactory, data_dir: Path, opened: list[StubSession]
) -> None:
    # f on part 1 when part 2 exists: a branch carrying part 1's old work, one key away
    _, first = make_session("Harbour Helpdesk", fill=researched)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f")  # part 2, from part 1: the next in line, not asked
        await pilot.pause()
        await pilot.press("enter")  # its day: today
        await pilot.pause()
        assert len(on_disk(data_dir)["Harbour Helpdesk"]) == 2
        await pilot.press("escape")  # back from the part opened
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        group_id = on_disk_group_id(data_dir)
        select_row(screen, f"s:{group_id}:{first.id}")
        await pilot.press("f")
        await pilot.pause()
        asked = app.screen
        assert isinstance(asked, ConfirmDialog)
        assert "Part 2 already follows part 1" in str(asked.query_one("#confirm-question").render())
        await pilot.press("escape")  # Cancel
        await pilot.pause()
        assert len(on_disk(data_dir)["Harbour Helpdesk"]) == 2
        select_row(screen, f"s:{group_id}:{first.id}")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpForm)
        await pilot.press("enter")
        await pilot.pause()
    sessions = on_disk(data_dir)["Harbour Helpdesk"]
    assert [(s.part, s.follows) for s in sessions] == [(1, None), (2, first.id), (3, first.id)]
    assert opened[-1].session_id == sessions[-1].id


# -- delete and undo -------------------------------------------------------------------------


async def test_delete_asks_first_and_undo_restores_it_on_disk(
    app_factory: AppFactory, make_session: SessionFactory, data_dir: Path
) -> None:
    make_session("Harbour Helpdesk", session_id="keepme000001")
    make_session("Harbour Helpdesk", session_id="deleteme0001", part=2, fill=researched)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.check_action("undo", ()) is False  # nothing to undo yet
        select_row(screen, f"s:{on_disk_group_id(data_dir)}:deleteme0001")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the safe button has the focus: Enter keeps it
        await pilot.pause()
        assert len(on_disk(data_dir)["Harbour Helpdesk"]) == 2

        await pilot.press("d", "y")
        await pilot.pause()
        assert [s.id for s in on_disk(data_dir)["Harbour Helpdesk"]] == ["keepme000001"]
        assert any("press u to undo" in n.message for n in app._notifications)

        await pilot.press("u")
        await pilot.pause()
        restored = {s.id: s for s in on_disk(data_dir)["Harbour Helpdesk"]}
        assert set(restored) == {"keepme000001", "deleteme0001"}
        assert [e.id for e in restored["deleteme0001"].research.expectations] == [
            "exp00001",
            "exp00002",
        ]
        assert screen.check_action("undo", ()) is False


async def test_deleting_a_session_that_a_later_one_follows_says_so(
    app_factory: AppFactory, make_session: SessionFactory, data_dir: Path
) -> None:
    _, first = make_session("Harbour Helpdesk", session_id="first0000001")

    def following(session: Session) -> None:
        session.follows = first.id

    make_session("Harbour Helpdesk", session_id="second000001", part=2, fill=following)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        for session_id, warned in [("first0000001", True), ("second000001", False)]:
            select_row(screen, f"s:{on_disk_group_id(data_dir)}:{session_id}")
            await pilot.press("d")
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            assert ("Part 2 follows it" in dialog.question) is warned, session_id
            await pilot.press("escape")
            await pilot.pause()


async def test_after_a_delete_the_cursor_stays_in_the_group(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    group, _ = make_session("Harbour Helpdesk", session_id="harbour00001")
    for part, sid in [(2, "harbour00002"), (3, "harbour00003")]:
        make_session("Harbour Helpdesk", session_id=sid, part=part)
    make_session("Another Group", session_id="another00001")
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        here = f"s:{group.id}:"
        for deleted, then in [
            ("harbour00002", here + "harbour00003"),  # the one after it
            ("harbour00003", here + "harbour00001"),  # the last: the one before it
            ("harbour00001", f"g:{group.id}"),  # none left: the group's own row
        ]:
            select_row(screen, here + deleted)
            await pilot.press("d", "y")
            await pilot.pause()
            assert screen._current_key() == then, deleted


def on_disk_group_id(data_dir: Path) -> str:
    [summary] = Store(data_dir).list_groups()
    assert summary.group is not None
    return summary.group.id


# -- locks and read-only ---------------------------------------------------------------------


async def test_a_group_left_empty_can_be_taken_off_the_list(
    app_factory: AppFactory, make_session: SessionFactory, data_dir: Path, store: Store
) -> None:
    group, session = make_session("Harbour Helpdesk")
    make_session("Another Team")
    with store.edit(group.id) as editor:
        editor.delete_session(session.id)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        select_row(screen, f"g:{group.id}")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        table = screen.query_one("#sessions", DataTable)
        assert f"g:{group.id}" not in [key.value for key in table.rows]
    assert set(on_disk(data_dir)) == {"Another Team"}
    [kept] = (data_dir / ".deleted").iterdir()
    assert group.id in kept.name


async def test_d_on_a_group_that_still_has_sessions_does_nothing(
    app_factory: AppFactory, make_session: SessionFactory, data_dir: Path
) -> None:
    group, _ = make_session("Harbour Helpdesk")
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        select_row(screen, f"g:{group.id}")
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is screen  # no dialog: a session is deleted from its own row
    assert set(on_disk(data_dir)) == {"Harbour Helpdesk"}


async def test_close_marks_the_session_closed_on_disk_and_again_reopens_it(
    app_factory: AppFactory, make_session: SessionFactory, data_dir: Path, store: Store
) -> None:
    make_session("Harbour Helpdesk", session_id="closeme00001", status=SessionStatus.IN_PROGRESS)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        key = f"s:{on_disk_group_id(data_dir)}:closeme00001"
        select_row(screen, key)
        await pilot.press("c")
        await pilot.pause()
        [saved] = on_disk(data_dir)["Harbour Helpdesk"]
        assert saved.status is SessionStatus.CLOSED
        table = screen.query_one("#sessions", DataTable)
        assert "closed" in [str(cell) for cell in table.get_row(key)]
        await pilot.press("c")
        await pilot.pause()
        [saved] = on_disk(data_dir)["Harbour Helpdesk"]
        assert saved.status is SessionStatus.IN_PROGRESS
        # while the group is open elsewhere, nothing changes and the reason is shown
        with store.edit(on_disk_group_id(data_dir), holder="Sam on laptop-2"):
            await pilot.press("c")
            await pilot.pause()
        [saved] = on_disk(data_dir)["Harbour Helpdesk"]
        assert saved.status is SessionStatus.IN_PROGRESS
        assert any("Sam on laptop-2" in n.message for n in app._notifications)


async def test_locked_group_offers_read_only_review_naming_the_holder(
    app_factory: AppFactory, make_session: SessionFactory, store: Store, opened: list[StubSession]
) -> None:
    group, session = make_session()
    with store.edit(group.id, holder="Ana at the front desk"):
        app = app_factory()
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            assert "Ana at the front desk" in dialog.question
            assert "since" in dialog.question
            await pilot.press("enter")  # "Review read-only" has the focus
            await pilot.pause()
    assert [(s.session_id, s.read_only) for s in opened] == [(session.id, True)]


async def test_a_group_edited_elsewhere_is_said_before_any_question(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """d (and f on an earlier part) asked their question first, then refused: "Nothing was
    deleted … being edited by …". Now the refusal comes first, and nothing is asked."""
    group, session = make_session()
    make_session(
        session_id="second000001", part=2, fill=lambda s: setattr(s, "follows", session.id)
    )
    with store.edit(group.id, holder="Sam on laptop-2"):
        app = app_factory()
        async with app.run_test(size=(120, 36)) as pilot:
            screen = app.screen
            select_row(screen, f"s:{group.id}:{session.id}")
            await pilot.pause()
            for key, title in (("d", "Nothing was deleted"), ("f", "No follow-up was started")):
                await pilot.press(key)
                await pilot.pause()
                assert not isinstance(app.screen, ConfirmDialog), key
                said = [n for n in app._notifications if n.title == title]
                assert said and "Sam on laptop-2" in said[0].message
    assert len(store.load_group(group.id).sessions) == 2


async def test_read_only_app_offers_review_and_nothing_that_writes(
    app_factory: AppFactory, make_session: SessionFactory, data_dir: Path, opened: list[StubSession]
) -> None:
    make_session()
    app = app_factory(read_only=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        for action in ("open", "new_session", "follow_up", "delete", "undo"):
            assert screen.check_action(action, ()) is False, action
        await pilot.press("n", "f", "d")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # Enter is not bound to open here, r is
        await pilot.press("r")
        await pilot.pause()
    assert [s.read_only for s in opened] == [True]
    assert len(next(iter(on_disk(data_dir).values()))) == 1


# -- snapshots -------------------------------------------------------------------------------


@pytest.fixture
def two_groups(make_session: SessionFactory) -> None:
    """Two groups with fixed ids and dates: one with a session and its follow-up."""
    make_session(
        "Riverside Council Customer Service",
        organisation="Riverside Borough Council",
        group_id="grpriver",
        session_id="riverpart001",
        date=dt.date(2025, 9, 16),
        title="Building the strategy",
        facilitator="Dana Reyes",
        status=SessionStatus.CLOSED,
        fill=researched,
    )
    make_session(
        group_id="grpriver",
        session_id="riverpart002",
        part=2,
        date=dt.date(2026, 3, 10),
        title="Six months on",
        facilitator="Dana Reyes",
        status=SessionStatus.IN_PROGRESS,
    )
    make_session(
        "Harbour Water Helpdesk",
        group_id="grpharbr",
        session_id="harbourpt001",
        date=dt.date(2026, 4, 2),
        facilitator="Sam Okafor",
    )


def test_snapshot_empty_home(snap_compare: Any, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory(), terminal_size=(120, 36))


@pytest.mark.usefixtures("two_groups")
def test_snapshot_home_with_groups(snap_compare: Any, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory(), terminal_size=(120, 36))


@pytest.mark.usefixtures("two_groups")
def test_snapshot_home_small_terminal(snap_compare: Any, app_factory: AppFactory) -> None:
    assert snap_compare(app_factory(), terminal_size=(80, 24))


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_every_cell_fits_its_column_at_projector_and_laptop_sizes(
    size: tuple[int, int], app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """The steps' cell is never cut (a step's figure hidden is a figure misread in the room)."""

    def complete(session: Session) -> None:  # every step at 100%: the widest cell there is
        from workshop.model.demo import build_demo

        _, [_, done] = build_demo(FIXED_TODAY)
        session.research = done.research
        session.consult = done.consult
        session.structure = done.structure
        session.document = done.document

    make_session("Harbour Helpdesk", fill=complete)
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        steps = list(table.columns).index(next(k for k in table.columns if k.value == "steps"))
        width = table.ordered_columns[steps].width
        for key in table.rows:
            cell = table.get_row(key)[steps]
            text = cell if isinstance(cell, Text) else Text(str(cell))  # a Plain on headings
            assert text.cell_len <= width, (size, str(cell))


def six_groups_of_two(make_session: SessionFactory) -> None:
    """Six groups of two sessions: 18 rows, group headings included."""
    for n in range(6):
        make_session(f"Group {n}")
        make_session(f"Group {n}", part=2)


def app_noting_the_first_frames_rows(app_factory: AppFactory) -> tuple[Any, list[int]]:
    """An app, and the list that gets the number of rows of the home screen's first frame."""
    shown: list[int] = []
    app = app_factory()
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        if isinstance(screen, HomeScreen) and not shown:
            shown.append(screen.query_one("#sessions", DataTable).row_count)
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    return app, shown


async def test_a_long_listing_shows_its_first_screenful_first_then_every_row(
    app_factory: AppFactory, make_session: SessionFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At start the first rows are listed before the first frame, the rest right after it:
    the same rows, in the same order, the cursor where it would have been; a listing read
    again meanwhile is never mixed with the rest of the earlier one."""
    from workshop.tui.screens import home

    six_groups_of_two(make_session)
    monkeypatch.setattr(home, "FIRST_ROWS", 4)
    app, shown = app_noting_the_first_frames_rows(app_factory)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one("#sessions", DataTable)
        assert shown == [4]  # the first frame: the first screenful
        assert table.row_count == 18  # then every group heading and session
        keys = [key.value for key in table.rows]
        assert keys == list(screen._rows)
        assert [k for k in keys if k is not None and k.startswith("g:")] == keys[::3]
        assert table.cursor_row == 1  # the first session, as ever
        # read again twice in a row, the first time with rows still to come
        monkeypatch.setattr(screen, "_fills", 0)  # as at start: a screenful, the rest to come
        monkeypatch.setattr(screen, "_rows", {})
        screen.refresh_groups()
        assert table.row_count == 4
        screen.refresh_groups()
        await pilot.pause()
        assert [key.value for key in table.rows] == keys


async def test_the_first_frame_lists_no_more_rows_than_the_terminal_has_lines(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    six_groups_of_two(make_session)
    app, shown = app_noting_the_first_frames_rows(app_factory)
    async with app.run_test(size=(120, 12)) as pilot:
        await pilot.pause()
        assert shown == [12]  # a screenful of 12 lines: 12 of the 18 rows
        assert app.screen.query_one("#sessions", DataTable).row_count == 18


@pytest.mark.usefixtures("two_groups")
def test_snapshot_help_over_home(snap_compare: Any, app_factory: AppFactory) -> None:
    """The help screen over the home screen: the keys, what each does, the focused part."""
    assert snap_compare(app_factory(), terminal_size=(120, 36), press=["f1"])


def _home_parts() -> list[type]:
    from textual.widgets import Footer

    from workshop.tui.widgets.row_table import RowTable
    from workshop.tui.widgets.title_bar import TitleBar

    return [TitleBar, Static, RowTable, Footer]


@pytest.mark.parametrize("part", _home_parts(), ids=lambda part: part.__name__)
async def test_quitting_while_the_home_screen_is_being_built_exits_cleanly(
    app_factory: AppFactory,
    make_session: SessionFactory,
    monkeypatch: pytest.MonkeyPatch,
    part: type,
) -> None:
    """A quit landing while any part of the home screen is still being mounted ends without
    a traceback. (Textual's Header, the title line before, failed: "No nodes match
    'HeaderTitle'".)"""
    make_session(fill=researched)
    quit_while_mounting(monkeypatch, part)
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
    assert app.return_code == 0 and not app._exit_renderables
