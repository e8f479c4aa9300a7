"""Typed reading of one facts-file entry, with errors that name file, line, field and fix."""

import difflib
import re
from datetime import date, timedelta
from pathlib import Path

from graph.errors import SourceError
from graph.facts.evidence import ArticleText, Evidence
from graph.facts.loader import YList, YMap
from graph.facts.model import Sourced, When
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

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, f"'{key}' of {self.what} must be true or false, not {value!r}")
        return value

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

    def when_field(self, key: str, published: date | None) -> When | None:
        """A date as precise as the article (YYYY-MM-DD, YYYY-MM, YYYY), or a day relative to the
        article's publication date (today, yesterday, tomorrow, Monday, last Monday, next Monday)."""
        value = self.text_field(key, required=False)
        if value is None:
            return None
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return When(self.date_field(key).isoformat(), "date")  # type: ignore[union-attr]
        if re.fullmatch(r"\d{4}-\d{2}", value):
            if not 1 <= int(value[5:]) <= 12:
                raise self.fail(key, f"'{key}' of {self.what} is not a valid month: '{value}'; write it as YYYY-MM, "
                                     "e.g. 2025-02")
            return When(value, "gYearMonth")
        if re.fullmatch(r"\d{4}", value):
            return When(value, "gYear")
        day = _relative_day(value)
        if day is None:
            raise self.fail(key, f"'{key}' of {self.what} is not a date: '{value}'; write YYYY-MM-DD, YYYY-MM or YYYY "
                                 "(as precise as the article), or a day relative to the publication date: today, "
                                 "yesterday, tomorrow, Monday, last Monday, next Monday")
        if published is None:
            raise self.fail(key, f"'{key}' of {self.what} is '{value}', a day relative to the article's date; add "
                                 "'published: YYYY-MM-DD' to the article, or write the date")
        return When(day(published).isoformat(), "date", value)

    def ids(self, key: str) -> list[object]:
        """One id or a list of them (a joint statement, two co-hosts)."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            if not value:
                raise self.fail(key, f"'{key}' of {self.what} is an empty list; name at least one id or remove it")
            return list(value)
        return [value]

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

    def sourced(self, key: str, value: object, default: Evidence | None) -> Sourced:
        """A relation field's value with its own `<key>_evidence`, or the entry's evidence."""
        own = self.evidence(f"{key}_evidence", required=False)
        return Sourced(value, own or default)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NAMED_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _relative_day(phrase: str):
    """A function of the publication date for a relative day phrase, or None if it is not one.
    A bare weekday is the latest one on or before the publication date, as news reports it."""
    words = phrase.casefold().removeprefix("on ").split()
    if len(words) == 1 and words[0] in _NAMED_DAYS:
        return lambda day: day + timedelta(days=_NAMED_DAYS[words[0]])
    if words and words[-1] in _WEEKDAYS and len(words) <= 2 and (len(words) == 1 or words[0] in ("last", "next")):
        weekday = _WEEKDAYS.index(words[-1])
        if words[0] == "next":
            return lambda day: day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)
        strictly = words[0] == "last"
        return lambda day: day - timedelta(days=(day.weekday() - weekday - strictly) % 7 + strictly)
    return None
