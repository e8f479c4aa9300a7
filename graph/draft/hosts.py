"""Who hosted and sponsored an event: "hosted by X and Y", "X, which hosted it together with Y",
"X will host the summit", "sponsored by X", "funded with money from X", "under the auspices of X";
a host list's co-hosts get that role."""

import re

from graph.draft.model import PERSON, PLACE, Entity, Event, EventRole, Mention
from graph.draft.tagging import HOST, TAG, Tagged

_BRACKETS = r"(?:\s+\([^()]{1,40}\))?"
_ITEM = r"(?:(?:city|town)\s+of\s+)?" + HOST + r"(?:['’]s\s+" + HOST + r")?" + _BRACKETS
_LIST = r"(?P<list>" + _ITEM + r"(?:(?:,\s+(?:and\s+)?|\s+and\s+)(?:the\s+)?" + _ITEM + r")*)"
_HOSTED_BY = re.compile(r"\b(?P<verb>(?:co-)?(?:hosted|organized|organised|convened|run|staged|arranged|put on|led|called))"
                        r"\s+(?:by|jointly\s+by|with)\s+(?:the\s+)?" + _LIST + r"(?:,?\s+(?:together|jointly|in\s+partnership|"
                        r"in\s+cooperation|in\s+association)\s+with\s+(?:the\s+)?(?P<more>" + _ITEM + r"(?:(?:,\s+(?:and\s+)?|"
                        r"\s+and\s+)(?:the\s+)?" + _ITEM + r")*))?")
_WHICH_HOSTED = re.compile(r"(?P<list>" + _ITEM + r"),\s+which\s+(?:co-)?(?:hosted|organi[sz]ed|staged|runs|ran|holds|held)"
                           r"\s+it(?:\s+(?:together|jointly)\s+with\s+(?:the\s+)?(?P<more>" + _ITEM + r"))?")
#: "a ministerial meeting on adaptation that Fiji will host in Suva"
_THAT_HOSTS = re.compile(r"(?P<event>\ue000E\d+\ue001),?\s+(?:that|which)\s+(?P<list>" + _ITEM + r")\s+(?:will\s+|is\s+to\s+|"
                         r"is\s+due\s+to\s+|plans\s+to\s+)?(?:co-)?(?:host|hosts|organi[sz]es?|stage|stages|hold|holds)\b")
_SPONSORED_BY = re.compile(r"\b(?:co-)?(?:sponsored|financed|backed|underwritten|bankrolled|funded|supported)"
                           r"(?:\s+(?:for\s+the\s+\w+\s+time|this\s+year|again|jointly))?\s+by\s+(?:the\s+)?"
                           r"(?:(?:insurer|bank|lender|company|firm|carmaker|brewer|airline|retailer|group|"
                           r"foundation|charity)\s+)?" + _LIST)
_HOST_VERB = (r"(?:(?:will|would|to|has|have|had|is|are|was)\s+)?(?P<verb>co-hosted|hosted|hosts|host|hosting|organized|"
              r"organised|organizes|organises|organize|organise|organizing|convened|convenes|convene|staged|stages|"
              r"stage|opened|opens|held|holds|hold|holding|launched|launch|ran|runs|run)")
_ACTIVE_HOST = re.compile(_LIST + r"(?:,[^,]{1,80},)?\s+" + _HOST_VERB + r"\s+(?:the\s+|a\s+|an\s+|its\s+)?"
                          r"[^.;\ue000]{0,40}?(?P<event>\ue000E\d+\ue001)")
_WITH = re.compile(r"^[^.;,]{0,60}?\bwith\s+(?:the\s+)?(?P<with>" + HOST + r")")
_ACTIVE_SPONSOR = re.compile(_LIST + r"\s+(?:co-)?sponsored\s+(?:the\s+)?[^.;\ue000]{0,30}?(?P<event>\ue000E\d+\ue001)")
_FUNDED_WITH = re.compile(r"\b(?:funded|financed|paid for)\s+with\s+[^.;]*")
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?P<org>" + HOST + r")")
_AUSPICES = re.compile(r"\bunder\s+the\s+auspices\s+of\s+(?:the\s+)?(?P<org>" + HOST + r")")


