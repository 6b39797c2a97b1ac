"""The session screen's promises: read-only means nothing changes, a failed save is loud and
retried, the timebox counts down and its time is kept."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from tests.tui.conftest import AppFactory, SessionFactory, until
from tests.tui.test_session import on_disk, open_session, settle, three_expectations
from workshop.errors import SaveFailed
from workshop.model.base import Step
from workshop.model.session import Session, SessionStatus, Timebox
from workshop.store import GroupEditor, Store
from workshop.tui import commands
from workshop.tui.dialogs.item_form import ItemForm
from workshop.tui.screens import session_saving
from workshop.tui.widgets import timer as timer_module
from workshop.tui.widgets.timer import StepTimer

SIZE = (120, 36)


async def test_read_only_refuses_keys_palette_and_actions(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"], fill=three_expectations)
    path = store.path_of(group.id)
    before = path.read_bytes()
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        assert screen.read_only
        assert screen.query_one("#read-only-label").display
        assert screen.query_one("#capture-expectations", Input).disabled
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("a", "e", "delete", "plus", "shift+down", "t", "p", "ctrl+z")
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)
        for action in ("add_item", "delete_item", "vote(1)", "move(1)", "timer", "undo"):
            await app.run_action(action, screen)
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)
        offered = {c.action for c in commands.key_commands(app, screen) if c.enabled}
        assert not offered & {"add_item", "edit_item", "delete_item", "vote(1)", "timer"}
        assert screen.session.research.expectations[0].votes == 0
    assert path.read_bytes() == before


async def test_lock_held_elsewhere_opens_read_only_with_the_reason(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session()
    before = store.path_of(group.id).read_bytes()
    with store.edit(group.id, holder="Sam on laptop-2"):
        app = app_factory(session.id)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_session(app, pilot)
            assert screen.read_only
            banner = screen.query_one("#lock-banner", Static)
            assert banner.display
            assert "Sam on laptop-2" in str(banner.render())
            await pilot.press("a")
            await pilot.pause()
            assert not isinstance(app.screen, ItemForm)
    assert store.path_of(group.id).read_bytes() == before


async def test_a_closed_session_opens_read_only_and_says_how_to_reopen_it(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """Its workshop is over and a later part's review compares with it as it was."""
    group, session = make_session(status=SessionStatus.CLOSED, fill=three_expectations)
    before = store.path_of(group.id).read_bytes()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        assert screen.read_only and screen.editor is None
        banner = screen.query_one("#lock-banner", Static)
        assert banner.display and "is closed" in str(banner.render())
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("a", "plus", "delete")
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)
        with store.edit(group.id):  # the screen holds no lock
            pass
    assert store.path_of(group.id).read_bytes() == before


