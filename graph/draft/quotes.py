"""Direct quotes and their speakers: the attribution after the quote ('," he said.', '," said
Amina Odhiambo'), before it ('Jansen said: "'), a quote resumed after its attribution ('," she
said, "'), and a quote paragraph with none, taken for the speaker quoted just before."""

import re
from datetime import date

from graph.draft import dates
from graph.draft.lexicon import VERB_PATTERN
from graph.draft.model import ORGANIZATION, PERSON, Entity, Statement
from graph.draft.tagging import SPEAKER, Tagged
from graph.draft.text import Doc, Quote

_SPEAKERS = r"(?P<spk>" + SPEAKER + r"(?:\s+and\s+(?:the\s+)?" + SPEAKER + r")?)"
_VERB = r"(?P<verb>" + VERB_PATTERN + r")"
#: what may stand before the speaker's name after a quote: "Nimbus chief executive", "ERF president Dr."
#: or a role and a comma: "the exhibition’s curator, Dr. Mette Lund"
_TITLE = (r"(?:(?:\ue000[OL]\d+\ue001(?:['’]s)?\s+)?(?:[A-Za-z][\w\-.’']*\s+){0,4}?"
          r"(?:[a-z][\w\-]*,\s+(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+|Professor\s+)?)?)?")
_AFTER_SPEAKER_VERB = re.compile(r"^\s*,?\s*" + _TITLE + _SPEAKERS + r"(?P<app>,[^,\"“”]{1,120},)?,?\s+(?:also\s+|later\s+|then\s+)?"
                                 + _VERB + r"\b(?P<tail>[^.!?\"“”]*)")
_AFTER_VERB_SPEAKER = re.compile(r"^\s*,?\s*" + _VERB + r"\s+(?:(?:[a-z][\w\-]*\s+){1,3}(?:(?:Dr\.?|Prof\.|Professor|"
                                 r"Mr\.?|Mrs\.?|Ms\.?|Dame|Sir)\s+)?)?" + _SPEAKERS)
_BEFORE = re.compile(_SPEAKERS + r"(?P<app>,[^,\"“”]{1,120},)?\s+(?:also\s+|later\s+|then\s+)?" + _VERB +
                     r"\b[^:\"“”]{0,60}?[:,]\s*$")
_TOLD = re.compile(r"^\s+(?P<who>(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w\-]+\s+){0,2}?[\w\-]+?)(?=\s+(?:in|on|at|"
                   r"of|that|after|before|during|from|about|,)\b|[.,;]|$)")
_TAG = re.compile(r"\ue000[POLET](\d+)\ue001")
#: "said MSF country director Amadou Diallo": the person after the organization and the role
_ROLE_THEN_PERSON = re.compile(r"\s+(?:[a-z][\w\-]*\s+){1,3}(?:(?:Dr\.|Prof\.|Professor|Mr\.|Mrs\.|Ms\.)\s+)?"
                               r"(?P<spk>\ue000P\d+\ue001)")


def verb_label(verb: str, after: str) -> str:
    """The reporting verb as a facts file writes it: "said", "told reporters", "told a rally"."""
    if verb in ("told", "tells", "tell"):
        who = _TOLD.match(after)
        if who and "\ue000" not in who.group("who"):
            return f"{verb} {who.group('who').strip()}"
    return verb


