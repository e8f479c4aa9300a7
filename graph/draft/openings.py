"""Openings: "Governor X and the Y Foundation on Saturday opened a 320-bed specialist hospital",
"the company inaugurated its new plant in Zaragoza". An opening is an event of its own, hosted
by those who opened it, on the day the sentence gives; a named event that was opened ("opened
the conference") is the host's, found elsewhere."""

import re
from typing import TYPE_CHECKING

from graph.draft import dates
from graph.draft.lexicon import EVENT_NOUNS
from graph.draft.model import ORGANIZATION, PERSON
from graph.draft.tagging import TAG

if TYPE_CHECKING:
    from graph.draft.eventfacts import EventFacts

_OPENED = re.compile(r"^(?P<subject>(?:[^.;\"“”]{0,160}?))\s+(?:officially\s+|formally\s+)?"
                     r"(?P<verb>opened|inaugurated|unveiled|commissioned)\s+(?P<det>a|an|the|its|their)\s+"
                     r"(?P<object>[^,.;:\"“”\ue000]{3,60}?)(?=[,.;:]|\s+(?:in|on|at|that|which|built|worth|with|"
                     r"to|for|after|before|near)\b)")
_TAGGED = re.compile(TAG)
_AFTER_PREPOSITION = re.compile(r"\b(?:of|in|at|from|for|by|with|near)\s+(?:the\s+)?$")


def openings(facts: "EventFacts") -> None:
    for tagged in facts.tagged:
        if tagged is None:
            continue
        match = _OPENED.match(tagged.text)
        if match is None or any(w in EVENT_NOUNS for w in match.group("object").casefold().split()):
            continue
        hosts = []
        for tag in _TAGGED.finditer(match.group("subject")):
            mention = tagged.tag_at(tag.start())
            if mention is not None and mention.entity.kind in (PERSON, ORGANIZATION) and \
                    not _AFTER_PREPOSITION.search(match.group("subject")[:tag.start()]):
                hosts.append(mention.entity)
        start, end = tagged.span(match.start("verb"), match.end("object"))
        if not hosts or facts.doc.in_quote(start, end):
            continue
        sentence = facts.doc.sentences[tagged.index]
        found = [d for d in dates.find(facts.text, sentence.start, sentence.end, facts.published)
                 if d.preposition != "by" and not facts.doc.in_quote(d.start, d.end)]
        obj = " ".join(facts.text[slice(*tagged.span(match.start("object"), match.end("object")))].split())
        name = f"opening of the {obj}"
        event = facts.events.add_unnamed(name, (start, end), f'"{match.group("verb")} a ..." after its hosts', "opening",
                                         "an opening: name it as the analyst would (the place opened, by its name)")
        first = tagged.span(0, len(tagged.text))[0]
        event.organizers.extend(hosts)
        event.organizer_evidence = (first, end)
        if found:
            event.date = (found[0].value, (found[0].start, found[0].end))
            event.date_text = found[0].text
