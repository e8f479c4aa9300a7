"""Words that refer to an entity without its name: "the ministry", "the company" (the last
organization of that kind named before), "the Spanish government", unnamed sources ("a
spokesman for the council", "officials at the Department of Immigration"), and a role said with
"the" ("the minister", "the Prime Minister") once the roles are known."""

import re

from graph.draft import cues
from graph.draft.entities import Found
from graph.draft.groups import THEY_SAY, Groups
from graph.draft.lexicon import COMMON_CAPS, COMPANY_NOUNS, ORG_NOUNS, ROLE_HEADS, VERB_PATTERN, VERB_RE
from graph.draft.model import ORGANIZATION, PERSON, PLACE, Entity, Mention

_NOUNS = "|".join(sorted(ORG_NOUNS, key=len, reverse=True))
_ORG_REF = re.compile(r"\b(?:[Tt]he|[Ii]ts)\s+(?P<noun>" + _NOUNS + r")\b(?!\s+(?:of|for)\s)")
_ORG_REF_MOD = re.compile(r"\b[Tt]he\s+(?P<mod>[a-z][\w\-]+)\s+(?P<noun>ministry|department|agency|authority|"
                          r"council|commission|committee|federation|association|union|court|police|army|"
                          r"government|office|regulator|prosecutor's office)\b(?!\s+(?:of|for)\s)(?![’'])")
#: "economists at Lagos Capital": an employer of the story's sources, not what "the company" means
_EMPLOYER_OF_SOURCE = re.compile(r"\b(?i:analysts?|economists?|strategists?|researchers?|experts?|officials?|"
                                 r"sources?)\s+(?:at|from|with)\s+(?:the\s+)?$")
#: "the Bristol-based chipmaker": the organization of that kind named before, wherever it is based
_BASED_REF = re.compile(r"\b[Tt]he\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}-based\s+(?:[a-z][\w\-]*\s+)?(?P<noun>" +
                        _NOUNS + r")\b(?![’'])")
_NAMED_AFTER = re.compile(r",\s+(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][\w\-’']+){1,2},")
_NAME_NEXT = re.compile(r"\s+[A-Z][a-z]")
_NOT_MODS = frozenset("same new former other whole entire first second last next local national regional state "
                      "federal central".split())
_GOVERNMENT = re.compile(r"\b[Tt]he\s+(?P<name>(?P<adj>[A-Z][a-z]+|federal|national|regional|central|state|"
                         r"provincial|municipal|local)\s+government(?P<of>\s+of\s+)?)")
_SOURCE_HEADS = ("spokesman|spokeswoman|spokesperson|official|officials|source|sources|representative|"
                 "representatives|aide|aides|lawyer|lawyers|diplomat|diplomats|executive|executives|officer|"
                 "officers|analyst|analysts|member|members|resident|residents|mother|father|woman|man|farmer|"
                 "farmers|worker|workers|teacher|student|witness|witnesses|shopkeeper|driver|parent|parents|"
                 "nurse|doctor|survivor|fisherman|fishermen|villager|villagers|grower|growers|vendor|trader|passenger|"
                 "commuter|voter|shopper|neighbour|neighbor|fan|spectator|protester|engineer|pilot|soldier|"
                 "owner|manager|employee|employees|insider|insiders")
_UNNAMED = re.compile(r"(?P<det>\b(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Ss]enior)\s+)?"
                      r"(?P<mods>(?:(?<![\w’'])[A-Za-z][\w\-]*\s+){0,3}?)(?P<head>\b(?i:" + _SOURCE_HEADS + r"))"
                      r"(?P<prep>\s+(?:for|of|at|with|from|in|close to|familiar with|representing)\s+(?:the\s+)?)")
_SAID_SOURCE = re.compile(r"\b(?:said|says|added|told\s+[a-z]+)\s+(?P<det>one|a|an|another)\s+(?:[a-z][\w\-]*\s+){0,2}?"
                          r"(?P<head>" + _SOURCE_HEADS + r")\b(?!\s+(?:for|of|at|with|from|in)\b)")
_BARE_SOURCE = re.compile(r"\b(?P<det>[Aa]n?)\s+(?P<mods>(?:[a-z][\w\-]*\s+){0,2}?)"
                          r"(?P<head>spokesman|spokeswoman|spokesperson|official|source)"
                          r"(?=\s+(?:also\s+)?" + VERB_PATTERN + r"\b)")
