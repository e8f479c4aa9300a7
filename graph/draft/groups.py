"""Speakers the text names as a group or by whom they are: "The museums said" (the museums named
before), "The governor's office said", and an unnamed spokesman whom a later sentence names ("The
spokesman, Daniel Ofori, said")."""

import re

from graph.draft import cues
from graph.draft.lexicon import COMPANY_NOUNS
from graph.draft.model import ORGANIZATION, PERSON, Mention

#: What a group of speakers does: "The museums said", "Officials estimate"
THEY_SAY = (r"(?:said|say|told|warned|argued|believe|complained|claimed|announced|agreed|added|confirmed|stated|"
            r"estimate|estimated|expect|expected|fear|feared|predict|predicted)\b")
_OFFICE = re.compile(r"\b[Tt]he\s+(?:governor|mayor|president|prime\s+minister|premier|chancellor|minister|"
                     r"attorney[\s-]general|prosecutor|ombudsman|king|queen)['’]s\s+(?:press\s+)?office\b")
_PLURAL_BODIES = re.compile(r"\b[Tt]he\s+(?:two\s+|three\s+|four\s+|both\s+)?(?P<noun>museums|companies|unions|banks|"
                            r"airlines|governments|ministries|universities|hospitals|federations|firms|carriers|"
                            r"agencies|councils|clubs|parties|foundations|institutes|associations)\b"
                            r"(?=\s+(?:also\s+|jointly\s+|have\s+|had\s+)?" + THEY_SAY + r")")
_NAMED_LATER = re.compile(r"\b[Tt]he\s+(?P<head>spokesman|spokeswoman|spokesperson|official|source)\s*,\s+")


class Groups:
    """The part of graph.draft.refer.Referrer that reads groups, offices and sources named later;
    `found`, `doc`, `text`, `groups`, `unnamed_roles`, `_free` and `_sorted` are the Referrer's."""

    def offices(self) -> None:
        """ "The governor's office said in a statement": an office no one names, speaking."""
        for match in _OFFICE.finditer(self.text):
            start, end = match.span()
            if not self._free(start, end) or not cues.SPEECH_AFTER.match(self.text[end:end + 40]):
                continue
            description = " ".join(("the " + match.group()[4:]).split())
            entity = self.found.add(ORGANIZATION, description.replace("’", "'"), None, (start, end),
                                    f'"{match.group()}", which speaks', description=description,
                                    review="an office named by whose it is; give its name if the text does")
            self.found.mentions.append(Mention(start, end, entity, "description"))
        self._sorted()

    def plural_bodies(self) -> None:
        """ "The museums said in a joint statement": the organizations of that kind named before."""
        for match in _PLURAL_BODIES.finditer(self.text):
            start, end = match.span()
            if not self._free(start, end):
                continue
            noun = match.group("noun").casefold()
            singular = noun[:-3] + "y" if noun.endswith("ies") else noun[:-1]
            members = list(dict.fromkeys(
                m.entity for m in reversed(list(self.found.mentions.before(start))) if m.entity.kind == ORGANIZATION
                and m.entity.name and (singular in m.entity.name.casefold().split() or
                                       (singular in COMPANY_NOUNS and m.entity.company))))
            if len(members) < 2:
                continue
            description = f"the {noun}"
            entity = self.found.add(ORGANIZATION, description, None, (start, end), f'"{match.group()}" for the '
                                    f"{len(members)} {noun} named before", description=description)
            self.groups[id(entity)] = members
            self.found.mentions.append(Mention(start, end, entity, "description"))
        self._sorted()

    def named_later(self) -> None:
        """ "A spokesman for the ministry said ..." and later "The spokesman, Daniel Ofori, said ...":
        the unnamed source was Daniel Ofori all along."""
        for match in _NAMED_LATER.finditer(self.text):
            person = next((m.entity for m in self.found.mentions.starting(match.end()) if m.entity.kind == PERSON
                           and m.entity.name), None)
            head = match.group("head").casefold()
            unnamed = next((m.entity for m in self.found.mentions.before(match.start()) if m.entity.kind == PERSON
                            and m.entity.description and not m.entity.name and head in m.entity.roles), None)
            if person is None or unnamed is None or self.doc.in_quote(match.start(), match.end()):
                continue
            note = f'"{unnamed.description}" taken for {person.label()}, named later as "the {head}"'
            for index, mention in enumerate(self.found.mentions):
                if mention.entity is unnamed:
                    self.found.mentions[index] = Mention(mention.start, mention.end, person, "description", note)
            self.found.entities.remove(unnamed)
            for key, entity in list(self.found.keys.items()):
                if entity is unnamed:
                    self.found.keys[key] = person
            self.unnamed_roles = [(person if p is unnamed else p, o, r, span) for p, o, r, span in self.unnamed_roles]
            if head not in person.roles:
                person.roles.append(head)
            self.found.mentions.append(Mention(match.start(), match.start("head") + len(head), person, "description"))
