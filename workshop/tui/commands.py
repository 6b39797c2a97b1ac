"""The command palette lists what the current screen can do: its key bindings, as commands.

No screen registers commands of its own: every binding with a description is a command, so an
action added to a screen's BINDINGS is in the footer and the palette at once, and an action the
screen refuses in `check_action` (read-only review) is missing from both."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
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
    description, one per action with all its keys ("⏎ / o"), in the order they are declared.

    A binding hidden from the footer counts only when it has an `id`: ours all do, so an action
    with no room in the footer is still found, while Textual's own plumbing (focus next, copy)
    and a list's cursor keys stay out."""
    found: dict[tuple[int, str], KeyCommand] = {}
    for active in screen.active_bindings.values():
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
    """The palette's commands for `screen`: one per enabled key command. Running one goes
    through `App.run_action`, so the screen's `check_action` still has the last word."""
    for command in key_commands(app, screen):
        if not command.enabled:
            continue
        # The palette reads help as markup: "[d]" would be taken for a style, so escape it.
        key = f"key {command.key}"
        help_text = escape(f"{command.tooltip}  ·  {key}" if command.tooltip else key)
        yield SystemCommand(
            command.description,
            help_text,
            partial(app.run_action, command.action, command.node),
        )
