"""Curated sources → typed facts: read an article folder, check every field and reference,
and locate every evidence excerpt in the article text.

An article folder holds `facts.yaml` and the article's text (`article.txt` unless the facts
file names another). The format is documented in README.md (section "Facts file").
"""

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from graph.errors import SourceError
from graph.facts.evidence import ArticleText
from graph.facts.fields import Entry, did_you_mean
from graph.facts.loader import YList, YMap, load_facts_yaml, read_text
from graph.facts.model import Article, ArticleFacts, Organization, Person, Place, Sourced, Topic
from graph.facts.relations import event, event_role, membership, statement
from graph.facts.slips import slips
from graph.kinds import PLACE_CLASSES, SPEAKER_KINDS
from graph.vocab import is_valid_url

FACTS_FILE = "facts.yaml"
DEFAULT_TEXT_FILE = "article.txt"
MAX_ARTICLE_BYTES = 5 * 1024 * 1024

#: section name → (singular used in messages, kind of the ids it declares)
ENTITY_SECTIONS = {
    "people": ("person", "person"),
    "organizations": ("organization", "organization"),
    "places": ("place", "place"),
    "topics": ("topic", "topic"),
    "events": ("event", "event"),
}
RELATION_SECTIONS = {"affiliations": "affiliation", "event_roles": "event role", "statements": "statement"}
TOP_LEVEL = ("article", *ENTITY_SECTIONS, *RELATION_SECTIONS)

