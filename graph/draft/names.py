"""Runs of capitalized words → pieces of names: a title stripped off ("Deputy Mayor"), a
sentence's first word dropped when it is only capitalized by position, runs cut at "and" and at
an organization that is part of another ("Ruijin Hospital of Shanghai Jiaotong University"),
and each piece given the kind its words and the built-in gazetteer say."""

import re
from dataclasses import dataclass, field

from graph.draft import cues
from graph.draft.gazetteer import Gazetteer, Known
from graph.draft.lexicon import (
    AMBIGUOUS_EVENT_WORDS, COMMON_CAPS, CONNECTORS, EVENT_WORDS, HONORIFICS, MONTHS, ORG_HEADS, ORG_WORDS,
    PLACE_WORDS, ROLE_HEADS, TITLE_HEADS, TITLE_MODIFIERS, VENUE_CENTRE_WORDS, VENUE_WORDS, WEAK_PLACE_WORDS, WEEKDAYS,
)
from graph.draft.runs import NAME_PARTICLES, Run, Token, capitalized
from graph.draft.text import Doc

_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_HONORIFIC_TITLES = frozenset("president judge justice king queen prince princess pope cardinal bishop archbishop "
                               "general colonel admiral captain sheikh emir senator governor mayor sen. gov. rep. "
                               "gen. col. capt. lt.".split())
_POSTNOMINALS = frozenset("SC QC KC Jr Sr II III IV MP MEP MD PhD OBE MBE CBE KBE MSP AM".split())
#: Titles that are first names too: before a single word, a name.
_FIRST_NAME_TITLES = frozenset("Dean Major Marshal".split())
_PLACE_ENDS = frozenset("State Province Region County District City Republic Island Islands Municipality".split())
_ROMAN = re.compile(r"^[IVXLC]+$")
_NOT_ACRONYMS = frozenset("CEO CFO COO CTO GDP AI HIV AIDS COVID TV PM AM OK UTC GMT EST PST ID DNA RNA USD EUR "
                          "GBP CNY PCR VIP LGBT LGBTQ FAQ".split())


@dataclass(eq=False)
class Piece(Run):
    """A run of capitalized words with what the rules decided it is (start, end, words: Run's)."""

    kind: str = "unknown"  # person, organization, place, event, acronym, role, single, unknown, drop
    title: list[Token] = field(default_factory=list)
    honorific: str | None = None
    known: Known | None = None
    place_kind: str | None = None
    parent: "Piece | None" = None
    combined: tuple[int, int] | None = None  # "School of Medicine at Ruijin Hospital"
    how: str = ""
    review: str | None = None
    split: bool = False  # cut out of a longer run ("Ruijin Hospital" of "... at Ruijin Hospital of ...")

    @property
    def title_start(self) -> int:
        return self.title[0].start if self.title else self.start


