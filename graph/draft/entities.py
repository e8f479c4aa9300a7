"""Pieces of names → entities and every place the text mentions them: one person for "Maria
Jansen" and the later "Jansen", one organization for "the Delta Resilience Network (DRN)" and
"DRN", a place from the gazetteer or from "in ..." before an unknown name."""

import re

from graph.draft import cues, guess
from graph.draft.gazetteer import Gazetteer, gazetteer
from graph.draft.lexicon import (
    COMMON_CAPS, COMPANY_WORDS, CONNECTORS, EVENT_WORDS, FEMALE_HONORIFICS, MALE_HONORIFICS, ORG_WORDS, VENUE_WORDS,
)
from graph.draft.model import EVENT, ORGANIZATION, PERSON, PLACE, Entity, Mention, Mentions
from graph.draft.names import Classifier, Piece
from graph.draft.runs import Dateline, Run, runs, tokens
from graph.draft.text import Doc



class Found:
    """The entities of one article and their mentions, in the order of the text."""

    def __init__(self, doc: Doc, line: Dateline | None):
        self.doc = doc
        self.gaz: Gazetteer = gazetteer()
        self.entities: list[Entity] = []
        self.mentions = Mentions()
        self._by_word: dict[str, list[Entity]] = {}  # a name's first and last words → its entities
        self.keys: dict[tuple[str, str], Entity] = {}
        #: (person, title tokens' span, honorific) for the roles a title gives
        self.titled: list[tuple[Entity, tuple[int, int]]] = []
        #: (piece, parent piece) for "Ruijin Hospital of Shanghai Jiaotong University"
        self.parents: list[tuple[Entity, Entity, tuple[int, int]]] = []
        self.roles: list[Piece] = []  # "Prime Minister" with no name after it
        self.classifier = Classifier(doc, self.gaz, line.city if line else None)
        self.headline = 0 if doc.sentences and doc.sentences[0].paragraph == 0 else -1
        words = tokens(doc, line)
        self.pieces = [p for run in self._possessive_names(runs(doc, words)) for p in self.classifier.pieces(run)]
        self.single_words = {p.words[0] for p in self.pieces if len(p.tokens) == 1}
        for piece in self.pieces:
            if line is not None and line.publisher and line.publisher[0] <= piece.start < line.publisher[1]:
                piece.kind, piece.how = "organization", "the publisher in the dateline's brackets"
            self.classifier.kind(piece)
        self._build()
        self.mentions.sort(key=lambda m: (m.start, -m.end))

    def _possessive_names(self, found: list[Run]) -> list[Run]:
        """ "Riverside Children's" + "Hospital" is one name; "Kenya's" + "Minister of Water" is not."""
        merged: list[Run] = []
        for run in found:
            previous = merged[-1] if merged else None
            if previous is not None and previous.possessive and run.sentence == previous.sentence and \
                    self.doc.text[previous.tokens[-1].end:run.start] == " " and \
                    run.words[-1] in ORG_WORDS | EVENT_WORDS | VENUE_WORDS and \
                    not self.gaz.lookup(" ".join(previous.words)) and previous.words[0] not in self.gaz.demonyms \
                    and not (len(previous.words) == 1 and previous.words[0] in ORG_WORDS) and \
                    not self.gaz.lookup(previous.words[-1]) and not previous.tokens[0].initial:
                merged[-1] = Run(previous.tokens + run.tokens)
                continue
            merged.append(run)
        return merged

    # --- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        pieces = self.pieces
        for piece in pieces:
            if piece.kind in ("place", "organization", "event"):
                self._named(piece)
            elif piece.kind == "person" and len(piece.words) > 1:
                self.person(piece, piece.how)
            elif piece.kind == "role" and piece.sentence != self.headline:
                self.roles.append(piece)
        for piece in pieces:
            if piece.parent is not None and piece.kind == piece.parent.kind == "organization":
                child, parent = self._entity_at(piece), self._entity_at(piece.parent)
                if child and parent and child is not parent:
                    self.parents.append((child, parent, (piece.start, piece.parent.end)))
        self._acronyms_in_brackets()
        for piece in pieces:
            if piece.kind == "unknown":
                guess.unknown(self, piece)
        for piece in pieces:
            if piece.kind == "person" and len(piece.words) == 1:
                self.person(piece, piece.how)  # "Mr Cho": the Cho named before, once every name is known
            elif piece.kind in ("single", "acronym", "unknown"):
                guess.single(self, piece)
        for piece in pieces:
            if piece.kind == "place" and piece.known:
                entity = self._entity_at(piece)
                if entity is not None:
                    self._country_of(entity, piece)
        for entity in self.entities:
            if entity.kind == ORGANIZATION and entity.name and entity.country is None:
                entity.country = self._named_country(entity.name)
        text = self.doc.text
        for mention in self.mentions:  # a place's evidence names it as its name does ("United States", not "U.S.")
            entity = mention.entity
            if entity.kind == PLACE and text[mention.start:mention.end] == entity.name and \
                    text[entity.evidence[0]:entity.evidence[1]] != entity.name:
                entity.evidence = (mention.start, mention.end)

    def _merge(self, twin: Entity, into: Entity) -> None:
        """Every mention of `twin` becomes one of `into`; `twin` is gone."""
        for index, mention in enumerate(self.mentions):
            if mention.entity is twin:
                self.mentions[index] = Mention(mention.start, mention.end, into, "acronym", mention.review)
        self.entities.remove(twin)
        for key, entity in list(self.keys.items()):
            if entity is twin:
                self.keys[key] = into

    def _named_country(self, name: str) -> Entity | None:
        """ "Chinese Academy of Sciences", "National Cancer Center of China", "United States National ..."."""
        words = name.split()
        found = self.gaz.demonyms.get(words[0])
        if found is None:
            match = re.search(r"\bof\s+(?:the\s+)?(.+)$", name)
            found = self.gaz.country(match.group(1)) if match else None
        if found is None:
            found = next((self.gaz.country(" ".join(words[:n])) for n in (3, 2, 1)
                          if n < len(words) and self.gaz.country(" ".join(words[:n]))), None)
        if found is None or found.kind != "country":
            return None
        place = self.keys.get((PLACE, found.name.casefold()))
        return place if place is not None and place.place_kind == "country" else None

    def _entity_at(self, piece: Piece) -> Entity | None:
        for mention in self.mentions.starting(piece.start):
            if mention.end == piece.end:
                return mention.entity
        return None

    def add(self, kind: str, key: str, name: str | None, span: tuple[int, int], how: str, **extra) -> Entity:
        entity = self.keys.get((kind, key.casefold()))
        if entity is None:
            entity = Entity(kind, name, span, how, order=span[0], **extra)
            self.entities.append(entity)
            self.keys[(kind, key.casefold())] = entity
            words = [re.sub(r"[’']s$", "", w) for w in (name or "").split()]
            for word in dict.fromkeys(words[:1] + words[-1:] + (words if kind == PERSON else [])):
                self._by_word.setdefault(word, []).append(entity)
        return entity

    def named_with(self, *words: str) -> list[Entity]:
        """Entities whose name starts or ends with one of the words (a person's: holds it)."""
        found: dict[int, Entity] = {}
        for word in words:
            for entity in self._by_word.get(word, ()):
                found[id(entity)] = entity
        return sorted(found.values(), key=lambda e: e.order)

    def mention(self, entity: Entity, start: int, end: int, via: str = "name", review: str | None = None) -> None:
        self.mentions.append(Mention(start, end, entity, via, review))

    def _named(self, piece: Piece) -> None:
        text = self.doc.text
        name = text[piece.start:piece.end]
        if piece.sentence == self.headline and piece.kind != "place" and not piece.known:
            return
        if piece.kind == "place":
            canonical = piece.known.name if piece.known else name
            if canonical.isupper() and len(canonical) > 3:  # a dateline's "ENUGU": the name as a sentence writes it
                canonical = _capitalized(canonical)
            kind = piece.place_kind or (piece.known.kind if piece.known else None)
            listed = cues.LIST_OF_PLACES.search(self.classifier.before(piece)) or \
                cues.GOVERNED_BEFORE.search(self.classifier.before(piece))
            if listed and kind in ("city", "region"):
                kind = cues.PLACE_KINDS.get(listed.group("kind").casefold(), kind)
            entity = self.add(PLACE, piece.known.name if piece.known else name, canonical, (piece.start, piece.end),
                              piece.how or "the built-in gazetteer", place_kind=kind)
            self._country_of(entity, piece)
        elif piece.kind == "organization":
            if piece.combined:
                whole = text[piece.combined[0]:piece.combined[1]]
                entity = self.add(ORGANIZATION, whole, whole, piece.combined, piece.how + ", inside a longer name")
                self.mention(entity, *piece.combined)
                return
            short = None if piece.split else self.short_form(piece.words)
            if short is not None and short.kind == ORGANIZATION:
                self.alias(short, piece)
                return
            entity = self.add(ORGANIZATION, name, name, (piece.start, piece.end), piece.how)
            if any(w in COMPANY_WORDS for w in piece.words):
                entity.company = True
        else:
            entity = self.add(EVENT, name, name, (piece.start, piece.end), piece.how)
        self.mention(entity, piece.start, piece.end)

    def _country_of(self, place: Entity, piece: Piece) -> None:
        if piece.known and piece.known.country and place.country is None:
            country = self.keys.get((PLACE, piece.known.country.casefold()))
            if country is not None:
                place.country = country

    def person(self, piece: Piece, how: str) -> Entity | None:
        if piece.sentence == self.headline:
            return None
        name = self.doc.text[piece.start:piece.end]
        entity = self.same_person(piece.words) if len(piece.words) > 1 else self.surname(piece.words[0])
        if entity is None and len(piece.words) == 1 and piece.honorific not in _SURNAME_TITLES:
            return None  # "Cho" with no Cho named before
        if entity is None:
            span = (piece.title_start if piece.honorific or piece.title else piece.start, piece.end)
            entity = self.add(PERSON, name, name, span, how or "a name", honorific=piece.honorific)
            if len(piece.words) == 1:  # "Mr Hassan", named no other way
                entity.review = "known only by an honorific and a surname: give the full name if the text has it"
            if piece.honorific in FEMALE_HONORIFICS:
                entity.gender = "f"
            elif piece.honorific in MALE_HONORIFICS:
                entity.gender = "m"
            via = "name"
        else:
            via = "name" if entity.name == name else "alias"
        if piece.honorific and not entity.honorific:
            entity.honorific = piece.honorific
        self.mention(entity, piece.start, piece.end, via)
        if piece.title:
            self.titled.append((entity, (piece.title[0].start, piece.title[-1].bare_end)))
            title = self.doc.text[piece.title[0].start:piece.title[-1].bare_end]
            if title not in entity.roles:
                entity.roles.append(title)  # "Justice", "Professor": for "the judge", "the professor"
        return entity

    def same_person(self, words: list[str]) -> Entity | None:
        key = " ".join(words).casefold()
        found = self.keys.get((PERSON, key))
        if found:
            return found
        for entity in self.named_with(words[0]):
            if entity.kind == PERSON and entity.name:
                parts = entity.name.split()
                if len(words) >= 2 and parts[0] == words[0] and parts[-1] == words[-1]:
                    return entity
        return None

    def _acronyms_in_brackets(self) -> None:
        text = self.doc.text
        for mention in list(self.mentions):
            if mention.entity.kind != ORGANIZATION:
                continue
            match = cues.ACRONYM_AFTER.match(text[mention.end:mention.end + 14])
            if match:
                acronym = match.group("acronym")
                twin = self.keys.get((ORGANIZATION, acronym.casefold()))
                if twin is not None and twin is not mention.entity and twin.name == acronym:
                    self._merge(twin, mention.entity)  # "(UNICEF)", also in the gazetteer: one organization
                if acronym not in mention.entity.alternate_names:
                    mention.entity.alternate_names.append(acronym)
                    mention.entity.evidence = (mention.entity.evidence[0], mention.end + match.end())
                    mention.entity.how += f', with its acronym "({acronym})"'
                self.keys.setdefault((ORGANIZATION, acronym.casefold()), mention.entity)

    def short_form(self, words: list[str], alone: bool = False) -> Entity | None:
        """An organization or event named before by more words ("Volta Cell", "Port Authority"; with
        `alone`, the first word of a name: "Solaris" for "Solaris Motors AG")."""
        n = len(words)
        if n < 2 and not (alone and words[0].casefold() not in COMMON_CAPS and not self.gaz.lookup(words[0])
                          and words[0] not in ORG_WORDS and self.surname(words[0]) is None
                          and (PLACE, words[0].casefold()) not in self.keys):
            return None
        for entity in self.named_with(words[0], words[-1]):
            if entity.kind in (ORGANIZATION, EVENT) and entity.name:
                parts = [w for w in re.split(r"\s+", entity.name)]
                parts = [re.sub(r"[’']s$", "", w) for w in parts]
                if len(parts) > n and (parts[:n] == words or (n > 1 and parts[-n:] == words)):
                    return entity
        return None

    def alias(self, entity: Entity, piece: Piece) -> None:
        written = self.doc.text[piece.start:piece.end]
        if written not in entity.alternate_names and written != entity.name and entity.kind == ORGANIZATION:
            entity.alternate_names.append(written)
        self.mention(entity, piece.start, piece.end, "alias")

    def surname(self, word: str) -> Entity | None:
        found = [e for e in self.named_with(word) if e.kind == PERSON and e.name and
                 word in e.name.split() and word not in ("He", "She")]
        return found[0] if len(found) == 1 else None


def _capitalized(name: str) -> str:
    """ "PORT HARCOURT" → "Port Harcourt", "SAINT-LOUIS" → "Saint-Louis", "DAR ES SALAAM" → "Dar es Salaam"."""
    words = [re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), w) for w in name.split()]
    return " ".join(w.lower() if i and w.lower() in CONNECTORS else w for i, w in enumerate(words))


#: Honorifics that make a surname alone a person ("Mr Hassan said"), even when no full name is given.
_SURNAME_TITLES = frozenset("Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Professor Prof. Sir Dame".split())
