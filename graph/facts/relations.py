"""The facts that link entities, read from a facts file: events (hosts, dates, numbers), the
roles people and hosts hold, and statements (speakers, quotes and the words quoted in them).

The facts reader (graph/facts/read.py) hands each entry here once the entities are declared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from graph.facts.fields import Entry
from graph.facts.loader import YList, YMap
from graph.facts.model import (
    DIRECT, REPORTED, Amount, Count, Event, EventRole, Membership, Participants, Sourced, Statement,
)
from graph.kinds import HOST_KINDS, SPEAKER_KINDS
from graph.text import shorten

if TYPE_CHECKING:
    from graph.facts.read import _Reader

#: Who may employ someone: an organization, or a state (a role at a country).
MEMBER_OF_KINDS = ("organization", "place")
_DURATION = re.compile(r"^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_DECIMAL = re.compile(r"^\d+(\.\d+)?$")


def membership(reader: _Reader, e: Entry) -> Membership:
    person, organization = reader.ref(e, "person", "person"), reader.ref(e, "organization", MEMBER_OF_KINDS)
    e.what = f"the affiliation of '{person}' with '{organization}'"
    return Membership(person, organization, e.required("role"), e.evidence(), e.flag("former"))


def event_role(reader: _Reader, e: Entry) -> EventRole:
    """A person's role at an event (`person:`), or any host's (`agent:`: an organization, person or place)."""
    if ("person" in e.data) == ("agent" in e.data):
        both = "has both 'person' and 'agent'; keep one" if "person" in e.data else "needs 'person' or 'agent'"
        raise e.fail(None, f"{e.what} at '{e.data.get('event')}' {both}: 'person' for someone's role, 'agent' for an "
                           "organization's, person's or place's role (host, sponsor)")
    agent = reader.ref(e, "person", "person") if "person" in e.data else reader.ref(e, "agent", HOST_KINDS)
    return EventRole(agent, reader.ref(e, "event", "event"), e.required("role"), e.evidence())


def event(reader: _Reader, e: Entry, ident: str, name: str) -> Event:
    evidence = e.evidence()
    location = None
    if e.data.get("location") is not None:
        location = e.sourced("location", reader.ref(e, "location", "place"), evidence)
    topics: tuple[Sourced[str], ...] = ()
    if e.data.get("topics") is not None:
        ids = e.data["topics"]
        if not isinstance(ids, list):
            raise e.fail("topics", f"'topics' of {e.what} must be a list of topic ids, e.g. [cancer-prevention]")
        topic_evidence = e.evidence("topics_evidence", required=False) or evidence
        topics = tuple(_topic(reader, e, value, topic_evidence) for value in ids)
    participants = None
    if e.data.get("participants") is not None:
        p = reader.entry(e.data["participants"], "participants", e.data.line_of("participants"))
        p.what = f"participants of {e.what}"
        participants = Participants(p.integer("count"), p.required("description"), p.evidence(),
                                    p.text_field("qualifier", False))
    start, end = _when(reader, e, "date", evidence), _when(reader, e, "end_date", evidence)
    duration = e.text_field("duration", required=False)
    if duration is not None:
        duration = _xsd_duration(e, duration)
    return Event(ident, name, evidence, start, _hosts(reader, e, "organizer", evidence), location, topics,
                 participants, e.text_list("alternate_names"), end,
                 e.sourced("duration", duration, evidence) if duration else None, e.text_field("date_text", False),
                 _hosts(reader, e, "sponsors", evidence), _counts(reader, e), _amounts(reader, e),
                 e.text_field("theme", False), e.flag("online"))


def _topic(reader: _Reader, e: Entry, value: object, evidence) -> Sourced[str]:
    """A topic id, or {topic: id, evidence: ...} when the article names it in a passage of its own."""
    if not isinstance(value, YMap):
        return Sourced(reader.ref(e, "topics", "topic", value), evidence)
    t = reader.entry(value, "event topic", value.line)
    t.what = f"a topic of {e.what}"
    return Sourced(reader.ref(t, "topic", "topic"), t.evidence())


def _xsd_duration(e: Entry, written: str) -> str:
    """An ISO 8601 duration as xsd:duration has it: weeks (P2W), which XSD lacks, become days (P14D)."""
    match = _DURATION.match(written)
    if not match:
        raise e.fail("duration", f"'duration' of {e.what} is not an ISO 8601 duration: '{written}'; write e.g. P4D "
                                 "(four days), P2W (two weeks) or P1M (a month)")
    years, months, weeks, days = (int(part[:-1]) if part else 0 for part in match.groups())
    days += 7 * weeks
    text = "".join(f"{n}{unit}" for n, unit in ((years, "Y"), (months, "M"), (days, "D")) if n)
    return f"P{text or '0D'}"


def _decimal(value: str) -> str:
    """The canonical xsd:decimal (or xsd:integer) form, so both engines read one value: 12.50 → 12.5."""
    whole, _, fraction = value.partition(".")
    whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _when(reader: _Reader, e: Entry, key: str, evidence):
    when = e.when_field(key, reader.published)
    return e.sourced(key, when, evidence) if when else None


def _hosts(reader: _Reader, e: Entry, key: str, evidence) -> tuple[Sourced[str], ...]:
    own = e.evidence(f"{key}_evidence", required=False) or evidence
    return tuple(Sourced(ident, own) for ident in dict.fromkeys(reader.refs(e, key, HOST_KINDS)))


def _items(reader: _Reader, e: Entry, key: str, singular: str) -> Iterator[Entry]:
    items = e.data.get(key)
    if items is None:
        return
    if not isinstance(items, YList):
        raise e.fail(key, f"'{key}' of {e.what} must be a list of entries, each starting with '- '")
    for index, (item, line) in enumerate(zip(items, items.item_lines), 1):
        entry = reader.entry(item, singular, line)
        entry.what = f"{singular} {index} of {e.what}"
        yield entry


def _counts(reader: _Reader, e: Entry) -> tuple[Count, ...]:
    return tuple(Count(c.integer("count"), c.required("unit"), c.evidence(), c.text_field("qualifier", False))
                 for c in _items(reader, e, "counts", "count"))


def _amounts(reader: _Reader, e: Entry) -> tuple[Amount, ...]:
    found = []
    for a in _items(reader, e, "amounts", "amount"):
        value, currency = a.required("value").replace(",", ""), a.required("currency")
        if not _DECIMAL.match(value):
            raise a.fail("value", f"'value' of {a.what} must be a number ≥ 0, e.g. 2000000000 for $2 billion, "
                                  f"not '{value}'")
        if not _CURRENCY.match(currency):
            raise a.fail("currency", f"'currency' of {a.what} must be an ISO 4217 code such as USD, EUR or CNY, "
                                     f"not '{currency}'")
        found.append(Amount(_decimal(value), currency, a.evidence()))
    return tuple(found)


def statement(reader: _Reader, e: Entry) -> Statement:
    ident = e.id_field()
    if ident in reader.ids:
        raise e.fail("id", f"duplicate id '{ident}' (already used at line {reader.ids[ident][1]}); give each entry its own id")
    reader.ids[ident] = ("statement", e.data.line_of("id"))
    e.what = f"statement '{ident}'"
    kind = e.required("kind")
    if kind not in (DIRECT, REPORTED):
        raise e.fail("kind", f"'kind' of {e.what} must be '{DIRECT}' (a direct quote) or '{REPORTED}', not '{kind}'")
    text = e.required("text")
    evidence = e.evidence()
    if "speaker" not in e.data:
        raise e.fail(None, f"{e.what} has no 'speaker'; add 'speaker: ...' (a person or organization id, or a list "
                           "of them for a joint statement)")
    speakers = tuple(dict.fromkeys(reader.refs(e, "speaker", SPEAKER_KINDS)))
    if kind == DIRECT:
        _quoted(e, "text", text, evidence, "is a direct quote, but its text is")
    quoted = e.text_list("quoted")
    if quoted and kind == DIRECT:
        raise e.fail("quoted", f"'quoted' of {e.what} is for the speaker's own words inside reported speech; a direct "
                               "quote is all their own words, so remove it")
    for fragment in quoted:
        _quoted(e, "quoted", fragment, evidence, f"quotes \"{shorten(fragment, 40)}\", but that is")
    return Statement(ident, speakers, kind, text, evidence, e.text_field("verb", False),
                     e.text_field("medium", False), _when(reader, e, "date", evidence), quoted, _amounts(reader, e))


def _quoted(e: Entry, key: str, words: str, evidence, what: str) -> None:
    """The speaker's own words must stand in the article, inside the statement's evidence."""
    if e.text.find_quote(words, within=evidence) is not None:
        return
    if e.text.find_quote(words) is not None:
        raise e.fail(key, f"{e.what} {what} not inside its evidence; make the evidence the passage that holds "
                          "the quote")
    closest = e.text.closest(words)
    hint = f"; closest passage ({e.text_name} line {closest[1]}): \"{shorten(closest[0], 70)}\"" if closest else ""
    raise e.fail(key, f"{e.what} {what} not in {e.text_name}{hint}; quote the words exactly")
