"""`draft()`: an article's text → the first draft of its facts file. The stages run in the order
each needs the one before: names, the words that refer to them, events, pronouns, roles,
statements, what the text says about events; then the facts file is written."""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from graph.draft.emit import Draft, render
from graph.draft.entities import Found
from graph.draft.eventfacts import EventFacts
from graph.draft.events import Events
from graph.draft.files import check_target, folder_for, read_input, write_folder
from graph.draft.header import header
from graph.draft.model import ORGANIZATION, PERSON, PLACE
from graph.draft.names import lower_words
from graph.draft.quotes import Quotes
from graph.draft.refer import Referrer
from graph.draft.reported import Reported, amounts
from graph.draft.roles import Roles
from graph.draft.runs import dateline
from graph.draft.tagging import Pronouns
from graph.draft.text import Doc
from graph.errors import DraftError


def _singular(kind: str) -> str:
    """'people' → 'person', 'direct quotes' → 'direct quote', 'event roles' → 'event role'."""
    return "person" if kind == "people" else kind[:-1] if kind.endswith("s") else kind


@dataclass(frozen=True)
class Drafted:
    facts: str  # the facts file
    counts: dict[str, int]

    def summary(self) -> str:
        shown = ", ".join(f"{n} {_singular(kind) if n == 1 else kind}" for kind, n in self.counts.items()
                          if kind != "marked for review")
        return f"{shown}; {self.counts.get('marked for review', 0)} marked REVIEW"


def draft(text: str, published: date | None = None, publisher: str | None = None, url: str | None = None) -> Drafted:
    """The draft facts file for `text` (the article as it will stand in article.txt)."""
    doc = Doc(text)
    line = dateline(doc)
    found = Found(doc, line)
    head = header(found, line, published, publisher)
    published = head.published
    referrer = Referrer(found)
    referrer.organization_nouns()
    referrer.governments()
    referrer.unnamed_sources()
    referrer.named_later()
    referrer.plural_bodies()
    referrer.offices()
    events = Events(found, published)
    skip = set(head.credit_sentences)
    if doc.sentences and doc.sentences[0].paragraph == 0:
        skip.add(0)
    first_start = {}
    lead = None
    if line is not None:
        lead = doc.sentence_at(line.end)
        first_start[lead] = line.end
    else:
        lead = next((i for i in range(len(doc.sentences)) if i not in skip), None)
    tagged = Pronouns(doc, found.mentions, skip, first_start).run()
    city, country = _home(found, line)
    roles = Roles(found, referrer, events, tagged, country, city)
    roles.run()
    referrer.role_descriptions()
    for person, role, span in referrer.role_people:
        roles.title_role(person, role, span)
    tagged = Pronouns(doc, found.mentions, skip, first_start).run()
    facts = EventFacts(found, events, tagged, published, lead, (line.start, line.end) if line else (0, 0), city
                       if line is not None and line.city else None)
    facts.run()
    quotes = Quotes(doc, tagged, published)
    statements = quotes.run()
    standing = {**_organizers(found, events), **referrer.groups}
    statements += Reported(doc, tagged, published, quotes.used, lower_words(text), standing).run()
    found.entities = [e for e in found.entities if id(e) not in standing]  # said for by the organizers
    for statement in statements:
        if statement.kind == "reported":
            amounts(text, statement)
    result = Draft(text, head, found.entities, events.events, roles.affiliations,
                   roles.event_roles + facts.roles, statements, url)
    facts_file = render(result)
    return Drafted(facts_file, result.counts)


def _home(found: Found, line):
    """The city and country the story is about: the dateline's city and its country, else the
    country the text names most."""
    city = country = None
    if line is not None and line.city:
        city = next((m.entity for m in found.mentions.starting(line.city[0]) if m.entity.kind == PLACE), None)
        if city is not None and city.country is not None:
            country = city.country
    if country is None:
        counts: dict[int, int] = {}
        by_id = {}
        for mention in found.mentions:
            if mention.entity.kind == PLACE and mention.entity.place_kind == "country":
                counts[id(mention.entity)] = counts.get(id(mention.entity), 0) + 1
                by_id[id(mention.entity)] = mention.entity
        if counts:
            best = max(counts.values())
            leaders = [by_id[k] for k, v in counts.items() if v == best]
            country = leaders[0] if len(leaders) == 1 else None
    if city is None:
        cities = list(dict.fromkeys(m.entity for m in found.mentions if m.entity.kind == PLACE and
                                    m.entity.place_kind == "city"))
        city = cities[0] if len(cities) == 1 else None
    return city, country


def draft_folder(source: str, out: Path | None, published: str | None = None, publisher: str | None = None,
                 url: str | None = None, force: bool = False) -> str:
    """`kg draft`: read the text (a file, or - for standard input), draft its facts file and write
    both into the article folder; the one-line summary of what was written."""
    when = _date_option(published)
    if url is not None and not _valid_url(url):
        raise DraftError(f"--url '{url}' is not an address kg build accepts; give one starting with http:// or "
                         "https://, with no spaces, quotes or < >")
    data, text = read_input(source)
    folder = folder_for(out, text.lstrip("\ufeff").strip().splitlines()[0])
    check_target(folder, data, force)
    drafted = draft(text, when, publisher, url)
    path = write_folder(folder, data, drafted.facts)
    return f"{path}: {drafted.summary()}"


def _date_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise DraftError(f"--published '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2024-11-16") from None


def _valid_url(url: str) -> bool:
    from graph.vocab import is_valid_url  # what kg build accepts; loaded only for --url

    return is_valid_url(url)


def _organizers(found: Found, events: Events) -> dict[int, list]:
    """ "the organisers" of a story about one event are that event's organizers, when the text names them."""
    main = events.main()
    if main is None or not main.organizers or any(e.kind not in (PERSON, ORGANIZATION) for e in main.organizers):
        return {}
    return {id(e): list(main.organizers) for e in found.entities
            if e.kind == ORGANIZATION and e.description and re.search(r"\borgani[sz]ers\b", e.description)}
