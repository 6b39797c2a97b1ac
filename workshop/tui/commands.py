"""The command palette lists what the current screen can do: its key bindings, as commands.

No screen registers commands of its own: every binding with a description is a command, so an
action added to a screen's BINDINGS is in the footer and the palette at once, and an action the
screen refuses in `check_action` (read-only review) is missing from both.

The palette offers a screen's actions wherever the focus is. A focused text field takes the
printable keys (Textual leaves its consumed keys out of the bindings, and the session screen's
`check_action` refuses their actions while a capture line or a narrative has the focus, so that
't' types a 't'); and it shadows keys it binds itself (a TextArea's ctrl+z). Choosing a command
in the palette types nothing, so the palette asks the screen as if no widget had the focus."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.markup import escape
from textual.screen import Screen

#: Actions that make no sense as a palette entry (the palette itself) or duplicate Textual's own.
_SKIPPED_ACTIONS = {"command_palette", "app.command_palette", "help_quit"}


@dataclass(frozen=True)
class KeyCommand:
    """One binding of a screen as a person reads it: the key, what it does, and where it acts."""

    key: str
    description: str
    tooltip: str
    action: str
    node: DOMNode
    enabled: bool


def key_commands(app: App[Any], screen: Screen[Any]) -> list[KeyCommand]:
    """The bindings active on `screen` (its focused widget's, its own, the app's) that have a
    description, one per action with all its keys ("⏎ / o"), in the order they are declared:
    the keys that work with the focus where it is (the help screen lists these).

    A binding hidden from the footer counts only when it has an `id`: ours all do, so an action
    with no room in the footer is still found, while Textual's own plumbing (focus next, copy)
    and a list's cursor keys stay out."""
    return _commands(app, screen.active_bindings.values())


def palette_commands(app: App[Any], screen: Screen[Any]) -> list[KeyCommand]:
    """Every action of `screen` whatever has the focus: its key commands with the focus where
    it is, and those the screen has with no widget focused (the screen's and the app's own),
    which a focused text field hides or refuses because their keys type there. An action is
    enabled when either way the screen allows it; read-only refusals hold both ways."""
    here = key_commands(app, screen)
    if screen.focused is None:
        return here
    with _focus_set_aside(screen):
        anywhere = _commands(app, screen.active_bindings.values())
    mine = {(id(command.node), command.action): command for command in here}
    merged: list[KeyCommand] = []
    for command in anywhere:
        local = mine.pop((id(command.node), command.action), None)
        merged.append(local if local is not None and local.enabled else command)
    return merged + list(mine.values())  # the focused widget's own (a list's), after


def _commands(app: App[Any], bindings: Iterable[ActiveBinding]) -> list[KeyCommand]:
    found: dict[tuple[int, str], KeyCommand] = {}
    for active in bindings:
        binding: Binding = active.binding
        if not binding.description or binding.action in _SKIPPED_ACTIONS:
            continue
        if not binding.show and binding.id is None:
            continue
        mark = (id(active.node), binding.action)
        key = app.get_key_display(binding)
        if mark in found:
            earlier = found[mark]
            found[mark] = replace(earlier, key=f"{earlier.key} / {key}")
            continue
        found[mark] = KeyCommand(
            key=key,
            description=binding.description,
            tooltip=binding.tooltip,
            action=binding.action,
            node=active.node,
            enabled=active.enabled,
        )
    return list(found.values())


def binding_commands(app: App[Any], screen: Screen[Any]) -> Iterator[SystemCommand]:
    """The palette's commands for `screen`: one per enabled palette command. Running one asks
    the screen's `check_action` again (see `run_command`), so it still has the last word."""
    for command in palette_commands(app, screen):
        if not command.enabled:
            continue
        # The palette reads help as markup: "[d]" would be taken for a style, so escape it.
        key = f"key {command.key}"
        help_text = escape(f"{command.tooltip}  ·  {key}" if command.tooltip else key)
        yield SystemCommand(
            command.description, help_text, partial(run_command, app, screen, command)
        )


#: True while an action runs because it was chosen in the palette (not pressed as its key):
#: an action that guards against a key pressed in the wrong place lets a chosen one through.
FROM_PALETTE: ContextVar[bool] = ContextVar("from_palette", default=False)


async def run_command(app: App[Any], screen: Screen[Any], command: KeyCommand) -> bool:
    """Run a palette command's action, as `App.run_action` does, if the screen allows it with
    the focus where it is or with no widget focused: a palette command types nothing, so a
    refusal that only keeps a key typing in a text field does not stop it, while any other
    (read-only review, nothing to act on) does. The action itself runs with the real focus.
    Returns whether it ran."""
    target, name, parameters = app._parse_action(command.action, command.node)
    allowed = target.check_action(name, parameters)
    if not allowed and screen.focused is not None:
        with _focus_set_aside(screen):
            allowed = target.check_action(name, parameters)
    if not allowed:
        return False
    token = FROM_PALETTE.set(True)
    try:
        # App.run_action less its check_action, made just above
        return await app._dispatch_action(target, name, parameters)
    finally:
        FROM_PALETTE.reset(token)


@contextmanager
def _focus_set_aside(screen: Screen[Any]) -> Iterator[None]:
    """`screen` with no widget focused, for the length of a question asked without awaiting
    (its bindings, its `check_action`): the focus is put back before any other code runs, and
    nothing sees it go, as no watcher runs and no Blur or Focus is sent."""
    focused = screen.focused
    screen.set_reactive(Screen.focused, None)
    try:
        yield
    finally:
        screen.set_reactive(Screen.focused, focused)
