"""The parsed-CSS cache: what it reads back is what Textual parses, for the same key only; a
cache that cannot be used is passed over; the app starts with it and draws the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.css import stylesheet as textual_stylesheet

from workshop.cache import CACHE_ENV, cache_folder
from workshop.store import Store
from workshop.tui import css_cache
from workshop.tui.app import WorkshopApp
from workshop.tui.css_cache import CachedStylesheet

APP_CSS = (Path(css_cache.__file__).parent / "app.tcss").read_text(encoding="utf-8")
WHERE = ("app.tcss", "")
VARIABLES = {"primary": "#0178D4", "muted-text": "#999999"}
CSS = """
Screen { background: $primary; }
#title { color: $muted-text; text-style: bold; padding: 1 2; }
.card > Label:focus-within { border: round $primary; }
"""


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The CSS texts Textual's parser is run on."""
    seen: list[str] = []
    original = textual_stylesheet.parse  # type: ignore[attr-defined]

    def counting(scope: str, css: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(css)
        return original(scope, css, *args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting)
    return seen


def parsed(sheet: textual_stylesheet.Stylesheet, css: str = CSS) -> list[str]:
    return [rule.css for rule in sheet._parse_rules(css, WHERE)]


def test_rules_read_back_are_the_rules_textual_parses(tmp_path: Path, parses: list[str]) -> None:
    plain = parsed(textual_stylesheet.Stylesheet(variables=VARIABLES))
    first = parsed(CachedStylesheet(variables=VARIABLES, folder=tmp_path))
    assert len(parses) == 2 and len(list(tmp_path.iterdir())) == 1
    again = parsed(CachedStylesheet(variables=VARIABLES, folder=tmp_path))
    assert len(parses) == 2  # read back, not parsed
    assert plain == first == again
    assert any("#0178D4" in rule.upper() for rule in again)  # the variables are in there


def test_the_apps_own_stylesheet_reads_back_as_parsed(tmp_path: Path, store: Store) -> None:
    variables = WorkshopApp(store).get_css_variables()
    textual = parsed(textual_stylesheet.Stylesheet(variables=variables), APP_CSS)
    written = parsed(CachedStylesheet(variables=variables, folder=tmp_path), APP_CSS)
    read = parsed(CachedStylesheet(variables=variables, folder=tmp_path), APP_CSS)
    assert textual == written == read and len(read) > 20


def test_other_variables_or_other_css_are_parsed_anew(tmp_path: Path, parses: list[str]) -> None:
    parsed(CachedStylesheet(variables=VARIABLES, folder=tmp_path))
    other_theme = parsed(
        CachedStylesheet(variables={**VARIABLES, "primary": "#FF0000"}, folder=tmp_path)
    )
    assert any("#FF0000" in rule.upper() for rule in other_theme)
    edited = parsed(
        CachedStylesheet(variables=VARIABLES, folder=tmp_path), CSS + "Label { width: 3; }"
    )
    assert any("width: 3" in rule for rule in edited)
    assert len(parses) == 3
    sheet = CachedStylesheet(variables=VARIABLES, folder=tmp_path)
    assert not any("#123456" in rule.upper() for rule in parsed(sheet))
    sheet.set_variables({**VARIABLES, "muted-text": "#123456"})  # (as a theme change does)
    assert any("#123456" in rule.upper() for rule in parsed(sheet))


def test_a_file_of_another_key_under_the_same_name_is_not_taken(tmp_path: Path) -> None:
    parsed(CachedStylesheet(variables=VARIABLES, folder=tmp_path))
    (kept,) = tmp_path.iterdir()
    other = tmp_path / "other"
    parsed(CachedStylesheet(variables=VARIABLES, folder=other), "Label { width: 7; }")
    (foreign,) = other.iterdir()
    kept.write_bytes(foreign.read_bytes())  # as if two keys had one checksum
    assert parsed(CachedStylesheet(variables=VARIABLES, folder=tmp_path)) == parsed(
        textual_stylesheet.Stylesheet(variables=VARIABLES)
    )


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_cache_file_is_parsed_again_and_replaced(tmp_path: Path, damage: bytes) -> None:
    expected = parsed(CachedStylesheet(variables=VARIABLES, folder=tmp_path))
    (kept,) = tmp_path.iterdir()
    kept.write_bytes(damage)
    assert parsed(CachedStylesheet(variables=VARIABLES, folder=tmp_path)) == expected
    assert kept.read_bytes() != damage  # written again, whole
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_cache_folder_that_cannot_be_made_is_passed_over(
    tmp_path: Path, parses: list[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")  # (root ignores modes: a file, not chmod)
    sheet = CachedStylesheet(variables=VARIABLES, folder=blocker / "css")
    assert parsed(sheet) == parsed(textual_stylesheet.Stylesheet(variables=VARIABLES))
    assert parsed(CachedStylesheet(variables=VARIABLES, folder=blocker / "css"))
    assert len(parses) == 3  # every time parsed, nothing raised


def test_css_with_errors_is_never_kept(tmp_path: Path) -> None:
    sheet = CachedStylesheet(variables=VARIABLES, folder=tmp_path)
    rules = sheet._parse_rules("Label { colour: red; }", WHERE)
    assert any(rule.errors for rule in rules)
    assert not list(tmp_path.iterdir())


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "here"))
    assert cache_folder("css") == tmp_path / "here" / "css"
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_folder("css") is None
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder("listing") == tmp_path / "xdg" / "service-strategy-workshop" / "listing"


def test_a_reparse_reads_the_cache_too(tmp_path: Path, parses: list[str]) -> None:
    sheet = CachedStylesheet(variables=VARIABLES, folder=tmp_path)
    sheet.add_source(CSS, read_from=WHERE)
    sheet.parse()
    before = [rule.css for rule in sheet.rules]
    sheet.reparse()  # what Textual does when a screen brings CSS of its own
    assert [rule.css for rule in sheet.rules] == before
    assert len(parses) == 1
