"""Running the real entry point in-process and reading what it printed."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from workshop.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def last_line(self) -> str:
        return self.out.strip().splitlines()[-1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    """`workshop ARGV…` through `workshop.cli.main`, with its exit status and output."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)
