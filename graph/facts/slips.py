"""The analyst's slips a build can catch without judging the facts: evidence that names nobody
involved in its fact, and an entity whose names never occur in the article.

They are warnings (the passage may still be right: "the ministry said" for the Ministry of
Water), printed by `kg build`; `kg build --strict` refuses them.
"""

import re
from collections.abc import Iterator

from graph.facts.evidence import ArticleText, Evidence, normalize
from graph.facts.model import ArticleFacts
from graph.text import shorten

#: Words that let a statement's evidence name its speaker without a name ("she said").
PRONOUNS = frozenset("he she they we i his her their its it our".split())
_WORD = re.compile(r"\w+")
#: Words of a name too common to stand for it alone.
_COMMON = frozenset("the of and for a an in on at to de la le".split())


def slips(facts: ArticleFacts, text: ArticleText) -> tuple[str, ...]:
    found = (*_unnamed_evidence(facts, text), *_names_not_in_text(facts, text))
    return tuple(f"warning: {facts.facts_file}: {message}" for message in found)


def _names(facts: ArticleFacts) -> dict[str, tuple[str, ...]]:
    """Every id → the names an article may use for it: name, alternate names, description."""
    found: dict[str, tuple[str, ...]] = {}
    for items in (facts.people, facts.organizations, facts.places, facts.topics, facts.events):
        for item in items:
            names = (item.name, *getattr(item, "alternate_names", ()), getattr(item, "description", None))
            found[item.id] = tuple(name for name in names if name)
    return found


def mentions(passage: str, names: tuple[str, ...]) -> bool:
    """True if the passage holds one of the names, or a distinctive word of one: a capitalized word
    of the name as written (a surname, "De"), or a longer one in any case ("the ministry")."""
    plain = normalize(passage)
    folded, words = plain.casefold(), set(_WORD.findall(plain))
    lowered = {word.casefold() for word in words}
    for name in names:
        if normalize(name).casefold() in folded:
            return True
        for word in _WORD.findall(normalize(name)):
            if (word[:1].isupper() and len(word) >= 2 and word in words) or \
                    (len(word) >= 3 and word.casefold() not in _COMMON and word.casefold() in lowered):
                return True
    return False


def sentence(text: str, evidence: Evidence) -> str:
    """The sentence (or sentences) of the article that hold the passage."""
    start = max(text.rfind(end, 0, evidence.start) + len(end) for end in (". ", "? ", "! ", "\n"))
    ends = [found for end in (". ", "? ", "! ", "\n") if (found := text.find(end, evidence.end)) >= 0]
    return text[max(start, 0): min(ends, default=len(text))]


def _check(what: str, evidence: Evidence, ids: tuple[str, ...], names: dict[str, tuple[str, ...]],
           context: str | None = None) -> Iterator[str]:
    """A warning unless the passage (or, for a statement, its sentence: "Jane Doe ... said that")
    names one of the ids; a statement's sentence may name its speaker by a pronoun."""
    looked_for = tuple(name for ident in ids for name in names.get(ident, ()))
    if not looked_for or mentions(context or evidence.exact, looked_for):
        return
    if context and PRONOUNS & set(_WORD.findall(context.casefold())):
        return
    listed = ", ".join(f"'{shorten(name, 40)}'" for name in looked_for[:6])
    yield (f"evidence of {what} mentions none of {listed}: \"{shorten(evidence.exact, 70)}\"; check that the "
           "passage supports it")


def _unnamed_evidence(facts: ArticleFacts, text: ArticleText) -> Iterator[str]:
    names = _names(facts)
    for kind, items in (("person", facts.people), ("organization", facts.organizations), ("place", facts.places),
                        ("event", facts.events)):
        for item in items:
            if not getattr(item, "implied", False):  # implied: the article never names it
                yield from _check(f"{kind} '{item.id}'", item.evidence, (item.id,), names)
    for m in facts.memberships:
        yield from _check(f"the affiliation of '{m.person}' with '{m.organization}'", m.evidence,
                          (m.person, m.organization), names)
    for r in facts.event_roles:
        yield from _check(f"the role of '{r.person}' at '{r.event}'", r.evidence, (r.person, r.event), names)
    for s in facts.statements:
        yield from _check(f"statement '{s.id}' (its speaker)", s.evidence, s.speakers, names,
                          sentence(text.text, s.evidence))


def _names_not_in_text(facts: ArticleFacts, text: ArticleText) -> Iterator[str]:
    folded = text.normalized.casefold()  # a dateline writes WARSAW
    for kind, items in (("person", facts.people), ("organization", facts.organizations), ("place", facts.places)):
        for item in items:
            if getattr(item, "implied", False) or not item.name:
                continue
            names = (item.name, *getattr(item, "alternate_names", ()))
            if any(normalize(name).casefold() in folded for name in names):
                continue
            closest = text.closest(item.name)
            hint = f"; the text has \"{shorten(closest[0], 50)}\" (line {closest[1]})" if closest else ""
            yield (f"{kind} '{item.id}' is named '{shorten(item.name, 50)}', which the article never writes{hint}; "
                   "use the form the text uses, or add it to alternate_names")
