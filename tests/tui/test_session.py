"""The session screen through Pilot: what capturing, editing and voting leave on disk."""

from __future__ import annotations

from typing import Any

from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Static, TabbedContent, TextArea

from tests.tui.conftest import AppFactory, SessionFactory, screen_now, until
from workshop.model.base import Step
from workshop.model.research import Expectation
from workshop.model.session import Session
from workshop.store import Store
from workshop.tui.dialogs.item_form import ItemForm
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets.document_tab import DocumentPreview
from workshop.tui.widgets.step_tab import StepTab

SIZE = (120, 36)


def on_disk(store: Store, group_id: str, session_id: str) -> Session:
    """The session as a fresh load of its group's file holds it."""
    for session in store.load_group(group_id).sessions:
        if session.id == session_id:
            return session
    raise AssertionError("session not on disk")


async def settle(pilot: Any) -> None:
    """Let the save workers finish and their results arrive."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_quick_capture_adds_an_expectation_and_saves_it(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        capture = screen.query_one("#capture-expectations", Input)
        assert capture.has_focus
        await pilot.press(*"Answer the phone fast", "enter")
        await pilot.press(*"Clear letters", "enter")
        await settle(pilot)
        assert capture.has_focus
        saved = on_disk(store, group.id, session.id)
        assert [e.text for e in saved.research.expectations] == [
            "Answer the phone fast",
            "Clear letters",
        ]
        assert "Saved" in str(screen.query_one("#save-indicator", Static).render())


def scored(text: str, importance: int, performance: int, votes: int = 0) -> Expectation:
    return Expectation(text=text, importance=importance, performance=performance, votes=votes)


def three_expectations(session: Session) -> None:
    session.research.expectations.extend(
        [scored("Short waits", 5, 2), scored("Clear letters", 4, 4), scored("Call back", 3, 1)]
    )


async def step_shown(pilot: Any, pane_id: str) -> None:
    """Wait until a step's tab is built (on its first show) and the step's focus has landed
    in it: a focus given before that would be taken back."""
    screen = pilot.app.screen
    for _ in range(250):
        await pilot.pause(0.02)
        pane = screen.query_one(f"#{pane_id}")
        focused = screen.focused
        if pane.query(StepTab) and focused is not None and pane in focused.ancestors:
            return
    raise AssertionError(
        f"{pane_id} was never shown: {screen.query_one(TabbedContent).active}, {screen.focused}"
    )


def step_now(screen: SessionScreen) -> Step | None:
    """The step on show now. A check made after an await reads it through this, so that the
    type checker does not carry over what an earlier check found."""
    return screen.current_step


async def open_session(app: Any, pilot: Any) -> SessionScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    return screen


async def test_form_refuses_importance_7_then_adds_the_item(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(participants=["Ana"])
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#field-text").text = "Answer emails in two days"  # type: ignore[attr-defined]
        form.query_one("#field-importance", Input).focus()
        await pilot.press("7")
        await pilot.pause()
        reason = form.query_one("#error-importance", Static)
        assert "Importance: enter a whole number from 1 to 5" in str(reason.render())
        assert reason.display and reason.region.height >= 1  # on screen, not only set
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused: still open
        await pilot.press("backspace", "4")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen_now(app) is screen
        saved = on_disk(store, group.id, session.id)
        [item] = saved.research.expectations
        assert (item.text, item.importance) == ("Answer emails in two days", 4)


async def test_edit_delete_and_undo_are_saved(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        table = screen.query_one("#table-expectations", DataTable)
        table.focus()
        await pilot.press("down", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#field-performance", Input).value = "1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = on_disk(store, group.id, session.id)
        assert saved.research.expectations[1].performance == 1
        assert str(table.get_row(saved.research.expectations[1].id)[-2]) == "fix first"

        await pilot.press("delete")
        await settle(pilot)
        texts = [e.text for e in on_disk(store, group.id, session.id).research.expectations]
        assert texts == ["Short waits", "Call back"]
        await pilot.press("ctrl+z")
        await settle(pilot)
        texts = [e.text for e in on_disk(store, group.id, session.id).research.expectations]
        assert texts == ["Short waits", "Clear letters", "Call back"]
        await pilot.press("ctrl+z")  # undoes the edit
        await settle(pilot)
        assert on_disk(store, group.id, session.id).research.expectations[1].performance == 4


async def test_reorder_vote_and_sort_by_votes(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session(fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        table = screen.query_one("#table-expectations", DataTable)
        table.focus()
        await pilot.press("down", "down", "shift+up")
        await settle(pilot)
        texts = [e.text for e in on_disk(store, group.id, session.id).research.expectations]
        assert texts == ["Short waits", "Call back", "Clear letters"]
        await pilot.press("plus", "plus", "down", "plus", "minus", "minus")
        await settle(pilot)
        votes = {
            e.text: e.votes for e in on_disk(store, group.id, session.id).research.expectations
        }
        assert votes == {"Short waits": 0, "Call back": 2, "Clear letters": 0}
        await pilot.press("v")
        await pilot.pause()
        first = table.coordinate_to_cell_key((0, 0)).row_key.value
        assert first == screen.session.research.expectations[1].id  # "Call back" on top
        await pilot.press("v")
        await pilot.pause()
        first = table.coordinate_to_cell_key((0, 0)).row_key.value
        assert first == screen.session.research.expectations[0].id


async def test_an_item_is_not_moved_while_the_list_is_sorted_by_votes(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """The list's own order is hidden then: a move would change what nobody sees."""
    group, session = make_session(fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("down", "plus", "v", "shift+down")
        await settle(pilot)
        assert any("sorted by votes" in n.message for n in app._notifications)
        texts = [e.text for e in on_disk(store, group.id, session.id).research.expectations]
        assert texts == ["Short waits", "Clear letters", "Call back"]  # as made
        await pilot.press("v", "shift+down")  # its own order again: moves
        await settle(pilot)
        texts = [e.text for e in on_disk(store, group.id, session.id).research.expectations]
        assert texts == ["Short waits", "Call back", "Clear letters"]


async def test_rows_naming_a_goal_follow_its_edit_delete_and_undo(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """A strategy shows its goal by the goal's text: deleting the goal says which items named
    it and shows them as naming a missing item; undo and an edit show the goal's text."""
    from workshop.model.structure import Goal, Strategy

    def planned(session: Session) -> None:
        goal = Goal(id="goal0001", text="Answer first time")
        session.structure.goals.append(goal)
        session.structure.strategies.append(Strategy(text="Train the team", goal_id=goal.id))

    _, session = make_session(fill=planned)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("f4")
        await step_shown(pilot, "step-structure")
        goals = screen.query_one("#table-goals", DataTable)
        strategies = screen.query_one("#table-strategies", DataTable)

        def goal_shown() -> str:
            return str(strategies.get_cell_at(Coordinate(0, 3)))

        assert goal_shown() == "Answer first time"
        goals.focus()
        await pilot.press("delete")
        await pilot.pause()
        assert goal_shown() == "(missing goal0001)"
        assert any("1 in Strategies" in n.message for n in app._notifications)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert goal_shown() == "Answer first time"
        await pilot.press("e")  # the goal's form
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#field-text", TextArea).text = "Solve it"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert goal_shown() == "Solve it"


async def test_editing_an_item_keeps_a_reference_to_a_deleted_item(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """A strategy edited after its goal was deleted, and a shared goal after one of its
    stakeholders was: the form offers the missing item as kept, and saving another field
    keeps the reference, so undoing the deletion links them again."""
    from workshop.model.consult import SharedGoal, Stakeholder
    from workshop.model.structure import Goal, Strategy

    def planned(session: Session) -> None:
        session.structure.goals.append(Goal(id="goal0001", text="Answer first time"))
        session.structure.strategies.append(Strategy(text="Train the team", goal_id="goal0001"))
        session.consult.stakeholders.extend(
            [Stakeholder(id="stak0001", text="IT"), Stakeholder(id="stak0002", text="Finance")]
        )
        session.consult.shared_goals.append(
            SharedGoal(text="One login", stakeholder_ids=["stak0001", "stak0002"])
        )

    group, session = make_session(fill=planned)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)

        async def delete_then_edit(first: str, second: str, text: str) -> None:
            screen.query_one(f"#table-{first}", DataTable).focus()
            await pilot.press("delete")
            await settle(pilot)
            screen.query_one(f"#table-{second}", DataTable).focus()
            await pilot.press("e")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, ItemForm)
            form.query_one("#field-text", TextArea).text = text
            await pilot.press("ctrl+s")
            await settle(pilot)

        await pilot.press("f4")
        await step_shown(pilot, "step-structure")
        await delete_then_edit("goals", "strategies", "Train everyone")
        saved = on_disk(store, group.id, session.id).structure.strategies[0]
        assert (saved.text, saved.goal_id) == ("Train everyone", "goal0001")
        await pilot.press("ctrl+z", "ctrl+z")  # the edit, then the deletion
        await settle(pilot)
        strategies = screen.query_one("#table-strategies", DataTable)
        assert str(strategies.get_cell_at(Coordinate(0, 3))) == "Answer first time"

        await pilot.press("f3")
        await step_shown(pilot, "step-consult")
        await delete_then_edit("stakeholders", "shared_goals", "One login for all")
        shared = on_disk(store, group.id, session.id).consult.shared_goals[0]
        assert (shared.text, shared.stakeholder_ids) == (
            "One login for all",
            ["stak0001", "stak0002"],
        )


async def test_item_keys_work_from_the_list_not_from_the_steps_tabs_or_page(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """With the focus on the step's tab strip or its page, e, Delete, + and shift+arrows
    acted on the list last used, perhaps scrolled out of sight."""
    _, session = make_session(fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.pause()
        for elsewhere in [screen.query_one("Tabs"), screen.current_tab()]:
            assert elsewhere is not None
            elsewhere.focus()
            await pilot.pause()
            await pilot.press("e", "delete", "plus", "shift+down")
            await settle(pilot)
            assert not isinstance(app.screen, ItemForm)
            shown = screen.session.research.expectations
            assert [e.text for e in shown] == ["Short waits", "Clear letters", "Call back"]
            assert [e.votes for e in shown] == [0, 0, 0]
        screen.query_one("#table-expectations", DataTable).focus()  # from the list: they do
        await pilot.press("plus")
        await settle(pilot)
        assert screen.session.research.expectations[0].votes == 1


async def test_capture_in_every_step_and_around(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        await open_session(app, pilot)
        for key, section_key, text in [
            ("2", "stakeholders", "Finance"),
            ("3", "goals", "Fewer repeat calls"),
            ("5", "decisions", "Fund the call-back service"),
            ("5", "parking_lot", "Opening hours at the counter"),
        ]:
            # F3–F6 from wherever the focus is (digits work from a list: see test_newcomer)
            await pilot.press({"2": "f3", "3": "f4", "5": "f6"}[key])
            await step_shown(pilot, "step-" + {"2": "consult", "3": "structure"}.get(key, "around"))
            capture = app.screen.query_one(f"#capture-{section_key}", Input)
            capture.focus()
            await pilot.press(*text, "enter")
        await settle(pilot)
        saved = on_disk(store, group.id, session.id)
        assert [s.text for s in saved.consult.stakeholders] == ["Finance"]
        assert [g.text for g in saved.structure.goals] == ["Fewer repeat calls"]
        assert [d.text for d in saved.decisions] == ["Fund the call-back service"]
        assert [p.text for p in saved.parking_lot] == ["Opening hours at the counter"]
        assert saved.decisions[0].step is None


async def test_notes_are_saved_after_a_pause(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        notes = screen.query_one("#notes-research")
        notes.focus()
        await pilot.press(*"Room keen on call-backs")
        await pilot.pause(1.2)
        await settle(pilot)
        saved = on_disk(store, group.id, session.id)
        assert saved.notes[Step.RESEARCH] == "Room keen on call-backs"


async def test_document_narrative_is_saved_and_previewed(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.action_step("document")
        await step_shown(pilot, "step-document")
        area = screen.query_one("#narrative-aims")
        area.focus()
        await pilot.press(*"Fewer repeat calls")
        await pilot.pause(1.2)
        await settle(pilot)
        assert on_disk(store, group.id, session.id).document.aims == "Fewer repeat calls"
        preview = screen.query_one(DocumentPreview)
        assert "Fewer repeat calls" in preview.source


async def test_budget_line_turns_red_over_budget_and_budget_is_saved(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    from workshop.model.research import ServiceStandard

    def standards(session: Session) -> None:
        session.research.standards.append(
            ServiceStandard(text="Call back in a day", annual_cost=50_000, chosen=True)
        )

    group, session = make_session(fill=standards)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        budget = screen.query_one("#research--budget", Input)
        budget.focus()
        await pilot.press(*"40000")
        await pilot.pause(1.2)
        await settle(pilot)
        line = screen.query_one("#budget-line", Static)
        assert line.has_class("-over")
        assert "OVER" in str(line.render())
        assert on_disk(store, group.id, session.id).research.budget == 40_000


async def test_a_key_in_a_step_field_reached_by_tab_adds_to_it_never_replaces_it(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """Tab passes through the step's fields on the way to a list: a key meant for the list
    must not wipe the budget (the field's text was selected on focus)."""

    def budgeted(session: Session) -> None:
        session.research.budget = 120_000
        session.research.currency = "£"

    group, session = make_session(fill=budgeted)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#research--currency", Input).focus()
        await pilot.press("shift+tab")  # back into the budget, as Tab would land
        await pilot.pause()
        budget = screen.query_one("#research--budget", Input)
        assert budget.has_focus
        await pilot.press("0")
        await pilot.pause(1.2)
        await settle(pilot)
        assert budget.value == "120,0000"
    assert on_disk(store, group.id, session.id).research.budget == 1_200_000


async def test_leaving_flushes_text_still_being_typed(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    group, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#notes-research").focus()
        await pilot.press(*"Last words")
        await pilot.press("escape")  # before the typing pause has passed
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen))
    assert on_disk(store, group.id, session.id).notes[Step.RESEARCH] == "Last words"


async def test_export_writes_the_summary_and_the_strategy(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    from pathlib import Path

    _, session = make_session(fill=three_expectations)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        screen.query_one("#table-expectations", DataTable).focus()
        await pilot.press("x")
        await pilot.pause()
        written = sorted(p.name for p in Path("exports").iterdir())
        assert len(written) == 2
        assert any((n.title or "") == "Exported" for n in app._notifications)


async def test_function_keys_switch_step_even_while_typing_in_a_capture_line(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    _, session = make_session()
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        capture = screen.query_one("#capture-expectations", Input)
        assert capture.has_focus
        await pilot.press(*"half a thought")
        await pilot.press("f4")
        await pilot.pause()
        assert step_now(screen) is Step.STRUCTURE
        assert capture.value == "half a thought"  # nothing was typed into it
        await pilot.press("f2")
        await pilot.pause()
        assert step_now(screen) is Step.RESEARCH
        await pilot.press("ctrl+pageup")
        await pilot.pause()
        assert step_now(screen) is None  # wrapped round to decisions and parking lot
        await pilot.press("ctrl+pagedown", "ctrl+pagedown")
        await pilot.pause()
        assert step_now(screen) is Step.CONSULT


async def test_the_footer_offers_letter_keys_only_where_they_do_not_type(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """In a capture line a, e and + type; the footer offers them once a list has the focus."""
    from textual.widgets._footer import FooterKey

    _, session = make_session(fill=lambda s: s.research.expectations.append(Expectation(text="x")))
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await step_shown(pilot, "step-research")

        def offered() -> set[str]:
            return {key.description for key in screen.query(FooterKey)}

        assert isinstance(screen.focused, Input)  # the capture line, where the room is typed
        await pilot.pause()
        assert not {"Add", "Edit", "Vote"} & offered()
        assert "Back" in offered()
        await pilot.press("a", "+")  # they type
        assert screen.focused.value.endswith("a+")
        table = screen.query_one("#table-expectations", DataTable)
        table.focus()
        await pilot.pause()
        assert {"Add", "Edit", "Vote"} <= offered()


async def test_the_text_column_takes_the_room_a_wide_screen_gives(
    app_factory: AppFactory, make_session: SessionFactory
) -> None:
    """Items' texts were cut at 36 characters however wide the screen (a projector at 200
    columns showed half of each expectation beside empty space)."""
    long_text = "Report a missed bin online and know when it will be collected, by text"

    def one_long(session: Session) -> None:
        session.research.expectations.append(Expectation(text=long_text, importance=4))
        session.research.expectations.append(Expectation(text="Short waits"))

    _, session = make_session(fill=one_long)
    app = app_factory(session.id)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_session(app, pilot)
        table = screen.query_one("#table-expectations", DataTable)

        def first_line() -> str:
            return "".join(s.text for s in table.render_line(1))  # the first row, under the head

        assert long_text[:30] in first_line() and long_text not in first_line()
        assert "…" in first_line()  # cut, and seen to be
        narrow = table.virtual_size.width
        await pilot.resize_terminal(200, 40)
        await until(pilot, lambda: long_text in first_line())
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no h-scroll
        await pilot.resize_terminal(120, 36)  # back: cut again, as wide as it first was
        await until(pilot, lambda: long_text not in first_line())
        assert table.virtual_size.width == narrow


async def test_a_stored_number_past_what_can_be_typed_does_not_stop_an_edit(
    app_factory: AppFactory, make_session: SessionFactory, store: Store
) -> None:
    """An indicator imported with a target of 5e15 could not have its text edited: the form
    read the untouched target's text again, and refused it (past 15 digits)."""
    from workshop.model.structure import Indicator

    def measured(session: Session) -> None:
        session.structure.indicators.append(Indicator(text="Calls", target=5e15))

    group, session = make_session(fill=measured)
    app = app_factory(session.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(app, pilot)
        await pilot.press("f4")
        await step_shown(pilot, "step-structure")
        screen.query_one("#table-indicators", DataTable).focus()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#field-text", Input).value = "Calls answered"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ItemForm)
    [saved] = on_disk(store, group.id, session.id).structure.indicators
    assert (saved.text, saved.target) == ("Calls answered", 5e15)
