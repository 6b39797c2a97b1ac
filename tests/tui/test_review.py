"""The review screen through Pilot: the comparison shown, edits saved on disk, read-only."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, cast

import pytest
from textual.app import App
from textual.widgets import Input, Label, OptionList
from textual.worker import WorkerFailed

from tests.tui.conftest import until
from workshop.model import (
    Action,
    ActionStatus,
    Expectation,
    Indicator,
    Promise,
    Session,
    Stakeholder,
    Stance,
    follow_up,
)
from workshop.model.session import Group
from workshop.store import Store
from workshop.tui.screens.help import focused_help
from workshop.tui.screens.review import ReviewScreen
from workshop.tui.theme import THEME_NAME, WORKSHOP_THEME
from workshop.tui.widgets.progress_summary import StatusCounts
from workshop.tui.widgets.progress_tables import ActionTable, IndicatorTable

THEN = dt.date(2025, 9, 10)
NOW = dt.date(2026, 3, 10)


class Host(App[None]):
    """A bare app that shows one review screen, styled like the real app."""

    TITLE = "Service Strategy Workshop"

    CSS_PATH: ClassVar[list[str | Any]] = ["../../workshop/tui/app.tcss"]

    def __init__(self, screen: ReviewScreen) -> None:
        super().__init__()
        self.review = screen
        self.register_theme(WORKSHOP_THEME)
        self.theme = THEME_NAME
        self.animation_level = "none"

    def on_mount(self) -> None:
        self.push_screen(self.review)


def first_session(group: Group) -> Session:
    session = Session(id="first0000001", group_id=group.id, date=THEN, title="Part 1")
    session.research.expectations = [
        Expectation(id="e1", text="Answer the phone quickly", importance=5, performance=2),
        Expectation(id="e2", text="Reply to emails in two days", importance=4, performance=3),
        Expectation(id="e3", text="Printed leaflets", importance=2, performance=4),
    ]
    session.consult.stakeholders = [Stakeholder(id="k1", text="IT services")]
    session.structure.indicators = [
        Indicator(
            id="i1",
            text="Calls answered in 2 minutes",
            unit="%",
            baseline=50,
            target=80,
            due=dt.date(2026, 9, 10),
            latest=50,
        ),
        Indicator(
            id="i2",
            text="Complaints escalated",
            unit="a month",
            baseline=40,
            target=20,
            due=dt.date(2026, 9, 10),
            latest=40,
        ),
    ]
    session.structure.actions = [
        Action(id="a1", text="Change the rotas", owner="Ann", due=dt.date(2025, 12, 1)),
        Action(id="a2", text="Build a call-back", owner="Bob", due=dt.date(2026, 1, 1)),
        Action(id="a3", text="Train advisers", owner="Cy", due=dt.date(2026, 2, 1)),
        Action(id="a4", text="Publish the charter", owner="Di", due=dt.date(2026, 6, 1)),
    ]
    session.structure.promises = [
        Promise(id="p1", text="We answer emails", standard="Within 2 working days")
    ]
    return session


def second_session(first: Session) -> Session:
    later = follow_up(first, NOW)
    later.id = "second000001"
    research, structure = later.research, later.structure
    research.expectations[0].performance = 4  # the phone gap narrows
    research.expectations[1].performance = 2  # the email gap widens
    research.expectations.append(
        Expectation(id="e4", text="Know my form arrived", importance=4, performance=1)
    )
    later.consult.stakeholders[0].stance = Stance.SUPPORTIVE
    structure.indicators[0].latest = 71
    structure.indicators[1].latest = 38
    structure.actions[0].status = ActionStatus.DONE
    structure.actions[1].status = ActionStatus.BLOCKED
    structure.actions[3].status = ActionStatus.IN_PROGRESS
    # a3 stays planned past its due date: it has slipped
    structure.promises[0].standard = "Within 3 working days"
    return later


@pytest.fixture
def pair(store: Store) -> tuple[Group, Session, Session]:
    return pair_in(store, "grp1", "Riverside Council Customer Service")


def review_app(store: Store, pair: tuple[Group, Session, Session], **kw: Any) -> Host:
    group, _, later = pair
    return Host(ReviewScreen(store, group.id, later.id, **kw))


def saved_later(store: Store, pair: tuple[Group, Session, Session]) -> Session:
    group, _, later = pair
    return next(s for s in store.load_group(group.id).sessions if s.id == later.id)


async def test_the_review_shows_actions_by_status_then_and_now(
    store: Store, pair: tuple[Group, Session, Session]
) -> None:
    app = review_app(store, pair)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        counts = app.screen.query_one(StatusCounts)
        rows = {key.value: counts.get_row(key) for key in counts.rows}
        assert {k: (str(r[1]).strip(), str(r[2]).split()[0]) for k, r in rows.items()} == {
            "planned": ("4", "1"),
            "in progress": ("0", "1"),
            "done": ("0", "1"),
            "blocked": ("0", "1"),
            "dropped": ("0", "0"),
            "slipped": ("", "1"),
        }
        actions = app.screen.query_one(ActionTable)
        assert [str(actions.get_row(k)[-1]) for k in actions.rows][:3] == [
            "done",
            "slipped",
            "blocked · overdue",
        ]
        indicators = app.screen.query_one(IndicatorTable)
        calls = indicators.get_row("i1")
        assert [str(c) for c in calls[1:5]] == ["50%", "50%", "71%", "80%"]
        assert str(calls[-1]) == "on track"


async def test_choosing_done_marks_the_action_done_and_updates_the_counts(
    store: Store, pair: tuple[Group, Session, Session]
) -> None:
    app = review_app(store, pair)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ActionTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("a3"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen.focused, OptionList)
        await pilot.press("down", "down", "enter")  # planned → in progress → done
        await app.workers.wait_for_complete()
        await pilot.pause()
        counts = app.screen.query_one(StatusCounts)
        assert str(counts.get_row("done")[2]).split()[0] == "2"
        assert str(counts.get_row("slipped")[2]).strip() == "0"
    saved = saved_later(store, pair)
    assert next(a for a in saved.structure.actions if a.id == "a3").status is ActionStatus.DONE
    assert saved.revision == pair[2].revision + 1


async def test_recording_an_indicator_value_is_saved_on_disk(
    store: Store, pair: tuple[Group, Session, Session]
) -> None:
    app = review_app(store, pair)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        table = app.screen.query_one(IndicatorTable)
        assert table.has_focus
        table.move_cursor(row=table.get_row_index("i2"))
        await pilot.press("v")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = "lots"
        await pilot.press("enter")  # refused: not a number, the dialog stays
        assert app.screen.query_one(Input) is field
        reason = app.screen.query_one("#value-error", Label)
        await pilot.pause()
        assert reason.display and reason.region.height >= 1  # it says why, on screen
        assert "number" in str(reason.render())
        field.value = "25"
        await pilot.pause()
        assert not reason.display  # a good value: the reason goes
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(app.screen.query_one(IndicatorTable).get_row("i2")[3]) == "25"
    saved = saved_later(store, pair)
    assert next(i for i in saved.structure.indicators if i.id == "i2").latest == 25


async def test_a_cleared_value_and_a_status_change_are_undone_with_ctrl_z(
    store: Store, pair: tuple[Group, Session, Session]
) -> None:
    """A measured value emptied by mistake was gone for good: no undo on the review."""
    before = saved_later(store, pair)
    was = next(i for i in before.structure.indicators if i.id == "i1").latest
    assert was is not None
    app = review_app(store, pair)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        table = app.screen.query_one(IndicatorTable)
        table.move_cursor(row=table.get_row_index("i1"))
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one(Input).value = ""  # cleared, then Enter
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("ctrl+z brings" in n.message for n in app._notifications)
        cleared = saved_later(store, pair)
        assert next(i for i in cleared.structure.indicators if i.id == "i1").latest is None
        actions = app.screen.query_one(ActionTable)
        actions.focus()
        actions.move_cursor(row=actions.get_row_index("a3"))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # planned → done
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+z")  # the status first
        await app.workers.wait_for_complete()
        await pilot.pause()
        undone = saved_later(store, pair)
        assert (
            next(a for a in undone.structure.actions if a.id == "a3").status
            == next(a for a in before.structure.actions if a.id == "a3").status
        )
        await pilot.press("ctrl+z")  # then the value
        await app.workers.wait_for_complete()
        await pilot.pause()
    restored = saved_later(store, pair)
    assert next(i for i in restored.structure.indicators if i.id == "i1").latest == was
    assert restored.revision == before.revision + 4


async def test_read_only_review_refuses_every_edit(
    store: Store, pair: tuple[Group, Session, Session]
) -> None:
    before = store.path_of(pair[0].id).read_bytes()
    app = review_app(store, pair, read_only=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.check_action("set_status", ()) is False
        assert screen.check_action("set_value", ()) is False
        for table in (screen.query_one(ActionTable), screen.query_one(IndicatorTable)):
            table.focus()
            await pilot.pause()
            said = focused_help(screen) or ""
            assert "Read-only" in said and "Enter" not in said  # F1 offers no refused edit
        screen.set_focus(None)
        assert "read-only review" in (focused_help(screen) or "")
        await pilot.press("s", "enter", "v")
        await pilot.pause()
        assert app.screen is screen  # no dialog opened
        await app.run_action("screen.set_status")
        app.review.action_set_status()  # even direct calls are refused
        app.review.save(lambda s: setattr(s, "title", "changed"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
    assert store.path_of(pair[0].id).read_bytes() == before


async def test_an_undo_pressed_while_the_change_is_still_saving_waits_its_turn(
    store: Store, pair: tuple[Group, Session, Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+z while the first save was still on its way: the first save's result was dropped
    (screen stale), the undo's own save failed on the app's own lock, and "Undone" was said
    with the undo gone. Saves now run one after another, and an undo is taken off only
    once it is done."""
    import time

    real = ReviewScreen._apply
    slowed: list[int] = []

    def slow(self: ReviewScreen, editor: Any, change: Any) -> Any:
        if not slowed:
            slowed.append(1)
            time.sleep(0.4)  # a slow disk under the first save
        return real(self, editor, change)

    monkeypatch.setattr(ReviewScreen, "_apply", slow)
    before = next(a for a in saved_later(store, pair).structure.actions if a.id == "a3").status
    app = review_app(store, pair)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.review
        actions = screen.query_one(ActionTable)
        screen._status_chosen("a3", ActionStatus.DONE)
        await pilot.pause()
        await pilot.press("ctrl+z")  # not offered yet: the change is not saved
        screen._status_chosen("a3", ActionStatus.BLOCKED)  # queued behind the first
        await until(pilot, lambda: not screen._queue)
        await pilot.press("ctrl+z")  # undoes blocked: back to done
        await until(pilot, lambda: not screen._queue)
        shown = str(actions.get_row("a3")[actions.get_column_index("now")])
        assert shown == "done"
        assert not [n for n in app._notifications if n.title == "The change was not saved"]
        assert len(screen._undo) == 1  # planned → done, still to undo
        await pilot.press("ctrl+z")
        await until(pilot, lambda: not screen._queue)
    saved = next(a for a in saved_later(store, pair).structure.actions if a.id == "a3")
    assert saved.status == before


