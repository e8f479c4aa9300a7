"""Sentences with their mentions written as tags ("\ue000P3\ue001 said ..."), so that the rules for
roles, statements and events are patterns over a sentence's words and the entities in it; every
match maps back to offsets in the text. Also each sentence's subject, and the pronouns resolved
through them ("he" → the person the previous sentence was about)."""

import re
from dataclasses import dataclass

from graph.draft.cues import SPEECH_AFTER
from graph.draft.lexicon import PERSON_PRONOUNS
from graph.draft.model import EVENT, ORGANIZATION, PERSON, PLACE, TOPIC, Entity, Mention, Mentions
from graph.draft.text import Doc

OPEN, CLOSE = "\ue000", "\ue001"
LETTERS = {PERSON: "P", ORGANIZATION: "O", PLACE: "L", EVENT: "E", TOPIC: "T"}
TAG = OPEN + r"[POLET]\d+" + CLOSE
SPEAKER = OPEN + r"[PO]\d+" + CLOSE
HOST = OPEN + r"[POL]\d+" + CLOSE
_TAG = re.compile(OPEN + r"([POLET])(\d+)" + CLOSE)
_PREPOSITION = re.compile(r"\b(?:of|at|for|to|with|by|from|in|on|about|between|among|including|like|than|against|"
                          r"into|over|under|near|behind|after|before|across|through|toward|towards|as)\s+"
                          r"(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")
_POSSESSIVE = re.compile(r"\b(?:his|her|himself|herself)\b")
_JOINED = re.compile(r"(?:,| and| as well as)\s+(?:the\s+)?(" + TAG + r")")
LOOK_BACK = 4


@dataclass
class Tagged:
    index: int
    text: str
    starts: list[int]
    ends: list[int]
    mentions: list[Mention]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Offsets in the article of the tagged text's characters a..b."""
        return self.starts[a], self.ends[b - 1]

    def tag_at(self, position: int) -> Mention | None:
        match = _TAG.match(self.text, position)
        return self.mentions[int(match.group(2))] if match else None

    def entities(self, text_span: str, offset: int = 0) -> list[Mention]:
        return [self.mentions[int(m.group(2))] for m in _TAG.finditer(text_span)]

    def subject(self) -> list[Mention]:
        """The first person or organization (or a place acting as one) not after a preposition,
        with any joined to it by 'and'."""
        for match in _TAG.finditer(self.text):
            if match.group(1) not in "POL":
                continue
            if _PREPOSITION.search(self.text[max(0, match.start() - 25):match.start()]):
                continue
            if re.match(r"['’]s\s", self.text[match.end():match.end() + 3]):
                continue  # "Bellini's lawyer, Giulia Conti, said": the lawyer is the subject
            if self.text[:match.start()].count("(") > self.text[:match.start()].count(")"):
                continue
            found = [self.mentions[int(match.group(2))]]
            at = match.end()
            while (more := _JOINED.match(self.text, at)) is not None:
                found.append(self.tag_at(more.start(1)))
                at = more.end()
            return found
        return []


def tag(doc: Doc, mentions: Mentions, index: int, start: int | None = None) -> Tagged:
    sentence = doc.sentences[index]
    begin = sentence.start if start is None else max(start, sentence.start)
    chosen: list[Mention] = []
    reach = begin
    for mention in mentions.within(begin, sentence.end):
        if mention.start < reach:
            continue
        chosen.append(mention)
        reach = mention.end
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = begin
    for number, mention in enumerate(chosen):
        for offset in range(cursor, mention.start):
            parts.append(doc.text[offset])
            starts.append(offset)
            ends.append(offset + 1)
        label = f"{OPEN}{LETTERS[mention.entity.kind]}{number}{CLOSE}"
        parts.append(label)
        starts.extend([mention.start] * len(label))
        ends.extend([mention.end] * len(label))
        cursor = mention.end
    for offset in range(cursor, sentence.end):
        parts.append(doc.text[offset])
        starts.append(offset)
        ends.append(offset + 1)
    text = "".join(parts).replace("\n", " ").replace("\r", " ")
    return Tagged(index, text, starts, ends, chosen)


