"""Bad input (issue 6): whatever is typed in the room — control characters, escape sequences,
right-to-left text and bidi overrides, emoji sequences, Markdown, HTML, Rich markup, 100 KB
pastes — in EVERY text field survives dump → import and a save → reload exactly, and
`workshop show` prints it without error and without letting a terminal escape through raw."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.export.factories import full_session, make_group
from tests.reliability.helpers import count
from workshop.cli import main
from workshop.errors import InvalidInput
from workshop.model import Group, Participant, Principle, Session, Step
from workshop.model.document import NARRATIVE_SECTIONS
from workshop.model.sections import SECTIONS, FieldKind
from workshop.model.transfer import dump_session, load_transfer
from workshop.store import Store

HOSTILE = [
    "\x00",
    "a\x00b",
    "line one\r\nline two\rthree",
    "\x1b[31mred\x1b[0m",
    "\x1b[2J\x1b[H cleared",
    "\x1b]0;window title\x07",
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x9b31m c1 csi",
    "\x07\x08\x7f",
    "مرحبا بالعالم",
    "abc \u202e fed \u202c \u2067 isolate \u2069",
    "👩\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈 1️⃣",
    "# heading\n\n* star\n| a | b |\n```\ncode\n```",
    "<script>alert(1)</script><b>bold</b>&amp;",
    "[bold red]x[/]",
    "[link=http://evil.example]click[/link]",
    "[/]",
    "[",
    "\t tab \t",
    " ",
    "\u0301 lone combining",
    "\ufeff bom \u200b zwsp",
]

_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60)
_huge = st.builds(
    lambda base: (base * (100_000 // len(base) + 1))[:100_000], st.sampled_from(HOSTILE)
)
HOSTILE_TEXT = st.one_of(st.sampled_from(HOSTILE), _text, _huge)
#: A few texts per example, handed out in turn to every field.
TEXTS = st.lists(st.one_of(st.sampled_from(HOSTILE), _text), min_size=1, max_size=8) | st.lists(
    HOSTILE_TEXT, min_size=1, max_size=4
)

FIXED = datetime(2026, 1, 1, tzinfo=UTC)
EXAMPLES = count(40, 300)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def hostile_pair(texts: list[str]) -> tuple[Group, Session]:
    """A group and a session with an item in every section, every free-text field of every
    section (from SECTIONS), the group's name, the participants, the notes, the mission, the
    principles and the narrative set to the given texts in turn."""
    pick: Callable[[], str] = _cycle(texts)
    group = make_group(name=_required(pick()))
    group.organisation = pick()
    session = full_session(group)
    session.title = pick()
    session.facilitator = pick()
    session.participants = [
        Participant(id="p1", name=_required(pick()), role=pick()),
        Participant(id="p2", name=_required(pick()), role=pick(), present=False),
    ]
    for section in SECTIONS:
        for item in section.items(session):
            for spec in section.fields:
                if spec.kind in (FieldKind.TEXT, FieldKind.LONG):
                    text = pick()
                    setattr(item, spec.name, _required(text) if spec.required else text)
    session.notes = {step: pick() for step in Step}
    session.structure.mission = pick()
    session.structure.principles = {p: pick() for p in Principle}
    session.document.title = pick()
    for name in NARRATIVE_SECTIONS:
        setattr(session.document, name, pick())
    session.research.currency = pick()[:8]
    return group, session


def _cycle(texts: list[str]) -> Callable[[], str]:
    source: Iterator[str] = itertools.cycle(texts)
    return lambda: next(source)


def _required(text: str) -> str:
    return text or "\x00"


def test_every_text_field_of_every_section_is_filled() -> None:
    """The filler really reaches every item type's text fields (a new section cannot hide)."""
    marker = "\x1b[31m§"
    _, session = hostile_pair([marker])
    for section in SECTIONS:
        items = section.items(session)
        assert items, f"no {section.key} item in the hostile session"
        for spec in section.fields:
            if spec.kind in (FieldKind.TEXT, FieldKind.LONG):
                assert all(getattr(item, spec.name) == marker for item in items), spec.name
    assert session.document.aims == marker and session.structure.mission == marker


# -- (a) dump → import -----------------------------------------------------------------------


@SETTINGS
@given(texts=TEXTS)
def test_dump_then_import_is_exact(texts: list[str]) -> None:
    group, session = hostile_pair(texts)
    transfer = load_transfer(dump_session(group, session))
    assert transfer.group == group
    assert transfer.session == session
    # and a second trip is byte-for-byte the first
    assert dump_session(transfer.group, transfer.session) == dump_session(group, session)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _stored(data_dir: Path, texts: list[str]) -> tuple[Group, Session]:
    group, session = hostile_pair(texts)
    store = Store(data_dir)
    store.create_group(group)
    with store.edit(group.id) as editor:
        saved = editor.add_session(session)
    return group, saved