async def test_a_read_only_review_follows_the_facilitators_changes(
    store: Store, pair: tuple[Group, Session, Session]
) -> None:
    """A participant's review kept what it first read until ctrl+r, while their session
    screen followed the room."""
    group, _, later = pair
    app = review_app(store, pair, read_only=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        actions = app.screen.query_one(ActionTable)

        def status_shown() -> str:
            return str(actions.get_row("a3")[actions.get_column_index("now")])

        assert status_shown() != "done"
        with store.edit(group.id) as editor:  # the facilitator's screen, elsewhere
            session = editor.session(later.id)
            next(a for a in session.structure.actions if a.id == "a3").status = ActionStatus.DONE
            editor.save_session(session)
        await until(pilot, lambda: status_shown() == "done", timeout=8)
        assert app.screen.query_one(StatusCounts).get_row("done")

        def then_shown() -> str:
            return str(actions.get_row("a3")[actions.get_column_index("then")])

        earlier_id = pair[1].id
        with store.edit(group.id) as editor:  # the earlier part changed: shown too
            session = editor.session(earlier_id)
            first = next(a for a in session.structure.actions if a.id == "a3")
            first.status = ActionStatus.BLOCKED
            editor.save_session(session)
        await until(pilot, lambda: then_shown() == "blocked", timeout=8)


async def test_a_failed_save_is_reported_and_the_file_is_untouched(
    store: Store, pair: tuple[Group, Session, Session]
) -> None:
    before = store.path_of(pair[0].id).read_bytes()
    app = review_app(store, pair)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        with store.edit(pair[0].id, holder="another laptop"):  # someone else holds the group
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            screen.save(lambda s: setattr(s, "title", "changed"))
            with pytest.raises(WorkerFailed):
                await app.workers.wait_for_complete()
            await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("another laptop" in m for m in messages)
    assert store.path_of(pair[0].id).read_bytes() == before


async def test_a_session_that_follows_none_says_there_is_nothing_to_compare(
    store: Store, pair: tuple[Group, Session, Session]
) -> None:
    group, first, _ = pair
    app = Host(ReviewScreen(store, group.id, first.id))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.progress is None
        assert "nothing to compare" in str(screen.query_one("#review-problem").render())
        assert screen.check_action("set_status", ()) is None


async def test_edits_go_through_the_editor_of_the_screen_that_holds_the_lock(
    store: Store, pair: tuple[Group, Session, Session]
) -> None:
    group, _, later = pair
    with store.edit(group.id) as editor:  # as the session screen holds it while it is open
        screen = ReviewScreen(store, group.id, later.id, editor=editor)
        app = Host(screen)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            screen.save(lambda s: setattr(s.structure.indicators[0], "latest", 77.0))
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        assert screen.saved is not None and screen.saved.revision == later.revision + 1
    assert saved_later(store, pair).structure.indicators[0].latest == 77.0


def test_snapshot_review(
    snap_compare: Any, store: Store, pair: tuple[Group, Session, Session]
) -> None:
    assert snap_compare(review_app(store, pair), terminal_size=(120, 36))


async def test_the_headline_says_when_no_indicator_is_measured_yet(store: Store) -> None:
    """Not '0 of 0 indicators on track': the room reads that as failure."""
    group = Group(id="grp2", name="Unmeasured")
    store.create_group(group)
    first = first_session(group)
    later = second_session(first)
    for indicator in later.structure.indicators:
        indicator.latest = None
    with store.edit(group.id) as editor:
        editor.add_session(first)
        editor.add_session(later)
    app = Host(ReviewScreen(store, group.id, later.id))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        headline = cast(ReviewScreen, app.screen)._title()
        assert "no indicator measured yet" in headline
        assert "0 of 0" not in headline
    measured = review_app(store, pair_in(store, "grp3", "Measured"))
    async with measured.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "of 2 measured indicators on track" in cast(ReviewScreen, measured.screen)._title()


def pair_in(store: Store, group_id: str, name: str) -> tuple[Group, Session, Session]:
    """A group with a first session and its follow-up, saved."""
    group = Group(id=group_id, name=name)
    store.create_group(group)
    first = first_session(group)
    with store.edit(group.id) as editor:
        editor.add_session(first)
        second = editor.add_session(second_session(first))
    return group, first, second


def test_text_typed_over_several_lines_takes_one_line_in_the_review_panels() -> None:
    from rich.console import Console

    from tests.model.factories import make_session
    from workshop.model import Expectation, follow_up
    from workshop.model.progress import compare
    from workshop.tui.widgets.progress_summary import gaps_table

    earlier = make_session(id="sess0001", date=dt.date(2026, 1, 1))
    earlier.research.expectations = [
        Expectation(id="e1", text="Call back\nwithin a day [bold]", importance=5, performance=1)
    ]
    later = follow_up(earlier, dt.date(2026, 7, 1))
    later.research.expectations[0].performance = 4
    console = Console(width=80, record=True, color_system=None)
    console.print(gaps_table(compare(earlier, later)))
    shown = console.export_text()
    assert "Call back / within a day [bold]" in shown  # one line, and typed text not markup
    assert "within a day" not in shown.split("Call back")[0]


async def test_on_a_projector_the_tables_show_what_happened_first(
    store: Store, pair: tuple[Group, Session, Session]
) -> None:
    # at 80 columns the actions' Now and What happened, and the indicators' Now and Status,
    # were past the tables' right edge
    app = review_app(store, pair)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        actions = app.screen.query_one(ActionTable)
        indicators = app.screen.query_one(IndicatorTable)
        actions.move_cursor(row=1)
        kept = actions.selected_id
        assert kept is not None
        assert [c.key.value for c in actions.ordered_columns][:3] == ["text", "now", "kind"]
        assert [c.key.value for c in indicators.ordered_columns][:4] == [
            "text",
            "now",
            "target",
            "status",
        ]
        assert actions.row_count == len(actions.rows) > 0
        statuses = {"planned", "in progress", "done", "blocked", "dropped", "—"}
        assert str(actions.get_row(kept)[1]) in statuses  # each cell under its own column
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert [c.key.value for c in actions.ordered_columns][:3] == ["text", "owner", "due"]
        assert actions.selected_id == kept  # the reader's row kept across the change
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert actions.ordered_columns[1].key.value == "now"