_PLACE_BODY = re.compile(r"['’]s\s+(?P<mod>[a-z][\w\-]+\s+)?(?P<noun>ministry|department|office|agency|government|"
                         r"embassy|police|army|navy|parliament|cabinet|presidency|commission)\b")
#: Roles that "the ROLE" may stand for under another name ("the judge" for Justice Margaret Okonkwo).
_SAME_ROLE = {"judge": ("justice", "magistrate"), "justice": ("judge",), "minister": ("secretary",),
              "professor": ("prof.",), "chief": ("ceo",), "doctor": ("dr.",), "lawyer": ("counsel", "attorney")}
_SOURCES = frozenset("spokesman spokeswoman spokesperson official".split())
_ORGANIZERS = re.compile(r"\b(?P<det>[Tt]he|[Ii]ts|[Tt]heir)\s+(?:(?:event|fair|festival|summit|conference|show)['’]?s?\s+)?"
                         r"(?P<head>organi[sz]ers|hosts)\b")
#: "Opposition councillors said ...": a group no one names, speaking
_GROUP = re.compile(r"(?P<det>\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther)\s+)?"
                    r"(?P<mods>\b(?:[A-Za-z][\w\-]*\s+){0,2}?)(?P<head>\b(?i:officials|councillors|councilors|lawmakers|"
                    r"legislators|senators|residents|analysts|economists|experts|critics|campaigners|activists|"
                    r"protesters|investors|traders|diplomats|sources|witnesses|organi[sz]ers|negotiators|scientists|"
                    r"researchers|doctors|nurses|teachers|farmers|workers|unions|officers|police))"
                    r"(?=\s+(?:also\s+|have\s+|had\s+)?" + THEY_SAY + r")")
_PLURAL = frozenset("officials sources representatives aides lawyers diplomats executives officers analysts "
                    "members residents farmers workers witnesses parents fishermen villagers councillors councilors "
                    "lawmakers legislators senators economists experts critics campaigners activists protesters "
                    "investors traders organisers organizers negotiators scientists researchers doctors nurses "
                    "teachers unions police".split())
_ROLE_REF = re.compile(r"\b(?P<det>[Tt]he)\s+(?P<role>(?:[A-Za-z][\w\-]*\s+){0,2}?(?i:" +
                       "|".join(sorted((re.escape(r) for r in ROLE_HEADS), key=len, reverse=True)) +
                       r"))\b(?!\s+(?:of|for|at|to|with)\b)(?![’'\-])")


