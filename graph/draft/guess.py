"""Names with no word that marks their kind ("Rheinland Freight", "Leilani Ravu", "Quarry", "Jansen"):
the words around them decide. A company noun before, an acronym in brackets after or a role and a
person's name after make an organization; an appositive, a role, a speech verb or a byline make a
person; a surname alone is the person named before; "in" or "near" before an unknown word, a place."""

import re
from typing import TYPE_CHECKING

from graph.draft import cues
from graph.draft.lexicon import COMMON_CAPS
from graph.draft.model import ORGANIZATION, PLACE, Entity
from graph.draft.names import Piece
from graph.draft.runs import capitalized

if TYPE_CHECKING:
    from graph.draft.entities import Found

_DIRECTIONS = frozenset("north south east west upper lower central northern southern eastern western new greater "
                        "old great little inner outer high low mid".split())
_SPOKEN_COMMON = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


def listed_place(found: "Found", piece: Piece, after: str) -> bool:
    """A name in a list before "regions", "provinces", ...: a place of that kind."""
    listed = cues.LISTED_BEFORE.match(after)
    if not listed or piece.sentence == found.headline:
        return False
    name = found.doc.text[piece.start:piece.end]
    entity = found.add(PLACE, name, name, (piece.start, piece.end), f'a name listed before "{listed.group("kind")}"',
                       place_kind=cues.PLACE_KINDS.get(listed.group("kind")))
    found.mention(entity, piece.start, piece.end)
    return True


#: Job titles no one is named: a run that ends in one is a title ("By X, Banking Correspondent").
_JOB_TITLES = frozenset("correspondent editor reporter minister spokesman spokeswoman spokesperson director secretary "
                        "officer executive analyst economist manager chairman chairwoman president commissioner "
                        "ambassador governor mayor professor lecturer researcher adviser advisor coordinator "
                        "representative administrator".split())


def unknown(found: "Found", piece: Piece) -> None:
    before, after = found.classifier.before(piece), found.classifier.after(piece)
    if piece.words[-1].casefold() in _JOB_TITLES:
        return
    if listed_place(found, piece, after):
        return
    short = found.short_form(piece.words)
    if short is not None:
        found.alias(short, piece)
        return
    for kind in (ORGANIZATION, PLACE):  # "Iberia Grid's head of research", named so before
        named = found.keys.get((kind, " ".join(piece.words).casefold()))
        if named is not None:
            found.mention(named, piece.start, piece.end)
            return
    person = found.same_person(piece.words)
    if person is not None:
        found.mention(person, piece.start, piece.end, "alias")
        return
    org_cue = (cues.ACRONYM_AFTER.match(after) and "a name with its acronym in brackets") or \
        (any(found.gaz.country(w) for w in piece.words) and len(piece.words) <= 4 and
         piece.words[0].casefold() not in _DIRECTIONS and not cues.PLACE_BEFORE.search(before) and
         "a name that holds a country's name (\"Statistics Canada\")") or \
        (cues.COMPANY_BEFORE.search(before) and "a name after a company noun") or \
        (cues.ORG_NOUN_BEFORE.search(before) and "a name after a word for an organization") or \
        (cues.ROLE_THEN_NAME.match(after) and "a name before a role and a person's name") or \
        (cues.WHICH_AFTER.match(after) and 'a name followed by ", which"') or \
        (cues.ORG_NOUN_AFTER.match(after) and "a name before a word for an organization") or \
        (cues.APPOSITIVE_ORG.match(after) and 'a name followed by ", a company"') or \
        (cues.AFTER_ROLE_PREP.search(before) and not cues.APPOSITIVE.match(after) and
         "a name after \"ROLE at\"") or \
        (cues.ORG_POSSESSIVE.match(after) and "a name with a company's possessive") or \
        (beside_org(found, piece, before, after) and "a name joined by 'and' to an organization")
    person_cue = (cues.APPOSITIVE_ROLE.match(after) and "a name followed by a role") or \
        (cues.APPOSITIVE.match(after) and "a name followed by an appositive") or \
        (cues.ROLE_BEFORE.search(before) and "a role before a name") or \
        (cues.BYLINE.search(before) and "a byline") or \
        (cues.ROLE_COMMA_BEFORE.search(before) and "a name after a role") or \
        (cues.NAMED_AFTER.match(after) and "a name that was named to a post") or \
        (re.match(r"^\s+for\s+[A-Z]", after) and last_line(found, piece) and "a byline") or \
        (cues.PERSON_POSSESSIVE.match(after) and "a name with a person's possessive") or \
        ((cues.SPEECH_AFTER.match(after) or cues.SPEECH_BEFORE.search(before)) and "a name with a speech verb") or \
        (piece.words[-1] in found.single_words and "a name whose last word the text uses alone")
    weak_org = org_cue and org_cue.startswith("a name that holds a country's name")
    if org_cue and not (person_cue and (person_cue in ("a byline",) or weak_org)):  # "Jordan Kessler, an organizer"
        entity = found.add(ORGANIZATION, " ".join(piece.words), found.doc.text[piece.start:piece.end],
                          (piece.start, piece.end), org_cue)
        entity.company = bool(cues.COMPANY_BEFORE.search(before))
        kind = cues.APPOSITIVE_ORG.match(after)
        if kind:  # "River Watch Europe, a coalition of ...": later "the coalition"
            entity.roles.append(kind.group().split()[-1].casefold())
        found.mention(entity, piece.start, piece.end)
        acronym_after(found, entity, piece, after)
    elif person_cue and len(piece.words) <= 4 and not any(w in _SPOKEN_COMMON for w in piece.words):
        found.person(piece, person_cue)
    elif looks_like_a_name(found, piece, before):
        person = found.person(piece, "a name with no other cue")
        if person is not None and person.review is None:
            person.review = "a person only because the name looks like one; check it"


