"""The candidates written into the sections of a facts file, with their ids, evidence copied
from the text, and the comments that say how each was found. Only what `kg build` accepts is
written: references to entities that are written too, places of kind country where one is
needed, dates it can read."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from graph.draft.header import Header
from graph.draft.model import ORGANIZATION, PERSON, PLACE, Affiliation, Count, Entity, Event, EventRole, Statement
from graph.draft.write import Ids, Yaml, slug

INTRO = """Drafted by `kg draft` from the text beside this file: a first draft, not curated facts.
Each candidate says above it how it was found; '# REVIEW:' marks the uncertain ones. Read it
beside the article: delete what is wrong, fix what is off, add what was missed, then `kg build`.
Every evidence is copied from the text as it stands. The format: README.md, "Facts file"."""
_ROLE_WORDS = ("a ", "an ", "the ")


@dataclass
class Draft:
    text: str
    header: Header
    entities: list[Entity]
    events: list[Event]
    affiliations: list[Affiliation]
    event_roles: list[EventRole]
    statements: list[Statement]
    url: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def evidence(self, span: tuple[int, int]) -> str:
        return self.text[span[0]:span[1]].strip()


def render(d: Draft) -> str:
    out = Yaml()
    out.comment(INTRO)
    ids = Ids()
    entities = [e for e in d.entities if e.kind in (PERSON, ORGANIZATION, PLACE) and d.evidence(e.evidence)]
    entities.sort(key=lambda e: e.order)
    people = [e for e in entities if e.kind == PERSON]
    organizations = [e for e in entities if e.kind == ORGANIZATION]
    places = [e for e in entities if e.kind == PLACE]
    events = sorted((e for e in d.events if d.evidence(e.evidence)), key=lambda e: e.order)
    topics = list(dict.fromkeys(t for e in events for t in e.topics))
    for entity in (*people, *organizations, *places, *topics):
        entity.ident = ids.mint(_id_text(entity), fallback=entity.kind)
    for event in events:
        event.ident = ids.mint(event.name, (event.date[0][:4] if event.date and event.date[0][:1].isdigit() else ""),
                               fallback="event")
    written = {id(e) for e in (*people, *organizations, *places, *topics, *events)}
    _article(out, d, ids, written)
    _people(out, d, people)
    _organizations(out, d, organizations, written)
    _places(out, d, places, written)
    if topics:
        out.blank()
        out.section("topics")
        for topic in topics:
            out.entry([("id", topic.ident), ("name", topic.name), ("evidence", d.evidence(topic.evidence))], topic.how)
    _events(out, d, events, written)
    affiliations = [a for a in d.affiliations if id(a.person) in written and id(a.organization) in written and
                    d.evidence(a.evidence)]
    if affiliations:
        out.blank()
        out.section("affiliations")
        for a in affiliations:
            out.entry([("person", a.person.ident), ("organization", a.organization.ident), ("role", a.role),
                       ("former", a.former), ("evidence", d.evidence(a.evidence))], a.how, a.review)
    roles = [r for r in d.event_roles if id(r.agent) in written and id(r.event) in written and d.evidence(r.evidence)]
    if roles:
        out.blank()
        out.section("event_roles")
        for r in roles:
            key = "person" if r.agent.kind == PERSON else "agent"
            out.entry([(key, r.agent.ident), ("event", r.event.ident), ("role", r.role),
                       ("evidence", d.evidence(r.evidence))], r.how)
    statements = _checked(d, [s for s in d.statements if s.speakers and all(
        id(p) in written and p.kind in (PERSON, ORGANIZATION) for p in s.speakers)])
    _statements(out, d, statements, ids)
    d.counts = {"people": len(people), "organizations": len(organizations), "places": len(places),
                "topics": len(topics), "events": len(events), "affiliations": len(affiliations),
                "event roles": len(roles), "direct quotes": sum(s.kind == "direct" for s in statements),
                "reported statements": sum(s.kind == "reported" for s in statements),
                "marked for review": sum(1 for line in out.lines if line.lstrip().startswith("# REVIEW:"))}
    return out.text()


def _id_text(entity: Entity) -> str:
    if entity.name:
        return entity.name
    words = (entity.description or entity.kind).split()
    while words and words[0].casefold() in ("a", "an", "the", "two", "three", "several", "some"):
        words = words[1:]
    return " ".join(words[:5])


def _article(out: Yaml, d: Draft, ids: Ids, written: set[int]) -> None:
    h = d.header
    headline = d.evidence(h.headline)
    publisher = h.publisher if h.publisher is not None and id(h.publisher) in written else None
    author = h.author if h.author is not None and id(h.author) in written else None
    ident = ids.mint(publisher.name if publisher else "", h.published.isoformat() if h.published else "",
                     " ".join(headline.split()[:6]), fallback="article")
    out.blank()
    out.section("article")
    fields: list[tuple[str, object]] = [("id", ident), ("headline", headline)]
    if author is not None:
        fields += [("author", author.ident), ("author_evidence", d.evidence(h.author_evidence))]
    if publisher is not None:
        fields += [("publisher", publisher.ident), ("publisher_evidence", d.evidence(h.publisher_evidence))]
    if h.published is not None:
        fields.append(("published", h.published.isoformat()))
        if h.published_evidence is not None:
            fields.append(("published_evidence", d.evidence(h.published_evidence)))
    if d.url:
        fields.append(("url", d.url))
    out.comment("the headline is the text's first line", 2)
    if h.published_how:
        out.comment("REVIEW: published is " + h.published_how, 2)
    if getattr(h, "publisher_how", None):
        out.comment(f"--publisher {h.publisher_how!r} is not in the text, so it has no evidence: add it by hand", 2)
    for key, value in fields:
        out.field("  ", key, value, 4)


def _people(out: Yaml, d: Draft, people: list[Entity]) -> None:
    if not people:
        return
    out.blank()
    out.section("people")
    for p in people:
        fields: list[tuple[str, object]] = [("id", p.ident)]
        fields.append(("name", p.name) if p.name else ("description", p.description))
        fields += [("honorific", p.honorific), ("evidence", d.evidence(p.evidence))]
        out.entry(fields, p.how, p.review)


def _organizations(out: Yaml, d: Draft, organizations: list[Entity], written: set[int]) -> None:
    if not organizations:
        return
    out.blank()
    out.section("organizations")
    for o in organizations:
        fields: list[tuple[str, object]] = [("id", o.ident)]
        fields.append(("name", o.name) if o.name else ("description", o.description))
        alternates = [n for n in dict.fromkeys(o.alternate_names) if n != o.name]
        fields += [("alternate_names", alternates), ("evidence", d.evidence(o.evidence))]
        if o.parent is not None and id(o.parent) in written and o.parent.kind == ORGANIZATION and \
                not _cycle(o):
            fields.append(("parent", o.parent.ident))
            if o.parent_evidence:
                fields.append(("parent_evidence", d.evidence(o.parent_evidence)))
        country = o.country
        if country is not None and id(country) in written and country.place_kind == "country":
            fields.append(("country", country.ident))
            if getattr(o, "country_evidence", None):
                fields.append(("country_evidence", d.evidence(o.country_evidence)))  # type: ignore[attr-defined]
        out.entry(fields, o.how, o.review)


def _cycle(organization: Entity) -> bool:
    """The parents of an organization lead back to it."""
    seen, step = {id(organization)}, organization.parent
    while step is not None:
        if id(step) in seen:
            return True
        seen.add(id(step))
        step = step.parent
    return False


def _places(out: Yaml, d: Draft, places: list[Entity], written: set[int]) -> None:
    if not places:
        return
    out.blank()
    out.section("places")
    for p in places:
        fields: list[tuple[str, object]] = [("id", p.ident), ("name", p.name), ("kind", p.place_kind)]
        if p.country is not None and id(p.country) in written and p.country is not p:
            fields.append(("country", p.country.ident))
        fields.append(("evidence", d.evidence(p.evidence)))
        how = p.how + ("; its country from the gazetteer" if p.country is not None and id(p.country) in written
                       else "")
        out.entry(fields, how, p.review)


def _events(out: Yaml, d: Draft, events: list[Event], written: set[int]) -> None:
    if not events:
        return
    out.blank()
    out.section("events")
    published = d.header.published
    for e in events:
        fields: list[tuple[str, object]] = [("id", e.ident), ("name", e.name), ("evidence", d.evidence(e.evidence))]
        start = _when(e.date, published)
        end = _when(e.end_date, published)
        if start and end and _resolve(end[0], published) < _resolve(start[0], published):
            end = None
        if start:
            fields += [("date", start[0]), ("date_evidence", d.evidence(start[1]))]
        if end:
            fields += [("end_date", end[0]), ("end_date_evidence", d.evidence(end[1]))]
        if e.date_text and start:
            fields.append(("date_text", e.date_text))
        if e.duration:
            fields += [("duration", e.duration[0]), ("duration_evidence", d.evidence(e.duration[1]))]
        hosts = [h.ident for h in e.organizers if id(h) in written]
        if hosts:
            fields += [("organizer", hosts if len(hosts) > 1 else hosts[0])]
            if e.organizer_evidence:
                fields.append(("organizer_evidence", d.evidence(e.organizer_evidence)))
        sponsors = [s.ident for s in e.sponsors if id(s) in written and s.kind != PLACE or
                    (id(s) in written and s.kind == PLACE)]
        if sponsors:
            fields.append(("sponsors", sponsors))
            if e.sponsors_evidence:
                fields.append(("sponsors_evidence", d.evidence(e.sponsors_evidence)))
        if e.location is not None and id(e.location[0]) in written:
            fields += [("location", e.location[0].ident), ("location_evidence", d.evidence(e.location[1]))]
        topics = [t.ident for t in e.topics if id(t) in written]
        if topics:
            fields.append(("topics", topics))
            if e.topics_evidence:
                fields.append(("topics_evidence", d.evidence(e.topics_evidence)))
        if e.participants:
            p = e.participants
            fields.append(("participants", {"count": p.count, "qualifier": p.qualifier,
                                            "description": p.description, "evidence": d.evidence(p.evidence)}))
        if e.counts:
            fields.append(("counts", [_count(d, c) for c in e.counts]))
        fields += [("theme", e.theme), ("online", e.online)]
        review = "; ".join(dict.fromkeys([*e.review, *e.notes])) or None
        out.entry(fields, e.how, review)


def _count(d: Draft, c: Count) -> list[tuple[str, object]]:
    return [("count", c.count), ("qualifier", c.qualifier), ("unit", c.unit), ("evidence", d.evidence(c.evidence))]


def _when(value: tuple[str, tuple[int, int]] | None, published: date | None):
    if value is None:
        return None
    if not value[0][:1].isdigit() and published is None:
        return None
    return value


def _resolve(value: str, published: date | None) -> str:
    if value[:1].isdigit() or published is None:
        return value
    from datetime import timedelta

    from graph.draft.lexicon import WEEKDAYS

    words = value.casefold().split()
    named = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if words[-1] in named:
        return (published + timedelta(days=named[words[-1]])).isoformat()
    weekday = WEEKDAYS.index(words[-1])
    if words[0] == "next":
        return (published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)).isoformat()
    strictly = words[0] == "last"
    return (published - timedelta(days=(published.weekday() - weekday - strictly) % 7 + strictly)).isoformat()


def _checked(d: Draft, statements: Iterable[Statement]) -> list[Statement]:
    """Statements as kg build will read them: a direct quote's words, and each quoted fragment,
    found inside the statement's evidence (the check kg build makes); any other is left out."""
    from graph.facts.evidence import ArticleText

    text = ArticleText(d.text)
    kept = []
    for s in statements:
        evidence = text.find(d.evidence(s.evidence)) if d.evidence(s.evidence) else None
        if evidence is None or (s.kind == "direct" and text.find_quote(s.text, within=evidence) is None):
            continue
        s.quoted = [q for q in s.quoted if text.find_quote(q, within=evidence) is not None]
        kept.append(s)
    return kept


