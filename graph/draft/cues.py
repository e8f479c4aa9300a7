"""What the words around a name say about it: a role or an appositive after a person's name, a
speech verb, an acronym in brackets, "Battery maker ..." before a company's. Each cue is a
pattern on the text just before or just after the name, within its sentence."""

import re

from graph.draft.lexicon import COMPANY_NOUNS, ROLE_HEADS, VERB_PATTERN

_ROLE = r"(?:" + "|".join(sorted((re.escape(w) for w in ROLE_HEADS), key=len, reverse=True)) + r")"
ROLE_WORD = re.compile(r"\b" + _ROLE + r"\b", re.IGNORECASE)

#: ", an honorary professor at ...", ", who heads ...", ", 54,"
APPOSITIVE = re.compile(r"^,\s+(?:(?:a|an|the|now|also|currently|then|once|formerly|former|himself|herself|"
                        r"who|whose|aged|both|its|his|her)\b|\d{1,3},)")
#: ", chief engineer of ..." (a role within the next few words)
APPOSITIVE_ROLE = re.compile(r"^,\s+(?:[\w'’\-]+\s+){0,5}?" + _ROLE + r"\b", re.IGNORECASE)
SPEECH_AFTER = re.compile(r"^\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|will\s+|would\s+)?" + VERB_PATTERN +
                          r"\b")
SPEECH_BEFORE = re.compile(r"\b(?:said|says|added|noted|told|asked|wrote|according to|explained|stressed)\s+$")
#: "chief executive Marta Ibarra", "Union leader Anja Roth"
ROLE_BEFORE = re.compile(r"(?:^|[\s(])" + _ROLE + r"\s+$", re.IGNORECASE)
ACRONYM_AFTER = re.compile(r"^\s+\((?P<acronym>[A-Z][A-Za-z&.]{1,9})\)")
COMPANY_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(COMPANY_NOUNS)) + r"|giant|start-up)\s+$", re.IGNORECASE)
#: "Rheinland Freight chief executive Stefan Mohr": a role between an organization and a person
ROLE_THEN_NAME = re.compile(r"^\s+(?:[a-z][\w\-]*\s+){0,2}?" + _ROLE + r"\s+(?:Dr\.\s+|Prof\.\s+)?[A-Z]")
ORG_NOUN_AFTER = re.compile(r"^\s+(?:union|party|group|company|bank|agency|ministry|council|federation|association|"
                            r"foundation|institute|university|hospital|club|team|firm|carmaker|airline|network)\b")
#: "the climate justice network Tierra Común": a word for an organization just before its name
ORG_NOUN_BEFORE = re.compile(r"\b(?:network|coalition|charity|alliance|group|party|union|association|federation|"
                             r"think\s+tank|NGO|organi[sz]ation|movement|foundation|club|institute|campaign|weekly|daily|newspaper|"
                             r"magazine|broadcaster|tabloid|agency)\s+$")
#: "Quarry, a data analytics startup"
APPOSITIVE_ORG = re.compile(r"^,\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?(?:company|firm|startup|start-up|group|maker|"
                            r"manufacturer|bank|lender|insurer|retailer|carrier|airline|operator|developer|producer|"
                            r"supplier|agency|charity|organi[sz]ation|association|union|party|club|team|network|"
                            r"newspaper|broadcaster|publisher|university|school|hospital|foundation|fund|consortium|coalition|"
                            r"alliance|federation|body|campaign|movement|think tank|institute|society)\b(?![’'])")
#: "an analyst at Greenfield Securities"
AFTER_ROLE_PREP = re.compile(_ROLE + r"\s+(?:at|of|with|for|from)\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,2}$", re.IGNORECASE)
AGENT_BEFORE = re.compile(r"\b(?:sponsored|funded|financed|backed|owned|acquired|bought)\s+by\s+(?:[A-Z]\w*,\s+)*$")
WHICH_AFTER = re.compile(r"^,\s+which\b")
ORG_POSSESSIVE = re.compile(r"^[’']s\s+(?:board|shares|headquarters|chief|executive|employees|staff|workers|plant|"
                            r"factory|subsidiary|parent|owner|founder|chairman|president|director|spokesman|"
                            r"spokeswoman|offices|members)\b")
PERSON_POSSESSIVE = re.compile(r"^[’']s\s+(?:predecessor|successor|wife|husband|son|daughter|family|mother|"
                               r"father|brother|sister|lawyer|lawyers|aide|aides|spokesman|spokeswoman|"
                               r"office|campaign|government|administration|career)\b")
#: "Spain's Minister of Industry, Javier Soler", "ambassador to Ghana, Nguyen Van Long"
ROLE_COMMA_BEFORE = re.compile(_ROLE + r"(?:\s+(?:of|for|to|in)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)?,\s+$",
                               re.IGNORECASE)
NAMED_AFTER = re.compile(r"^\s+(?:was|has been|had been|is|will be|were)\s+(?:named|appointed|elected|promoted|hired|"
                         r"nominated|sworn in|re-elected|chosen)\b")
BYLINE = re.compile(r"^(?:By|Reporting by|Written by|Text by)\s+$")
PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|from|to|across|around)\s+$")
GOVERNED_BEFORE = re.compile(r"\b(?:the\s+)?(?P<kind>city|town|village|capital|port|province|region|regions|state|"
                             r"district|county|municipality|island|islands)\s+of\s+$", re.IGNORECASE)
HELD_AT = re.compile(r"\b(?:held|played|staged|hosted|place|be\s+played|be\s+held|fair|festival|conference|summit|"
                     r"ceremony|concert|exhibition|show|meeting|gathering|event)\s+at\s+(?:the\s+)?$")
VENUE_BEFORE = re.compile(r"\b(?:at|in|inside)\s+(?:the\s+)?$")
#: "the regions of Cusco, Puno and Ayacucho"
LIST_OF_PLACES = re.compile(r"\b(?P<kind>regions?|provinces?|states?|districts?|counties|cities|towns|islands?|"
                             r"departments) of (?:[A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*)*(?:,\s+|,?\s+and\s+))*$")
#: what the word before "of" says a place is
PLACE_KINDS = {"city": "city", "town": "city", "village": "city", "capital": "city", "port": "city", "cities": "city",
          "towns": "city", "province": "region", "provinces": "region", "region": "region", "regions": "region",
          "state": "region", "states": "region", "district": "region", "districts": "region", "county": "region",
          "counties": "region", "municipality": "city", "island": "region", "islands": "region",
          "departments": "region", "municipalities": "city"}
#: "the Volta, Oti, Northern and Upper East regions": names listed before what they are
LISTED_BEFORE = re.compile(r"^(?:,\s+(?:and\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)*(?:,?\s+(?:and|or)\s+[A-Z][\w'’\-]*"
                           r"(?:\s+[A-Z][\w'’\-]*)?)?\s+(?P<kind>regions|provinces|states|districts|counties|cities|towns|"
                           r"islands|municipalities|departments)\b")