async def test_failed_save_is_loud_keeps_the_edit_and_saves_once_the_fault_clears(
    app_factory: AppFactory,
    make_session: SessionFactory,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    group, session = make_session()
    real_save = GroupEditor.save_session
    fault = {"on": True}

    def flaky(self: GroupEditor, session: Session) -> Session:
        if fault["on"]:
            raise SaveFailed("No space left on device")
        return real_save(self, session)

    monkeypatch.setattr(GroupEditor, "save_session", flaky)
    monkeypatch.setattr(session_saving, "RETRY_SECONDS", 0.3)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press(*"Answer the phone fast", "enter")
        await settle(pilot)
        indicator = screen.query_one("#save-indicator", Static)
        assert indicator.has_class("-failed")
        assert "NOT SAVED" in str(indicator.render())
        assert any(n.severity == "error" for n in app._notifications)
        assert [e.text for e in screen.session.research.expectations] == ["Answer the phone fast"]
        assert on_disk(store, group.id, session.id).research.expectations == []
        fault["on"] = False
        await pilot.pause(0.6)
        await settle(pilot)
        assert not indicator.has_class("-failed")
        saved = on_disk(store, group.id, session.id)
        assert [e.text for e in saved.research.expectations] == ["Answer the phone fast"]


async def test_timer_warns_overruns_and_keeps_the_time_spent(
    app_factory: AppFactory,
    make_session: SessionFactory,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = {"t": 1000.0}
    monkeypatch.setattr(timer_module, "clock", lambda: now["t"])

    def one_minute(session: Session) -> None:
        session.agenda[Step.RESEARCH] = Timebox(minutes=1)

    group, session = make_session(fill=one_minute)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        timer = screen.query_one(StepTimer)
        screen.query_one("#table-expectations", DataTable).focus()
        assert "01:00" in str(timer.render())
        await pilot.press("t")
        now["t"] += 50
        timer.tick()
        assert timer.has_class("-warning") and "00:10" in str(timer.render())
        now["t"] += 20
        timer.tick()
        assert timer.has_class("-overrun") and "+00:10" in str(timer.render())
        await pilot.press("t")  # pause: the time spent is saved
        await settle(pilot)
        assert on_disk(store, group.id, session.id).agenda[Step.RESEARCH].spent_seconds == 70
        now["t"] += 100  # paused: no time passes on the timebox
        timer.tick()
        assert "+00:10" in str(timer.render())
        await pilot.press("T")
        await settle(pilot)
        assert on_disk(store, group.id, session.id).agenda[Step.RESEARCH].spent_seconds == 0


async def test_a_thousand_items_open_move_and_vote(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """A 1,000-item list opens whole and answers keys; speed itself is benchmarks/' job."""
    from workshop.model.research import Expectation

    def many(session: Session) -> None:
        session.research.expectations.extend(
            Expectation(text=f"Expectation {n}", importance=1 + n % 5, performance=1 + n % 3)
            for n in range(1000)
        )

    group, session = make_session(fill=many)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        table = screen.query_one("#table-expectations", DataTable)
        assert table.row_count == 1000
        table.focus()
        for _ in range(20):
            await pilot.press("down")
        await pilot.press("plus")
        await settle(pilot)
        assert table.cursor_row == 20
    assert on_disk(store, group.id, session.id).research.expectations[20].votes == 1


async def test_a_save_elsewhere_stops_overwriting_and_says_so(
    app_factory: AppFactory,
    make_session: SessionFactory,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workshop.errors import StaleRevision

    def stale(self: GroupEditor, session: Session) -> Session:
        raise StaleRevision("session was saved elsewhere; nothing was overwritten")

    group, session = make_session()
    before = store.path_of(group.id).read_bytes()
    monkeypatch.setattr(GroupEditor, "save_session", stale)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press(*"Short waits", "enter")
        await settle(pilot)
        assert screen.stale
        assert "saved elsewhere" in str(screen.query_one("#save-indicator", Static).render())
        assert any("Someone else saved" in (n.title or "") for n in app._notifications)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)  # no more edits to lose
    assert store.path_of(group.id).read_bytes() == before


async def test_participants_attendance_and_speaker_attribution(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"Ben", "tab", *"Finance", "enter")
        await pilot.pause()
        screen.query_one("#participants").focus()
        await pilot.press("down", "s", "up", "P")
        await pilot.pause()
        capture = screen.query_one("#capture-expectations", Input)
        capture.focus()
        await pilot.press(*"Budget is tight", "enter")
        await settle(pilot)
        saved = on_disk(store, group.id, session.id)
        ana, ben = saved.participants
        assert (ben.name, ben.role, ben.present) == ("Ben", "Finance", True)
        assert ana.present is False
        [item] = saved.research.expectations
        assert item.raised_by == ben.id


async def test_speaker_and_presence_keys_act_only_from_the_participants_list(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """P and s pressed in a list of items (the decisions, say) toggled the presence of a
    participant out of sight, without a word. They now say where they work."""
    _, session = make_session(participants=["Ana", "Ben"], fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("P", "s")
        await pilot.pause()
        assert [p.present for p in screen.session.participants] == [True, True]
        assert screen.speaker is None
        hints = [n.message for n in app._notifications if "F7 goes there" in n.message]
        assert len(hints) == 2
        await pilot.press("f7", "P", "s")  # from the list itself they act
        await pilot.pause()
        assert screen.session.participants[0].present is True  # made the speaker: back in
        assert screen.speaker == screen.session.participants[0].id


async def test_the_speaker_is_someone_in_the_room(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """Making someone marked absent the speaker marks them present; marking the speaker
    absent attributes captures to nobody."""
    group, session = make_session(participants=["Ana", "Ben"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#participants").focus()
        await pilot.press("down", "P", "s")  # Ben: absent, then the speaker
        await pilot.pause()
        assert screen.speaker is not None
        assert any("(marked present)" in n.message for n in app._notifications)
        await pilot.press("P")  # Ben leaves
        await pilot.pause()
        assert screen.speaker is None
        capture = screen.query_one("#capture-expectations", Input)
        capture.focus()
        await pilot.press(*"Nobody said it", "enter")
        await settle(pilot)
    saved = on_disk(store, group.id, session.id)
    assert [p.present for p in saved.participants] == [True, False]
    [item] = saved.research.expectations
    assert item.raised_by is None


async def test_f7_goes_to_the_participants_and_back_to_the_capture_line(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """Picking who speaks mid-capture: F7, ↓, s, F7, and the words typed go on."""
    group, session = make_session(participants=["Ana", "Ben"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        capture = screen.query_one("#capture-expectations", Input)
        assert capture.has_focus
        await pilot.press(*"Phones", "f7")
        await pilot.pause()
        assert screen.query_one("#participants").has_focus
        footer = {b.binding.description for b in screen.active_bindings.values() if b.binding.show}
        assert {"Speaker", "Present"} <= footer  # the panel's keys, in the footer
        await pilot.press("end", "home", "end")  # Home and End as in every list
        await pilot.pause()
        assert screen.query_one("#participants").index == 1
        await pilot.press("s", "f7")
        await pilot.pause()
        assert capture.has_focus and capture.value == "Phones"
        await pilot.press(*" first", "enter")
        await settle(pilot)
    saved = on_disk(store, group.id, session.id)
    [item] = saved.research.expectations
    assert (item.text, item.raised_by) == ("Phones first", saved.participants[1].id)


async def test_a_missing_session_is_reported_not_raised(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    from workshop.tui.screens.session import SessionScreen

    group, _ = make_session()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(SessionScreen(store, group.id, "nosuchsession"))
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen))
        assert any(n.severity == "error" for n in app._notifications)
    with store.edit(group.id):  # the lock was let go
        pass


async def test_text_left_in_a_capture_line_is_added_when_the_screen_is_left(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """Typed, not yet added with Enter, then Escape: the words are kept as an item."""
    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#capture-expectations", Input).focus()
        await pilot.press(*"Half typed thought", "escape")
        await settle(pilot)
        assert any("Half typed thought" in n.message for n in app._notifications)
    saved = on_disk(store, group.id, session.id)
    assert [item.text for item in saved.research.expectations] == ["Half typed thought"]


async def test_text_left_in_capture_lines_is_kept_when_the_app_quits(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """Quitting mid-sentence keeps it; a section that needs more than a text (a complaints
    stage) keeps it in the parking lot; a line added with Enter is not added twice."""
    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#capture-expectations", Input).focus()
        await pilot.press(*"Added properly", "enter", *"Still typing")
        await pilot.press("f4")  # the structure step: its lists are built when first shown
        await settle(pilot)
        stage = screen.query_one("#capture-complaint_stages", Input)
        stage.focus()
        await pilot.press(*"Ombudsman")
        await pilot.pause()
        app.exit()
    saved = on_disk(store, group.id, session.id)
    assert [item.text for item in saved.research.expectations] == [
        "Added properly",
        "Still typing",
    ]
    assert [p.text for p in saved.parking_lot] == ["Complaints handling: Ombudsman"]


async def test_a_participant_added_by_mistake_can_be_removed_but_not_one_who_raised_items(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana", "Ben", "Bne"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        panel = screen.query_one("#participants")
        panel.focus()
        await pilot.press("down", "s")  # Ben speaks: the next capture is his
        capture = screen.query_one("#capture-expectations", Input)
        capture.focus()
        await pilot.press(*"Shorter queues", "enter")
        await settle(pilot)
        panel.focus()
        await pilot.press("delete")  # Ben raised an item: he stays
        await pilot.pause()
        assert any("raised 1 item" in n.message for n in app._notifications)
        await pilot.press("down", "delete")  # the typo goes
        await settle(pilot)
    saved = on_disk(store, group.id, session.id)
    assert [p.name for p in saved.participants] == ["Ana", "Ben"]
    assert saved.participant_name(saved.research.expectations[0].raised_by) == "Ben"


async def test_read_only_review_cannot_remove_a_participant(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"])
    before = store.path_of(group.id).read_bytes()
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#participants").focus()
        await pilot.press("delete")
        await settle(pilot)
        assert [p.name for p in screen.session.participants] == ["Ana"]
    assert store.path_of(group.id).read_bytes() == before


async def test_a_capture_typed_before_opening_the_review_is_added_once(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """The review saves first (flush); what is still being typed is not added then, only
    when the screen is left: once."""
    from workshop.model.follow_up import follow_up

    group, first = make_session(participants=["Ana"])
    with store.edit(group.id) as editor:
        later = editor.add_session(follow_up(editor.session(first.id), first.date))
    app = app_factory(later.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        capture = screen.query_one("#capture-expectations", Input)
        capture.focus()
        await pilot.press(*"Fewer forms")
        screen.set_focus(None)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is not screen  # the review
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and capture.value == "Fewer forms"
        await pilot.press("escape")
        await settle(pilot)
    saved = on_disk(store, group.id, later.id)
    assert [e.text for e in saved.research.expectations].count("Fewer forms") == 1


async def test_a_participant_whose_deleted_item_can_be_undone_stays(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana", "Ben"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        panel = screen.query_one("#participants")
        panel.focus()
        await pilot.press("down", "s")
        screen.query_one("#capture-expectations", Input).focus()
        await pilot.press(*"Shorter queues", "enter")
        await settle(pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("delete")
        await settle(pilot)
        panel.focus()
        await pilot.press("delete")  # refused: ctrl+z can still bring Ben's item back
        await settle(pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("ctrl+z")
        await settle(pilot)
    saved = on_disk(store, group.id, session.id)
    assert saved.participant_name(saved.research.expectations[0].raised_by) == "Ben"


async def test_a_read_only_session_says_so_when_an_edit_key_is_pressed(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """a, e, +, Delete, t, p and typing in the document did nothing, silently: a participant
    could not tell a read-only review from a broken app."""
    group, session = make_session(participants=["Ana"], fill=three_expectations)
    before = store.path_of(group.id).read_bytes()
    app = app_factory(session.id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#table-expectations", DataTable).focus()

        def told() -> int:
            return sum(1 for n in app._notifications if n.title == "Read-only")

        await pilot.press("plus", "a", "delete")  # one burst: told once
        await pilot.pause()
        assert told() == 1
        assert "review" in next(n.message for n in app._notifications if n.title == "Read-only")
        screen._read_only_said -= 10  # as if a while later
        await pilot.press("f5")
        await pilot.pause(0.5)
        await pilot.press("x")  # export: allowed, and no refusal said for it
        await pilot.pause()
        assert told() == 1
        await pilot.press("down")  # moving about is not refused
        await pilot.pause()
        assert told() == 1
        screen.query_one("#narrative-aims").focus()
        await pilot.press("shift+up")  # selecting text to copy it is not refused
        await pilot.pause()
        assert told() == 1
        await pilot.press("j")  # a letter typed into a text field that keeps nothing is
        await pilot.pause()
        assert told() == 2
    assert store.path_of(group.id).read_bytes() == before


async def test_a_session_with_nobody_marked_present_says_how_to_mark_them(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """A follow-up starts with the group's people marked absent, and nothing said: its
    summary then read "Nobody was marked present"."""

    def all_away(session: Session) -> None:
        for person in session.participants:
            person.present = False

    _, session = make_session(participants=["Ana", "Ben"], fill=all_away)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(app, pilot)
        assert any(n.title == "Nobody is marked present yet" for n in app._notifications)
    _, present = make_session(participants=["Ana"])
    app = app_factory(present.id)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(app, pilot)
        assert not any(n.title == "Nobody is marked present yet" for n in app._notifications)
