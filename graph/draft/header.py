"""The article's header and credits: the headline (its first line), the byline ("By Ana Ruiz,
Harbour Wire", "Mathilde Moreau for TROIB News", "Reporting by Example Wire"), the dateline's
publisher and date, and the publication date when only the dateline and the text's years give it."""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from graph.draft.entities import Found
from graph.draft.lexicon import MONTHS
from graph.draft.model import ORGANIZATION, PERSON, Entity
from graph.draft.runs import Dateline

_CREDIT = [
    re.compile(r"(?:Reporting|Writing|Written|Text|Story|Words)\s+by\s+(?P<who>.+?)\s*$"),
    re.compile(r"By\s+(?P<who>[^,;]+?)(?:\s*[,;]\s*(?P<pub>[^,;]+?))?\s*$"),
    re.compile(r"(?P<who>[A-Z][^,;]{2,60}?)\s+for\s+(?P<pub>[A-Z].{1,60}?)\s*$"),
]
_FULL_DATE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                        r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2}"
                        r"(?:\s*[-–]\s*\d{1,2})?,\s+(?P<year>(?:19|20)\d\d)\b")


@dataclass
class Header:
    headline: tuple[int, int]
    author: Entity | None = None
    author_evidence: tuple[int, int] | None = None
    publisher: Entity | None = None
    publisher_evidence: tuple[int, int] | None = None
    credit_sentences: frozenset[int] = frozenset()
    published: date | None = None
    published_how: str | None = None
    published_evidence: tuple[int, int] | None = None


def header(found: Found, line: Dateline | None, published: date | None, publisher: str | None) -> Header:
    doc = found.doc
    first = doc.paragraphs[0] if doc.paragraphs else (0, 0)
    if first[1] - first[0] > 250 and doc.sentences and doc.sentences[0].end < first[1]:
        first = (doc.sentences[0].start, doc.sentences[0].end)  # no headline line: the first sentence
    result = Header(first, published=published)
    credits = set()
    candidates = [len(doc.paragraphs) - 1, len(doc.paragraphs) - 2, 1]
    for index in dict.fromkeys(i for i in candidates if 0 < i < len(doc.paragraphs)):
        start, end = doc.paragraphs[index]
        for pattern in _CREDIT:
            match = pattern.match(doc.text, start, end)
            if match and end - start < 120:
                credits.update(i for i, s in enumerate(doc.sentences) if s.paragraph == index)
                _credit(found, result, match)
                break
    result.credit_sentences = frozenset(credits)
    if result.publisher is None and line is not None and line.publisher:
        entity = _entity_in(found, *line.publisher, ORGANIZATION)
        if entity is not None:
            result.publisher, result.publisher_evidence = entity, (line.publisher[0] - 1, line.publisher[1] + 1)
    if publisher:
        _given_publisher(found, result, publisher)
    if line is not None and line.date:
        result.published_evidence = line.date
        if published is None:
            _infer_published(found, result, line)
        elif not _dateline_agrees(doc.text[line.date[0]:line.date[1]], published):
            result.published_evidence = None
    return result


def _credit(found: Found, result: Header, match: re.Match) -> None:
    who = (match.start("who"), match.end("who"))
    pub = (match.start("pub"), match.end("pub")) if match.groupdict().get("pub") else None
    person = _entity_in(found, *who, PERSON)
    organization = _entity_in(found, *who, ORGANIZATION)
    if person is not None and result.author is None:
        result.author, result.author_evidence = person, (match.start(), match.end("who"))
    elif organization is not None and result.publisher is None:
        result.publisher, result.publisher_evidence = organization, (match.start(), match.end())
    if pub is not None and result.publisher is None:
        organization = _entity_in(found, *pub, ORGANIZATION)
        if organization is not None:
            result.publisher, result.publisher_evidence = organization, (match.start(), match.end())


def _entity_in(found: Found, start: int, end: int, kind: str) -> Entity | None:
    return next((m.entity for m in found.mentions.within(start, end) if m.entity.kind == kind), None)


def _given_publisher(found: Found, result: Header, name: str) -> None:
    """--publisher NAME: the organization of that name if the text names it (it needs evidence)."""
    text = found.doc.text
    at = text.find(name)
    if at < 0:
        lowered = text.casefold().find(name.casefold())
        at = lowered if lowered >= 0 and len(text.casefold()) == len(text) else -1
    if at < 0:
        result.publisher = None
        result.publisher_how = name  # type: ignore[attr-defined]
        return
    written = text[at:at + len(name)]
    entity = found.keys.get((ORGANIZATION, written.casefold())) or found.add(
        ORGANIZATION, written, written, (at, at + len(name)), "the publisher given with --publisher")
    result.publisher, result.publisher_evidence = entity, (at, at + len(name))


def _dateline_agrees(text: str, published: date) -> bool:
    month, day = _month_day(text)
    return month == published.month and day == published.day


def _infer_published(found: Found, result: Header, line: Dateline) -> None:
    text = found.doc.text
    month, day = _month_day(text[line.date[0]:line.date[1]])
    years = Counter(m.group("year") for m in _FULL_DATE.finditer(text))
    if month is None or not years:
        result.published_evidence = None
        return
    year = int(years.most_common(1)[0][0])
    try:
        result.published = date(year, month, day)
    except ValueError:
        result.published_evidence = None
        return
    result.published_how = (f"the dateline's day and the year the text's dates give ({year}); "
                            "check it or give --published")


def _month_day(text: str) -> tuple[int | None, int | None]:
    """ "March 5", "Sept. 20" or "9 October" → (month, day)."""
    match = re.match(r"([A-Za-z]+)\.?\s+(\d+)", text) or re.match(r"(\d+)\s+([A-Za-z]+)", text)
    if not match:
        return None, None
    word, number = (match.group(1), match.group(2)) if match.group(1).isalpha() else (match.group(2), match.group(1))
    month = MONTHS.get(word.casefold())
    return (month, int(number)) if month else (None, None)
