"""The session title gives way in order: the group's name, then the session's own title."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from workshop.tui.widgets.session_title import fit_title, shorten, without_part

GROUP = "Riverside Borough Council — Customer Services"
LABEL = "Part 2 · 2026-11-30"
TITLE = "Six-month review"


def test_a_title_that_fits_is_shown_whole() -> None:
    assert fit_title(GROUP, LABEL, TITLE, 200) == f"{GROUP} · {LABEL} · {TITLE}"
    assert fit_title(GROUP, LABEL, "", 200) == f"{GROUP} · {LABEL}"


def test_the_groups_name_is_shortened_first() -> None:
    shown = fit_title(GROUP, LABEL, TITLE, 60)
    assert shown.endswith(f" · {LABEL} · {TITLE}")
    assert shown.startswith("Riverside Borough") and "…" in shown
    assert cell_len(shown) <= 60


def test_too_narrow_for_a_useful_name_the_group_is_left_out() -> None:
    shown = fit_title(GROUP, LABEL, TITLE, 44)
    assert shown == f"{LABEL} · {TITLE}"
    assert fit_title(GROUP, LABEL, TITLE, 30) == f"{LABEL} · Six-mon…"


def test_every_width_is_respected_even_with_wide_characters() -> None:
    for group in (GROUP, "市民サービス向上チーム" * 3, ""):
        for width in range(1, 90):
            shown = fit_title(group, LABEL, "顧客満足の見直し", width)
            assert cell_len(shown) <= width, (group, width, shown)
            assert shown


def test_shorten_marks_what_it_cut() -> None:
    assert shorten("abcdef", 6) == "abcdef"
    assert shorten("abcdef", 4) == "abc…"
    assert shorten("ab cdef", 4) == "ab…"
    assert shorten("日本語", 4) == "日…"


@pytest.mark.parametrize(
    ("part", "title", "shown"),
    [
        (2, "Part 2: six-month review", "six-month review"),
        (1, "part 1 - building it", "building it"),
        (1, "PART 1 · Kick-off", "Kick-off"),
        (2, "Part 1: building it", "Part 1: building it"),  # another part: kept whole
        (2, "Part 2", "Part 2"),  # nothing but the part: kept
        (3, "Partners and suppliers", "Partners and suppliers"),
        (1, "Six-month review", "Six-month review"),
        (2, "Part 2.5 review", "Part 2.5 review"),
        (2, "Part 2nd workshop", "Part 2nd workshop"),
        (2, "Part 2 of 3: review", "Part 2 of 3: review"),
    ],
)
def test_a_title_does_not_repeat_its_part_beside_it(part: int, title: str, shown: str) -> None:
    """Home read "Part 1 · Part 1: building…": the demo's titles, like many a facilitator's,
    start with their part."""
    assert without_part(part, title) == shown
