"""Date phrases ("on November 16, 2024", "held on March 3-4, 2025", "on Feb. 13 and 14", "on
Monday", "next Friday", "this month", "in 2006") and the values a facts file takes for them: a
date as precise as the text, or a day relative to the article's publication date, which `kg build`
resolves itself."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from graph.draft.lexicon import MONTHS, WEEKDAYS

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PREP = r"\b(?:(?P<prep>on|from|between|since|until|by|in|for|held|opened|opens|starting|through|of)\s+)?"
_PATTERNS = [
    ("range2", re.compile(_PREP + r"(?P<m1>" + _MONTH + r")\s+(?P<d1>" + _DAY + r")\s*(?:-|–|to|until|through)\s*"
                          r"(?P<m2>" + _MONTH + r")\s+(?P<d2>" + _DAY + r")(?:,?\s+(?P<y>" + _YEAR + r"))?")),
    ("range", re.compile(_PREP + r"(?P<m1>" + _MONTH + r")\s+(?P<d1>" + _DAY + r")\s*(?:-|–|to|and|&|until|through)"
                         r"\s*(?P<d2>" + _DAY + r")\b(?:,?\s+(?P<y>" + _YEAR + r"))?")),
    ("range_dmy", re.compile(_PREP + r"(?P<d1>" + _DAY + r")\s*(?:-|–|to|and)\s*(?P<d2>" + _DAY + r")\s+(?P<m1>" +
                             _MONTH + r")(?:,?\s+(?P<y>" + _YEAR + r"))?")),
    ("mdy", re.compile(_PREP + r"(?:" + _WEEKDAY + r",\s+)?(?P<m1>" + _MONTH + r")\s+(?P<d1>" + _DAY + r")\b(?:,?\s+(?P<y>"
                       + _YEAR + r"))?")),
    ("dmy", re.compile(_PREP + r"(?P<d1>" + _DAY + r")\s+(?P<m1>" + _MONTH + r")(?:,?\s+(?P<y>" + _YEAR + r"))?")),
    ("my", re.compile(_PREP + r"(?P<m1>" + _MONTH + r")(?:\s+(?P<y>" + _YEAR + r"))?\b")),
    ("weekday", re.compile(r"\b(?:(?P<prep>on|since|until|till|through|by)\s+)?(?:(?P<rel>last|next|this|on)\s+)?(?P<wd>" + _WEEKDAY +
                           r")\b")),
    ("named", re.compile(r"\b(?P<wd>today|yesterday|tomorrow|tonight)\b")),
    ("month", re.compile(r"\b(?:(?P<prep>for|in|during)\s+)?(?P<rel>this|next|last)\s+month\b")),
    ("year", re.compile(r"\b(?P<prep>in|since|for|from|until|by)\s+(?P<y>" + _YEAR + r")\b")),
]


@dataclass(frozen=True)
class DatePhrase:
    start: int
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM, YYYY, or today / Monday / last Monday / next Monday
    end_value: str | None
    text: str  # as the article says it: "on Monday"
    relative: bool
    preposition: str | None


def _month(word: str) -> int:
    return MONTHS[word.rstrip(".").casefold()]


def _year_for(month: int, day: int | None, published: date | None) -> int | None:
    """The year of a date written without one: the one that puts it nearest the publication date."""
    if published is None:
        return None
    best = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day or 1)
        except ValueError:
            continue
        distance = abs((candidate - published).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    try:
        return date(year, month, day).isoformat() if day else f"{year:04d}-{month:02d}"
    except ValueError:
        return None


def coming(phrase: DatePhrase) -> str | None:
    """ "next Friday" for a bare weekday said of what is still to come; None for any other date."""
    if phrase.relative and phrase.value[:1].isupper() and " " not in phrase.value:
        return f"next {phrase.value}"
    return None


def find(text: str, start: int, end: int, published: date | None) -> list[DatePhrase]:
    """Every date phrase in text[start:end], longest first where two overlap, in order."""
    found: list[DatePhrase] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            phrase = _phrase(kind, match, published)
            if phrase is not None:
                found.append(phrase)
                taken.append(span)
    return sorted(found, key=lambda p: p.start)


def _phrase(kind: str, match: re.Match, published: date | None) -> DatePhrase | None:
    groups = match.groupdict()
    prep = groups.get("prep")
    words = match.group()
    start, end = match.span()
    if kind in ("weekday", "named"):
        weekday = groups["wd"].casefold()
        if weekday == "tonight":
            weekday = "today"
        rel = groups.get("rel")
        value = f"{rel} {groups['wd']}" if rel in ("last", "next") else groups["wd"] if weekday in WEEKDAYS \
            else weekday
        if rel == "this" and published is not None and weekday in WEEKDAYS:
            offset = (WEEKDAYS.index(weekday) - published.weekday()) % 7
            value = (published + timedelta(days=offset)).isoformat()
            return DatePhrase(start, end, value, None, words, False, prep)
        return DatePhrase(start, end, value, None, words, True, prep)
    if kind == "month":
        if published is None:
            return None
        shift = {"this": 0, "next": 1, "last": -1}[groups["rel"]]
        month = published.month + shift
        year = published.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return DatePhrase(start, end, f"{year:04d}-{month:02d}", None, words, False, prep)
    if kind == "year":
        return DatePhrase(start, end, groups["y"], None, words, False, prep)
    month = _month(groups["m1"])
    if kind == "my":
        year = int(groups["y"]) if groups.get("y") else _year_for(month, None, published)
        if groups.get("y") is None and not prep:
            return None  # "May" alone is as often a verb
        value = _iso(year, month, None)
        return DatePhrase(start, end, value, None, words, False, prep) if value else None
    day = int(re.match(r"\d+", groups["d1"]).group())
    year = int(groups["y"]) if groups.get("y") else _year_for(month, day, published)
    value = _iso(year, month, day)
    if value is None:
        return None
    end_value = None
    if kind in ("range", "range2", "range_dmy"):
        month2 = _month(groups["m2"]) if groups.get("m2") else month
        day2 = int(re.match(r"\d+", groups["d2"]).group())
        year2 = year if month2 >= month else (year + 1 if year else None)
        end_value = _iso(year2, month2, day2)
        if end_value is None or end_value <= value:
            end_value = None
    return DatePhrase(start, end, value, end_value, words, False, prep)


def duration(text: str) -> tuple[str, int, int] | None:
    """'a two-day conference' → ('P2D', start, end); 'a week of strikes' → P1W."""
    from graph.draft.lexicon import NUMBER_WORDS

    match = re.search(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)"
                      r"-(?P<unit>day|week|month)\b", text)
    if match:
        n = match.group("n")
        number = int(n) if n.isdigit() else NUMBER_WORDS[n]
        return f"P{number}{match.group('unit')[0].upper()}", match.start(), match.end()
    return None