def test_cli_dump_and_import_replace_round_trip(tmp_path: Path) -> None:
    """The real commands: dump to a file, import it into an empty folder, dump again (same
    text); then change the file and `import --replace` brings the change in, exactly."""
    examples = (HOSTILE, [HOSTILE[3], HOSTILE[14]], [(HOSTILE[5] * 9000)[:100_000]])
    for number, texts in enumerate(examples):
        source, target = tmp_path / f"a{number}", tmp_path / f"b{number}"
        _, saved = _stored(source, texts)
        code, dumped, err = _run("--data-dir", str(source), "dump", saved.id)
        assert (code, err) == (0, "")
        file = tmp_path / f"{saved.id}.json"
        file.write_text(dumped, encoding="utf-8")
        code, _, err = _run("--data-dir", str(target), "import", str(file))
        assert (code, err) == (0, "")
        code, again, _ = _run("--data-dir", str(target), "dump", saved.id)
        assert code == 0
        before, after = load_transfer(dumped), load_transfer(again)
        assert after.group == before.group
        assert _content(after.session) == _content(before.session)
        # edit the file by hand and replace the stored session with it
        transfer = load_transfer(dumped)
        changed = transfer.session.model_copy(update={"title": "\u202e" + texts[-1]})
        file.write_text(dump_session(transfer.group, changed), encoding="utf-8")
        code, _, err = _run("--data-dir", str(target), "import", "--replace", str(file))
        assert (code, err) == (0, "")
        _, stored = Store(target).find_session(saved.id)
        assert _content(stored) == _content(changed)
        assert stored.title == "\u202e" + texts[-1]


def _content(session: Session) -> Session:
    """The session without what every save sets (its revision and the time of the save)."""
    return session.model_copy(update={"revision": 0, "updated_at": FIXED})


# -- (b) the store -----------------------------------------------------------------------------


@SETTINGS
@given(texts=TEXTS)
def test_store_saves_and_reloads_exactly(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        group, saved = _stored(Path(folder), texts)
        fresh = Store(Path(folder))  # nothing cached
        loaded = fresh.load_group(group.id)
        assert loaded.group == group
        assert loaded.sessions == [saved]
        assert fresh.find_session(saved.id) == (group, saved)
        # and the listing carries the title and facilitator as typed
        (summary,) = fresh.list_groups()
        assert summary.error is None and summary.sessions[0].title == saved.title


# -- (c) workshop show -------------------------------------------------------------------------

#: Bytes that make a terminal act rather than print: ESC, the C1 CSI, and BEL.
RAW_CONTROLS = ("\x1b", "\x9b", "\x07", "\x00")


def _assert_shows(texts: list[str]) -> None:
    """`show`, `list` and `show --step` print the texts with exit 0, nothing on stderr, and no
    raw terminal control."""
    with tempfile.TemporaryDirectory() as folder:
        _, saved = _stored(Path(folder), texts)
        for argv in (["show", saved.id], ["list"], ["show", saved.id, "--step", "document"]):
            code, out, err = _run("--data-dir", folder, *argv)
            assert "Traceback" not in out + err
            assert (code, err) == (0, ""), argv
            # the output is not a terminal, so Rich adds no escapes of its own: any here came
            # from what a participant typed
            leaked = [c for c in RAW_CONTROLS if c in out]
            assert not leaked, f"{argv[0]} let {leaked!r} reach the terminal raw"


@settings(
    max_examples=count(30, 200),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(texts=st.lists(st.one_of(st.sampled_from(HOSTILE), _text), min_size=1, max_size=8))
def test_show_renders_anything_typed(texts: list[str]) -> None:
    _assert_shows(texts)


def test_show_renders_100_kb_fields() -> None:
    """Rendering wraps text, so 100 KB pastes go through one example (an eighth of the fields)."""
    huge = ((HOSTILE[4] + " " + HOSTILE[10] + "\n") * 2700)[:100_000]
    _assert_shows([huge, *HOSTILE[:7]])


def test_show_prints_markup_literally(tmp_path: Path) -> None:
    """Rich markup typed in the room is text, not styling: it is printed as typed."""
    _, saved = _stored(tmp_path, ["[bold red]x[/]", "[link=http://e.example]go[/link]"])
    code, out, err = _run("--data-dir", str(tmp_path), "show", saved.id)
    assert (code, err) == (0, "")
    assert "[bold red]x[/]" in out
    assert "[link=http://e.example]go[/link]" in out
    code, out, err = _run("--data-dir", str(tmp_path), "list")
    assert (code, err) == (0, "")
    assert "[bold red]x[/]" in out or "[link=http://e.example]go[/link]" in out


def test_a_lone_surrogate_is_refused_at_import_with_one_line(tmp_path: Path) -> None:
    """JSON can spell a lone surrogate ("\\ud800") that no file can hold as UTF-8: the import
    refuses it with the field named, and nothing is written."""
    group, session = hostile_pair(["x"])
    raw = json.loads(dump_session(group, session))
    raw["session"]["title"] = "bad \ud800 half"
    file = tmp_path / "in.json"
    file.write_text(json.dumps(raw), encoding="utf-8")  # ascii escapes: a valid file
    with pytest.raises(InvalidInput, match="title"):
        load_transfer(file.read_text(encoding="utf-8"))
    code, out, err = _run("--data-dir", str(tmp_path / "data"), "import", str(file))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and "title" in err
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").glob("*.json"))