def _statements(out: Yaml, d: Draft, statements: Iterable[Statement], ids: Ids) -> None:
    statements = sorted(statements, key=lambda s: s.evidence[0])
    if not statements:
        return
    out.blank()
    out.section("statements")
    for s in statements:
        words = [w for w in slug(s.text, 200).split("-") if len(w) > 3][:3]
        s.ident = ids.mint(s.speakers[0].ident, *words, fallback="statement")
        speaker: object = [p.ident for p in s.speakers] if len(s.speakers) > 1 else s.speakers[0].ident
        fields: list[tuple[str, object]] = [("id", s.ident), ("speaker", speaker), ("kind", s.kind), ("verb", s.verb),
                                            ("medium", s.medium)]
        if s.date is not None and (s.date[0][:1].isdigit() or d.header.published is not None):
            fields += [("date", s.date[0]), ("date_evidence", d.evidence(s.date[2]))]
        fields += [("text", s.text), ("quoted", s.quoted if s.kind == "reported" else [])]
        if s.amounts:
            fields.append(("amounts", [[("value", m.value), ("currency", m.currency),
                                        ("evidence", d.text[m.start:m.end])] for m in s.amounts]))
        fields.append(("evidence", d.evidence(s.evidence)))
        out.entry(fields, s.how, s.review)
