"""Many articles → one graph: an id used in several articles is one entity.

Differences that can both hold (two names for one person, one id used for a person and for an
organization) are warnings naming both sources; differences that cannot (one quotation with two
texts, one event on two dates, one article in two folders) are errors.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from graph.errors import SourceError
from graph.facts.model import ArticleFacts
from graph.vocab import slug


@dataclass(frozen=True)
class MergeKeys:
    """What one article says that must agree with the others: small, so workers can send it back."""

    source: str
    article_id: str
    declarations: tuple[tuple[str, str, str], ...]
    single_valued: tuple[tuple[str, str, str], ...]
    #: (role IRI segment, role as written): "Director" and "director!" are one role, role:director
    roles: tuple[tuple[str, str], ...] = ()
    #: the article's own slips (graph/facts/slips.py)
    warnings: tuple[str, ...] = ()


def merge_keys(facts: ArticleFacts) -> MergeKeys:
    roles = dict.fromkeys((slug(held.role), held.role) for held in (*facts.memberships, *facts.event_roles))
    return MergeKeys(str(facts.facts_file), facts.article.id, tuple(_declarations(facts)),
                     tuple(_single_valued(facts)), tuple(roles), facts.warnings)


@dataclass(frozen=True)
class _Seen:
    kind: str
    value: object
    source: str


def _declarations(facts: ArticleFacts) -> Iterator[tuple[str, str, str]]:
    """(id, kind, name) of every entity an article declares."""
    for kind, items in (("person", facts.people), ("organization", facts.organizations),
                        ("place", facts.places), ("topic", facts.topics), ("event", facts.events)):
        for item in items:
            yield item.id, kind, getattr(item, "label", item.name)


def _single_valued(facts: ArticleFacts) -> Iterator[tuple[str, str, str]]:
    """(key, what, value as JSON) for facts that must agree wherever the same id appears; JSON, so
    that a value read back from the build cache (graph/corpus/cache.py) compares alike."""
    for key, what, value in _values(facts):
        yield key, what, json.dumps(value, ensure_ascii=False)


def _values(facts: ArticleFacts) -> Iterator[tuple[str, str, object]]:
    for s in facts.statements:
        yield f"statement {s.id}", f"statement '{s.id}'", (s.speakers, s.kind, s.text)
    for e in facts.events:
        if e.date:
            yield f"event-date {e.id}", f"the date of event '{e.id}'", e.date.value.lexical
        if e.end_date:
            yield f"event-end {e.id}", f"the end date of event '{e.id}'", e.end_date.value.lexical
        if e.participants:
            yield f"event-count {e.id}", f"the participant count of event '{e.id}'", e.participants.count


def check_merge(articles: Iterable[MergeKeys]) -> list[str]:
    """Warnings for differences that can both hold; SourceError for those that cannot."""
    warnings: list[str] = []
    entities: dict[str, _Seen] = {}
    names: dict[tuple[str, str], _Seen] = {}
    values: dict[str, _Seen] = {}
    roles: dict[str, _Seen] = {}
    article_ids: dict[str, str] = {}
    for keys in articles:
        source = keys.source
        article = keys.article_id
        if article in article_ids:
            raise SourceError(f"{source}: article id '{article}' is also used by {article_ids[article]}; "
                              "give each article its own id")
        article_ids[article] = source
        warnings.extend(keys.warnings)
        for ident, kind, name in keys.declarations:
            first = entities.setdefault(ident, _Seen(kind, name, source))
            if first.kind != kind:
                warnings.append(f"warning: id '{ident}' is a {first.kind} in {first.source} and a {kind} in {source}; "
                                "they stay two entities (rename one id if they are the same)")
                continue
            seen = names.setdefault((kind, ident), _Seen(kind, name, source))
            if seen.value != name:
                warnings.append(f"warning: {kind} '{ident}' is named '{seen.value}' in {seen.source} and '{name}' "
                                f"in {source}; both names are kept")
        for segment, label in keys.roles:
            seen = roles.setdefault(segment, _Seen("", label, source))
            if seen.value != label:
                both = (f"{source}: roles '{seen.value}' and '{label}'" if seen.source == source
                        else f"role '{seen.value}' in {seen.source} and '{label}' in {source}")
                warnings.append(f"warning: {both} are one role (role:{segment}); both spellings are kept as its "
                                "labels (write it one way to keep one)")
        for key, what, value in keys.single_valued:
            seen = values.setdefault(key, _Seen("", value, source))
            if seen.value != value:
                raise SourceError(f"{source}: {what} differs from {seen.source}; the same id must state the same "
                                  "fact in every article (give one of them another id)")
    return list(dict.fromkeys(warnings))
