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
    """A value together with the passage that states it."""

    value: T
    evidence: Evidence


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    evidence: Evidence
    honorific: str | None = None
    alternate_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    evidence: Evidence
    alternate_names: tuple[str, ...] = ()
    parent: Sourced[str] | None = None
    country: Sourced[str] | None = None


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
class Event:
    id: str
    name: str
    evidence: Evidence
    date: Sourced[date] | None = None
    organizer: Sourced[str] | None = None
    location: Sourced[str] | None = None
    topics: tuple[Sourced[str], ...] = ()
    participants: Participants | None = None


@dataclass(frozen=True)
class Membership:
    """A person's role in an organization (W3C ORG membership)."""

    person: str
    organization: str
    role: str
    evidence: Evidence


@dataclass(frozen=True)
class EventRole:
    """A person's role at an event, e.g. co-chair."""

    person: str
    event: str
    role: str
    evidence: Evidence


@dataclass(frozen=True)
class Statement:
    """Something a person said: a direct quote or a reported statement."""

    id: str
    speaker: str
    kind: str
    text: str
    evidence: Evidence
    verb: str | None = None


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
