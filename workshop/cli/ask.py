"""Questions for values a command was not given (questionary, imported only here)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from workshop.cli import UsageError
from workshop.days import NotADay, read_day
from workshop.errors import WorkshopError
from workshop.model.session import Session
from workshop.store import ListedGroup, Store


@dataclass
class NewSession:
    """What `workshop new` needs."""

    group: str
    organisation: str
    facilitator: str
    participants: list[str]
    date: date


def _answer(question: Any) -> str:
    if not sys.stdin.isatty():
        # piped or empty input: the prompts would read it as keys, twice-echoed, and fail
        # at its end
        raise UsageError(
            "cannot ask without a terminal: give the values as options, with --no-input "
            "(see --help)"
        )
    try:
        value = question.ask()
    except EOFError:  # the input ended (ctrl+d on some terminals)
        value = None
    if value is None:  # Ctrl-C or Ctrl-D
        raise WorkshopError("cancelled; nothing was created")
    return str(value)


def _date_question(questionary: Any, prompt: str) -> Any:
    """A date, empty for today. Not pre-filled with today's: a date typed after it was
    appended to it ('2026-11-302027-03-01')."""
    today = date.today().isoformat()
    return questionary.text(
        f"{prompt} (YYYY-MM-DD):", instruction=f"(empty: today, {today})", validate=_valid_day
    )


def _required(text: str) -> bool | str:
    return bool(text.strip()) or "Please type something"


def _valid_day(text: str) -> bool | str:
    if not text.strip():
        return True
    try:
        read_day(text)
    except NotADay as error:
        return error.sentence()
    return True


def _day(text: str) -> date:
    return read_day(text) if text.strip() else date.today()


def new_session(
    store: Store, args: argparse.Namespace, existing: Callable[[str], ListedGroup | None]
) -> NewSession:
    """The values of a new session: from the options, else asked. With --no-input a missing
    required value is a usage error naming every option that is missing."""
    from workshop.cli.commands import parse_day

    day = parse_day(args.date) if args.date else None
    if args.no_input:
        missing = [
            option
            for option, value in (("--group", args.group), ("--facilitator", args.facilitator))
            if not (value and value.strip())
        ]
        if missing:
            raise UsageError("missing " + " and ".join(missing) + " (given --no-input)")
        return NewSession(
            args.group,
            args.organisation or "",
            args.facilitator,
            list(args.participant),
            day or date.today(),
        )
    import questionary

    group = args.group
    if not (group and group.strip()):
        names = [g.group.name for g in store.list_groups() if g.group is not None]
        hint = "an existing name adds a session to that group" if names else None
        group = _answer(questionary.text("Group name:", validate=_required, instruction=hint))
    organisation = args.organisation
    known = existing(group)
    if known is not None:
        organisation = known.organisation
    elif organisation is None:
        organisation = _answer(questionary.text("Organisation (optional):"))
    facilitator = args.facilitator
    if not (facilitator and facilitator.strip()):
        facilitator = _answer(questionary.text("Facilitator:", validate=_required))
    participants = list(args.participant)
    if not participants:
        typed = _answer(questionary.text("Participants (comma-separated, optional):"))
        participants = [name.strip() for name in typed.split(",") if name.strip()]
    if day is None:
        typed = _answer(_date_question(questionary, "Date"))
        day = _day(typed)
    return NewSession(group, organisation or "", facilitator, participants, day)


def go_on(question: str) -> None:
    """Ask a yes/no question (no by default); a no cancels the command."""
    import questionary

    if _answer(questionary.confirm(question, default=False)) != "True":
        raise WorkshopError("cancelled; nothing was created")


def follow_up_date(earlier: Session) -> date:
    """The day of a follow-up session, asked with today as the default."""
    import questionary

    typed = _answer(_date_question(questionary, f"Date of the session following {earlier.label}"))
    return _day(typed)