FIELDS = {
    "article": ("id", "text", "headline", "evidence", "author", "author_evidence", "publisher",
                "publisher_evidence", "published", "published_evidence", "modified", "section", "url", "language",
                "attribution"),
    "person": ("id", "name", "description", "evidence", "honorific", "alternate_names"),
    "organization": ("id", "name", "description", "implied", "evidence", "alternate_names", "parent",
                     "parent_evidence", "country", "country_evidence"),
    "place": ("id", "name", "evidence", "kind", "country", "country_evidence"),
    "topic": ("id", "name", "evidence"),
    "event": ("id", "name", "alternate_names", "evidence", "date", "date_evidence", "end_date", "end_date_evidence",
              "duration", "duration_evidence", "date_text", "organizer", "organizer_evidence", "sponsors",
              "sponsors_evidence", "location", "location_evidence", "topics", "topics_evidence", "participants",
              "counts", "amounts", "theme", "online"),
    "participants": ("count", "qualifier", "description", "evidence"),
    "count": ("count", "qualifier", "unit", "evidence"),
    "event topic": ("topic", "evidence"),
    "amount": ("value", "currency", "evidence"),
    "affiliation": ("person", "organization", "role", "former", "evidence"),
    "event role": ("person", "agent", "event", "role", "evidence"),
    "statement": ("id", "speaker", "kind", "text", "quoted", "verb", "medium", "date", "date_evidence", "amounts",
                  "evidence"),
}
PLACE_KINDS = tuple(PLACE_CLASSES)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Article folders: each path is one, or a folder of them (sorted by name)."""
    folders: list[Path] = []
    for path in paths:
        if not path.exists():
            raise SourceError(f"{path}: source folder does not exist; give an article folder or a folder of them")
        if not path.is_dir():
            raise SourceError(f"{path}: not a folder; give an article folder (holding {FACTS_FILE}) or a folder of them")
        if (path / FACTS_FILE).is_file():
            folders.append(path)
            continue
        children = sorted(child for child in path.iterdir() if (child / FACTS_FILE).is_file())
        if not children:
            raise SourceError(f"{path}: no {FACTS_FILE} in this folder or its subfolders; see README.md (section 'Facts file')")
        folders.extend(children)
    return folders


class _Reader:
    """Reads one facts file; keeps the ids it has seen to check references."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / FACTS_FILE
        self.data = load_facts_yaml(self.path)
        self.ids: dict[str, tuple[str, int]] = {}
        self.names: dict[str, str] = {}
        self.place_kinds: dict[str, object] = {}
        #: the article's date, which relative dates ("on Monday") are resolved against
        self.published: date | None = None
        for key in self.data:
            if key not in TOP_LEVEL:
                raise SourceError(
                    f"{self.path}:{self.data.line_of(key)}: unknown section '{key}'"
                    f"{did_you_mean(key, list(TOP_LEVEL)) or '; sections: ' + ', '.join(TOP_LEVEL)}"
                )
        header = self.data.get("article")
        if not isinstance(header, YMap):
            line = self.data.line_of("article")
            raise SourceError(f"{self.path}:{line}: the facts file needs an 'article' mapping (id, headline, ...); see README.md")
        self.text_name = self._text_name(header)
        text_path = folder / self.text_name
        if not text_path.exists():
            raise SourceError(
                f"{text_path}: article text not found; put the article's text there "
                f"or name its file with 'text:' under 'article' in {self.path}"
            )
        self.text = ArticleText(read_text(text_path, "article text", MAX_ARTICLE_BYTES))

    def _text_name(self, header: YMap) -> str:
        name = header.get("text", DEFAULT_TEXT_FILE)
        if not isinstance(name, str) or not name.strip() or "/" in name or "\\" in name or name.startswith("."):
            raise SourceError(f"{self.path}:{header.line_of('text')}: 'text' must be a file name in the article folder, e.g. article.txt")
        return name.strip()

    def entry(self, data: object, what: str, line: int) -> Entry:
        if not isinstance(data, YMap):
            raise SourceError(f"{self.path}:{line}: each {what} must be a mapping of fields (id: ..., name: ...), not a single value")
        kind = what
        if isinstance(data.get("id"), str):
            what = f"{kind} '{data['id']}'"
        entry = Entry(data, self.path, what, self.text, self.text_name)
        entry.check_fields(FIELDS[kind])
        return entry

    def section(self, name: str, singular: str) -> Iterator[Entry]:
        items = self.data.get(name)
        if items is None:
            return
        if not isinstance(items, YList):
            raise SourceError(f"{self.path}:{self.data.line_of(name)}: '{name}' must be a list of entries, each starting with '- '")
        for item, line in zip(items, items.item_lines):
            yield self.entry(item, singular, line)

    def declare(self, entry: Entry, kind: str) -> tuple[str, str | None]:
        """The entry's id and name; people and organizations the article only describes have no name."""
        ident = entry.id_field()
        if ident in self.ids:
            other_kind, other_line = self.ids[ident]
            raise entry.fail("id", f"duplicate id '{ident}' (already used by the {other_kind} at line {other_line}); give each entry its own id")
        self.ids[ident] = (kind, entry.data.line_of("id"))
        entry.what = f"{kind} '{ident}'"
        if kind in SPEAKER_KINDS and entry.data.get("name") is None:
            if entry.text_field("description", required=False) is None:
                raise entry.fail(None, f"{entry.what} has no 'name'; add 'name: ...' to it (or 'description: ...' for "
                                       f"{'someone' if kind == 'person' else 'one'} the article does not name)")
            return ident, None
        return ident, entry.required("name")

    def refs(self, entry: Entry, key: str, kinds: tuple[str, ...]) -> list[str]:
        """One id or a list of ids under `key`, each of one of `kinds`."""
        return [self.ref(entry, key, kinds, value) for value in entry.ids(key)]

    def ref(self, entry: Entry, key: str, kind: str | tuple[str, ...], value: object = None) -> str:
        """A reference to an id declared in this file, of the expected kind (or one of them)."""
        kinds = (kind,) if isinstance(kind, str) else kind
        ident = entry.required(key) if value is None else value
        if not isinstance(ident, str):
            raise entry.fail(key, f"'{key}' of {entry.what} must be an id, not {ident!r}")
        if ident not in self.ids:
            known = [i for i, (k, _) in self.ids.items() if k in kinds]
            section = next(s for s, (_, k) in ENTITY_SECTIONS.items() if k == kinds[0])
            raise entry.fail(key, f"unknown {kinds[0]} id '{ident}'{did_you_mean(ident, known)}; declare it under "
                                  f"'{section}'")
        actual = self.ids[ident][0]
        if actual not in kinds:
            wanted = " or ".join(_a(k) for k in kinds) if len(kinds) < 3 else \
                ", ".join(_a(k) for k in kinds[:-1]) + f" or {_a(kinds[-1])}"
            names = [f"'{s}'" for s, (_, k) in ENTITY_SECTIONS.items() if k in kinds]
            sections = ", ".join(names[:-1]) + f" or {names[-1]}"
            raise entry.fail(key, f"'{ident}' is {_a(actual)}, but '{key}' of {entry.what} needs {wanted}"
                                  + (f"; name one declared under {sections}" if len(kinds) > 1 else ""))
        return ident


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def read_article(folder: Path) -> ArticleFacts:
    """One article folder → checked, typed facts with every excerpt located."""
    reader = _Reader(folder)
    declared: dict[str, list] = {name: [] for name in ENTITY_SECTIONS}
    for name, (singular, kind) in ENTITY_SECTIONS.items():
        for entry in reader.section(name, singular):
            ident, display = reader.declare(entry, kind)
            reader.names[ident] = display or entry.required("description")
            if kind == "place":
                reader.place_kinds[ident] = entry.data.get("kind")
            declared[name].append((entry, ident, display))
    article = _article(reader)
    reader.published = article.published
    people = tuple(
        Person(ident, name, e.evidence(), e.text_field("honorific", False), e.text_list("alternate_names"),
               e.text_field("description", False))
        for e, ident, name in declared["people"]
    )
    topics = tuple(Topic(ident, name, e.evidence()) for e, ident, name in declared["topics"])
    organizations = tuple(_organization(reader, *item) for item in declared["organizations"])
    places = tuple(_place(reader, *item) for item in declared["places"])
    events = tuple(event(reader, *item) for item in declared["events"])
    memberships = tuple(membership(reader, e) for e in reader.section("affiliations", "affiliation"))
    event_roles = tuple(event_role(reader, e) for e in reader.section("event_roles", "event role"))
    statements = tuple(statement(reader, e) for e in reader.section("statements", "statement"))
    facts = ArticleFacts(
        article=article, facts_file=reader.path, people=people, organizations=organizations,
        places=places, topics=topics, events=events, memberships=memberships, event_roles=event_roles,
        statements=statements, names=reader.names, kinds={ident: kind for ident, (kind, _) in reader.ids.items()},
    )
    return replace(facts, warnings=slips(facts, reader.text))