def looks_like_a_name(found: "Found", piece: Piece, before: str) -> bool:
    """Two or three capitalized words, none a common word, not after "the": most often a person."""
    words = piece.words
    if not 2 <= len(words) <= 3 or re.search(r"\b[Tt]he\s+$", before) or piece.sentence == found.headline:
        return False
    if found.doc.text[piece.end:piece.end + 2] in ("'s", "’s") and not cues.PERSON_POSSESSIVE.match(
            found.doc.text[piece.end:piece.end + 30]):
        return False
    return all(re.sub(r"[’'\-]", "", w).isalpha() and capitalized(w) and not w.isupper() and
               w.casefold() not in COMMON_CAPS and
               w.casefold() not in _DIRECTIONS and
               w.casefold() not in found.classifier.lower and w not in found.gaz.demonyms and
               not found.gaz.lookup(w) for w in words)


def acronym_after(found: "Found", entity: Entity, piece: Piece, after: str) -> None:
    match = cues.ACRONYM_AFTER.match(after)
    if match and match.group("acronym") not in entity.alternate_names:
        entity.alternate_names.append(match.group("acronym"))
        entity.evidence = (entity.evidence[0], piece.end + match.end())
        found.keys.setdefault((ORGANIZATION, match.group("acronym").casefold()), entity)


def beside_org(found: "Found", piece: Piece, before: str, after: str) -> bool:
    if re.match(r"^\s+and\s+(?:the\s+)?[A-Z]", after):
        following = next((p for p in found.pieces if p.start > piece.end), None)
        return following is not None and following.kind == "organization" and \
            following.start - piece.end < 12
    if re.search(r"[A-Za-z)]\s+and\s+(?:the\s+)?$", before):
        previous = next(found.mentions.before(piece.start), None)
        return previous is not None and piece.start - previous.end < 12 and \
            previous.entity.kind == ORGANIZATION
    return False


def last_line(found: "Found", piece: Piece) -> bool:
    return found.doc.sentences[piece.sentence].paragraph >= len(found.doc.paragraphs) - 2


def single(found: "Found", piece: Piece) -> None:
    word = piece.words[0] if len(piece.words) == 1 else None
    text = found.doc.text
    if word is None:
        return
    if piece.sentence == found.headline and not found.keys.get((ORGANIZATION, word.casefold())):
        return
    entity = found.keys.get((ORGANIZATION, word.casefold()))
    if entity is not None:
        found.mention(entity, piece.start, piece.end, "acronym")
        return
    place = found.keys.get((PLACE, word.casefold()))
    if place is not None:  # "Monchique's mayor", the town named before
        found.mention(place, piece.start, piece.end)
        return
    person = found.surname(word)
    if person is not None:
        found.mention(person, piece.start, piece.end, "surname")
        return
    short = found.short_form([word], alone=not re.search(r"\b[Tt]he\s+$", found.classifier.before(piece)))
    if short is not None:
        found.alias(short, piece)
        return
    acronym = initials(found, word) if piece.kind == "acronym" else None
    if acronym is not None:
        found.alias(acronym, piece)
        found.keys.setdefault((ORGANIZATION, word.casefold()), acronym)
        return
    before = found.classifier.before(piece)
    after = found.classifier.after(piece)
    if word.casefold() not in COMMON_CAPS and listed_place(found, piece, after):
        return
    org_cue = (cues.APPOSITIVE_ORG.match(after) and 'a name followed by ", a company"') or \
        (cues.AGENT_BEFORE.search(before) and 'a one-word name after "sponsored by"') or \
        (cues.AFTER_ROLE_PREP.search(before) and 'a one-word name after "ROLE at"') or \
        (cues.COMPANY_BEFORE.search(before) and "a name after a company noun") or \
        (cues.ORG_NOUN_BEFORE.search(before) and "a name after a word for an organization") or \
        (cues.ORG_POSSESSIVE.match(found.doc.text[piece.tokens[-1].bare_end:piece.tokens[-1].bare_end + 30])
         and "a name with a company's possessive")
    if org_cue and piece.sentence != found.headline and word.casefold() not in COMMON_CAPS and \
            not found.gaz.lookup(word) and (piece.kind != "acronym" or org_cue):
        entity = found.add(ORGANIZATION, word, word, (piece.start, piece.end), org_cue,
                          review="an organization only by the words around its name")
        entity.company = True
        found.mention(entity, piece.start, piece.end)
        return
    listed = cues.LIST_OF_PLACES.search(before)
    governed = cues.GOVERNED_BEFORE.search(before)
    if piece.sentence == found.headline or word.casefold() in COMMON_CAPS or piece.kind == "acronym":
        return
    if listed or governed:
        kind = cues.PLACE_KINDS.get((listed or governed).group("kind").casefold())
        found.add(PLACE, word, word, (piece.start, piece.end), f'"{(listed or governed).group("kind")} of ..."',
                 place_kind=kind)
        found.mention(found.keys[(PLACE, word.casefold())], piece.start, piece.end)
    elif cues.PLACE_BEFORE.search(before) and not text[piece.end:piece.end + 2].startswith(("'", "’")):
        entity = found.add(PLACE, word, word, (piece.start, piece.end), 'a name after "in" or "near"',
                          review="a place only because it follows 'in' or 'near'; check it and give its kind")
        found.mention(entity, piece.start, piece.end)


def initials(found: "Found", acronym: str) -> Entity | None:
    for entity in found.entities:
        if entity.kind == ORGANIZATION and entity.name:
            letters = "".join(w[0] for w in entity.name.split() if w[:1].isupper())
            if letters == acronym:
                return entity
    return None
