"""Person – role – organization, and roles at events, from appositives and titles:
"X, director of Y", "X, Y's Minister of Water", "Y's director X", "Y director X", "Foreign Minister
X", "X, who heads Y", "X was named director of Y", "a spokesman for Y", "co-chair of the
conference"; and the parent and country of organizations ("Y's X", "X of China", "X is part of Y")."""

import re

from graph.draft import relations
from graph.draft.entities import Found
from graph.draft.events import Events
from graph.draft.lexicon import EVENT_NOUNS, HONORIFICS, ORG_NOUNS, ROLE_HEADS
from graph.draft.model import EVENT, ORGANIZATION, PERSON, PLACE, Affiliation, Entity, EventRole
from graph.draft.refer import Referrer
from graph.draft.tagging import TAG, Tagged
from graph.draft.titles import TitleRoles

_HEADS = "|".join(sorted((re.escape(r) for r in ROLE_HEADS), key=len, reverse=True))
_NOT_ROLE_WORDS = (r"(?!(?:and|but|or|nor|yet|so|if|that|which|then|of|at|for|the|a|an|who|said|says|told|added|"
                   r"noted|when|while|as|by|to|in|on|with|from)\b)")
_ROLE = (r"(?P<role>(?:" + _NOT_ROLE_WORDS + r"[\w’'\-]+\s+){0,3}?(?i:" + _HEADS +
         r"|[a-z]+(?:ologist|ist|ician|grapher))\b"
         r"(?:\s+(?:of|for)\s+(?!the\b)[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*|"
         r"\s+(?:of|in|for)\s+(?!the\b)[a-z]+(?:\s+[a-z]+){0,3}?(?=[,.;]|\s+(?:at|of|with|for)\s)|"
         r"\s+(?:in|to|for)\s+\ue000L\d+\ue001)?)")
_HONOR = r"(?:(?i:" + "|".join(sorted((re.escape(h) for h in HONORIFICS), key=len, reverse=True)) + r")\s+)?"
_P = r"(?P<p>\ue000P\d+\ue001)"
_BRACKET = r"(?:\s+\([^()]{1,30}\))?"
_PA = _P + r"(?:,\s+\d{1,3}(?=,))?"  # "Ramon Ortiz, 61, who heads ..."
_O = r"(?P<o>" + TAG + r")(?!-based)"
_DET = (r"(?:(?P<now>now|currently|also|then|who\s+(?:was|has\s+been|is)\s+(?:elected|re-elected|appointed|named)(?:\s+as)?|"
        r"who\s+is|who\s+was|who\s+has\s+been|who\s+became|who\s+served\s+as)\s+)?"
        r"(?:(?:a|an|the)\s+)?(?P<former>former\s+|retired\s+)?")
_PREP = (r"\s+(?P<prep>of|at|for|to|with|in|on)\s+(?:the\s+)?(?:(?:[a-z][\w\-]*['’]?|[A-Z][a-z]*(?:ish|ian|ese|ch)|"
         r"\ue000L\d+\ue001-based)\s+){0,3}?")  # "at the Wellington-based think tank X"
_APPOSITIVE = re.compile(_PA + r",\s+" + _DET + _ROLE + r"(?P<also>\s+and\s+(?:[\w\-]+\s+){0,2}?(?i:" + _HEADS + r"))?" +
                         _PREP + _O + r"(?P<board>['’]s\s+board(?:\s+of\s+(?:trustees|directors|governors))?|"
                         r"['’]s\s+(?P<dept>(?:[a-z][\w\-]*\s+){0,3}?(?:department|division|unit|team|desk|section)))?")
_MORE = re.compile(r"^\s*(?:,\s+|\s+)and\s+" + _DET + _ROLE + _PREP + _O)
#: "Y's", or a plural name's "Alder Stockbrokers’"
_POSS = r"(?:['’]s|['’](?=\s))"
_POSS_AFTER = re.compile(_PA + r",\s+(?:the\s+(?:[a-z][\w\-]*\s+){0,2}?)?" + _O + _POSS + r"\s+(?P<former>former\s+)?" + _ROLE)
_POSS_BEFORE = re.compile(_O + _POSS + r"\s+(?P<former>former\s+)?" + _ROLE + r",?\s+" + _HONOR +
                          r"(?:(?:Councillor|Councilor|Alderman|Senator|Judge)\s+)?" + _P)
