"""Roles from titles: "Foreign Minister X" (at the state its adjective or "of COUNTRY" names, else
the state the story is about), "EU Transport Commissioner X" (at the body its first word names),
"Mayor X" (the story's city), "Chief Executive X" (the company named before), "Chairman X" (the
organization named just before), each marked for review when it is a guess."""

import re

from graph.draft.cues import ROLE_WORD
from graph.draft.lexicon import CITY_TITLES, COMPANY_TITLES, HONORIFICS, PRESS_WORDS, STATE_TITLES
from graph.draft.model import ORGANIZATION, PLACE, Entity

_OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})")
_LEADERS = frozenset("governor chairman chairwoman chair president director head leader secretary-general "
                     "director-general commissioner".split())


class TitleRoles:
    """The part of graph.draft.roles.Roles that reads titles; `found`, `text`, `country`, `city`,
    `affiliations` and `_affiliate` are the Roles object's."""

    def _titles(self) -> None:
        for person, (start, end) in self.found.titled:
            title = self.text[start:end]
            if title.casefold() in HONORIFICS or any(a.person is person for a in self.affiliations):
                continue
            self._title_role(person, title, (start, person.evidence[1] if person.evidence[0] == start else end),
                             False, '"TITLE X"')

    def title_role(self, person: Entity, role: str, span: tuple[int, int]) -> None:
        """The role of someone the text names only by it ("the Prime Minister")."""
        before = len(person.roles)
        self._title_role(person, role, span, False, '"the ROLE"')
        del person.roles[before:]

    def _title_role(self, person: Entity, title: str, span: tuple[int, int], former: bool, how: str,
                    demonym_office: bool = False) -> None:
        """A title's organization: a country its adjective names, a ministry its words name, else the
        state, city or company the story is about (marked for review)."""
        words = title.split()
        while words and words[0].casefold() in ("former", "retired"):
            words, former = words[1:], True
        if not words or " ".join(words).casefold() in HONORIFICS:
            return
        gaz = self.found.gaz
        body = self._organization_named(words[0], span[0])
        if body is not None and len(words) > 1:  # "EU Transport Commissioner Adina Valean"
            self._affiliate(person, body, " ".join(words[1:]), span, how + ", at the body its first word names", former)
            return
        region = self.found.keys.get((PLACE, words[0].casefold()))
        if region is not None and region.place_kind in ("region", "city") and len(words) > 1:  # "Ontario Labour Minister X"
            self._affiliate(person, region, " ".join(words[1:]), span, how + ", at the place its first word names", former)
            return
        country = next((gaz.demonyms[w] for w in words if w in gaz.demonyms), None)
        role_words = [w for w in words if w not in gaz.demonyms]
        role = " ".join(role_words)
        if not role or not ROLE_WORD.search(role):
            return
        if country is None:  # "Foreign Minister Tran Minh Khoa of Vietnam", "Governor X of Enugu State"
            after = _OF_PLACE.match(self.text, span[1])
            country = self.found.gaz.country(after.group(1)) if after else None
            if country is not None and country.kind == "country":
                span = (span[0], after.end())
            else:
                country = None
                place = self.found.keys.get((PLACE, after.group(1).casefold())) if after else None
                if place is not None and place.place_kind in ("region", "city"):
                    self._affiliate(person, place, " ".join(role_words), (span[0], after.end()),
                                    how + ', "of PLACE" after the name', former)
                    return
        if country is not None:
            place = self.found.keys.get((PLACE, country.name.casefold()))
            if place is None and demonym_office:  # "a former Spanish energy minister", Spain named no other way
                place = self.found.add(PLACE, country.name, country.name, span, "the country a title's adjective names",
                                       place_kind="country")
            if place is not None:
                self._affiliate(person, place, role, span, how + ", the country its adjective names", former)
                return
            if words[0] in gaz.demonyms:  # "the Tunisian director Youssef Mansour": a nationality, no post
                return
        office = role_words[:next((i for i, w in enumerate(role_words) if w in ("of", "for")), len(role_words))]
        head = office[-1].casefold()  # "Minister of Health": the minister
        key = "-".join(w.casefold() for w in office[-2:])
        if (head in STATE_TITLES or key in STATE_TITLES) and self.country is not None:
            self._affiliate(person, self.country, role, span, how, former,
                            review=f"a state title: taken as a role at {self.country.label()}")
        elif (head in CITY_TITLES or key in CITY_TITLES) and self.city is not None:
            self._affiliate(person, self.city, role, span, how, former,
                            review=f"a city title: taken as a role at {self.city.label()}")
        elif head in COMPANY_TITLES or key in COMPANY_TITLES or head in ("executive", "officer"):
            company = self._company_before(span[0])
            if company is not None:
                self._affiliate(person, company, role, span, how, former,
                                review=f"a company title: taken as a role at {company.label()}")
        elif head in _LEADERS:
            organization = self._organization_near(span[0])
            if organization is not None:
                self._affiliate(person, organization, role, span, how, former,
                                review=f"a title with no organization: taken as a role at {organization.label()}, "
                                       "named just before")

    def _organization_named(self, word: str, start: int) -> Entity | None:
        """The organization a title's first word names ("EU"), from the text or the gazetteer."""
        if word in self.found.gaz.demonyms:
            return None  # "Spanish energy minister": the country's, not the Spanish Energy Agency's
        found = self.found.keys.get((ORGANIZATION, word.casefold()))
        if found is None:
            short = self.found.short_form([word], alone=True)  # "Norvane" for Norvane Software Inc.
            found = short if short is not None and short.kind == ORGANIZATION else None
        known = self.found.gaz.lookup(word) if found is None else None
        if found is None and known is not None and known.kind == "org":
            found = self.found.keys.get((ORGANIZATION, known.name.casefold()))
            if found is None:
                found = self.found.add(ORGANIZATION, known.name, known.name, (start, start + len(word)),
                                       "the built-in gazetteer, in a title")
                if word != known.name:
                    found.alternate_names.append(word)
        return found

    def _organization_near(self, offset: int) -> Entity | None:
        """The organization named last in the same sentence or the three before, not a publisher."""
        doc = self.found.doc
        floor = doc.sentences[max(0, doc.sentence_at(offset) - 3)].start
        for mention in self.found.mentions.before(offset):
            if mention.start < floor:
                return None
            entity = mention.entity
            if entity.kind == ORGANIZATION and entity.name and entity.name.split()[-1] not in PRESS_WORDS:
                return entity
        return None

    def _organization_before(self, offset: int) -> Entity | None:
        return next((m.entity for m in self.found.mentions.before(offset) if m.entity.kind == ORGANIZATION
                     and m.entity.name), None)

    def _company_before(self, offset: int) -> Entity | None:
        return next((m.entity for m in self.found.mentions.before(offset) if m.entity.kind == ORGANIZATION and
                     m.entity.company and m.entity.name and m.entity.name.split()[-1] not in PRESS_WORDS), None)