class Quotes:
    def __init__(self, doc: Doc, tagged: list[Tagged | None], published: date | None):
        self.doc = doc
        self.text = doc.text
        self.tagged = tagged
        self.published = published
        self.statements: list[Statement] = []
        #: offsets of the speech verbs that attribute a direct quote, so they are not read again
        self.used: list[tuple[int, int]] = []
        self.partial: list[Quote] = []

    def run(self) -> list[Statement]:
        previous: list[Entity] = []
        resumed: list[Entity] | None = None
        for quote in self.doc.quotes:
            index = self.doc.sentence_at(quote.start)
            sentence = self.doc.sentences[index]
            before = self.text[sentence.start:quote.start]
            tagged_end = self._tagged(quote.end - 1)
            if tagged_end is None:
                continue
            if before.strip() and not re.search(r"[:,]\s*$", before):
                self.partial.append(quote)  # words quoted inside a sentence: reported speech's
                continue
            statement = self._after(quote, tagged_end) or self._before(quote) or \
                self._resumed(quote, resumed, before) or self._unattributed(quote, previous)
            resumed = None
            if statement is None:
                continue
            self.statements.append(statement)
            previous = statement.speakers
            tail = self.text[statement.evidence[1]:statement.evidence[1] + 3]
            if re.match(r",\s*[\"“‘«]", tail) or re.search(r",\s*$", self.text[quote.end:statement.evidence[1]]):
                resumed = statement.speakers
        return self.statements

    def _tagged(self, offset: int) -> Tagged | None:
        return self.tagged[self.doc.sentence_at(offset)]

    def _position(self, tagged: Tagged, offset: int) -> int:
        for index, start in enumerate(tagged.starts):
            if start >= offset:
                return index
        return len(tagged.starts)

    def _after(self, quote: Quote, tagged: Tagged) -> Statement | None:
        at = self._position(tagged, quote.end)
        rest = tagged.text[at:]
        for pattern, how in ((_AFTER_SPEAKER_VERB, 'a quote and "SPEAKER VERB" after it'),
                             (_AFTER_VERB_SPEAKER, 'a quote and "VERB SPEAKER" after it')):
            match = pattern.match(rest)
            if not match:
                continue
            speakers = self._speakers(tagged, at + match.start("spk"), at + match.end("spk"))
            if not speakers:
                return None
            titled = _ROLE_THEN_PERSON.match(rest, match.end("spk"))
            if pattern is _AFTER_VERB_SPEAKER and speakers[0].entity.kind == ORGANIZATION and titled:
                match = _AFTER_VERB_SPEAKER.match(rest[:match.start("spk")] + rest[titled.start("spk"):])
                offset = titled.start("spk") - match.start("spk")
                speakers = self._speakers(tagged, at + offset + match.start("spk"), at + offset + match.end("spk"))
                end = tagged.span(at + offset + match.start("spk"), at + offset + match.end("spk"))[1]
                verb_at = tagged.span(at + match.start("verb"), at + match.end("verb"))
                self.used.append(verb_at)
                return self._statement(quote, speakers, (quote.start, end), 'a quote and "VERB ORG ROLE SPEAKER" after it',
                                       match.group("verb"), tagged, at + match.end("verb"))
            if pattern is _AFTER_VERB_SPEAKER:
                end = tagged.span(at + match.start("spk"), at + match.end("spk"))[1]
            else:
                sentence = self.doc.sentences[tagged.index]
                end = sentence.end if self.text[quote.end:sentence.end].count("\"") == 0 else \
                    tagged.span(at, at + match.end())[1]
                end = min(end, sentence.end)
                cut = re.search(r",\s*[\"“‘«]", self.text[quote.end:end])
                if cut:
                    end = quote.end + cut.start()
            verb_at = tagged.span(at + match.start("verb"), at + match.end("verb"))
            self.used.append(verb_at)
            verb = verb_label(match.group("verb"), self.text[verb_at[1]:verb_at[1] + 60])
            return self._statement(quote, speakers, (quote.start, end), how, verb, tagged, at + match.end("verb"))
        return None

    def _before(self, quote: Quote) -> Statement | None:
        tagged = self.tagged[self.doc.sentence_at(quote.start)]
        if tagged is None:
            return None
        at = self._position(tagged, quote.start)
        match = _BEFORE.search(tagged.text[:at])
        if not match:
            return None
        speakers = self._speakers(tagged, match.start("spk"), match.end("spk"))
        if not speakers:
            return None
        start = tagged.span(match.start("spk"), match.end("spk"))[0]
        self.used.append(tagged.span(match.start("verb"), match.end("verb")))
        return self._statement(quote, speakers, (start, quote.end), 'a quote after "SPEAKER VERB:"',
                               match.group("verb"), tagged, match.end("verb"))

    def _resumed(self, quote: Quote, speakers: list[Entity] | None, before: str) -> Statement | None:
        if not speakers or not re.search(r",\s*$", before):
            return None
        return Statement(list(speakers), "direct", quote.words(self.text), (quote.start, quote.end),
                         "a quote resumed after its attribution", "said")

    def _unattributed(self, quote: Quote, previous: list[Entity]) -> Statement | None:
        if not previous:
            return None
        statement = Statement(list(previous), "direct", quote.words(self.text), (quote.start, quote.end),
                              "a quote with no attribution", "said")
        statement.review = f"no attribution: taken for {_names(previous)}, quoted just before"
        return statement

    def _speakers(self, tagged: Tagged, start: int, end: int) -> list:
        found = []
        for match in _TAG.finditer(tagged.text, start, end):
            mention = tagged.mentions[int(match.group(1))]
            if mention.entity.kind in (PERSON, ORGANIZATION):
                found.append(mention)
        return found

    def _statement(self, quote: Quote, mentions: list, evidence: tuple[int, int], how: str, verb: str,
                   tagged: Tagged, verb_end: int) -> Statement:
        speakers = list(dict.fromkeys(m.entity for m in mentions))
        statement = Statement(speakers, "direct", quote.words(self.text), evidence, how, verb)
        reviews = [m.review for m in mentions if m.review]
        if reviews:
            statement.review = "; ".join(reviews)
        offset = tagged.span(verb_end - 1, verb_end)[1]
        sentence = self.doc.sentences[tagged.index]
        for phrase in dates.find(self.text, offset, min(sentence.end, offset + 30), self.published):
            if phrase.start - offset <= 12 and (self.published is not None or not phrase.relative):
                statement.date = (phrase.value, phrase.text, (evidence[0] if evidence[0] < offset else offset,
                                                              phrase.end))
                break
        return statement


def _names(entities: list[Entity]) -> str:
    return " and ".join(e.label() for e in entities)
