"""Typed reading of one facts-file entry, with errors that name file, line, field and fix."""

import difflib
from datetime import date
from pathlib import Path

from graph.errors import SourceError
from graph.facts.evidence import ArticleText, Evidence
from graph.facts.loader import YList, YMap
from graph.facts.model import Sourced
from graph.text import shorten
from graph.vocab import is_valid_id

_TYPE_NAMES = {dict: "a mapping", YMap: "a mapping", list: "a list", YList: "a list", bool: "true/false",
               int: "a number", float: "a number", str: "text", type(None): "empty"}


def type_name(value: object) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Entry:
    """One mapping of the facts file (an article header, a person, a statement, ...)."""

    def __init__(self, data: YMap, path: Path, what: str, text: ArticleText, text_name: str):
        self.data = data
        self.path = path
        self.what = what
        self.text = text
        self.text_name = text_name

    def fail(self, key: str | None, message: str) -> SourceError:
        line = self.data.line_of(key) if key else self.data.line
        return SourceError(f"{self.path}:{line}: {message}")

    def check_fields(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                hint = did_you_mean(key, list(allowed)) or f"; allowed: {', '.join(allowed)}"
                raise self.fail(key, f"unknown field '{key}' in {self.what}{hint}")

    def text_field(self, key: str, required: bool = True) -> str | None:
        if key not in self.data or self.data[key] is None:
            if required:
                raise self.fail(None, f"{self.what} has no '{key}'; add '{key}: ...' to it")
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(key, f"'{key}' of {self.what} must be text, not {type_name(value)}; write one value")
        value = str(value).strip()
        if not value:
            raise self.fail(key, f"'{key}' of {self.what} is empty; write its value or remove the field")
        return value

    def required(self, key: str) -> str:
        value = self.text_field(key)
        assert value is not None
        return value

    def id_field(self, key: str = "id") -> str:
        value = self.required(key)
        if not is_valid_id(value):
            raise self.fail(
                key,
                f"'{value}' is not a valid id; use letters, digits, '-', '_' or '.', e.g. he-jie",
            )
        return value

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, f"'{key}' of {self.what} must be a list of text, e.g. [{key[:-1]} one, ...]")
        return tuple(v.strip() for v in value)

    def integer(self, key: str) -> int:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, f"'{key}' of {self.what} must be a whole number ≥ 0, not {value!r}")
        return value

    def date_field(self, key: str) -> date | None:
        value = self.text_field(key, required=False)
        if value is None:
            return None
        try:
            return date.fromisoformat(value) if len(value) == 10 else date.fromisoformat("invalid")
        except ValueError:
            raise self.fail(
                key, f"'{key}' of {self.what} is not a valid date: '{value}'; write it as YYYY-MM-DD, e.g. 2024-11-16"
            ) from None

    def evidence(self, key: str = "evidence", required: bool = True) -> Evidence | None:
        excerpt = self.text_field(key, required=required)
        if excerpt is None:
            return None
        found = self.text.find(excerpt)
        if found is None:
            closest = self.text.closest(excerpt)
            hint = (
                f"; closest passage ({self.text_name} line {closest[1]}): \"{shorten(closest[0], 70)}\""
                if closest
                else ""
            )
            raise self.fail(
                key,
                f"evidence of {self.what} not found in {self.text_name}: \"{shorten(excerpt, 70)}\"{hint}; "
                "copy the passage exactly as the article has it",
            )
        return found

    def sourced(self, key: str, value: object, default: Evidence) -> Sourced:
        """A relation field's value with its own `<key>_evidence`, or the entry's evidence."""
        own = self.evidence(f"{key}_evidence", required=False)
        return Sourced(value, own or default)
