"""The candidates a draft holds before they are written: entities and the places the text
mentions them, roles, statements and events. Each keeps the passage that states it (offsets into
the text), how it was found, and why a reviewer should look twice, if they should."""

import bisect
from dataclasses import dataclass, field

Span = tuple[int, int]

PERSON, ORGANIZATION, PLACE, EVENT, TOPIC = "person", "organization", "place", "event", "topic"


@dataclass(eq=False)
class Entity:
    kind: str
    name: str | None
    evidence: Span
    how: str
    description: str | None = None
    review: str | None = None
    honorific: str | None = None
    alternate_names: list[str] = field(default_factory=list)
    place_kind: str | None = None
    country: "Entity | None" = None
    parent: "Entity | None" = None
    parent_evidence: Span | None = None
    gender: str | None = None
    company: bool = False
    #: role words it goes by ("spokesman", "minister"), for "the minister said"
    roles: list[str] = field(default_factory=list)
    ident: str = ""
    order: int = 0  # where it is first mentioned

    def label(self) -> str:
        return self.name or self.description or "?"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: Entity
    via: str = "name"  # name, alias, surname, acronym, description, pronoun
    review: str | None = None


@dataclass
class Affiliation:
    person: Entity
    organization: Entity
    role: str
    evidence: Span
    how: str
    former: bool = False
    review: str | None = None


@dataclass
class EventRole:
    agent: Entity
    event: "Event"
    role: str
    evidence: Span
    how: str


@dataclass
class Statement:
    speakers: list[Entity]
    kind: str  # direct or reported
    text: str
    evidence: Span
    how: str
    verb: str | None = None
    quoted: list[str] = field(default_factory=list)
    medium: str | None = None
    date: tuple[str, str, Span] | None = None  # value, text, evidence
    review: str | None = None
    amounts: list = field(default_factory=list)
    ident: str = ""


@dataclass
class Count:
    count: int
    unit: str
    evidence: Span
    qualifier: str | None = None
    description: str | None = None


@dataclass(eq=False)
class Event:
    name: str
    evidence: Span
    how: str
    head: str  # the noun that refers back to it ("conference")
    named: bool = True
    alternate_names: list[str] = field(default_factory=list)
    organizers: list[Entity] = field(default_factory=list)
    organizer_evidence: Span | None = None
    sponsors: list[Entity] = field(default_factory=list)
    sponsors_evidence: Span | None = None
    date: tuple[str, Span] | None = None  # value, evidence
    end_date: tuple[str, Span] | None = None
    date_text: str | None = None
    duration: tuple[str, Span] | None = None
    location: tuple[Entity, Span] | None = None
    topics: list[Entity] = field(default_factory=list)
    topics_evidence: Span | None = None
    participants: Count | None = None
    counts: list[Count] = field(default_factory=list)
    theme: str | None = None
    online: bool = False
    amounts: list = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ident: str = ""
    order: int = 0
    sentences: set[int] = field(default_factory=set)


class Mentions(list):
    """Mentions kept in text order (start, then the longest first), with quick look-ups by offset,
    so that a long article costs no more per mention than a short one."""

    def __init__(self) -> None:
        super().__init__()
        self._starts: list[int] = []
        self._longest = 0

    def append(self, mention: Mention) -> None:  # type: ignore[override]
        key = (mention.start, -mention.end)
        index = bisect.bisect_right(self, key, key=lambda m: (m.start, -m.end))
        self.insert(index, mention)
        self._starts.insert(index, mention.start)
        self._longest = max(self._longest, mention.end - mention.start)

    def extend(self, mentions) -> None:  # type: ignore[override]
        for mention in mentions:
            self.append(mention)

    def sort(self, *args, **kwargs) -> None:  # type: ignore[override]
        """Always in order already."""

    def _around(self, start: int, end: int):
        """Mentions that may touch start..end: those starting before `end`, back to the longest's reach."""
        high = bisect.bisect_left(self._starts, end)
        low = bisect.bisect_left(self._starts, start - self._longest)
        return (self[i] for i in range(low, high))

    def overlaps(self, start: int, end: int) -> bool:
        return any(m.start < end and start < m.end for m in self._around(start, end))

    def covering(self, offset: int) -> bool:
        return any(m.start <= offset < m.end for m in self._around(offset, offset + 1))

    def within(self, start: int, end: int) -> list[Mention]:
        low, high = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        return [self[i] for i in range(low, high) if self[i].end <= end]

    def starting(self, offset: int) -> list[Mention]:
        low, high = bisect.bisect_left(self._starts, offset), bisect.bisect_right(self._starts, offset)
        return [self[i] for i in range(low, high)]

    def before(self, offset: int):
        """Mentions that end by `offset`, the nearest first."""
        for index in range(bisect.bisect_left(self._starts, offset) - 1, -1, -1):
            if self[index].end <= offset:
                yield self[index]
