"""Reported statements: "X said (that) ...", "..., X said.", "..., said X.", "According to X, ...",
"X ..., noting that ...", "X welcomed the plan but warned that ..."; with the speaker's own words
inside (`quoted:`), the medium ("in a joint statement"), the date ("on Thursday") and sums of money."""

import re
from datetime import date

from graph.draft import dates, documents, money
from graph.draft.lexicon import COMMON_CAPS, STRONG, VERB_RE
from graph.draft.model import ORGANIZATION, PERSON, Statement
from graph.draft.quotes import verb_label
from graph.draft.tagging import SPEAKER, Tagged
from graph.draft.text import Doc

_BRACKETS = r"(?:\s+\([^()]{1,40}\))?"
_SPEAKERS = r"(?P<spk>" + SPEAKER + _BRACKETS + r"(?:(?:,\s+|\s+and\s+|\s+as\s+well\s+as\s+)(?:the\s+)?" + SPEAKER + \
    _BRACKETS + r")*)"
_WHEN = r"(?:\s+(?:on\s+\w+day|today|yesterday|on\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}|last\s+\w+|this\s+\w+))?"
_BEFORE_VERB = re.compile(_SPEAKERS + r"(?P<app>,\s+[^,;\"“”]{1,160}?,)?,?" + _WHEN + r"\s+(?:(?:also|later|then|"
                          r"further|again|separately|earlier|has|have|had|would|will)\s+){0,2}$")
_SAID_BEFORE = re.compile(_SPEAKERS + r"(?:,[^,]{1,120},)?\s+(?:" + VERB_RE.pattern[2:-2] + r")\b[^,]{0,40},\s+$")
_CLAUSE_VERB = re.compile(r"(?:,\s+|\s+(?:and|but)\s+(?:also\s+)?)$")
_PREPOSED = re.compile(r"^(?P<content>.+),\s+(?:the\s+)?" + _SPEAKERS + r"(?:,\s+[^,]{1,120},)?\s+(?:also\s+)?$")
#: "X called the cuts "a hard blow for Waterloo Region"": what X called it, in X's words
_CALLED = re.compile(_SPEAKERS + r"(?:,\s+[^,;]{1,120},)?\s+(?:also\s+)?(?P<verb>called|termed|branded)\s+"
                     r"(?P<content>(?:the|it|this|that|them|his|her|their|its)\b[^.;\"“”‘]{0,60}?[\"“‘][^\"“”‘’]{3,160}[\"”’])")
#: What someone demanded, or said of someone else: a statement with its content after the verb.
_DEMAND = re.compile(_SPEAKERS + r"(?:,\s+[^,;]{1,120},)?\s+(?:also\s+|later\s+|again\s+|has\s+|had\s+)?"
                     r"(?P<verb>called\s+for|demanded|accused|described|dismissed)\s+(?P<content>(?![\"“‘])[^.;]{4,}?)"
                     r"(?=[.;]|,\s+(?:and|but|saying|adding|which|while)\b|$)")
#: "The decision, Otieno said, was final": the words on both sides of the attribution
_INTERPOSED = re.compile(r"^(?P<a>[^,\"“”‘’\ue000]{3,80}?),\s+(?:the\s+)?" + _SPEAKERS + r"\s+(?:also\s+)?$")
_INTERPOSED_REST = re.compile(r"^,\s+(?P<b>[^\"“”‘\ue000]*?[a-z][^\"“”‘\ue000]*?)\s*[.!?]?\s*$")
_PREPOSED_INVERTED = re.compile(r"^(?P<content>.+),\s+$")
_ACCORDING_END = re.compile(r"^(?P<content>.+?),\s+according\s+to\s+(?:the\s+)?(?:[a-z]+\s+)?" + _SPEAKERS +
                            r"[^,]{0,60}$")
_ACCORDING_START = re.compile(r"^According\s+to\s+(?:the\s+)?(?:[a-z]+\s+)?" + _SPEAKERS +
                              r"[^,]{0,60},\s+(?P<content>.+)$")
_ADVERBIAL = re.compile(
    r"(?:\s*,?\s*(?:on\s+\w+day|on\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}|today|yesterday|tonight|this\s+week|last\s+week|"
    r"(?:last|next|this)\s+\w+day|earlier(?:\s+on\s+\w+day)?|later|again|also|repeatedly|publicly|"
    r"in\s+(?:a|an|the|his|her|their|its)\s+(?:[\w\-]+\s+){0,2}?(?:statement|interview|speech|address|letter|post|"
    r"briefing|report|release|conference|message|email|video|note|filing|ruling)|"
    r"at\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?(?:conference|briefing|meeting|event|ceremony|rally|summit|forum|"
    r"hearing|session|dinner)(?:\s+(?:in|on)\s+\S+)?|in\s+\ue000L\d+\ue001|on\s+(?:social\s+media|television|radio)|"
    r"to\s+(?:reporters|journalists|lawmakers)))+")