def _article(reader: _Reader) -> Article:
    header = reader.data["article"]
    e = reader.entry(header, "article", header.line)
    ident = e.id_field()
    e.what = f"article '{ident}'"
    headline = e.required("headline")
    located = e.text.find(headline)
    if located is None:
        raise e.fail("headline", f"headline of {e.what} not found in {reader.text_name}; copy it exactly as the article has it")
    evidence = e.evidence(required=False)
    author = publisher = None
    if "author" in header:
        author = e.sourced("author", reader.ref(e, "author", "person"), evidence)
    if "publisher" in header:
        publisher = e.sourced("publisher", reader.ref(e, "publisher", "organization"), evidence)
    url = e.text_field("url", required=False)
    if url is not None and not url.startswith(("http://", "https://")):
        raise e.fail("url", f"'url' of {e.what} must start with http:// or https://")
    if url is not None and not is_valid_url(url):
        raise e.fail("url", f"'url' of {e.what} is not a valid URL: {url!r}; copy it from the browser's address bar "
                            "(spaces as %20, no quotes or < >)")
    return Article(
        id=ident, headline=Sourced(headline, located), text_file=reader.text_name, evidence=evidence,
        author=author, publisher=publisher, published=e.date_field("published"), url=url,
        language=e.text_field("language", False), attribution=e.text_field("attribution", False),
        modified=e.date_field("modified"), section=e.text_field("section", False),
        published_evidence=e.evidence("published_evidence", required=False),
    )


def _organization(reader: _Reader, e: Entry, ident: str, name: str) -> Organization:
    evidence = e.evidence()
    parent = country = None
    if e.data.get("parent") is not None:
        parent = e.sourced("parent", reader.ref(e, "parent", "organization"), evidence)
        if parent.value == ident:
            raise e.fail("parent", f"{e.what} cannot be its own parent")
    if e.data.get("country") is not None:
        country = e.sourced("country", reader.ref(e, "country", "place"), evidence)
        kind = reader.place_kinds[country.value]
        if kind != "country":  # the shapes want a schema:Country there
            what = f"a {kind}" if kind in PLACE_KINDS else "a place without a 'kind'"
            raise e.fail("country", f"'{country.value}' is {what}, but 'country' of {e.what} needs a place with "
                                    "kind: country; mark that place so, or name its country")
    return Organization(ident, name, evidence, e.text_list("alternate_names"), parent, country,
                        e.text_field("description", False), e.flag("implied"))


def _place(reader: _Reader, e: Entry, ident: str, name: str) -> Place:
    evidence = e.evidence()
    kind = e.text_field("kind", required=False)
    if kind is not None and kind not in PLACE_KINDS:
        raise e.fail("kind", f"'kind' of {e.what} must be one of {', '.join(PLACE_KINDS)}, not '{kind}'")
    country = None
    if e.data.get("country") is not None:
        country = e.sourced("country", reader.ref(e, "country", "place"), evidence)
    return Place(ident, name, evidence, kind, country)


def read_sources(paths: Iterable[Path]) -> list[ArticleFacts]:
    return [read_article(folder) for folder in discover(paths)]
