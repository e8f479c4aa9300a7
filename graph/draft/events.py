"""Events: the named ones ("the Regional Water Security Conference"), the phrases that refer
back to them ("the conference", "a two-day conference" in the lead of a story that names it
later), and unnamed ones the text anchors with a date, a place or a host ("a news conference in
Madrid on Thursday", "a smaller breakfast for donors next Tuesday")."""

import re
from datetime import date

from graph.draft import dates
from graph.draft.entities import Found
from graph.draft.lexicon import EVENT_NOUNS, MONTHS, WEAK_EVENT_NOUNS
from graph.draft.model import EVENT, PLACE, Entity, Event, Mention

_NOUNS = "|".join(sorted(EVENT_NOUNS, key=len, reverse=True))
_GENERIC = frozenset("event gathering meeting talks tournament competition championship championships games race "
                     "contest show edition".split())
#: Modifiers that say nothing about which event it is ("the two-day conference").
_PLAIN_MODS = re.compile(r"^(?:(?:\w+-day|\w+-week|\w+-round|\w+-nation|\w+-team|\w+-hour|annual|international|regional|global|closing|opening|"
                         r"whole|entire|same|upcoming|recent|high-level|big|major|landmark|historic)\s+)*$")
_PHRASE = re.compile(r"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Aa]n?|[Tt]heir|(?P<day>Monday|Tuesday|Wednesday|Thursday|"
                     r"Friday|Saturday|Sunday|Today|Tomorrow|Yesterday)['’]s)\s+(?P<mods>(?:[\w\-’']+\s+){0,3}?)"
                     r"(?P<noun>" + _NOUNS + r")\b(?![\-’'])(?P<tail>\s+(?:of|for|with|on)\s+(?!the\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                     r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|"
                     r"Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|\d)\b)[A-Za-z][\w\-]*"
                     r"(?:\s+(?!(?:in|at|on|near|to|from|by|and|or|that|which|who|was|were|is|are|will|would|next|"
                     r"last|this|today|tomorrow|yesterday|broke|began|ended|opened|closed|Monday|Tuesday|Wednesday|"
                     r"Thursday|Friday|Saturday|Sunday)\b)[A-Za-z][\w\-]*){0,4}(?=[\s,.;]))?")
_BARE = re.compile(r"\b(?P<mods>(?:(?!(?:resume|resumed|hold|held|holds|begin|began|start|started|open|opened|end|"
                   r"ended|continue|join|joined|attend|attended|enter|break|broke|reach|the|a|an|of|in|at|for|to|and|"
                   r"after|before|during|with)\b)[a-z][\w\-]+\s+)?)(?P<noun>talks|negotiations|consultations)\b")
_HOSTED_BEFORE = re.compile(r"\b(?:host|hosts|hosted|hosting|hold|holds|held|holding|organize|organized|organised|"
                            r"organizes|convene|convened|stage|staged|told|addressed|address|attend|attended|"
                            r"attending|at|resume|begin|open|opened|join|joined)\s+$")
_HOSTED_AFTER = re.compile(r",?\s+(?:which\s+(?:was|is)\s+)?(?:run|organi[sz]ed|hosted|convened|staged|co-hosted|led|called|"
                           r"sponsored|funded)\s+(?:by|with|jointly)\b")
_INCIDENTS = frozenset("outbreak strike spill election earthquake flood floods fire storm explosion crash attack "
                       "wildfire wildfires blaze landslide cyclone hurricane typhoon tsunami eruption heatwave".split())
#: "A 24-hour hackathon sponsored by the Welsh Government starts on Thursday": its date after its verb
_STARTS = re.compile(r"[^.;]{0,60}\b(?:starts|started|opens|opened|begins|began|resumed|resumes|reopened|"
                     r"kicked\s+off|got\s+under\s+way|takes\s+place|took\s+place|"
                     r"(?:will\s+be|was|is)\s+held|ends|ended|closes|closed|runs|ran)\s+$")
_MEET_AGAIN = re.compile(r"\b(?:would|will|to|plan\s+to|agreed\s+to|are\s+due\s+to|are\s+set\s+to|were\s+due\s+to)\s+"
                         r"(?P<meet>(?:meet|reconvene|resume\s+talks|resume\s+negotiations)(?:\s+again)?)\b")
