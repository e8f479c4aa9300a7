"""Typed curated facts: what the sources stage hands to the builder.

Ids are the stable, readable keys from the facts file; every fact carries the Evidence
(the passage of the article) that supports it.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from graph.facts.evidence import Evidence

T = TypeVar("T")

DIRECT = "direct"
REPORTED = "reported"


@dataclass(frozen=True)
class Sourced(Generic[T]):
    """A value together with the passage that states it, or None when it comes from the source's
    metadata (a publisher or date the text does not state): the graph marks it so, with no evidence."""

    value: T
    evidence: Evidence | None


@dataclass(frozen=True)
class When:
    """A date as precise as the article: YYYY-MM-DD (xsd:date), YYYY-MM (xsd:gYearMonth) or YYYY
    (xsd:gYear). `relative` is the phrase it was resolved from ("Monday", "yesterday"), against the
    article's publication date."""

    lexical: str
    datatype: str
    relative: str | None = None


@dataclass(frozen=True)
class Person:
    """Someone the article names, or only describes: `name` is None for "a spokesman for the
    ministry" or "the Prime Minister", and `description` says who they are."""

    id: str
    name: str | None
    evidence: Evidence
    honorific: str | None = None
    alternate_names: tuple[str, ...] = ()
    description: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.description or self.id


@dataclass(frozen=True)
class Organization:
    """An organization the article names, or one it only describes ("the organizers"): then
    `name` is None; `implied` when the article never states it (the government behind a minister)."""

    id: str
    name: str | None
    evidence: Evidence
    alternate_names: tuple[str, ...] = ()
    parent: Sourced[str] | None = None
    country: Sourced[str] | None = None
    description: str | None = None
    implied: bool = False

    @property
    def label(self) -> str:
        return self.name or self.description or self.id


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    evidence: Evidence
    kind: str | None = None
    country: Sourced[str] | None = None


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    evidence: Evidence


@dataclass(frozen=True)
class Participants:
    """A reported head count: 'over 500 scientists and experts' is count=500, qualifier='over'."""

    count: int
    description: str
    evidence: Evidence
    qualifier: str | None = None


@dataclass(frozen=True)
class Count:
    """One reported number of an event: 'nearly 300 delegates' is count=300, qualifier='nearly',
    unit='delegates'."""

    count: int
    unit: str
    evidence: Evidence
    qualifier: str | None = None


@dataclass(frozen=True)
class Amount:
    """Money an event or a statement states: value and ISO 4217 currency ('$2 billion': 2000000000 USD)."""

    value: str
    currency: str
    evidence: Evidence


@dataclass(frozen=True)
class Event:
    """An event; its organizers (hosts) are organizations, people or places, each id with its passage."""

    id: str
    name: str
    evidence: Evidence
    date: Sourced[When] | None = None
    organizers: tuple[Sourced[str], ...] = ()
    location: Sourced[str] | None = None
    topics: tuple[Sourced[str], ...] = ()
    participants: Participants | None = None
    alternate_names: tuple[str, ...] = ()
    end_date: Sourced[When] | None = None
    duration: Sourced[str] | None = None
    date_text: str | None = None
    sponsors: tuple[Sourced[str], ...] = ()
    counts: tuple[Count, ...] = ()
    amounts: tuple[Amount, ...] = ()
    theme: str | None = None
    online: bool = False


@dataclass(frozen=True)
class Membership:
    """A person's role in an organization, or at a state (a country); `former` as the article says
    ("former Premier")."""

    person: str
    organization: str
    role: str
    evidence: Evidence
    former: bool = False


@dataclass(frozen=True)
class EventRole:
    """A role at an event: a person's (co-chair), or an organization's or place's (host, sponsor,
    under the auspices of); `person` is the agent's id whatever its kind."""

    person: str
    event: str
    role: str
    evidence: Evidence


@dataclass(frozen=True)
class Statement:
    """Something said: a direct quote or a reported statement, by one or more speakers (people,
    organizations), named or not; `quoted` are the speaker's own words inside reported speech."""

    id: str
    speakers: tuple[str, ...]
    kind: str
    text: str
    evidence: Evidence
    verb: str | None = None
    medium: str | None = None
    date: Sourced[When] | None = None
    quoted: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()


@dataclass(frozen=True)
class Article:
    id: str
    headline: Sourced[str]
    text_file: str
    evidence: Evidence | None = None
    author: Sourced[str] | None = None
    publisher: Sourced[str] | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    attribution: str | None = None
    modified: date | None = None
    section: str | None = None
    published_evidence: Evidence | None = None


@dataclass(frozen=True)
class ArticleFacts:
    """Everything curated about one article, checked and with every excerpt located."""

    article: Article
    facts_file: Path
    people: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    places: tuple[Place, ...] = ()
    topics: tuple[Topic, ...] = ()
    events: tuple[Event, ...] = ()
    memberships: tuple[Membership, ...] = ()
    event_roles: tuple[EventRole, ...] = ()
    statements: tuple[Statement, ...] = ()
    names: dict[str, str] = field(default_factory=dict, compare=False)
    #: id → kind (person, organization, place, ...), for facts whose ids may be of several kinds
    kinds: dict[str, str] = field(default_factory=dict, compare=False)
    #: what the analyst should look at (evidence that names nobody involved, ...); errors with --strict
    warnings: tuple[str, ...] = ()
