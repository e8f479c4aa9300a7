"""What the text says about each event: who hosted and sponsored it, when (start, end, how
long), where, about what, and the numbers it reports (head count, delegates, countries)."""

import re
from datetime import date

from graph.draft import dates
from graph.draft.counts import counts
from graph.draft.entities import Found
from graph.draft.events import Events
from graph.draft.hosts import Hosts
from graph.draft.lexicon import MONTHS, STRONG, VERB_RE
from graph.draft.model import PLACE, Entity, Event, EventRole, Mention
from graph.draft.openings import openings
from graph.draft.tagging import Tagged
from graph.draft.topics import topics

_START_WORDS = re.compile(r"\b(?:opened|opens|open|began|begins|begin|starts|started|start|kicked off|opening|"
                          r"launched)\s+(?:\S+\s+){0,3}$")
_END_WORDS = re.compile(r"\b(?:closed|closes|close|ended|ends|end|wrapped up|concluded|closing)\s+(?:\S+\s+){0,4}$")
_FUTURE = re.compile(r"\b(?:will|would|ends|opens|begins|starts|closes|runs|is|are|until|takes\s+place|plans?|"
                     r"planned|planning)\b[^.;]{0,60}$|"
                     r"\b(?:planned|scheduled|due|expected|set)\b[^.;]{0,20}$")
#: "Friday's opening gala will screen ...": the coming Friday
_FUTURE_AFTER = re.compile(r"['’]s\s+[^.;]{0,40}?\b(?:will|is\s+due|is\s+set|is\s+expected)\b")
_END_AFTER = re.compile(r"\s+(?:that|which)\s+(?:closed|ended|concluded|wrapped\s+up)\s+")
_MEETING = re.compile(r"\b(?:met|meet|meeting|gathered|convened|attended|opened|closed|took place|held|began|"
                      r"brought together)\b")
_LOCATED = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?$")