class Pronouns:
    """Resolves he, she, they and it, sentence by sentence, through the subjects before them."""

    def __init__(self, doc: Doc, mentions: Mentions, skip: set[int], first_start: dict[int, int]):
        self.doc = doc
        self.mentions = mentions
        self.skip = skip
        self.first_start = first_start
        self.subjects: list[list[Mention]] = []
        self.tagged: list[Tagged | None] = []

    def run(self) -> list[Tagged | None]:
        for index in range(len(self.doc.sentences)):
            if index in self.skip:
                self.subjects.append([])
                self.tagged.append(None)
                continue
            tagged = tag(self.doc, self.mentions, index, self.first_start.get(index))
            self._learn_gender(tagged)
            added = self._resolve(index, tagged)
            if added:
                self.mentions.extend(added)
                self.mentions.sort(key=lambda m: (m.start, -m.end))
                tagged = tag(self.doc, self.mentions, index, self.first_start.get(index))
            self.subjects.append(tagged.subject())
            self.tagged.append(tagged)
        return self.tagged

    def _learn_gender(self, tagged: Tagged) -> None:
        people = {id(m.entity): m.entity for m in tagged.mentions if m.entity.kind == PERSON and m.via != "pronoun"}
        if len(people) != 1:
            return
        person = next(iter(people.values()))
        plain = re.sub(r"[\"“”].*?[\"“”]", "", tagged.text)
        words = {w.casefold() for w in _POSSESSIVE.findall(plain)}
        if words and person.gender is None and len({PERSON_PRONOUNS.get(w.replace("self", ""), "") for w in words}) == 1:
            person.gender = PERSON_PRONOUNS.get(next(iter(words)).replace("self", ""))

    def _resolve(self, index: int, tagged: Tagged) -> list[Mention]:
        added = []
        sentence = self.doc.sentences[index]
        for match in _PRONOUN.finditer(self.doc.text, sentence.start, sentence.end):
            start, end = match.span()
            if self.doc.in_quote(start, end) or self.doc.quote_at(start) is not None or \
                    self.mentions.covering(start):
                continue
            word = match.group().casefold()
            if word in ("it", "they") and not SPEECH_AFTER.match(self.doc.text[end:end + 40]):
                continue
            earlier = [m for m in tagged.mentions if m.end <= start]
            found, review = self._candidate(word, index, earlier)
            if found is None:
                continue
            if word in PERSON_PRONOUNS and found.gender is None:
                found.gender = PERSON_PRONOUNS[word]
            added.append(Mention(start, end, found, "pronoun", review))
        return added

    def _candidate(self, word: str, index: int, earlier: list[Mention]) -> tuple[Entity | None, str | None]:
        gender = PERSON_PRONOUNS.get(word)
        wanted = PERSON if gender else ORGANIZATION
        if word == "it" and earlier:
            return None, None  # "it" after a noun in its own sentence is most often that noun
        for mention in earlier:
            if mention.entity.kind == wanted and _agrees(mention.entity, gender):
                return mention.entity, None
        for back in range(1, LOOK_BACK + 1):
            if index - back < 0:
                break
            subjects = self.subjects[index - back]
            for mention in subjects:
                if mention.entity.kind == wanted and _agrees(mention.entity, gender):
                    return mention.entity, (f'"{word}" taken for {mention.entity.label()}, the subject of an '
                                            "earlier sentence")
            tagged = self.tagged[index - back]
            for mention in (tagged.mentions if tagged else []):
                if mention.entity.kind == wanted and _agrees(mention.entity, gender):
                    return mention.entity, f'"{word}" taken for {mention.entity.label()}, named in an earlier sentence'
        return None, None


def _agrees(entity: Entity, gender: str | None) -> bool:
    return gender is None or entity.gender in (None, gender)