def lower_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\b[a-z][a-z'’\-]*\b", text))


class Classifier:
    def __init__(self, doc: Doc, gaz: Gazetteer, dateline_city: tuple[int, int] | None):
        self.doc = doc
        self.text = doc.text
        self.gaz = gaz
        self.lower = lower_words(doc.text)
        self.city = dateline_city

    # --- cutting runs into pieces ---------------------------------------------------------------

    def pieces(self, run: Run) -> list[Piece]:
        tokens = list(run.tokens)
        if self.city and tokens[0].start == self.city[0]:
            return [Piece(tokens, "place", place_kind="city", how="the dateline's city",
                          known=self.gaz.lookup(self.text[self.city[0]:self.city[1]]))]
        if tokens[0].initial:
            tokens = self._drop_initial(tokens)
        while len(tokens) >= 3 and tokens[-1].bare.rstrip(".") in _POSTNOMINALS:
            tokens = tokens[:-1]  # "Sarah Whitcombe SC"
        found: list[Piece] = []
        for group in self._split_and(tokens):
            for part in self._split_honorific(group):
                found.extend(self._titled(part))
        return found

    def _split_honorific(self, tokens: list[Token]) -> list[list[Token]]:
        """ "Africa Dr. Grace Mwale" is a place and a person: cut before an honorific inside a run."""
        for index, token in enumerate(tokens[1:], 1):
            if token.bare.casefold() in HONORIFICS and token.bare.endswith(".") or token.bare in ("Professor",
                                                                                                 "Academician"):
                if not any(t.bare.casefold() in TITLE_HEADS | TITLE_MODIFIERS for t in tokens[:index]):
                    return [tokens[:index], tokens[index:]]
        return [tokens]

    def _drop_initial(self, tokens: list[Token]) -> list[Token]:
        first = tokens[0]
        folded = first.bare.casefold()
        whole = " ".join(t.text for t in tokens)
        if self.gaz.lookup(whole) or self.gaz.lookup(first.bare) or folded in HONORIFICS or folded in TITLE_HEADS \
                or folded in TITLE_MODIFIERS or folded in ROLE_HEADS or first.bare in self.gaz.demonyms:
            return tokens
        if first.bare in ("He", "She") and len(tokens) == 2 and not tokens[1].possessive:
            after = self.text[tokens[1].end:tokens[1].end + 40]
            if after.startswith(",") or cues.SPEECH_AFTER.match(after):
                return tokens  # "He Jie, an academician of ..." (a Chinese surname)
        keyword = any(t.bare in ORG_WORDS or t.bare in EVENT_WORDS for t in tokens[1:])
        after = self.text[tokens[-1].end:tokens[-1].end + 60]
        if len(tokens) >= 3 and (cues.ACRONYM_AFTER.match(after) or cues.APPOSITIVE_ORG.match(after)) and \
                folded not in ("the", "a", "an", "in", "on", "at", "for", "and", "but"):
            return tokens  # "Doctors Without Borders (MSF)", "River Watch Europe, a coalition of ..."
        if folded in COMMON_CAPS or (folded in self.lower and not (keyword and len(tokens) >= 2)):
            tokens = tokens[1:]
            while tokens and not tokens[0].cap:
                tokens = tokens[1:]
        return tokens

    def _split_and(self, tokens: list[Token]) -> list[list[Token]]:
        if not any(t.text == "and" for t in tokens) or self.gaz.lookup(" ".join(t.text for t in tokens)) or \
                self._spelled_by_acronym(tokens):
            return [tokens] if tokens else []
        groups: list[list[Token]] = [[]]
        for token in tokens:
            if token.text == "and":
                left, right_start = groups[-1], tokens.index(token) + 1
                right = tokens[right_start:]
                left_org = any(t.bare in ORG_WORDS for t in left)
                right_org = any(t.bare in ORG_WORDS for t in right)
                if (left_org and not right_org and not self.gaz.lookup(" ".join(t.bare for t in right))) or \
                        (right_org and not left_org and len(left) == 1 and not self.gaz.lookup(left[0].bare)) or \
                        (right_org and not left_org and left and left[-1].bare.endswith("s") and
                         left[-1].bare.casefold() in self.lower):  # "Dock Workers and Allied Trades Union"
                    left.append(token)  # "Ministry of Water and Sanitation", "Food and Agriculture Organization"
                    continue
                groups.append([])
            else:
                groups[-1].append(token)
        return [g for g in groups if g]

    def _spelled_by_acronym(self, tokens: list[Token]) -> bool:
        """ "the Sahel and Coastal States Group (SCSG)": the acronym after it spells the whole run."""
        after = re.match(r"\s+\(([A-Z]{2,8})\)", self.text[tokens[-1].end:tokens[-1].end + 12])
        initials = "".join(t.bare[0] for t in tokens if t.cap)
        return bool(after) and after.group(1) == initials

    def _titled(self, tokens: list[Token]) -> list[Piece]:
        """A title and a name ("Deputy Agriculture Minister Tomasz Wrobel"), or a run with no name."""
        head = None
        index = 0
        if len(tokens) == 2 and tokens[0].bare in _FIRST_NAME_TITLES:
            return self._split_orgs(tokens)  # "Dean Holloway" is a name; "Dean Mary Holloway" a title and one
        while index < len(tokens):
            word = tokens[index].bare
            folded = word.casefold()
            if folded in HONORIFICS or folded in TITLE_HEADS or folded in ROLE_HEADS:
                head = index
            elif not (folded in TITLE_MODIFIERS or word in self.gaz.demonyms or
                      (index == 0 and self.gaz.lookup(word) and len(tokens) > 2)):
                break
            index += 1
            if head == index - 1 and index < len(tokens) and tokens[index].text in ("of", "for"):
                rest = len(tokens) - index - 1
                take = rest - 2 if rest >= 3 else rest
                index += 1 + take
                head = index - 1
                break
        if head is None:
            head = self._title_further_in(tokens)
        if head is None:
            if len(tokens) >= 2 and tokens[0].bare in ("Former", "Ex"):  # "Former Humber captain X": not a name
                return self._split_orgs(tokens[1:])
            return self._split_orgs(tokens)
        title, name = tokens[:head + 1], tokens[head + 1:]
        if not name:
            return [Piece(tokens, "role")]
        for index, token in enumerate(name[1:], 1):  # "Foreign Minister Tran Minh Khoa of Vietnam"
            if token.text in ("of", "from"):
                known = self.gaz.lookup(" ".join(t.bare for t in name[index + 1:]))
                if (known and known.kind != "org") or name[-1].bare in _PLACE_ENDS:  # "... of Enugu State"
                    return [*self._titled(title + name[:index]), *self._split_orgs(name[index + 1:])]
                break
        if any(t.bare in ORG_WORDS or t.bare in EVENT_WORDS or not (t.cap or t.text in NAME_PARTICLES) for t in name) or \
                self.gaz.lookup(" ".join(t.bare for t in name)):
            return self._split_orgs(tokens)
        honorific = None
        if len(title) == 1 or title[-1].bare.casefold() in HONORIFICS:
            honorific = HONORIFICS.get(title[-1].bare.casefold())
            if honorific is None and len(title) == 1 and title[0].bare.casefold() in _HONORIFIC_TITLES:
                honorific = title[0].bare  # "President", "Judge"
        return [Piece(name, "person", title=title, honorific=honorific, how="a title before a name")]

    def _title_further_in(self, tokens: list[Token]) -> int | None:
        """ "Dutch Climate Minister Sophie Hermans": a title word a little way in, after words that
        name its field, and two words of a name after it."""
        for index in range(1, min(4, len(tokens) - 2)):
            word = tokens[index].bare.casefold()
            compound = word in ("executive", "officer", "director") and \
                tokens[index - 1].bare.casefold() in ("chief", "managing", "executive", "operating", "financial",
                                                       "technology", "technical", "commercial")  # "Norvane Chief Executive X"
            if (compound or (word in TITLE_HEADS and word not in ("chief", "officer"))) \
                    and all(t.cap and t.bare not in ORG_WORDS for t in tokens[:index]) and \
                    len(tokens) - index - 1 in (2, 3):
                return index
        return None

    def _split_orgs(self, tokens: list[Token]) -> list[Piece]:
        if any(t.bare in EVENT_WORDS for t in tokens[-1:]):
            return [Piece(tokens)]
        for index, token in enumerate(tokens):
            if token.text in ("of", "from", "at") and 2 <= index <= 4:
                left, right = tokens[:index], [t for t in tokens[index + 1:] if t.text != "the" or t is not
                                               tokens[index + 1]]
                known = self.gaz.lookup(" ".join(t.bare for t in right))
                if not right or any(t.bare in ORG_WORDS or t.bare in EVENT_WORDS for t in left):
                    continue
                if (known and known.kind != "org") or any(t.bare in ORG_HEADS for t in right) or \
                        (any(t.bare in ORG_WORDS for t in right) and len(left) in (2, 3) and all(t.cap for t in left)):
                    # "Marco Bellini of Italy", "Dr Amara Nwosu of the University of Lagos"
                    return [*self._titled(left), *self._split_orgs(right)]
        segments: list[list[Token]] = [[]]
        joins: list[Token] = []
        for token in tokens:
            if token.text == "for" and segments[-1] and not any(t.bare in ORG_WORDS for t in segments[-1]) \
                    and any(t.bare in ORG_WORDS for t in tokens[tokens.index(token):]):
                return [*self._split_orgs(segments[-1]), *self._split_orgs(tokens[tokens.index(token) + 1:])] \
                    if len(segments) == 1 else [Piece(tokens)]  # "Mathilde Moreau for TROIB News"
            if token.text in ("of", "at") and segments[-1]:
                joins.append(token)
                segments.append([])
            else:
                segments[-1].append(token)
        pieces: list[Piece] = []
        current = segments[0]
        for join, segment in zip(joins, segments[1:]):
            known = self.gaz.lookup(" ".join(t.bare for t in current)) if current else None
            if join.text == "at" and known and known.kind != "org":  # "director for Africa at Sunrise Power"
                pieces.append(Piece(current))
                current = segment
                continue
            if segment and current and segment[-1].bare in ORG_HEADS and \
                    any(t.bare in ORG_HEADS for t in current):
                piece = Piece(current)
                if join.text == "at":
                    piece.combined = (current[0].start, segment[-1].bare_end)
                pieces.append(piece)
                current = segment
                piece.parent = None  # set below, once the next piece exists
            else:
                current = current + [join] + segment
        pieces.append(Piece(current))
        for child, parent in zip(pieces, pieces[1:]):
            child.parent = parent
            parent.split = True
        return pieces

    # --- kinds ------------------------------------------------------------------------------------

    def kind(self, piece: Piece) -> None:
        if piece.kind != "unknown":
            return
        words = piece.words
        text = " ".join(words)
        known = self.gaz.lookup(text)
        if known:
            piece.known = known
            piece.kind = "organization" if known.kind == "org" else "place"
            piece.place_kind = None if known.kind == "org" else known.kind
            piece.how = "the built-in gazetteer"
            return
        if len(words) == 1 and (words[0].casefold() in MONTHS or words[0].casefold() in WEEKDAYS or
                                words[0] in self.gaz.demonyms):
            piece.kind = "drop"
        elif (words[-1] in EVENT_WORDS and len(words) >= 2) or (len(words) >= 3 and any(
                w in EVENT_WORDS and w not in AMBIGUOUS_EVENT_WORDS and after == "of"
                for w, after in zip(words, words[1:]))):
            piece.kind = "event"
            word = words[-1] if words[-1] in EVENT_WORDS else words[0]
            piece.how = f"an event's name, with '{word}'"
            if word in AMBIGUOUS_EVENT_WORDS and self._acts_as_body(piece):
                piece.kind, piece.how = "organization", f"a name with '{word}' that acts as a body"
        elif len(words) >= 2 and words[-1] in ("Centre", "Center") and words[-2] in VENUE_CENTRE_WORDS:
            piece.kind, piece.place_kind, piece.how = "place", "venue", f"a name ending in '{words[-2]} {words[-1]}'"
        elif any(w in ORG_WORDS for w in words) and not (len(words) == 1 and words[0] in ORG_HEADS):
            piece.kind = "organization"
            word = next(w for w in words if w in ORG_WORDS)
            piece.how = f"a name with '{word}'"
        elif len(words) >= 2 and words[-1] == "State" and not any(w in ORG_WORDS for w in words[:-1]):
            piece.kind, piece.place_kind, piece.how = "place", "region", "a name ending in 'State' (\"Enugu State\")"
        elif len(words) >= 2 and (words[-1] in PLACE_WORDS or words[0] in ("Lake", "Mount", "Cape") or (
                words[-1] in WEAK_PLACE_WORDS and re.search(r"\b(?:the|in|at|near|on)\s+$", self.before(piece)))):
            piece.kind, piece.how = "place", f"a place's name, with '{words[-1]}'"
        elif len(words) >= 2 and (words[-1] in VENUE_WORDS or words[-1] in ("Centre", "Center")) and \
                (cues.HELD_AT.search(self.before(piece)) or (words[-1] in VENUE_WORDS and
                                                             cues.VENUE_BEFORE.search(self.before(piece)))):
            piece.kind, piece.place_kind, piece.how = "place", "venue", f"a name ending in '{words[-1]}'"
        elif len(words) == 1 and _ACRONYM.match(words[0]) and words[0] not in _NOT_ACRONYMS and \
                not _ROMAN.match(words[0]):
            piece.kind = "acronym"
        elif len(words) == 1:
            piece.kind = "single"
        elif all(capitalized(w) or w in CONNECTORS or w in NAME_PARTICLES for w in words) and len(words) <= 5:
            piece.kind = "unknown"
        else:
            piece.kind = "drop"

    def _acts_as_body(self, piece: Piece) -> bool:
        before = self.before(piece)
        after = self.after(piece)
        return bool(cues.ACRONYM_AFTER.match(after) or cues.SPEECH_AFTER.match(after) or
                    cues.ROLE_THEN_NAME.match(after) or re.search(r"\bby\s+(?:the\s+)?$", before) or
                    re.match(r"^[’']s\s", after))

    def before(self, piece: Piece, width: int = 60) -> str:
        sentence = self.doc.sentences[piece.sentence]
        return self.text[max(sentence.start, piece.title_start - width):piece.title_start]

    def after(self, piece: Piece, width: int = 90) -> str:
        sentence = self.doc.sentences[piece.sentence]
        return self.text[piece.end:min(sentence.end, piece.end + width)]
