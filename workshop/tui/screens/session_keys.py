"""The session screen's keys: what each does, its label in the footer, its tip in the palette;
and which of them type a character in a text field instead.

Kept apart from the screen so that the keys read as one list."""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.widgets import Input, TextArea


def _b(key: str, action: str, text: str, tip: str, show: bool = True) -> Binding:
    return Binding(key, action, text, id=f"session.{action}", tooltip=tip, show=show)


_EXPORT_TIP = (
    "Write the summary, the strategy and (for a follow-up) the progress report as Markdown."
)
_REVIEW_TIP = "Review progress since the earlier session."

#: The session screen's keys (SessionScreen.BINDINGS).
SESSION_BINDINGS: list[BindingType] = [
    _b("a", "add_item", "Add", "Add an item to the current list with a form."),
    _b("e", "edit_item", "Edit", "Edit the highlighted item."),
    _b("delete", "delete_item", "Delete", "Delete the highlighted item (ctrl+z undoes)."),
    _b("ctrl+z", "undo", "Undo", "Undo the last delete or edit of an item."),
    _b("shift+up,alt+up", "move(-1)", "Move up", "Move the item up.", show=False),
    _b("shift+down,alt+down", "move(1)", "Move down", "Move the item down.", show=False),
    _b("plus,equals_sign", "vote(1)", "Vote", "Give the item a dot vote."),
    _b("minus", "vote(-1)", "Unvote", "Take a dot vote back.", show=False),
    _b("v", "sort_votes", "By votes", "Sort the list by votes, or back to its order."),
    _b("t", "timer", "Timer", "Start or pause the step's timebox."),
    _b("T", "timer_reset", "Reset timer", "Reset the step's timebox.", show=False),
    _b("p", "add_participant", "Participant", "Add a participant.", show=False),
    _b("P", "toggle_present", "Present", "Mark the participant present/absent.", show=False),
    _b("s", "speaker", "Speaker", "Make the highlighted participant the speaker.", show=False),
    Binding(
        "f7",
        "participants",
        "Participants",
        id="session.participants",
        tooltip="Go to the participants to pick the speaker (s); F7 again goes back.",
        show=False,
        priority=True,  # from anywhere, even while typing in a capture line
    ),
    # 1–5 from a list; F2–F6 from anywhere, even while typing in a capture line
    *(
        Binding(
            keys,
            f"step('{name}')",
            label,
            id=f"session.step.{name}" + (".anywhere" if keys.startswith("f") else ""),
            tooltip=tip,
            show=False,
            priority=keys.startswith("f"),
        )
        for number, (name, label, tip) in enumerate(
            [
                ("research", "Research", "Go to step 1, research."),
                ("consult", "Consult", "Go to step 2, consult."),
                ("structure", "Structure", "Go to step 3, structure."),
                ("document", "Document", "Go to step 4, the strategy document."),
                ("around", "Decisions", "Go to decisions and the parking lot."),
            ],
            start=1,
        )
        for keys in (str(number), f"f{number + 1}")
    ),
    Binding(
        "ctrl+pagedown",
        "next_step(1)",
        "Next step",
        id="session.next_step",
        tooltip="Go to the next step.",
        show=False,
        priority=True,
    ),
    Binding(
        "ctrl+pageup",
        "next_step(-1)",
        "Previous step",
        id="session.previous_step",
        tooltip="Go to the previous step.",
        show=False,
        priority=True,
    ),
    _b("x", "export", "Export", _EXPORT_TIP, show=False),
    _b("r", "review", "Review", _REVIEW_TIP, show=False),
    # the same from anywhere, even while typing in a capture line (where x and r type)
    Binding(
        "f9",
        "export",
        "Export",
        id="session.export.anywhere",
        tooltip=_EXPORT_TIP,
        show=False,
        priority=True,
    ),
    Binding(
        "f8",
        "review",
        "Review",
        id="session.review.anywhere",
        tooltip=_REVIEW_TIP,
        show=False,
        priority=True,
    ),
    _b("escape", "leave", "Back", "Go back to the sessions (every change is already saved)."),
]


#: Widgets where a printable key types a character rather than running a binding.
TEXT_FIELDS = (Input, TextArea)
#: Names Textual gives the printable keys our bindings use, besides single characters.
_TYPED_KEY_NAMES = frozenset({"plus", "minus", "equals_sign"})


def _typed_actions(bindings: list[BindingType]) -> frozenset[str]:
    """The actions every key of which types a character in a text field."""
    keys: dict[str, list[str]] = {}
    for binding in bindings:
        if isinstance(binding, Binding):
            name = binding.action.partition("(")[0]
            keys.setdefault(name, []).extend(k.strip() for k in binding.key.split(","))
    return frozenset(
        name
        for name, found in keys.items()
        if all(len(k) == 1 or k in _TYPED_KEY_NAMES for k in found)
    )


TYPED_ACTIONS = _typed_actions(SESSION_BINDINGS)
