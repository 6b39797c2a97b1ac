"""The figures measured through a real pseudo-terminal: start-up, key latency, memory.

Each start is a fresh interpreter on a new 120×36 pty, timed from the fork until the frame
holding a mark of the screen's content reaches the terminal; the minimal Textual app is
started the same way, alternately with ours, in the same run."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import Figure, absolute_figure, interleaved, median, ratio_figure
from benchmarks.minimal_app import MARK
from benchmarks.terminal import DOWN, Terminal
from benchmarks.workspace import ROOT, Workspace
from workshop.store import Store


@dataclass(frozen=True)
class Launch:
    """How to start one program and what on screen says it is ready."""

    argv: list[str]
    env: dict[str, str]
    marks: list[bytes]

    def start(self) -> Terminal:
        return Terminal(self.argv, self.env, cwd=str(ROOT))


def minimal(ws: Workspace, imports: tuple[str, ...] = ()) -> Launch:
    """The minimal app; with `imports`, after importing those modules (see minimal_app.py)."""
    return Launch(
        [ws.python, str(ROOT / "benchmarks" / "minimal_app.py"), *imports],
        ws.env(),
        [MARK.encode()],
    )


def home(ws: Workspace) -> Launch:
    # The groups are listed by name, so 'Group 000' is on the first screenful.
    return Launch([ws.workshop], ws.env(ws.home_50), [b"Group 000"])


def session_marks(data_dir: Path, group_id: str, session_id: str) -> list[bytes]:
    """What shows that a session's own content is on screen: the start of its first
    expectation (the research step comes first)."""
    _, session = Store(data_dir).load_session(group_id, session_id)
    first = session.research.expectations[0].text
    return [first[:24].encode()]


def open_session(ws: Workspace, items: int, only: str | None = None) -> Launch:
    written = {
        (1000, None): ws.session_1000,
        (1000, "expectations"): ws.list_1000,
        (10_000, None): ws.session_10000,
    }[(items, only)]
    data_dir = written.path.parent
    session_id = written.session_ids[0]
    return Launch(
        [ws.workshop, "open", session_id],
        ws.env(data_dir),
        session_marks(data_dir, written.group_id, session_id),
    )


def time_to_mark(launch: Launch, timeout: float = 30.0) -> float:
    """Seconds from the fork to the arrival of the frame showing the mark."""
    with launch.start() as terminal:
        return terminal.wait_for(launch.marks, timeout) - terminal.started


#: What each screen imports before its first frame can be drawn: the app, the screen's module
#: (the session screen's brings pydantic and the model). A minimal app importing these measures
#: the floor no later change (reading files, building widgets, drawing) can go below.
HOME_IMPORTS = ("workshop.cli.commands", "workshop.tui.app", "workshop.tui.screens.home")
SESSION_IMPORTS = ("workshop.cli.commands", "workshop.tui.app", "workshop.tui.screens.session")


def startup_figure(
    key: str,
    title: str,
    ws: Workspace,
    ours: Launch,
    factor: float,
    imports: tuple[str, ...],
) -> Figure:
    base = minimal(ws)
    floor = minimal(ws, imports)
    for launch in (base, floor, ours):
        time_to_mark(launch)  # warm: bytecode caches, the page cache
    reps = ws.reps(15, 3)  # start-up varies most on a busy machine: more runs, a steadier median
    base_s, floor_s, ours_s = interleaved(
        lambda: time_to_mark(base),
        lambda: time_to_mark(floor),
        lambda: time_to_mark(ours),
        times=reps,
    )
    figure = ratio_figure(key, title, ours_s, base_s, factor, "minimal Textual app")
    figure.detail = (
        f"floor: the minimal app importing what this screen imports ({', '.join(imports)}) "
        f"takes {median(floor_s) / median(base_s):.2f} × (same run)"
    )
    return figure


def home_startup(ws: Workspace) -> Figure:
    return startup_figure(
        "1", "start to first frame of the home screen, 50 groups", ws, home(ws), 1.25, HOME_IMPORTS
    )


def open_startup(ws: Workspace) -> Figure:
    return startup_figure(
        "2",
        "start to first frame of `workshop open`, 1,000-item session",
        ws,
        open_session(ws, 1000),
        1.5,
        SESSION_IMPORTS,
    )


def key_latency(ws: Workspace) -> Figure:
    """Down arrow to the end of the next frame, in a list of 1,000 expectations. The app runs
    through `benchmarks/launch.py`, whose hook focuses that list; each key is typed only after
    the screen has been quiet for 50 ms, so frames do not overlap."""
    launch = open_session(ws, 1000, only="expectations")
    ready = ws.root / "key-latency.ready"
    ready.unlink(missing_ok=True)
    ready.with_name(f"{ready.name}.cursor").unlink(missing_ok=True)
    env = dict(launch.env, BENCH_READY=str(ready), BENCH_SCREEN="SessionScreen", BENCH_ROWS="1000")
    argv = [ws.python, str(ROOT / "benchmarks" / "launch.py"), *launch.argv[1:]]
    presses = ws.reps(60, 20)
    samples: list[float] = []
    with Terminal(argv, env, cwd=str(ROOT)) as terminal:
        terminal.wait_for(launch.marks)
        deadline = time.monotonic() + 30
        while not ready.exists():
            if time.monotonic() > deadline or terminal.ended:
                raise RuntimeError("no list of 1,000 items could be focused on the session screen")
            time.sleep(0.02)
        terminal.wait_quiet(0.5, timeout=20)  # let lazily mounted tabs settle first
        if not terminal.synchronized:
            raise RuntimeError("the app never wrapped a frame in synchronized output")
        for _ in range(presses):
            offset, sent = terminal.press(DOWN)
            samples.append(terminal.wait_frame(offset) - sent)
            terminal.wait_quiet(0.05)
    moved = ready.with_name(f"{ready.name}.cursor")
    if not moved.exists() or int(moved.read_text(encoding="ascii")) != presses:
        raise RuntimeError("the key presses did not move the list's cursor one row each")
    figure = absolute_figure("3", "key press to updated frame, list of 1,000 items", samples, 0.008)
    figure.detail = (
        f"{presses} presses of ↓ in the focused list; slowest {max(samples) * 1000:.1f} ms"
    )
    return figure


#: F5: the document step, from anywhere.
F5 = b"\x1b[15~"
#: What figure 10 types into the document's first narrative section: words with the pauses
#: of someone typing what the room says (each pause lets the preview be drawn again).
NARRATIVE = ["fewer ", "repeat ", "calls ", "and ", "clear ", "answers "]


def document_typing(ws: Workspace) -> Figure:
    """Key press to updated frame while typing in the document step of a 1,000-item session:
    the preview of the whole strategy is drawn again in a worker at every pause, and must not
    hold up the keys (Python runs one thread at a time)."""
    written = ws.document_1000
    data_dir = written.path.parent
    session_id = written.session_ids[0]
    launch = Launch(
        [ws.workshop, "open", session_id],
        ws.env(data_dir),
        session_marks(data_dir, written.group_id, session_id),
    )
    samples: list[float] = []
    words = NARRATIVE * ws.reps(3, 1)
    with launch.start() as terminal:
        terminal.wait_for(launch.marks)
        terminal.wait_quiet(0.3, timeout=10)  # (a cursor blinks every 0.5 s)
        offset, _ = terminal.press(F5)
        # the preview's first drawing shows the document's first heading
        terminal.wait_for([b"Introduction"], timeout=60, start=offset)
        terminal.wait_quiet(0.3, timeout=10)
        for word in words:
            for char in word:
                offset, sent = terminal.press(char.encode())
                samples.append(terminal.wait_frame(offset, timeout=30) - sent)
                time.sleep(0.1)
            time.sleep(0.6)  # a pause: saved, and the preview drawn again
        time.sleep(1.0)  # the last save lands (quitting would save it too)
    _, session = Store(data_dir).load_session(written.group_id, session_id)
    typed = "".join(words).strip()
    if typed not in session.document.aims:
        raise RuntimeError("the keys did not reach the document's first narrative section")
    figure = absolute_figure(
        "10", "key press to updated frame, typing in the document step", samples, 0.020
    )
    figure.detail = (
        f"{len(samples)} keys typed with pauses, preview redrawn at each; "
        f"slowest {max(samples) * 1000:.1f} ms"
    )
    return figure


def peak_rss(launch: Launch, settle: float = 0.5) -> int:
    with launch.start() as terminal:
        terminal.wait_for(launch.marks, timeout=60)
        terminal.wait_quiet(settle)
        return terminal.peak_rss()


def memory(ws: Workspace) -> Figure:
    """Peak resident size with a 10,000-item session open, against twice the minimal app's
    plus four times the group file's size."""
    ours = open_session(ws, 10_000)
    size = ws.session_10000.path.stat().st_size
    reps = ws.reps(3, 1)
    base_b = [float(peak_rss(minimal(ws))) for _ in range(reps)]
    ours_b = [float(peak_rss(ours)) for _ in range(reps)]
    limit = 2 * median(base_b) + 4 * size
    value = median(ours_b)
    return Figure(
        "9",
        "peak memory, 10,000-item session open",
        measured=value,
        limit=limit,
        shown=f"{value / 1e6:.0f} MB",
        target=f"≤ 2 × {median(base_b) / 1e6:.0f} MB + 4 × {size / 1e6:.1f} MB "
        f"= {limit / 1e6:.0f} MB",
    )