_END_OF_CLAUSE = re.compile(r",\s+(?:noting|adding|saying|stressing|warning|explaining|arguing|insisting|while|"
                            r"according)\b|\s+(?:and|but)\s+(?:also\s+)?(?:" + VERB_RE.pattern[2:-2] + r")\b|;|"
                            r",\s+(?:he|she|they|it)\s+(?:said|added)\b")
_MEDIUM = re.compile(r"\bin\s+(?P<medium>(?:a|an|the|his|her|their|its)\s+(?:[\w\-]+\s+){0,2}?(?:statement|interview|"
                     r"speech|address|letter|post|briefing|report|release|message|email|video|ruling|filing))\b")
_TAG = re.compile(r"\ue000[POLET](\d+)\ue001")
_QUOTE_MARKS = re.compile(r"[\"“”„«»]")


class Reported:
    def __init__(self, doc: Doc, tagged: list[Tagged | None], published: date | None,
                 used: list[tuple[int, int]], lower: frozenset[str], stands_for: dict | None = None):
        self.doc = doc
        self.text = doc.text
        self.tagged = tagged
        self.published = published
        self.used = used
        self.lower = lower
        #: an entity that stands for others: "the organisers" for the main event's organizers
        self.stands_for: dict[int, list] = stands_for or {}
        self.statements: list[Statement] = []
        self.contents: list[tuple[int, int]] = []  # where each statement's reported words stand
        self.used_starts = {s for s, _ in used}

    def run(self) -> list[Statement]:
        for tagged in self.tagged:
            if tagged is not None:
                self._sentence(tagged)
        return self.statements

    def _sentence(self, t: Tagged) -> None:
        for pattern in (documents.END, documents.START):
            match = pattern.match(t.text.rstrip(". "))
            if match and not _TAG.search(match.group("doc")):
                earlier = [x for x in self.tagged[:t.index] if x is not None]
                speakers, review = documents.document_speakers(t, match, earlier)
                if speakers:
                    self._document(t, match, speakers, review)
                    return
        for pattern in (_ACCORDING_END, _ACCORDING_START):
            match = pattern.match(t.text.rstrip(". "))
            if match:
                self._add(t, match.start("spk"), match.end("spk"), match.start("content"), match.end("content"),
                          "according to", (t.starts[0], t.ends[len(t.text.rstrip()) - 1]), '"according to X"')
                return
        for match in [*_DEMAND.finditer(t.text), *_CALLED.finditer(t.text)]:  # "X called for an audit", "X accused Y of"
            start, end = t.span(match.start("verb"), match.end("verb"))
            if self.doc.in_quote(start, end) or (match.group("verb").startswith(("accused", "described", "dismissed"))
                                                 and not re.search(r"\s(?:of|as)\s", match.group("content"))):
                continue
            stop = _END_OF_CLAUSE.search(match.group("content"))
            c_end = match.start("content") + stop.start() if stop else match.end("content")
            called = match.re is _CALLED
            self._add(t, match.start("spk"), match.end("spk"), match.start("content" if called else "verb"), c_end,
                      " ".join(match.group("verb").split()), (t.span(match.start("spk"), match.end("spk"))[0],
                                                              self._end(t, c_end)),
                      '"X called Y "..."' if called else '"X called for / accused Y of / described Y as ..."')
        for verb in VERB_RE.finditer(t.text):
            start, end = t.span(verb.start(), verb.end())
            if self.doc.in_quote(start, end) or start in self.used_starts:
                continue
            word = verb.group()
            before, after = t.text[:verb.start()], t.text[verb.end():]
            self._one(t, verb, word, before, after)

    def _one(self, t: Tagged, verb: re.Match, word: str, before: str, after: str) -> None:
        strong = word in STRONG or word.split()[0] in ("expressed", "conveyed", "voiced", "reaffirmed", "repeated")
        content = self._content(after, word, strong)
        subject = _BEFORE_VERB.search(before)
        if subject is not None and subject.group("app") and VERB_RE.search(subject.group("app")):
            subject = None
        if word.endswith("ing") or re.search(r"\s(?:and|but)\s+(?:also\s+)?$", before):
            subject = None
        if content is not None and subject is not None:
            speaker = (subject.start("spk"), subject.end("spk"))
            gap = t.span(subject.end("spk") - 1, verb.start())
            near = gap[1] - gap[0] < 45
            evidence_start = t.span(*speaker)[0] if near else t.span(verb.start(), verb.end())[0]
            self._add(t, *speaker, verb.end() + content[0], verb.end() + content[1], word,
                      (evidence_start, self._end(t, verb.end() + content[1])), '"X VERB ..."', verb, after)
            return
        said = _SAID_BEFORE.search(before) if word.endswith("ing") else None
        if content is not None and said is not None:
            self._add(t, said.start("spk"), said.end("spk"), verb.end() + content[0], verb.end() + content[1], word,
                      (t.span(verb.start(), verb.end())[0], self._end(t, verb.end() + content[1])),
                      '"X said, VERB-ing ..."', verb, after)
            return
        if content is not None and _CLAUSE_VERB.search(before):
            subject_mentions = t.subject()
            if subject_mentions and subject_mentions[0].entity.kind in (PERSON, ORGANIZATION):
                first = subject_mentions[0]
                at = next(i for i, s in enumerate(t.starts) if s >= first.start)
                tag_end = t.text.index("\ue001", at) + 1
                self._add(t, at, tag_end, verb.end() + content[0], verb.end() + content[1], word,
                          (t.span(verb.start(), verb.end())[0], self._end(t, verb.end() + content[1])),
                          '"X ..., VERB-ing ..." (the sentence\'s subject)', verb, after)
            return
        interposed = _INTERPOSED.match(before)
        rest = _INTERPOSED_REST.match(after)
        if interposed and rest and strong:  # "The decision, Otieno said, was final."
            parts = [self.text[slice(*t.span(a, b))] for a, b in ((interposed.start("a"), interposed.end("a")),
                                                                  (verb.end() + rest.start("b"), verb.end() + rest.end("b")))]
            self._add(t, interposed.start("spk"), interposed.end("spk"), interposed.start("a"),
                      verb.end() + rest.end("b"), word, (t.starts[0], self._end(t, len(t.text.rstrip(". ")))),
                      '"..., X VERB, ..."', verb, after, words=" ".join(parts))
            return
        tail = re.split(r",\s+(?:adding|noting|saying|stressing|explaining|warning)\b", after)[0]
        if not re.fullmatch(r"(?:\s+(?:[\w\-’']+|\ue000L\d+\ue001)){0,8}?\s*[.!?]?\s*", tail) or not strong:
            return
        match = _PREPOSED.match(before)
        if match and len(match.group("content").split()) >= 3:
            self._add(t, match.start("spk"), match.end("spk"), match.start("content"), match.end("content"), word,
                      (t.starts[0], self._end(t, len(t.text.rstrip(". ")))), '"..., X VERB"', verb, after)
            return
        inverted = _PREPOSED_INVERTED.match(before)
        speaker = re.match(r"^\s+(?:the\s+)?" + _SPEAKERS, after)
        if inverted and speaker and len(inverted.group("content").split()) >= 3:
            at = verb.end()
            self._add(t, at + speaker.start("spk"), at + speaker.end("spk"), inverted.start("content"),
                      inverted.end("content"), word, (t.starts[0], self._end(t, len(t.text.rstrip(". ")))),
                      '"..., VERB X"', verb, after)

    def _content(self, after: str, word: str, strong: bool) -> tuple[int, int] | None:
        """Where the reported clause stands in `after` (the text after the verb)."""
        at = 0
        if word in ("told", "tells", "tell"):
            who = re.match(r"\s+(?:\ue000[POE]\d+\ue001|(?:a|an|the|his|her|their|its)\s+[\w\-]+(?:\s+[\w\-]+)?|"
                           r"[a-z]+)(?:\s+(?:of|for)\s+[a-z]+)?", after)
            if not who:
                return None
            at = who.end()
        adverbial = _ADVERBIAL.match(after, at)
        if adverbial:
            at = adverbial.end()
        that = re.match(r"\s*,?\s+that\s+", after[at:])
        if that:
            at += that.end()
        else:
            far = re.search(r"\s+that\s+", after[at:at + 70])
            if far and "," not in after[at:at + far.start()] and word in ("told", "said") and \
                    re.match(r"\s+(?:in|on|at|to|during|after|before|from|\ue000[LE]\d+\ue001)\b", after[at:]):
                at += far.end()
            elif not strong:
                return None
        if after[at:at + 1] in (",", ".", "") or re.match(r"\s*[.,;!?]", after[at:]):
            return None
        rest = after[at:]
        stop = _END_OF_CLAUSE.search(rest)
        end = at + (stop.start() if stop else len(rest.rstrip()))
        while end > at and after[end - 1] in ".!? ":
            end -= 1
        if len(after[at:end].split()) < 3:
            return None
        lead = len(after[at:end]) - len(after[at:end].lstrip())
        return at + lead, end

    def _end(self, t: Tagged, position: int) -> int:
        """The end of the statement's passage: the clause's end, with a closing mark and full stop."""
        end = t.span(position - 1, position)[1]
        while end < len(self.text) and self.text[end] in "\"”’'»" :
            end += 1
        if end < len(self.text) and self.text[end] in ".!?":
            end += 1
        return end

    def _document(self, t: Tagged, match: re.Match, speakers: list, review: str | None) -> None:
        start, end = t.span(match.start("content"), match.end("content"))
        text = " ".join(_QUOTE_MARKS.sub("", self.text[start:end]).split()).strip(" ,")
        if len(text.split()) < 3 or any(s < end and start < e for s, e in self.contents[-8:]):
            return
        statement = Statement(speakers, "reported", text, (t.starts[0], t.ends[len(t.text.rstrip()) - 1]),
                              f'"according to {match.group("det")} {match.group("doc")}"', "according to")
        begin = t.span(match.start("det"), match.end("doc"))
        statement.medium = self.text[begin[0]:begin[1]]
        statement.review = review
        statement.quoted = [q.words(self.text) for q in self.doc.quotes_within(start, end + 1)]
        self.statements.append(statement)
        self.contents.append((start, end))

    def _add(self, t: Tagged, spk_start: int, spk_end: int, c_start: int, c_end: int, verb: str,
             evidence: tuple[int, int], how: str, verb_match: re.Match | None = None, after: str = "",
             words: str | None = None) -> None:
        """`words`: what was said, when it is not the one passage c_start..c_end (the attribution inside it)."""
        mentions = [t.mentions[int(m.group(1))] for m in _TAG.finditer(t.text, spk_start, spk_end)]
        if len(mentions) > 1 and not re.search(r"\sand\s|as\s+well\s+as", t.text[spk_start:spk_end]):
            mentions = mentions[-1:]  # "In a statement to the ASX, Redwater said": one speaker
        speakers = list(dict.fromkeys(e for m in mentions if m.entity.kind in (PERSON, ORGANIZATION)
                                      for e in self.stands_for.get(id(m.entity), [m.entity])))
        if not speakers:
            return
        start, end = t.span(c_start, c_end)
        if any(s < end and start < e for s, e in self.contents[-8:]):
            return
        raw = self.text[start:end] if words is None else words
        text = " ".join(_QUOTE_MARKS.sub("", raw).split()).strip(" ,")
        first = text.split()[0] if text else ""
        if first and first[0].isupper() and (first.casefold() in COMMON_CAPS or first.casefold() in self.lower):
            text = first[0].lower() + text[1:]
        if len(text.split()) < 3:
            return
        label = verb
        if verb_match is not None:
            verb_end = t.span(verb_match.start(), verb_match.end())[1]
            label = verb_label(verb, self.text[verb_end:verb_end + 60])
        statement = Statement(speakers, "reported", text, evidence, how, label)
        statement.quoted = [q.words(self.text) for q in self.doc.quotes_within(start, end + 1)]
        reviews = [m.review for m in mentions if m.review]
        if reviews:
            statement.review = "; ".join(reviews)
        sentence = self.doc.sentences[t.index]
        medium = _MEDIUM.search(self.text, sentence.start, sentence.end)
        if medium and not (start <= medium.start() < end):
            statement.medium = medium.group("medium")
        if verb_match is not None:
            self._date(statement, t, verb_match, sentence.start, start, end)
        self.statements.append(statement)
        self.contents.append((start, end))

    def _date(self, statement: Statement, t: Tagged, verb: re.Match, floor: int, c_start: int, c_end: int) -> None:
        v_start, v_end = t.span(verb.start(), verb.end())
        sentence = self.doc.sentences[t.index]
        for phrase in dates.find(self.text, floor, sentence.end, self.published):
            if c_start <= phrase.start < c_end or (phrase.relative and self.published is None):
                continue
            near_after = 0 <= phrase.start - v_end <= 30
            near_before = phrase.end <= v_start and re.search(r"\bstatement\b|^\s*In\b", self.text[floor:phrase.start])
            if near_after or near_before:
                statement.date = (phrase.value, phrase.text, (min(v_start, phrase.start), max(v_end, phrase.end)))
                return


def amounts(text: str, statement: Statement) -> None:
    """Sums of money in a statement's passage."""
    start, end = statement.evidence
    statement.amounts = money.find(text, start, end)  # type: ignore[attr-defined]
