"""What a story says its main event was about: topics from a list ("topics including A, B and C",
"A and B dominated the talks", "A was the main topic"), its theme ("under the theme 'X'") and
whether it was held online."""

import re
from typing import TYPE_CHECKING

from graph.draft.model import TOPIC, Event

if TYPE_CHECKING:
    from graph.draft.eventfacts import EventFacts

_TOPIC_LISTS = [
    re.compile(r"\btopics?,?\s+(?:such as|including|like)\s+(?P<list>[^.;:]+)"),
    re.compile(r"(?:^|\.\s+)(?P<list>[A-Z][^.;:]{2,120}?)\s+(?:dominated|topped)\s+the\s+(?:talks|agenda|"
               r"discussions|meeting|summit|conference)"),
    re.compile(r"(?:^|\.\s+)(?P<list>[A-Z][^.;:]{2,120}?)\s+(?:was|were|is|are)\s+the\s+main\s+(?:topics?|themes?|"
               r"subjects?)"),
    re.compile(r"\bwith\s+(?P<list>[a-z][^.;:,]{2,60}?)\s+also\s+discussed"),
    re.compile(r"\b(?:focused|focusing|centred|centered)\s+on\s+(?P<list>[^.;:]+)"),
]
_THEME = re.compile(r"\btheme\s+(?:was\s+|of\s+)?[\"“‘'](?P<theme>[^\"”’']{2,80})[\"”’']")


def topics(facts: "EventFacts", event: Event) -> None:
    for index, sentence in enumerate(facts.doc.sentences):
        chunk = facts.text[sentence.start:sentence.end]
        theme = _THEME.search(chunk)
        if theme and event.theme is None and index in event.sentences | {facts.lead}:
            event.theme = theme.group("theme").strip()
        if re.search(r"\b(?:streamed|broadcast|held|took place)\s+online\b|\bvirtual(?:ly)?\b", chunk) and \
                index in event.sentences:
            event.online = True
        for pattern in _TOPIC_LISTS:
            for match in pattern.finditer(chunk):
                _topic_list(facts, event, sentence.start + match.start("list"), sentence.start + match.end("list"))


def _topic_list(facts: "EventFacts", event: Event, start: int, end: int) -> None:
    if facts.doc.in_quote(start, end):
        return
    items = []
    for part in re.finditer(r"[^,]+", facts.text[start:end]):
        item = part.group()
        offset = start + part.start()
        pieces = re.split(r"\s+and\s+", item) if item.count(" ") < 5 and " and " in item else [item]
        cursor = offset
        for piece in pieces:
            local = facts.text.find(piece, cursor, end)
            cursor = local + len(piece)
            items.append((local, local + len(piece)))
    for s, e in items:
        while s < e and (facts.text[s].isspace() or facts.text[s] in ",'\""):
            s += 1
        chunk = facts.text[s:e].rstrip(" ,.")
        chunk = re.sub(r"^(?:and|or)\s+", "", chunk)
        s = e - len(facts.text[s:e]) + facts.text[s:e].find(chunk) if chunk else s
        e = s + len(chunk)
        if not chunk or len(chunk.split()) > 12 or not re.search(r"[a-z]", chunk):
            continue
        name = chunk[0].lower() + chunk[1:] if chunk[:1].isupper() and not chunk.split()[0].isupper() \
            and chunk.split()[0] not in facts.found.gaz.demonyms else chunk
        entity = facts.found.add(TOPIC, name, name, (s, e), "a topic from a list of topics")
        if entity not in event.topics:
            event.topics.append(entity)
        if event.topics_evidence is None:
            event.topics_evidence = (s, e)
        else:
            event.topics_evidence = (min(event.topics_evidence[0], s), max(event.topics_evidence[1], e))