class EventFacts(Hosts):
    def __init__(self, found: Found, events: Events, tagged: list[Tagged | None], published: date | None,
                 lead: int | None, skip: tuple[int, int] = (0, 0), home: Entity | None = None):
        self.found = found
        self.doc = found.doc
        self.text = found.doc.text
        self.events = events
        self.tagged = tagged
        self.published = published
        self.lead = lead
        self.skip = skip  # the dateline, whose date is the article's
        self.home = home  # the dateline's city
        #: the story's first sentences, where the main event's date and place often stand
        self.leads = [i for i in range(lead or 0, len(tagged)) if tagged[i] is not None][:3] if lead is not None else []
        self.roles: list[EventRole] = []
        self.topics: list[Entity] = []
        self._started: set[int] = set()

    def run(self) -> None:
        openings(self)
        self.of_entity: dict[int, list[Mention]] = {}
        for mention in self.found.mentions:
            self.of_entity.setdefault(id(mention.entity), []).append(mention)
        for event in self.events.events:
            for index in sorted(event.sentences):
                tagged = self.tagged[index]
                if tagged is not None:
                    self._hosts(event, tagged)
                    self._dates(event, tagged)
                    self._place(event, tagged)
            self._duration(event)
            if not event.named:
                self._month_in_name(event)
        main = self.events.main()
        if main is not None:
            self._lead(main)
            counts(self, main)
            topics(self, main)
        for event in self.events.events:
            if event is not main:
                counts(self, event, main=False)

    def _dates(self, event: Event, tagged: Tagged) -> None:
        sentence = self.doc.sentences[tagged.index]
        for phrase in dates.find(self.text, sentence.start, sentence.end, self.published):
            if self.doc.in_quote(phrase.start, phrase.end) or self.skip[0] <= phrase.start < self.skip[1] or \
                    phrase.preposition == "by":  # "by 2027" is a deadline, not when it takes place
                continue
            before = self.text[max(sentence.start, phrase.start - 40):phrase.start]
            direct = self._right_after(event, phrase.start) or (  # "The forum, co-hosted by ..., opened on Tuesday"
                self._is_subject(event, tagged) and bool(_START_WORDS.search(before) or _END_WORDS.search(before)))
            if not direct and (self._said_on(phrase.start, sentence.start) or
                               not self._near_event(event, tagged, phrase.start)):
                continue
            if phrase.relative and self.published is None:
                event.notes.append(f'date "{phrase.text}" not resolved: give --published YYYY-MM-DD')
                continue
            span = (phrase.start, phrase.end)
            if phrase.end_value:
                if event.date is None or event.date[0] in ("today",) or _relative(event.date[0]):
                    event.date, event.end_date = (phrase.value, span), (phrase.end_value, span)
                    event.date_text = phrase.text
            own = re.search(r"\b(?:opening|closing)\b", event.name or "")  # "the closing ceremony on ...": its day
            ends = _END_AFTER.match(self.text, phrase.end)  # "a ceremony on Wednesday that closed the forum"
            if (not own and _END_WORDS.search(before)) or phrase.preposition in ("until", "through", "till") or \
                    (ends and self._names_event(event, ends)):
                if event.end_date is None:
                    event.end_date = (self._future(phrase, event), self._span_with(before, phrase))
            elif event.date is None or (_relative(event.date[0]) and not phrase.relative and
                                        _START_WORDS.search(before)) or \
                    (not own and _START_WORDS.search(before) and id(event) not in self._started and
                     self._is_subject(event, tagged)):
                event.date = (self._future(phrase, event), self._span_with(before, phrase))
                event.date_text = phrase.text
                if _START_WORDS.search(before):
                    self._started.add(id(event))  # "opened on Tuesday": its first day, whatever came before

    def _is_subject(self, event: Event, tagged: Tagged) -> bool:
        """The sentence opens with the event ("The forum, ...")."""
        first = tagged.mentions[0] if tagged.mentions else None
        start = self.doc.sentences[tagged.index].start
        return first is not None and first.entity is getattr(event, "entity", None) and first.start - start <= 4

    def _names_event(self, event: Event, match: re.Match) -> bool:
        return any(m.entity is getattr(event, "entity", None) for m in self.found.mentions.within(match.start(),
                                                                                                   match.end() + 60))

    def _future(self, phrase: dates.DatePhrase, event: Event) -> str:
        """A bare weekday said of what is still to come ("ends on Friday") is the next one."""
        floor = self.doc.sentences[self.doc.sentence_at(phrase.start)].start
        wide = self.text[max(floor, phrase.start - 80):phrase.start]  # "would hold a rally outside ... on Friday"
        ahead = dates.coming(phrase)
        if ahead and (_FUTURE.search(wide) or _FUTURE_AFTER.match(self.text, phrase.end)):
            event.review.append(f'"{phrase.text}" taken as the coming {phrase.value}')
            return ahead
        return phrase.value

    def _span_with(self, before: str, phrase: dates.DatePhrase) -> tuple[int, int]:
        verb = re.search(r"\b(?:opened|closed|held|took place|began|ended|started)\s+(?:\S+\s+){0,3}$", before)
        return (phrase.start - (len(before) - verb.start()) if verb else phrase.start, phrase.end)

    def _right_after(self, event: Event, offset: int) -> bool:
        return any(0 <= offset - m.end <= 2 for m in self._of(event))

    def _of(self, event: Event) -> list[Mention]:
        return self.of_entity.get(id(getattr(event, "entity", None)), [])

    def _near_event(self, event: Event, tagged: Tagged, offset: int) -> bool:
        """The date stands in the clause of one of the event's mentions."""
        for mention in tagged.mentions:
            if mention.entity is getattr(event, "entity", None):
                low, high = min(mention.end, offset), max(mention.start, offset)
                between = self.text[low:high]
                if len(between) < 90 and not re.search(r"[;]|\b(?:said|that|after|before|since)\b|"
                                                        r", (?:where|when|while)\b", between):
                    return True
        return False

    def _said_on(self, start: int, floor: int) -> bool:
        before = self.text[max(floor, start - 40):start]
        verb = VERB_RE.search(before[-14:])
        return bool(re.search(r"\b(?:said|told [\w ]{1,30}?|announced|stated|added|statement)\s*$", before)) or \
            bool(verb and verb.group() in STRONG)

    def _place(self, event: Event, tagged: Tagged) -> None:
        if event.location is not None:
            return
        if not event.named:
            place = next((m for m in self.found.mentions.within(*event.evidence) if m.entity.kind == PLACE), None)
            if place is not None:
                event.location = (place.entity, event.evidence)
                return
            held = [m for m in tagged.mentions if m.entity.kind == PLACE and re.search(
                r"\b(?:held|take\s+place|takes\s+place|took\s+place|be\s+played|resume|meet)\s+in\s+$",
                self.text[max(0, m.start - 25):m.start]) and self._near_event(event, tagged, m.start)]
            if held:
                event.location = (held[0].entity, (min(event.evidence[0], held[0].start), max(event.evidence[1],
                                                                                              held[0].end)))
            return
        for mention in tagged.mentions:
            if mention.entity.kind != PLACE or mention.entity.place_kind == "country":
                continue
            before = self.text[max(0, mention.start - 12):mention.start]
            if _LOCATED.search(before) and self._near_event(event, tagged, mention.start):
                event.location = (mention.entity, (min(event_start(event, tagged), mention.start), mention.end))
                return

    def _month_in_name(self, event: Event) -> None:
        """ "The April campaign": the month its name gives, in the year of the article."""
        if event.date is not None or self.published is None:
            return
        month = next((w for w in event.name.split() if w.casefold() in MONTHS and w[:1].isupper()), None)
        if month is not None:
            found = dates.find(f"in {month}", 0, len(month) + 3, self.published)
            if found:
                event.date = (found[0].value, event.evidence)
                event.review.append(f'its month is the "{month}" of its name')

    def _duration(self, event: Event) -> None:
        for mention in self._of(event):
            before = self.text[max(0, mention.start - 25):mention.end]
            found = dates.duration(before)
            if found:
                start = mention.start - (len(before) - (mention.end - mention.start)) + found[1]
                event.duration = (found[0], (start, mention.end))
                return

    def _lead(self, event: Event) -> None:
        """The first sentence of a story often gives the main event's date and place."""
        lead = next((i for i in self.leads if _MEETING.search(self.text, self.doc.sentences[i].start,
                                                               self.doc.sentences[i].end)), None)
        self.lead = lead
        if lead is None:
            self._home(event)
            return
        tagged = self.tagged[lead]
        sentence = self.doc.sentences[lead]
        if event.location is None:
            for mention in tagged.mentions:
                if mention.entity.kind == PLACE and mention.entity.place_kind in ("city", "venue", None) and \
                        _LOCATED.search(self.text[max(0, mention.start - 12):mention.start]):
                    event.location = (mention.entity, (sentence.start, mention.end))
                    event.review.append("its place is the one the story's first sentence names")
                    break
        self._home(event)
        if event.date is None:
            for phrase in dates.find(self.text, sentence.start, sentence.end, self.published):
                if self._said_on(phrase.start, sentence.start) or (phrase.relative and self.published is None) \
                        or self.skip[0] <= phrase.start < self.skip[1]:
                    continue
                event.date = (phrase.value, (phrase.start, phrase.end))
                event.date_text = phrase.text
                if phrase.end_value:
                    event.end_date = (phrase.end_value, (phrase.start, phrase.end))
                event.review.append("its date is the one the story's first sentence gives")
                break

    def _home(self, event: Event) -> None:
        """Where the dateline says the story was written, for a named event with no other place."""
        if event.location is None and self.home is not None and event.named:
            mention = next(iter(self.of_entity.get(id(self.home), [])), None)
            if mention is not None:
                event.location = (self.home, (mention.start, mention.end))
                event.review.append("its place is the dateline's city")

def event_start(event: Event, tagged: Tagged) -> int:
    for mention in tagged.mentions:
        if mention.entity is getattr(event, "entity", None):
            return mention.start
    return tagged.starts[0] if tagged.starts else 0


def _relative(value: str) -> bool:
    return not value[:1].isdigit()