class Hosts:
    """The part of graph.draft.eventfacts.EventFacts that reads hosts and sponsors; `text`, `roles`
    and the tagged sentences are the EventFacts object's."""

    def _mentions(self, tagged: Tagged, text: str) -> list[Mention]:
        """The entities of a list, each possessor left out ("the university's Department of Zoology")."""
        found = []
        for match in re.finditer(TAG, text):
            if re.match(r"['’]s\s", text[match.end():match.end() + 3]) or text[max(0, match.start() - 1):match.start()] == "(":
                continue  # a possessor, or an acronym in brackets after its name
            found.append(tagged.entities(match.group())[0])
        return found

    def _hosts(self, event: Event, tagged: Tagged) -> None:
        text = tagged.text
        for match in _HOSTED_BY.finditer(text):
            if not self._nearest_event(tagged, match.start()) is event:
                continue
            hosts = self._mentions(tagged, match.group("list") + " " + (match.group("more") or ""))
            self._add_hosts(event, hosts, tagged.span(match.start(), match.end()),
                            "co-host" if match.group("verb").startswith("co-") or match.group("more") else None)
        for match in _WHICH_HOSTED.finditer(text):  # "..., according to X, which hosted it together with Y"
            if self._nearest_event(tagged, match.start()) is not event:
                continue
            hosts = self._mentions(tagged, match.group("list") + " " + (match.group("more") or ""))
            self._add_hosts(event, hosts, tagged.span(match.start(), match.end()),
                            "co-host" if match.group("more") else None)
        for match in _THAT_HOSTS.finditer(text):
            if tagged.tag_at(match.start("event")).entity is getattr(event, "entity", None):
                self._add_hosts(event, self._mentions(tagged, match.group("list")),
                                tagged.span(match.start(), match.end()), None)
        for match in _ACTIVE_HOST.finditer(text):
            if tagged.tag_at(match.start("event")).entity is not getattr(event, "entity", None):
                continue
            hosts = self._mentions(tagged, match.group("list"))
            if match.group("verb") in ("opened", "opens") and any(m.entity.kind == PERSON for m in hosts):
                continue
            span = tagged.span(match.start(), match.end())
            extra = _WITH.match(text[match.end():])
            if extra and match.group("verb") in ("hosted", "hosts", "host", "organized", "organised", "held",
                                                  "staged", "co-hosted"):
                hosts.append(tagged.tag_at(match.end() + extra.start("with")))
                span = tagged.span(match.start(), match.end() + extra.end())
            self._add_hosts(event, hosts, span, "co-host" if len(hosts) > 1 else None)
        for match in [*_SPONSORED_BY.finditer(text), *_ACTIVE_SPONSOR.finditer(text)]:
            if "event" in match.groupdict() and match.group("event"):
                if tagged.tag_at(match.start("event")).entity is not getattr(event, "entity", None):
                    continue
            elif self._nearest_event(tagged, match.start()) is not event:
                continue
            sponsors = [m.entity for m in self._mentions(tagged, match.group("list")) if m.entity.kind != PLACE]
            self._add_sponsors(event, sponsors, tagged.span(match.start(), match.end()))
        for match in _FUNDED_WITH.finditer(text):
            if self._nearest_event(tagged, match.start()) is not event:
                continue
            sponsors = [tagged.tag_at(match.start() + m.start("org")).entity
                        for m in _FROM.finditer(match.group())]
            self._add_sponsors(event, [s for s in sponsors if s.kind != PLACE],
                               tagged.span(match.start(), match.end()))
        for match in _AUSPICES.finditer(text):
            if self._nearest_event(tagged, match.start()) is event:
                agent = tagged.tag_at(match.start("org")).entity
                self.roles.append(EventRole(agent, event, "under the auspices of",
                                            tagged.span(match.start(), match.end()), '"under the auspices of ..."'))

    def _nearest_event(self, tagged: Tagged, position: int) -> Event | None:
        found = None
        for match in re.finditer(r"\ue000E(\d+)\ue001", tagged.text):
            if match.start() < position or found is None:
                candidate = self.events.of(tagged.mentions[int(match.group(1))].entity)
                if match.start() < position or found is None:
                    found = candidate
        return found

    def _add_hosts(self, event: Event, hosts: list[Mention], span: tuple[int, int], role: str | None) -> None:
        for mention in hosts:
            if mention.entity not in event.organizers:
                event.organizers.append(mention.entity)
                if role:
                    self.roles.append(EventRole(mention.entity, event, role, span, f'"{role}" from the host list'))
        if event.organizer_evidence is None and hosts:
            event.organizer_evidence = span

    def _add_sponsors(self, event: Event, sponsors: list[Entity], span: tuple[int, int]) -> None:
        for entity in sponsors:
            if entity not in event.sponsors:
                event.sponsors.append(entity)
        if event.sponsors_evidence is None and sponsors:
            event.sponsors_evidence = span