_ORG_ROLE_NAME = re.compile(r"(?:(?P<former0>\b[Ff]ormer)\s+)?" + _O + _BRACKET + r"\s+(?P<former>former\s+)?" + _ROLE +
                            r"(?P<also>\s+and\s+"
                            r"(?:[\w\-]+\s+){0,2}?(?i:" + _HEADS + r"))?\s+" + _HONOR + _P)
#: "Dr. Abena Owusu-Ansah, the GHS director of public health"
_APPOSITIVE_ORG_ROLE = re.compile(_PA + r",\s+(?:the\s+)?" + _O + r"(?:['’]s)?\s+(?P<former>former\s+)?" + _ROLE +
                                  r"(?=[,.;]|\s+(?:and|who|said|says)\b)")
_NOUN_ROLE_NAME = re.compile(r"(?:^|\b[Tt]he\s+|\b[Ff]ormer\s+|\b[Ii]ts\s+|(?<=\bbut\s)|(?<=\band\s)|(?<=,\s)|(?<=['’\"”]\s))"
                             r"(?P<former>[Ff]ormer\s+)?(?:(?P<mod>foreign|finance|health|interior|defence|defense|trade|"
                             r"justice|education|energy|transport|labour|labor|agriculture|environment)\s+)?(?P<noun>(?i:" +
                             "|".join(sorted(ORG_NOUNS | EVENT_NOUNS, key=len, reverse=True)) +
                             r"))\s+(?P<role>(?:[a-z][\w\-]*\s+){0,1}?(?i:" + _HEADS + r"))\s+(?:(?:Dr\.|Prof\.|"
                             r"Professor|Mr\.|Mrs\.|Ms\.)\s+)?" + _P)
_ROLE_NAME = re.compile(r"(?:^|(?<=[\s(]))(?P<former>[Ff]ormer\s+)?(?P<role>(?:" + _NOT_ROLE_WORDS +
                        r"[A-Za-z][\w\-]*\s+){0,2}?(?i:" + _HEADS +
                        r"))\s+(?:(?:Dr\.|Prof\.|Professor|Mr\.|Mrs\.|Ms\.)\s+)?" + _P)
_ITS_ROLE = re.compile(r"\b(?:[Ii]ts|[Tt]heir)\s+(?P<former>former\s+)?" + _ROLE + r",?\s+(?:(?:Dr\.|Prof\.|Professor|Mr\.|"
                       r"Mrs\.|Ms\.)\s+)?" + _P)
#: "Kwame Asante, the country's trade minister": the country (or city) named last before
_PLACE_ROLE = re.compile(_PA + r",\s+the\s+(?P<noun>country|nation|city|town)['’]s\s+(?P<former>former\s+)?" + _ROLE)
#: "Jane Muthoni, Minister of Health, said": an office of state, at the state the story is about
_APPOSITIVE_OFFICE = re.compile(_PA + r",\s+(?:the\s+)?(?P<role>(?:[A-Z][\w\-]*\s+){0,2}(?:Minister|Secretary|Governor|"
                                r"Mayor|Premier|Chancellor|President)(?:\s+(?:of|for)\s+[A-Z][\w\-]*(?:\s+(?:and\s+)?"
                                r"[A-Z][\w\-]*)*)?)(?=,|\s+(?:said|says|told|added)\b)")
#: "Luis Ortega, a former Spanish energy minister, said": an office of the state its adjective names
_APPOSITIVE_DEMONYM = re.compile(_PA + r",\s+(?:a|an|the)\s+(?P<former>former\s+)?(?P<role>[A-Z][a-z]+\s+(?:[a-z][\w\-]*\s+){0,2}"
                                 r"(?:minister|president|ambassador|envoy|diplomat|senator|governor|prime\s+minister|"
                                 r"foreign\s+secretary))(?=[,.;]|\s+(?:said|says|told|added|who)\b)")
