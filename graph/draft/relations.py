"""Roles at events ("X co-chaired the summit", "chaired by X", "X gave the keynote", "X attended as an
observer") and how organizations stand to each other ("Y's X", "X is part of Y", "X, a unit of Y",
"X is based in COUNTRY")."""

import re
from typing import TYPE_CHECKING

from graph.draft.model import EVENT, ORGANIZATION, PERSON, PLACE, Entity
from graph.draft.tagging import TAG, Tagged

if TYPE_CHECKING:
    from graph.draft.roles import Roles

_P = r"(?P<p>\ue000P\d+\ue001)"
_O = r"(?P<o>" + TAG + r")"
_EVENT_ROLE_VERB = re.compile(_P + r"(?:,[^,]{1,120},|,\s+who)?\s+(?P<verb>co-chaired|chaired|moderated|opened|closed|"
                              r"addressed|co-hosted|hosted)\s+(?:the\s+)?(?P<e>\ue000E\d+\ue001)")
_BY_PERSON = re.compile(r"\b(?P<verb>co-chaired|chaired|moderated|presided over|led)\s+by\s+" + _P)
_KEYNOTE = re.compile(_P + r"(?:,[^,]{1,120},)?\s+(?:gave|delivered)\s+(?:the|a)\s+keynote")
_ATTENDED_AS = re.compile(_P + r"\s+attended\s+as\s+(?:an?\s+)?(?P<role>[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)")
_PART_OF = re.compile(_O + r"(?:,\s+which)?\s+(?:is|was|became)\s+(?:a\s+)?(?:part|member|unit|subsidiary|division|arm)\s+"
                      r"of\s+(?:the\s+)?(?P<o2>" + TAG + r")")
_UNIT_OF = re.compile(_O + r",\s+(?:a|an|the)\s+(?:unit|subsidiary|division|arm|branch|agency|department)\s+of\s+"
                      r"(?:the\s+)?(?P<o2>" + TAG + r")")
_POSSESSED = re.compile(_O + r"['’]s\s+(?P<o2>" + TAG + r")")
_BASED = re.compile(_O + r"(?:,\s+which)?\s+(?:is|was)\s+(?:registered|based|headquartered|incorporated)\s+in\s+"
                    r"(?:the\s+)?(?P<l>" + TAG + r")(?:,\s+(?P<l2>" + TAG + r"))?")
_EVENT_VERB_ROLES = {"co-chaired": "co-chair", "chaired": "chair", "moderated": "moderator", "opened": "opening speaker",
                     "closed": "closing speaker", "addressed": "speaker", "co-hosted": "co-host", "hosted": "host",
                     "presided over": "chair", "led": "leader"}


def event_roles(roles: "Roles", t: Tagged) -> None:
    for match in _EVENT_ROLE_VERB.finditer(t.text):
        event = roles.events.of(t.tag_at(match.start("e")).entity)
        person = t.tag_at(match.start("p")).entity
        if event is not None and person.kind == PERSON:
            roles.event_role(person, event, _EVENT_VERB_ROLES[match.group("verb")],
                             t.span(match.start(), match.end()), f'"X {match.group("verb")} the EVENT"')
    main = roles.events.main()
    if main is None:
        return
    for match in _BY_PERSON.finditer(t.text):
        event = _event_in(roles, t) or main
        roles.event_role(t.tag_at(match.start("p")).entity, event, _EVENT_VERB_ROLES[match.group("verb")],
                         t.span(match.start(), match.end()), f'"{match.group("verb")} by X"')
    for match in _KEYNOTE.finditer(t.text):
        roles.event_role(t.tag_at(match.start("p")).entity, _event_in(roles, t) or main, "keynote speaker",
                         t.span(match.start(), match.end()), '"X gave the keynote"')
    for match in _ATTENDED_AS.finditer(t.text):
        roles.event_role(t.tag_at(match.start("p")).entity, _event_in(roles, t) or main, match.group("role"),
                         t.span(match.start(), match.end()), '"X attended as ROLE"')


def _event_in(roles: "Roles", t: Tagged):
    for mention in t.mentions:
        if mention.entity.kind == EVENT:
            return roles.events.of(mention.entity)
    return None


def organizations(roles: "Roles", t: Tagged) -> None:
    for pattern, how in ((_PART_OF, '"X is part of Y"'), (_UNIT_OF, '"X, a unit of Y"'), (_POSSESSED, '"Y\'s X"')):
        for match in pattern.finditer(t.text):
            child, parent = t.tag_at(match.start("o2")), t.tag_at(match.start("o"))
            if pattern is not _POSSESSED:
                child, parent = parent, child
            _parent(roles, child.entity, parent.entity, t.span(match.start(), match.end()), how)
    for match in _BASED.finditer(t.text):
        organization = t.tag_at(match.start("o")).entity
        place = t.tag_at(match.start("l2") if match.group("l2") else match.start("l")).entity
        if organization.kind == ORGANIZATION and place.kind == PLACE and place.place_kind == "country" \
                and organization.country is None:
            organization.country = place
            organization.parent_evidence = organization.parent_evidence
            setattr(organization, "country_evidence", t.span(match.start(), match.end()))


def _parent(roles: "Roles", child: Entity, parent: Entity, span: tuple[int, int], how: str) -> None:
    if child is parent or child.kind != ORGANIZATION:
        return
    if parent.kind == PLACE and parent.place_kind == "country":
        if child.country is None:
            child.country = parent
            setattr(child, "country_evidence", span)
    elif parent.kind == ORGANIZATION and child.parent is None and parent.parent is not child:
        child.parent, child.parent_evidence = parent, span
