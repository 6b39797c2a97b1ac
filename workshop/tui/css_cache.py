"""A stylesheet that keeps what it parses on disk: the next start reads the rules back.

Textual parses every stylesheet at every start, ours and the default CSS of each kind of
widget shown: about 20 ms of the home screen's start and 26 ms of a session's, more than the
rest of our own start-up code. Parsed rules are plain objects; pickled, they load eight times
faster than they parse. Each parse is kept under a key made of everything it depends on: the
CSS text, where it was read from and as what, the CSS variables (the theme), the install of
Textual (its parser's files and those of the values the rules hold, see `_textual_release`)
and Python's version. Nothing else is kept there; the folder can be deleted at any time.

A cache that cannot be read or written is passed over: the CSS is then parsed, as Textual
parses it. Rules with errors are never kept (Textual reports them from the parse)."""

from __future__ import annotations

import sys
from pathlib import Path

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from workshop import cache


class CachedStylesheet(Stylesheet):
    """Textual's stylesheet, reading its parsed rules from `folder` when they are there."""

    def __init__(
        self, *, variables: dict[str, str] | None = None, folder: Path | None = None
    ) -> None:
        super().__init__(variables=variables)
        self.folder = folder
        self._setting: str | None = None  # what, besides its own key, a parse depends on

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._setting = None

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        folder = self.folder
        release = _textual_release() if folder is not None else None
        if folder is None or release is None or key in self._parse_cache:
            return super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if self._setting is None:
            variables = sorted(self._variables.items())
            self._setting = repr((variables, release, sys.version))
        # (a file of another key under the same checksum name is never taken for this one)
        full_key = repr(key) + self._setting
        path = folder / cache.entry_name(full_key)
        rules = _rules(cache.load(path, full_key))
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):
                cache.save(path, full_key, rules)
        self._parse_cache[key] = rules
        return rules

    def reparse(self) -> None:
        # As Textual's reparse (a fresh stylesheet parses the sources, so that an error leaves
        # this one whole), with the fresh one reading the cache too: a screen that brings CSS
        # of its own has every source parsed again.
        fresh = CachedStylesheet(variables=self._variables, folder=self.folder)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(
                css,
                read_from=read_from,
                is_default_css=is_defaults,
                tie_breaker=tie_breaker,
                scope=scope,
            )
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False


_RELEASE: list[object] = []  # the stamp of the installed Textual, worked out once


def _textual_release() -> object:
    """Which Textual parsed the rules: the files of its CSS parser and of the values the rules
    hold (colours, sizes…), with their times and sizes (`workshop.cache.code_stamp`). Not
    `textual.__version__`: Textual works that out from the package metadata, which takes 8 ms
    to import, and a version number misses an edited or checked-out Textual."""
    if not _RELEASE:
        package = Path(textual.__file__).parent
        values = (package / name for name in ("color.py", "geometry.py", "_border.py"))
        _RELEASE.append(cache.code_stamp(package / "css", *values))
    return _RELEASE[0]


def _rules(kept: object) -> list[RuleSet] | None:
    if isinstance(kept, list) and all(isinstance(rule, RuleSet) for rule in kept):
        return kept
    return None
