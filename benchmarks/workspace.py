"""The benchmark's data folders, built once per run in a temporary folder and shared by the
figures that need them."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from benchmarks.fixtures import Written, write_group, write_groups
from workshop.store import Store

#: The repository root (the benchmark runs the app from here, as a user would).
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Workspace:
    """Where the fixtures live; `quick` asks for fewer repetitions, never smaller data."""

    root: Path
    quick: bool = False

    def reps(self, normal: int, quick: int) -> int:
        return quick if self.quick else normal

    def folder(self, name: str) -> Path:
        """An empty folder for one fixture: a kept workspace (`--keep`) used again holds the
        last run's files, which would otherwise be added to (100 groups, not 50)."""
        path = self.root / name
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        return path

    # -- data folders ---------------------------------------------------------------------

    @cached_property
    def home_50(self) -> Path:
        """50 groups, each with two sessions of 100 items (the home screen's figure)."""
        path = self.folder("home-50")
        write_groups(path, 50, 2, 100)
        return path

    @cached_property
    def list_200(self) -> Path:
        """200 groups, each with two sessions of 100 items (`workshop list`'s figure)."""
        path = self.folder("list-200")
        write_groups(path, 200, 2, 100)
        return path

    @cached_property
    def session_1000(self) -> Written:
        """One group, one session of 1,000 items over every section."""
        return write_group(Store(self.folder("session-1000")), "Thousand Items", 1, 1000)

    @cached_property
    def list_1000(self) -> Written:
        """One group, one session whose expectations are a list of 1,000 items."""
        return write_group(
            Store(self.folder("list-1000")), "Long List", 1, 1000, only="expectations"
        )

    @cached_property
    def document_1000(self) -> Written:
        """One group, one session of 1,000 items over every section, typed into by figure 10
        (a copy of its own: the other figures read theirs unchanged)."""
        return write_group(Store(self.folder("document-1000")), "Typed Into", 1, 1000)

    @cached_property
    def session_10000(self) -> Written:
        """One group, one session of 10,000 items over every section."""
        return write_group(Store(self.folder("session-10000")), "Ten Thousand", 1, 10_000)

    @cached_property
    def group_10x1000(self) -> Written:
        """One group file of 10 sessions × 1,000 items."""
        return write_group(Store(self.folder("group-10x1000")), "Ten Sessions", 10, 1000)

    # -- running the app ------------------------------------------------------------------

    @property
    def python(self) -> str:
        return sys.executable

    @property
    def workshop(self) -> str:
        """The `workshop` console script of the interpreter running the benchmark."""
        return str(Path(sys.executable).parent / "workshop")

    def env(self, data_dir: Path | None = None) -> dict[str, str]:
        """A clean environment for a child: a real terminal type, our data folder, nothing of
        the caller's Textual settings. The app keeps its parsed CSS in the workspace: the
        first start parses it, as on a machine where the app was just installed; the
        repeated starts of a figure read it back, as every later start there does."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TEXTUAL", "WORKSHOP", "PYTHONPROFILE", "COVERAGE"))
        }
        env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8")
        env.pop("NO_COLOR", None)
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        env["WORKSHOP_CACHE_DIR"] = str(self.root / "cache")
        if data_dir is not None:
            env["WORKSHOP_DATA"] = str(data_dir)
        return env