#: "The chief executive of Aire Valley Hospitals NHS Foundation Trust, Colin Mabry, said"
_ROLE_OF_THEN_NAME = re.compile(r"\b[Tt]he\s+(?P<former>former\s+)?" + _ROLE + r"\s+(?:of|at)\s+(?:the\s+)?" + _O +
                                r",\s+" + _HONOR + _P)
_WHO_HEADS = re.compile(_PA + r",?\s+(?:who\s+|now\s+|also\s+|and\s+)*(?P<verb>heads|chairs|leads|directs|runs|founded|"
                        r"co-founded|manages|headed|chaired|led|directed)\s+(?:the\s+)?(?P<body>(?:[a-z][\w\-]*\s+){0,3}?)(?P<board>board\s+of\s+"
                        r"(?:the\s+)?)?" + _O + r"(?:['’]s\s+(?:(?P<o2>" + TAG + r")|(?P<what>(?:[a-z][\w\-]*\s+){0,3}?"
                        r"(?:team|operations|business|division|unit|department|programme|program|desk|section|arm))"
                        r"(?P<where>\s+in\s+[^,.;]{3,60}?(?=[,.;]|\s+(?:until|since|but)\b))?))?"
                        r"(?P<until>\s+until\s+\d{4})?")
_NAMED = re.compile(_P + r"\s+(?:was|has been|had been|is|will be|were)\s+(?:named|appointed|elected|promoted|chosen)\s+"
                    r"(?:as\s+)?(?:the\s+)?(?:new\s+)?" + _ROLE + _PREP + _O)
_VERB_ROLES = {"heads": "head", "headed": "head", "chairs": "chair", "chaired": "chair", "leads": "leader",
               "led": "leader", "directs": "director", "directed": "director", "runs": "head", "founded": "founder",
               "co-founded": "co-founder", "manages": "manager"}
_EVENT_ROLES = frozenset("co-chair chair chairman chairwoman co-chairman host co-host moderator speaker keynote "
                         "organizer organiser director president secretary-general".split())