class Referrer(Groups):
    def __init__(self, found: Found):
        self.found = found
        self.doc = found.doc
        self.text = found.doc.text
        #: (person, organization or None, role, passage) of an unnamed source: "a spokesman for the council"
        self.unnamed_roles: list[tuple[Entity, Entity, str, tuple[int, int]]] = []
        #: (person, role, passage) of someone named only by a role: "the Prime Minister"
        self.role_people: list[tuple[Entity, str, tuple[int, int]]] = []
        #: "the museums said": the entity of the phrase → the organizations it stands for
        self.groups: dict[int, list[Entity]] = {}

    def _free(self, start: int, end: int) -> bool:
        """No mention overlaps the span and it stands outside quotations."""
        return not self.doc.in_quote(start, end) and not self.found.mentions.overlaps(start, end)

    def _sorted(self) -> None:
        self.found.mentions.sort(key=lambda m: (m.start, -m.end))

    def organization_nouns(self) -> None:
        for match in _ORG_REF.finditer(self.text):
            if self._free(*match.span()) and not _NAME_NEXT.match(self.text, match.end()):
                self._described(match)
        for match in _BASED_REF.finditer(self.text):  # its place is a mention already: only the noun must be free
            if not self.doc.in_quote(*match.span()) and not self.found.mentions.overlaps(match.start("noun"), match.end()):
                self._described(match)
        for match in _ORG_REF_MOD.finditer(self.text):
            start, end = match.start(), match.end()
            if not self._free(start, end) or match.group("mod") in _NOT_MODS or \
                    _NAME_NEXT.match(self.text, end):  # "the aid agency CareBridge International": named next
                continue
            entity = self.resolve_noun(match.group("noun"), start)
            speaks = cues.SPEECH_AFTER.match(self.text[end:end + 40]) or \
                re.search(r"\baccording\s+to\s+$", self.text[max(0, start - 14):start])
            if entity is None and speaks:
                name = self.text[match.start("mod"):end]
                entity = self.found.add(ORGANIZATION, name, name, (start, end), f'"the {name}", which speaks',
                                        review="an organization named only by what it is; give its full name")
            if entity is not None:
                self.found.mentions.append(Mention(start, end, entity, "description"))

    def _described(self, match: re.Match) -> None:
        """ "the company", "the Bristol-based chipmaker": a mention of the organization the noun fits."""
        entity = self.resolve_noun(match.group("noun"), match.start())
        if entity is not None:
            self.found.mentions.append(Mention(match.start(), match.end(), entity, "description"))

    def resolve_noun(self, noun: str, offset: int) -> Entity | None:
        """The organization named last before `offset` that the noun fits."""
        noun = noun.casefold()
        for mention in self.found.mentions.before(offset):
            if mention.entity.kind != ORGANIZATION or not mention.entity.name or \
                    _EMPLOYER_OF_SOURCE.search(self.text, max(0, mention.start - 40), mention.start):
                continue
            words = mention.entity.name.casefold().split()
            if noun in words or noun in mention.entity.roles or (noun in COMPANY_NOUNS and mention.entity.company) or \
                    (len(noun) >= 4 and any(w.startswith(noun) for w in words)):  # "the bank": Firth Banking Group
                return mention.entity
        return None

    def governments(self) -> None:
        for match in _GOVERNMENT.finditer(self.text):
            adjective = match.group("adj")
            country = self.found.gaz.demonyms.get(adjective) if adjective[0].isupper() else None
            if adjective[0].isupper() and country is None:
                continue
            start, end = match.start("name"), match.end("name")
            place = None
            if match.group("of"):
                place = next((m for m in self.found.mentions.starting(end) if m.entity.kind == PLACE), None)
                if place is None:
                    continue
                end = place.end
            if not self._free(match.start(), match.end("name") if place is None else match.end()):
                continue
            name = self.text[start:end]
            entity = self.found.add(ORGANIZATION, name, name, (match.start(), end),
                                    'a government named by "the ... government"')
            if country is not None:
                entity.country = self.found.keys.get((PLACE, country.name.casefold()))
            elif place is not None and place.entity.place_kind == "country":
                entity.country = place.entity
            self.found.mentions.append(Mention(match.start(), end, entity, "name"))
        self._sorted()

    def unnamed_sources(self) -> None:
        for match in _UNNAMED.finditer(self.text):
            after = match.end()
            bare = match.end() - len(re.search(r"(?:the\s+)?$", match.group("prep")).group())
            target = next((m for m in [*self.found.mentions.starting(bare), *self.found.mentions.starting(after)]
                           if m.entity.kind in (ORGANIZATION, PLACE)), None)
            if target is None:
                continue
            start = match.start("det") if match.group("det") else match.start("head")
            if not match.group("det"):
                kept = []
                for word in re.finditer(r"\S+", match.group("mods")):
                    bad = word.group().casefold() in COMMON_CAPS or VERB_RE.fullmatch(word.group())
                    kept = [] if bad else [*kept, match.start("mods") + word.start()]
                start = kept[0] if kept else match.start("head")
            head = match.group("head").casefold()
            if not match.group("det") and head not in _PLURAL:
                continue
            organization, end = target.entity, target.end
            body = _PLACE_BODY.match(self.text, end) if organization.kind == PLACE else None
            if body is not None:  # "a spokesman for Ghana's foreign ministry"
                organization, end = self._body_of(organization, body), body.end()
            self._unnamed(start, end, head, organization)
        for match in _BARE_SOURCE.finditer(self.text):
            self._unnamed(match.start(), match.end(), match.group("head"), None)
        for match in _SAID_SOURCE.finditer(self.text):  # '"...," said one grower, who asked not to be named'
            start = match.start("det")
            if self._free(start, match.end()):
                self._unnamed(start, match.end(), match.group("head").casefold(), None)
        for match in _GROUP.finditer(self.text):
            words = [w for w in match.group("mods").split() if w.casefold() not in COMMON_CAPS and not VERB_RE.fullmatch(w)]
            start = match.start("head") - len(" ".join(words)) - (1 if words else 0)
            if words and self.text[start:match.start("head")].strip() != " ".join(words):
                start = match.start("head")
            if match.group("det") and (not match.group("mods") or start == match.start("mods")):
                start = match.start("det")
            if self._free(start, match.end()):
                self._unnamed(start, match.end(), match.group("head").casefold(), None)
        for match in _ORGANIZERS.finditer(self.text):
            if not self._free(match.start(), match.end()):
                continue
            existing = next((e for e in self.found.entities if e.kind == ORGANIZATION and e.description and
                             match.group("head") in e.description), None)
            if existing is None:
                description = "the " + match.group("head")
                existing = self.found.add(ORGANIZATION, description, None, match.span(),
                                          f'unnamed {match.group("head")}: "{match.group()}"', description=description)
            self.found.mentions.append(Mention(match.start(), match.end(), existing, "description"))
        self._sorted()

    def _body_of(self, place: Entity, body: re.Match) -> Entity | None:
        """The organization named before that "Ghana's foreign ministry" means: one whose name has
        the noun and the word before it, in that country or in none."""
        noun, mod = body.group("noun"), (body.group("mod") or "").strip()
        for entity in self.found.entities:
            words = (entity.name or "").casefold().split()
            if entity.kind == ORGANIZATION and noun in words and (not mod or mod in words) and \
                    entity.country in (None, place):
                return entity
        return None

    def _unnamed(self, start: int, end: int, head: str, organization: Entity | None) -> None:
        previous = next(self.found.mentions.before(start), None)
        if re.search(r",\s+(?:\d{1,3},\s+)?$", self.text[max(0, start - 8):start]) and previous is not None and \
                previous.entity.kind == PERSON and previous.entity.name and start - previous.end <= 8:
            return  # "Mark Liu, an analyst at Greenfield Securities": a role of a named person
        if _NAMED_AFTER.match(self.text, end):
            return  # "The chief executive of the trust, Colin Mabry, said": named right after
        near = list(self.found.mentions._around(start, end))
        if self.doc.in_quote(start, end) or any(m.start < end and start < m.end and m.entity.description
                                                 for m in near):
            return
        if any(m.start < start < m.end for m in near):
            return
        phrase = self.text[start:end]
        description = phrase[0].lower() + phrase[1:] if phrase.split()[0] in ("A", "An", "The", "Two", "Three",
                                                                             "Several", "Some", "Senior") \
            else phrase
        description = " ".join(description.split())
        description = re.sub(r"^(?:[Ii]ts|[Tt]heir)\s+", "the ", description)  # "its organizers": the organizers
        kind = ORGANIZATION if head in _PLURAL else PERSON
        entity = self.found.add(kind, description, None, (start, end), f'an unnamed source: "{head} ..."',
                                description=description)
        if kind == PERSON:
            if head not in entity.roles:
                entity.roles.append(head)
            if organization is not None and organization.kind == ORGANIZATION:
                self.unnamed_roles.append((entity, organization, head, (start, end)))
        elif organization is not None and organization.kind == ORGANIZATION and entity.parent is None:
            entity.parent, entity.parent_evidence = organization, (start, end)
        self.found.mentions.append(Mention(start, end, entity, "description"))

    def role_descriptions(self) -> None:
        """ "the minister", "the Prime Minister": a person whose role that is, or someone unnamed."""
        for match in _ROLE_REF.finditer(self.text):
            start, end = match.start(), match.end()
            if not self._free(start, end):
                continue
            role = match.group("role")
            head = role.split()[-1].casefold()
            single = len(role.split()) == 1
            heads = {head, *_SAME_ROLE.get(head, ())}
            person = next((m.entity for m in self.found.mentions.before(start) if m.entity.kind == PERSON and
                           any(r.casefold() == role.casefold() or (single and heads & set(r.casefold().split()))
                               for r in m.entity.roles)), None)
            if person is not None:
                self.found.mentions.append(Mention(start, end, person, "description",
                                                   f'"{self.text[start:end]}" taken for {person.label()}'))
                continue
            after = self.text[end:end + 40]
            if not cues.SPEECH_AFTER.match(after) or not (role[:1].isupper() or head in _SOURCES):
                continue
            description = "the " + role
            entity = self.found.add(PERSON, description, None, (start, end), 'someone named only by a role: '
                                    f'"the {role}"', description=description)
            if role not in entity.roles:
                entity.roles.append(role)
                self.role_people.append((entity, role, (start, end)))
            self.found.mentions.append(Mention(start, end, entity, "description"))
        self._sorted()
