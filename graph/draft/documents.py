"""Statements a document makes: "According to the judgment, ...", "..., according to the bid
documents", "According to a joint statement issued by the two foreign ministers, ...". The
speaker is whoever the text says issued it; else, marked for review, the judge for a ruling, the
people holding the role the text names ("the two foreign ministers"), or the organization named
last before."""

import re

from graph.draft.lexicon import PRESS_WORDS
from graph.draft.model import ORGANIZATION, PERSON, Entity
from graph.draft.tagging import SPEAKER, Tagged

_DOC = (r"(?P<det>the|a|an|its|their|his|her|(?P<owner>" + SPEAKER + r")['’]s)\s+(?P<doc>(?:[\w\-]+\s+){0,2}?(?:judgment|"
        r"judgement|ruling|decision|report|statement|documents?|filing|survey|study|figures|data|plan|proposal|minutes|"
        r"letter|release|estimates?|forecast|assessment|analysis|review|audit|findings|results|count|tally|notice|memo|"
        r"website|email|bulletin|circular|poll|census|transcript))"
        r"(?P<by>\s+(?:(?:issued|released|published|signed|prepared|compiled|seen)\s+)?(?:by|from|of)\s+"
        r"(?:the\s+)?[^,]{1,80}?|\s+(?:that\s+)?(?P<sender>" + SPEAKER + r")\s+(?:sent|issued|published|released|filed|"
        r"wrote|posted)\b[^,]{0,60}?)?")
START = re.compile(r"^According\s+to\s+" + _DOC + r"(?:,\s+(?:published|released|issued)\s+[^,]{1,40})?,\s+"
                   r"(?P<content>.+)$")
END = re.compile(r"^(?P<content>.+?),\s+according\s+to\s+" + _DOC + r"$")
_TAG = re.compile(SPEAKER)
_RULINGS = ("judgment", "judgement", "ruling", "decision")
_JUDGES = ("judge", "justice", "magistrate")
_ROLE_GROUP = re.compile(r"^\s+(?:\w+\s+)?(?:by|from|of)\s+(?:the\s+)?(?:two|both|three|all)\s+(?P<role>[a-z][\w\s\-]*?)s$")


def document_speakers(t: Tagged, match: re.Match, earlier: list[Tagged]) -> tuple[list[Entity], str | None]:
    """The speakers of a document's statement, and a review note when they are a guess."""
    for group in ("owner", "sender"):  # "Meridian's latest survey", "a notice the union sent"
        if match.group(group):
            found = t.tag_at(match.start(group))
            if found is not None and found.entity.kind in (PERSON, ORGANIZATION):
                return [found.entity], None
    if match.group("det").casefold() in ("its", "their"):  # "according to its website": the sentence's subject's
        subject = [m.entity for m in t.subject() if m.entity.kind in (PERSON, ORGANIZATION)]
        if subject:
            return subject[:1], f'"{match.group("det")} {match.group("doc")}" taken for the sentence\'s subject\'s'
    by = match.group("by") or ""
    doc = match.group("doc").split()[-1].casefold()
    offset = match.start("by") if by else 0
    named = [t.tag_at(offset + m.start()) for m in _TAG.finditer(by)]
    speakers = [m.entity for m in named if m is not None and m.entity.kind in (PERSON, ORGANIZATION)]
    if speakers:
        return speakers, None
    before = [m.entity for tagged in reversed(earlier) for m in reversed(tagged.mentions)]
    group = _ROLE_GROUP.match(by)
    if group:
        role = group.group("role").strip().casefold()
        held = list(dict.fromkeys(e for e in reversed(before) if e.kind == PERSON and
                                  any(r.casefold() == role or r.casefold().endswith(" " + role) for r in e.roles)))
        if len(held) >= 2:
            return held, f'"{by.strip()}" taken for those who hold that role'
    if doc in _RULINGS:
        judge = next((e for e in before if e.kind == PERSON and any(w in r.casefold() for r in e.roles for w in _JUDGES)),
                     None)
        if judge is not None:
            return [judge], f'"{match.group("det")} {match.group("doc")}" taken for {judge.label()}\'s'
    author = next((e for e in before if e.kind == ORGANIZATION and e.name and
                   e.name.split()[-1] not in PRESS_WORDS), None)
    if author is not None:
        return [author], f'"{match.group("det")} {match.group("doc")}" taken for {author.label()}\'s, the organization named last before'
    return [], None