class Roles(TitleRoles):
    def __init__(self, found: Found, referrer: Referrer, events: Events, tagged: list[Tagged | None],
                 home_country: Entity | None, home_city: Entity | None):
        self.found = found
        self.text = found.doc.text
        self.referrer = referrer
        self.events = events
        self.tagged = tagged
        self.country = home_country
        self.city = home_city
        self.affiliations: list[Affiliation] = []
        self.event_roles: list[EventRole] = []

    def run(self) -> None:
        for person, organization, role, span in self.referrer.unnamed_roles:
            self._affiliate(person, organization, role, span, 'an unnamed source "a ROLE for ORG"')
        for tagged in self.tagged:
            if tagged is not None:
                self._sentence(tagged)
        self._titles()
        self.affiliations = [a for a in self.affiliations if not any(
            b is not a and b.person is a.person and b.organization is a.organization and
            b.role.casefold().startswith(a.role.casefold() + " ") for b in self.affiliations)]  # "chief" of "chief executive"
        spelled: dict[str, str] = {}  # one spelling per role, as kg build wants it
        for affiliation in self.affiliations:
            affiliation.role = spelled.setdefault(affiliation.role.casefold(), affiliation.role)

    # --- one sentence -------------------------------------------------------------------------

    def _sentence(self, t: Tagged) -> None:
        for match in _APPOSITIVE.finditer(t.text):
            how = 'appositive "X, ROLE of Y"'
            if match.group("dept"):  # "the head of Iberia Grid's planning department"
                role = f"{match.group('role')} of the {match.group('dept')}"
            elif match.group("board"):
                role = match.group("role") + f" of the {match.group('board')[3:].strip()}"
            else:
                role = match.group("role")
            self._role_at(t, match, role, how)
            if match.group("also"):  # "the president and chief executive of Y"
                self._role_at(t, match, match.group("also").strip()[4:], how)
            rest = t.text[match.end():]
            while (more := _MORE.match(rest)) is not None:
                self._role_at(t, more, more.group("role"), how + ", and another role", base=match, offset=len(t.text)
                              - len(rest))
                rest = rest[more.end():]
        for pattern, how in ((_POSS_AFTER, "appositive \"X, Y's ROLE\""), (_POSS_BEFORE, "\"Y's ROLE X\""),
                             (_ORG_ROLE_NAME, '"Y ROLE X"'), (_NAMED, '"X was named ROLE of Y"'),
                             (_APPOSITIVE_ORG_ROLE, 'appositive "X, the Y ROLE"'),
                             (_ROLE_OF_THEN_NAME, '"The ROLE of Y, X"')):
            for match in pattern.finditer(t.text):
                self._role_at(t, match, match.group("role"), how)
                if match.groupdict().get("also"):
                    self._role_at(t, match, match.group("also").strip()[4:], how)
        for match in _NOUN_ROLE_NAME.finditer(t.text):
            person = t.tag_at(match.start("p")).entity
            span = t.span(match.start("noun"), match.end())
            noun = match.group("noun").casefold()
            if noun in EVENT_NOUNS and noun not in ORG_NOUNS:
                event = self._event_by_noun(noun)
                if event is not None:
                    self.event_role(person, event, match.group("role").casefold(), span, '"EVENT ROLE X"')
                continue
            mod = match.group("mod")
            organization = (self._named_body(noun, mod) if mod else None) or self.referrer.resolve_noun(noun, span[0])
            if organization is not None:
                self._affiliate(person, organization, match.group("role"), span, f'"{noun} ROLE X"',
                                former=bool(match.group("former")), review=f'"{match.group("noun")}" taken for '
                                f'{organization.label()}')
        for match in _ROLE_NAME.finditer(t.text):
            person = t.tag_at(match.start("p")).entity
            if match.group("role").split()[0].casefold() in ORG_NOUNS | EVENT_NOUNS:
                continue  # "Association chairman X", "Summit co-chair X": the noun's organization or event
            before = t.text[max(0, match.start() - 2):match.start()]
            if "\ue001" in before:
                continue
            self._title_role(person, match.group("role"), t.span(match.start(), match.end()),
                             bool(match.group("former")), '"ROLE X"')
        for match in _ITS_ROLE.finditer(t.text):
            span = t.span(match.start(), match.end())
            organization = self._organization_before(span[0])
            if organization is not None:
                self._affiliate(t.tag_at(match.start("p")).entity, organization, match.group("role"), span,
                                '"its ROLE X"', bool(match.group("former")),
                                review=f'"{self.text[span[0]:span[1]].split()[0]}" taken for {organization.label()}')
        for match in _APPOSITIVE_DEMONYM.finditer(t.text):
            if match.group("role").split()[0] in self.found.gaz.demonyms:
                self._title_role(t.tag_at(match.start("p")).entity, match.group("role"), t.span(match.start(), match.end()),
                                 bool(match.group("former")), 'appositive "X, a former DEMONYM OFFICE"',
                                 demonym_office=True)
        for match in _APPOSITIVE_OFFICE.finditer(t.text):
            person = t.tag_at(match.start("p")).entity
            if not any(a.person is person for a in self.affiliations):
                self._title_role(person, match.group("role"), t.span(match.start(), match.end()), False,
                                 'appositive "X, OFFICE,"')
        for match in _PLACE_ROLE.finditer(t.text):
            span = t.span(match.start(), match.end())
            kinds = ("country",) if match.group("noun") in ("country", "nation") else ("city",)
            place = next((m.entity for m in self.found.mentions.before(span[0]) if m.entity.kind == PLACE and
                          m.entity.place_kind in kinds), None)
            if place is not None:
                self._affiliate(t.tag_at(match.start("p")).entity, place, match.group("role"), span,
                                f'"X, the {match.group("noun")}\'s ROLE"', bool(match.group("former")),
                                review=f'"the {match.group("noun")}" taken for {place.label()}, named just before')
        for match in _WHO_HEADS.finditer(t.text):
            organization = t.tag_at(match.start("o2") if match.group("o2") else match.start("o")).entity
            role = _VERB_ROLES[match.group("verb")]
            if match.group("board"):
                role = f"{role} of the board"
            elif match.group("body").endswith(" of ") and role in ("head", "leader", "chair"):
                role = f"{'chair' if role == 'chair' else 'head'} of {match.group('body')[:-4].strip()}"  # "head of delegation"
            elif match.group("what") and role in ("head", "leader"):  # "who runs UNHCR's operations in West Africa"
                where = self.text[slice(*t.span(match.start("where"), match.end("where")))] if match.group("where") else ""
                article = "" if match.group("what").strip() == "operations" else "the "
                role = " ".join(f"head of {article}{match.group('what').strip()}{where}".split())
            self._affiliate(t.tag_at(match.start("p")).entity, organization, role, t.span(match.start(), match.end()),
                            '"X, who heads Y"', former=bool(match.group("until")))
        relations.event_roles(self, t)
        relations.organizations(self, t)

    def _named_body(self, noun: str, mod: str) -> Entity | None:
        """ "foreign ministry": the organization whose name holds both words (the Ministry of Foreign Affairs)."""
        return next((e for e in self.found.entities if e.kind == ORGANIZATION and e.name and
                     {noun, mod} <= set(e.name.casefold().split())), None)

    def _role_at(self, t: Tagged, match: re.Match, role: str, how: str, base: re.Match | None = None,
                 offset: int = 0) -> None:
        if "\ue000" in role:  # "representative in Ghana": the role's words as the text has them
            start, end = t.span(offset + match.start("role"), offset + match.end("role"))
            role = self.text[start:end]
        """A role found by `match` (at `offset` in the tagged text); `base` holds the person when
        this is a second role ("..., an academician of X and director of Y")."""
        person = t.tag_at((base or match).start("p")).entity
        target = t.tag_at(offset + match.start("o")).entity
        span = t.span((base or match).start(), offset + match.end())
        former = bool(match.groupdict().get("former") or match.groupdict().get("former0"))
        if target.kind == EVENT:
            event = self.events.of(target)
            if event is not None and person.kind == PERSON:
                self.event_role(person, event, _clean(role), span, how)
            return
        if person.kind != PERSON or target.kind not in (ORGANIZATION, PLACE):
            return
        if target.kind == PLACE and target.place_kind not in ("country", "city", "region"):
            return
        self._affiliate(person, target, role, span, how, former=former)

    def _affiliate(self, person: Entity, organization: Entity, role: str, span: tuple[int, int], how: str,
                   former: bool = False, review: str | None = None) -> None:
        role = _clean(role)
        if person.kind != PERSON or organization.kind not in (ORGANIZATION, PLACE) or not role:
            return
        if role.casefold().startswith("former "):
            role, former = role[7:], True
        for done in self.affiliations:
            if done.person is person and done.organization is organization and \
                    done.role.casefold() == role.casefold():
                return
        self.affiliations.append(Affiliation(person, organization, role, span, how, former, review))
        if role not in person.roles:
            person.roles.append(role)

    def event_role(self, person: Entity, event, role: str, span: tuple[int, int], how: str) -> None:
        if any(r.agent is person and r.event is event and r.role == role for r in self.event_roles):
            return
        self.event_roles.append(EventRole(person, event, role, span, how))
        if role not in person.roles:
            person.roles.append(role)

    def _event_by_noun(self, noun: str):
        for event in self.events.events:
            if event.head == noun and event.named:
                return event
        return self.events.main() if noun in ("summit", "conference", "forum", "symposium", "festival") else None

_STATE_WORDS = re.compile(r"\b(?:Minister|Secretary|Mayor|President|Governor|Premier|Chancellor|Ambassador|Senator|"
                          r"Commissioner|Prime|Attorney|General|Speaker)\b")


def _clean(role: str) -> str:
    """A role as a facts file writes it: offices of state as the text writes them ("Deputy Mayor",
    "Minister for Immigration"), other roles in lower case ("chief executive officer")."""
    role = " ".join(role.split()).strip(" ,")
    role = re.sub(r"^(?:a|an|the|now|also)\s+", "", role, flags=re.IGNORECASE)
    role = re.sub(r"^(?:newly\s+appointed|newly\s+named|recently\s+appointed|new|outgoing|incoming)\s+", "", role,
                  flags=re.IGNORECASE)  # "the newly appointed director of operations": the director
    if _STATE_WORDS.search(role):
        return role
    words = role.split()
    place = next((i for i, w in enumerate(words) if w in ("to", "in", "for")), len(words))  # "ambassador to Ghana"
    return " ".join(w.lower() if i < place and w[:1].isupper() and not w.isupper() else w for i, w in enumerate(words))
