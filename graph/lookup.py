"""One entity from what a person types: the lookup of `kg render --focus` and of `kg query`'s entity
parameters, so both take the same words. Each command gathers the candidates (the page's nodes, or
the answer of a query on its engine) and words its own messages from what find() answers.

Tried in order, the first step that matches anything decides:
1. an IRI: <IRI>, a prefixed name with a known prefix (person:he-jie), an absolute IRI;
2. an id, the IRI's last segment, in any case (he-jie, He-Jie), or FOLDER/ID, or FOLDER:ID with a
   prefix the data does not declare;
3. a name or an alternate name, in any case, spaces normalized ("he  JIE");
4. part of a name, whole words ("Dzau" for Victor Joseph Dzau), where the candidate allows it.
Nothing matched: close ids and names, then close single words of names, as suggestions.

>>> people = [Candidate("https://x.org/person/he-jie", ("He Jie",)),
...           Candidate("https://x.org/person/victor-dzau", ("Victor Joseph Dzau", "Victor Dzau"))]
>>> find("person:HE-JIE", people).matches
('https://x.org/person/he-jie',)
>>> find("dzau", people).matches
('https://x.org/person/victor-dzau',)
>>> find("Dzao", people).suggestions
('https://x.org/person/victor-dzau',)
"""

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Candidate:
    iri: str
    names: tuple[str, ...] = ()  # its name first, then its alternate names
    partial: bool = True  # part of a name may find it (not for a quotation's text)


@dataclass(frozen=True)
class Found:
    matches: tuple[str, ...]  # IRIs in the candidates' order: one is the answer, several are ambiguous
    suggestions: tuple[str, ...] = ()  # when nothing matched: close ones, closest first (at most 3)


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def as_iri(text: str, prefixes: Mapping[str, str]) -> str | None:
    """<IRI>, prefix:local with a known prefix, or an absolute IRI; None for anything else."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in prefixes and not local.startswith("//"):
        return prefixes[prefix] + local
    if _SCHEME.match(text) and not any(ch.isspace() for ch in text) and (colon and local.startswith("//")
                                                                         or prefix in ("urn", "mailto", "tag")):
        return text
    return None


def local_id(iri: str) -> str:
    """The IRI's last segment: https://x.org/person/he-jie → he-jie."""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _within(part: list[str], whole: list[str]) -> bool:
    return any(whole[i:i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def find(text: str, candidates: Iterable[Candidate], prefixes: Mapping[str, str] | None = None) -> Found:
    """The candidates `text` names (see the module's steps), or suggestions when none."""
    candidates = list(candidates)
    prefixes = prefixes or {}
    iri = as_iri(text, prefixes)
    if iri is not None and any(c.iri == iri for c in candidates):
        return Found((iri,))
    wanted = normal(text)
    if not wanted:
        return Found(())
    path = wanted.replace(":", "/", 1) if ":" in wanted and "/" not in wanted else wanted
    steps = (
        lambda c: local_id(c.iri).casefold() == wanted or c.iri.rstrip("/#").casefold().endswith("/" + path),
        lambda c: wanted in {normal(name) for name in c.names},
    )
    for step in steps:
        found = tuple(dict.fromkeys(c.iri for c in candidates if step(c)))
        if found:
            return Found(found)
    part = _words(text)
    if part:
        found = tuple(dict.fromkeys(c.iri for c in candidates if c.partial
                                    and any(_within(part, _words(name)) for name in c.names)))
        if found:
            return Found(found)
    return Found((), suggest(wanted, candidates))


def suggest(wanted: str, candidates: list[Candidate], most: int = 3) -> tuple[str, ...]:
    """IRIs whose id or name is close to `wanted` (difflib, 0.6), else whose name has a close word."""
    whole: dict[str, list[str]] = {}
    words: dict[str, list[str]] = {}
    for c in candidates:
        for key in (local_id(c.iri).casefold(), *(normal(name) for name in c.names)):
            whole.setdefault(key, []).append(c.iri)
        if c.partial:
            for name in c.names:
                for word in _words(name):
                    if len(word) > 2:
                        words.setdefault(word, []).append(c.iri)
    for choices in (whole, words):
        close = difflib.get_close_matches(wanted, list(choices), n=most, cutoff=0.6)
        picks = list(dict.fromkeys(iri for key in close for iri in choices[key]))
        if picks:
            return tuple(picks[:most])
    return ()
