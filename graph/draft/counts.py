"""The numbers a story reports about its main event: the head count ("over 500 scientists and
experts ... convened"), and other counts with their unit ("nearly 300 delegates", "30 countries"),
from the sentences about the event and the story's first sentence."""

import re
from typing import TYPE_CHECKING

from graph.draft import money
from graph.draft.lexicon import NUMBER_WORDS, QUALIFIERS, SCALES, VERB_RE
from graph.draft.model import Count, Event

if TYPE_CHECKING:
    from graph.draft.eventfacts import EventFacts

_NUMBER = re.compile(r"(?<![\w$€£¥.,])(?P<qual>(?:" + "|".join(QUALIFIERS) + r")\s+)?(?P<num>\d{1,3}(?:,\d{3})+|"
                     r"\d+(?:\.\d+)?(?:\s+(?:" + "|".join(SCALES) + r"))?|(?:" +
                     "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"))(?![\w%,.]\d)\s+(?P<unit>(?-i:[a-z][\w\-]*))",
                     re.IGNORECASE)
_UNIT_STOP = frozenset("in at on from to who which that were was are is had have has will would could took played "
                       "more than less fewer "
                       "attended gathered met came joined during by across since for with each per a the".split())
_NOT_UNITS = frozenset("percent per cent years year months month days day weeks week hours hour minutes times "
                       "million billion thousand euros dollars pounds yuan soles zlotys rupees metres meters seconds sides "
                       "kilometres kilometers miles tonnes tons degrees beds".split())
_ATTENDANCE = re.compile(r"\b(?:attended|took part|gathered|convened|brought together|bringing together|drew|"
                         r"drawing|met|participated|joined|came|turned out|registered)\b")
_TOOK_PART = re.compile(r"\b(?:took part|competed|performed|played|exhibited|attended|participated)\b")


def _count_sentences(facts: "EventFacts", event: Event, main: bool) -> list[int]:
    chosen = set(event.sentences)
    if not main:
        return sorted(chosen)
    if facts.lead is not None:
        chosen.add(facts.lead)
    for index, sentence in enumerate(facts.doc.sentences):
        chunk = facts.text[sentence.start:sentence.end]
        if index not in chosen and facts.tagged[index] is not None and _TOOK_PART.search(chunk) and \
                not VERB_RE.search(chunk) and not any(m.entity.kind == "event" and m.entity is not
                                                      getattr(event, "entity", None)
                                                      for m in facts.tagged[index].mentions):
            chosen.add(index)
    for index in list(chosen):
        following = index + 1
        if following < len(facts.doc.sentences):
            start = facts.doc.sentences[following].start
            if re.match(r"(?:It|The (?:event|gathering))\s+(?:drew|attracted|brought)", facts.text[start:start + 30]):
                chosen.add(following)
    return sorted(chosen)


def counts(facts: "EventFacts", event: Event, main: bool = True) -> None:
    """The numbers of `event`: the main event's from its sentences and the lead, another's from
    the sentences that mention it; a number goes to the event mentioned nearest to it."""
    for index in _count_sentences(facts, event, main):
        sentence = facts.doc.sentences[index]
        sums = money.find(facts.text, sentence.start, sentence.end)
        events = [m for m in facts.found.mentions.within(sentence.start, sentence.end) if m.entity.kind == "event"]
        for match in _NUMBER.finditer(facts.text, sentence.start, sentence.end):
            if facts.doc.in_quote(match.start(), match.end()) or _not_a_count(facts, match, sentence.start) or \
                    any(m.start <= match.start("num") < m.end for m in sums):
                continue
            if events and _nearest(events, match.start()).entity is not getattr(event, "entity", None) and \
                    (not main or any(m.entity is getattr(event, "entity", None) for m in events)):
                continue  # another event's number
            count = _value(match.group("num"))
            unit_end = _unit_end(facts, match.start("unit"), sentence.end)
            unit = facts.text[match.start("unit"):unit_end]
            if count is None or not unit.split() or unit.split()[0].casefold() in _NOT_UNITS:
                continue
            qualifier = match.group("qual").strip().casefold() if match.group("qual") else None
            span = (match.start(), unit_end)
            rest = facts.text[unit_end:sentence.end]
            if event.participants is None and _ATTENDANCE.search(facts.text, max(sentence.start, match.start() - 40),
                                                                  min(sentence.end, unit_end + 60)) and \
                    unit.split()[-1].casefold() not in ("countries", "nations", "states", "cities", "towns",
                                                        "villages", "regions", "stages", "boats"):
                end = _description_end(facts, unit_end, sentence.end)
                description = " ".join(facts.text[match.start():end].split())
                description = description[0].lower() + description[1:]
                event.participants = Count(count, unit, (match.start(), end), qualifier, description)
                continue
            if any(c.count == count and c.unit == unit for c in event.counts):
                continue
            del rest
            event.counts.append(Count(count, unit, span, qualifier))


def _nearest(mentions: list, offset: int):
    return min(mentions, key=lambda m: min(abs(m.start - offset), abs(m.end - offset)))


def _not_a_count(facts: "EventFacts", match: re.Match, floor: int) -> bool:
    before = facts.text[max(floor, match.start() - 12):match.start()]
    after = facts.text[match.end("num"):match.end("num") + 12]
    number = match.group("num")
    if re.search(r"[$€£¥]\s*$|\b(?:[A-Z]{3})\s*$|\b(?:No\.|number)\s*$|\d\s*[-–]\s*$|\d\s+(?:and|to)\s+$", before):
        return True
    if match.group("unit").casefold() in _UNIT_STOP:
        return True
    if re.search(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                 r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)\s*$", before):
        return True
    if re.fullmatch(r"(?:1[89]|20)\d\d", number) or re.match(r"\s*(?:%|percent|per cent)", after):
        return True
    return number.casefold() in ("one",) and not match.group("qual")


def _unit_end(facts: "EventFacts", start: int, limit: int) -> int:
    end = start
    words = list(re.finditer(r"[A-Za-z][\w\-]*", facts.text[start:limit]))
    previous = start
    for index, word in enumerate(words[:5]):
        gap = facts.text[previous:start + word.start()]
        if index and gap != " ":
            break
        folded = word.group().casefold()
        if index and (folded in _UNIT_STOP or word.group()[0].isupper() or folded.endswith("ing")):
            break
        if folded in ("of", "and") and index + 1 < len(words):
            previous = start + word.end()
            continue
        end = start + word.end()
        previous = end
    return end


def _description_end(facts: "EventFacts", start: int, limit: int) -> int:
    stop = re.search(r"\s+(?:attended|took part|gathered|convened|met|participated|joined|came|were|was|had)\b|"
                     r"[,;.]", facts.text[start:limit])
    return start + stop.start() if stop else limit


def _value(number: str) -> int | None:
    text = number.casefold().replace(",", "")
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    parts = text.split()
    try:
        value = float(parts[0])
    except ValueError:
        return None
    if len(parts) > 1:
        value *= SCALES[parts[1]]
    return int(round(value))