#: Weak event nouns that name an event once the text says who ran or called it
_HOSTED_KINDS = frozenset("campaign strike protest protests march drive".split())
_SAID = re.compile(r"\b(?:said|told|announced|stated)\s+$")
_PLANNED = re.compile(r"(?:\s+(?:on|of|over)\s+[^.;,]{1,40}?)?\s+(?:is|are|was|were|will\s+be)\s+(?:planned|scheduled|set|due|expected|slated)\s+(?:for|on|to)\b")
_IT = re.compile(r"It\s+(?:is|was|will|has|had|drew|attracted|brought|opened|closed|runs|ran|ends|ended|began|"
                 r"starts|started|featured|included|took)\b")
_BAD_MODS = frozenset("the a an of in on at for to and or but said told his her their its our this that".split())


class Events:
    def __init__(self, found: Found, published: date | None):
        self.found = found
        self.doc = found.doc
        self.text = found.doc.text
        self.published = published
        self.events: list[Event] = []
        self.by_entity: dict[int, Event] = {}
        for entity in found.entities:
            if entity.kind == EVENT:
                self._event(entity, named=True)
        self._phrases()
        self._it()
        self.counts: dict[int, int] = {}
        for mention in self.found.mentions:
            event = self.by_entity.get(id(mention.entity))
            if event is not None:
                event.sentences.add(self.doc.sentence_at(mention.start))
                self.counts[id(event)] = self.counts.get(id(event), 0) + 1
        self._main = self._find_main()
        if self._main is not None and self._main.named:
            self._editions(self._main)
        self._meet_again()

    def _event(self, entity: Entity, named: bool, head: str | None = None) -> Event:
        name = entity.name or ""
        event = Event(name, entity.evidence, entity.how, head or name.split()[-1].casefold(), named,
                      order=entity.evidence[0])
        event.entity = entity  # type: ignore[attr-defined]
        self.events.append(event)
        self.by_entity[id(entity)] = event
        return event

    def add_unnamed(self, name: str, span: tuple[int, int], how: str, head: str, review: str,
                    via: str = "name") -> Event:
        """A new event the text names no way but by description, with its mention and the sentence it is in."""
        entity = Entity(EVENT, name, span, how, order=span[0])
        self.found.entities.append(entity)
        event = self._event(entity, named=False, head=head)
        event.review.append(review)
        event.sentences.add(self.doc.sentence_at(span[0]))
        self.found.mentions.append(Mention(span[0], span[1], entity, via))
        return event

    def of(self, entity: Entity) -> Event | None:
        return self.by_entity.get(id(entity))

    def main(self) -> Event | None:
        return self._main

    def _find_main(self) -> Event | None:
        """The event the story is about: the named one mentioned most, else the first."""
        if not self.events:
            return None
        named = [e for e in self.events if e.named] or self.events
        return max(named, key=lambda e: (self.counts.get(id(e), 0), -e.order))

    def _editions(self, main: Event) -> None:
        """Other editions of the story's event: "last year's edition" (dated by the publication
        year), "the next edition ... in July 2026", "The festival was first held in 2013"."""
        nouns = rf"(?:edition|{main.head})"
        patterns = (
            (re.compile(r"\b(?P<q>[Ll]ast|[Nn]ext|[Pp]revious)\s+year['’]s\s+(?:(?:\w+\s+){0,2}?)" + nouns + r"\b"),
             "year"),
            (re.compile(r"\b(?:[Tt]he|[Ii]ts)\s+(?P<q>next|previous|first|inaugural|last)\s+" + nouns + r"\b"), "date"),
            (re.compile(r"\b(?:[Tt]he\s+" + nouns + r"|It)\s+(?:was|were)\s+(?P<q>first)\s+(?:held|staged|organi[sz]ed|"
                        r"run|launched|hosted)\s+in\s+(?P<y>(?:19|20)\d\d)\b"), "held"),
        )
        for pattern, kind in patterns:
            for match in pattern.finditer(self.text):
                start, end = match.span()
                others = [m for m in self.found.mentions.within(start, end) if m.entity is not main.entity]  # type: ignore
                if self.doc.in_quote(start, end) or self.doc.sentence_at(start) == 0 or others or \
                        (kind != "held" and self.found.mentions.overlaps(start, end)):
                    continue
                q = match.group("q").casefold()
                sentence = self.doc.sentences[self.doc.sentence_at(start)]
                if kind == "year":
                    if self.published is None:
                        continue
                    year = self.published.year + (1 if q == "next" else -1)
                    when, when_span, name = str(year), (start, end), f"{q} year's {main.name}"
                elif kind == "held":
                    when, when_span, name = match.group("y"), (match.start("y") - 3, match.end("y")), f"first {main.name}"
                else:
                    found = [d for d in dates.find(self.text, end, sentence.end, self.published)
                             if not d.relative and d.preposition != "by"]
                    if not found:
                        continue
                    when, when_span, name = found[0].value, (found[0].start, found[0].end), f"{q} {main.name}"
                event = self.add_unnamed(name, (start, end), f'another edition of {main.name}: "{match.group()}"',
                                         main.head, f"another edition of {main.name}, named after it: check the "
                                         "name and the date", via="description")
                event.date = (when, when_span)

    def _meet_again(self) -> None:
        """ "the two sides ... would meet again on Thursday": the next round, an event of its own."""
        for match in _MEET_AGAIN.finditer(self.text):
            start = match.start("meet")
            if self.doc.in_quote(start, match.end()) or self.found.mentions.overlaps(start, match.end()):
                continue
            sentence = self.doc.sentences[self.doc.sentence_at(start)]
            clause_end = next((m.start() for m in re.finditer(r"[,;]|\s(?:and|but)\s", self.text[match.end():sentence.end])),
                              sentence.end - match.end()) + match.end()
            when = [d for d in dates.find(self.text, match.end(), clause_end, self.published) if d.preposition != "by"]
            if not when:
                continue
            main = self._main
            again = "again" in match.group("meet")
            between = " ".join(self.text[match.end():when[0].start].split()).strip(" ,")
            between = re.sub(r"\s+(?:on|in|at|from)$", "", re.sub(r"^(?:on|in|at|from)$", "", between))
            if not between or len(between.split()) > 6:
                name = "next round of talks" if main is not None and main.head == "talks" else "next meeting"
            else:
                lead = "with " if not re.match(r"(?:in|at|with|of|on)\b", between) else ""
                name = ("next " if again else "") + f"meeting {lead}{between}"
            event = self.add_unnamed(name, (start, when[0].end), '"would meet again" with a date', "meeting",
                                     "the next meeting of those who met: name it as the analyst would",
                                     via="description")
            event.date = (dates.coming(when[0]) or when[0].value, (when[0].start, when[0].end))  # "again on Thursday"
            event.date_text = when[0].text
            place = next((m for m in self.found.mentions.within(match.end(), clause_end) if m.entity.kind == PLACE and
                          re.search(r"\b(?:in|at)\s+(?:the\s+)?$", self.text[max(0, m.start - 8):m.start])), None)
            if place is not None:
                event.location = (place.entity, (start, place.end))

    def _free(self, start: int, end: int) -> bool:
        return not self.doc.in_quote(start, end) and not self.found.mentions.overlaps(start, end)

    def _phrases(self) -> None:
        matches = [*_PHRASE.finditer(self.text), *_BARE.finditer(self.text)]
        for match in sorted(matches, key=lambda m: m.start()):
            start, end = match.start(), match.end("noun")
            if not self._free(start, end) or self.doc.sentence_at(start) == 0:
                continue
            mods = match.group("mods")
            det = match.groupdict().get("det")
            words = list(re.finditer(r"\S+", mods))
            bad = [i for i, w in enumerate(words) if w.group().casefold() in _BAD_MODS]
            if bad:
                kept = words[bad[-1] + 1:]
                start = match.start("mods") + kept[0].start() if kept else match.start("noun")
                mods, det = mods[kept[0].start():] if kept else "", None
            noun = match.group("noun")
            definite = det is not None and det.casefold() in ("the", "this", "that", "its", "their")
            plain = bool(_PLAIN_MODS.match(mods))
            target = self._refers_to(noun, start, definite, plain)
            if target is not None:
                self.found.mentions.append(Mention(start, end, target.entity, "description"))  # type: ignore
                continue
            self._unnamed(match, start, noun, mods, definite)

    def _it(self) -> None:
        """ "It drew more than 10,000 delegates", "It is sponsored by ...": the event of the sentence before."""
        for index, sentence in enumerate(self.doc.sentences[1:], 1):
            if not _IT.match(self.doc.text, sentence.start):
                continue
            previous = self.doc.sentences[index - 1]
            named = {id(m.entity): m.entity for m in self.found.mentions.within(previous.start, previous.end)
                     if m.entity.kind == EVENT}
            if len(named) == 1 and not self.found.mentions.covering(sentence.start):
                self.found.mentions.append(Mention(sentence.start, sentence.start + 2, next(iter(named.values())),
                                                   "pronoun", '"It" taken for the event of the sentence before'))

    def _refers_to(self, noun: str, start: int, definite: bool, plain: bool) -> Event | None:
        if not plain:
            return None
        same = [e for e in self.events if e.head == noun.casefold() or (noun in _GENERIC and e.named)]
        before = [e for e in same if e.order < start]
        if before and definite:  # "a two-day meeting" after the forum is named: another event
            return before[-1]
        later = [e for e in same if e.named and e.order > start]
        return later[0] if later else None

    def _unnamed(self, match: re.Match, start: int, noun: str, mods: str, definite: bool) -> None:
        sentence = self.doc.sentences[self.doc.sentence_at(start)]
        end = match.end("tail") if match.groupdict().get("tail") else match.end("noun")
        rest = self.text[end:sentence.end]
        place = next((m for m in self.found.mentions.within(end, min(sentence.end, end + 30)) if
                      m.entity.kind == PLACE and re.fullmatch(r"\s+(?:in|near|at)\s+(?:the\s+)?",
                                                             self.text[end:m.start])), None)
        when = [d for d in dates.find(self.text, end, min(sentence.end, end + 80), self.published)
                if d.start - end < 40 or _STARTS.match(self.text, end, d.start)]
        if match.groupdict().get("day"):  # "Friday's opening gala"
            when = dates.find(self.text.replace("’s", "  ").replace("'s", "  "), match.start("day"),
                              match.end("day"), self.published) or when
            start, definite = match.start("mods") if mods.strip() else match.start("noun"), True
        hosted = bool(_HOSTED_BEFORE.search(self.text[max(sentence.start, start - 25):start])) or \
            bool(_PLANNED.match(self.text, end))
        host_after = bool(_HOSTED_AFTER.match(self.text, end))
        if not when and (hosted or place is not None):  # "will hold its annual general meeting at X on 14 May"
            when = [d for d in dates.find(self.text, end, min(sentence.end, end + 110), self.published)
                    if d.preposition != "by" and not self.doc.in_quote(d.start, d.end)][:1]
        if not when:  # "travel to Brussels on Monday for a meeting of ...": a date just before
            when = [d for d in dates.find(self.text, max(sentence.start, start - 45), start, self.published)
                    if d.preposition != "by" and not _SAID.search(self.text, max(0, d.start - 12), d.start) and
                    re.fullmatch(r",?\s+(?:(?:for|at|to|with|in)\s+)?", self.text[d.end:start])]
        month = next((w for w in mods.split() if w.casefold() in MONTHS and w[:1].isupper()), None)
        if month and not when and self.published is not None:
            month_value = dates.find(self.text, start, end, self.published) or \
                dates.find(f"in {month}", 0, len(month) + 3, self.published)
            if month_value:
                when = [month_value[0]]
        if re.search(r"\b(?:news|press)\s*$", mods) or noun == "briefing":
            return  # "told a news conference in Accra": where it was said (a medium), not an event
        if noun in _INCIDENTS and not host_after:  # "a dam failure in 2021": only with a date of its own right after it
            if not any(not d.relative and 0 <= d.start - end <= 15 for d in when) or \
                    re.match(r"\s+[a-z]+s?\b(?!\s+(?:in|on|at|of|that|which|was|were|is|has|had)\b)", self.text[end:]):
                return
        elif host_after and not (noun in WEAK_EVENT_NOUNS and noun not in _HOSTED_KINDS):
            pass  # "The campaign, run with the WHO and UNICEF", "The strike, called by the union": an event
        elif noun in WEAK_EVENT_NOUNS and not (when and (hosted or (definite and mods.strip()))):
            return
        elif not (when or (place and hosted)):
            return
        elif definite and not when:
            return
        name_end = place.end if place is not None else end
        name = " ".join(self.text[start:name_end].split())
        name = re.sub(r"^(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hat)\s+", "", name)
        if not name or rest.startswith(("'", "’")):
            return
        how = f'an unnamed event: "{self.text[match.start():end].strip()}" with ' + \
            ("a date" if when else "a place") + (" after a host verb" if hosted else "")
        self.add_unnamed(name, (start, name_end), how, noun.casefold(), "an unnamed event: name it as the analyst would")
