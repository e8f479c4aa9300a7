"""The closed word lists the draft's rules use: titles and roles, the words that make a name an
organization's or an event's, speech verbs, dates and numbers. One list per closed set; every
other module takes its words from here."""

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: Words before a period that do not end a sentence.
ABBREVIATIONS = frozenset(
    "dr mr mrs ms mx prof st jr sr inc corp co ltd no gen gov sen rep lt col capt sgt mt ft rev hon pres "
    "dept univ assn bros vs etc approx est fig jan feb mar apr jun jul aug sep sept oct nov dec".split())

#: Honorifics kept as a person's `honorific` (schema:honorificPrefix).
HONORIFICS = {
    "academician": "Academician", "professor": "Professor", "prof.": "Prof.", "dr.": "Dr.", "dr": "Dr.",
    "mr.": "Mr.", "mr": "Mr.", "mrs.": "Mrs.", "mrs": "Mrs.", "ms.": "Ms.", "ms": "Ms.", "sir": "Sir",
    "dame": "Dame", "lord": "Lord", "lady": "Lady", "rev.": "Rev.", "reverend": "Reverend",
    "sheikh": "Sheikh", "rabbi": "Rabbi", "imam": "Imam", "father": "Father", "grandmaster": "Grandmaster",
}
FEMALE_HONORIFICS = frozenset({"Mrs.", "Ms.", "Dame", "Lady"})
MALE_HONORIFICS = frozenset({"Mr.", "Sir", "Lord", "Father"})

#: The last word of a role ("chief engineer", "Minister of Water", "secretary-general").
ROLE_HEADS = frozenset("""
president vice-president president-elect chairman chairwoman chair chairperson co-chair co-chairman co-chairwoman
vice-chair vice-chairman director director-general head chief leader spokesman spokeswoman spokesperson minister
secretary secretary-general mayor governor senator ambassador envoy commissioner chancellor professor academician
lecturer researcher scientist engineer economist analyst adviser advisor counsellor counselor member fellow dean
rector provost principal founder co-founder owner executive officer manager editor correspondent reporter judge
justice lawyer attorney counsel prosecutor coach captain player trustee treasurer auditor inspector administrator
coordinator representative delegate partner philanthropist entrepreneur investor diplomat official aide deputy
premier king queen prince princess emperor sheikh emir pope bishop archbishop cardinal general colonel admiral
commander strategist consultant surgeon physician doctor nurse teacher activist campaigner organiser organizer
curator architect author writer historian astronaut pilot epidemiologist virologist oncologist specialist scholar
superintendent registrar ceo cfo coo cto negotiator mediator ombudsman attorney-general solicitor barrister
magistrate sheriff president-general chief-of-staff referee athlete champion striker goalkeeper midfielder
defender forward trainer physicist chemist biologist economist-in-chief editor-in-chief commander-in-chief
microbiologist ecologist geologist sociologist psychologist mathematician statistician pharmacist dentist
veterinarian technician journalist artist politician lawmaker legislator councillor councilor spokesperson
secretary-treasurer vice-chancellor deputy-director general-secretary observer monitor critic columnist
commentator
""".split())

#: Honorific-like titles written before a name ("Foreign Minister Wang Yi", "Deputy Mayor Ines Carvalho").
TITLE_HEADS = frozenset("""
president minister premier mayor governor senator secretary chancellor ambassador commissioner director judge
justice chairman chairwoman chair professor academician king queen prince princess emperor pope cardinal bishop
archbishop general colonel admiral commander captain coach sheikh emir representative congressman congresswoman
chief spokesman spokeswoman prosecutor inspector detective sergeant officer dean rector
gov. sen. rep. gen. lt. col. capt. sgt. supt. insp. pres. atty. cmdr. adm. ceo cfo coo cto
""".split())
TITLE_MODIFIERS = frozenset("""
former acting interim deputy vice prime foreign finance health defence defense interior trade agriculture
immigration education energy environment transport justice economy industry labour labor home state chief
executive general first crown grand supreme senior assistant associate managing regional federal police
republican democratic democrat conservative liberal socialist green independent
""".split())
#: Titles whose organization is the state the article is about, when it names no other.
STATE_TITLES = frozenset("president minister premier prime-minister chancellor king queen emperor".split())
CITY_TITLES = frozenset("mayor deputy-mayor".split())
COMPANY_TITLES = frozenset("chief-executive ceo cfo coo cto chairman chairwoman founder co-founder".split())

#: A name holding one of these words is an organization's ("Lyon Health Institute").
ORG_WORDS = frozenset("""
Ministry Department Council University College School Institute Institution Academy Center Centre Hospital Clinic
Bank Fund Foundation Alliance Network Association Federation Union Agency Authority Board Commission Committee
Corporation Corp Company Co Group Industries Inc Ltd LLC PLC AG SA GmbH Organization Organisation Programme Party
Court Tribunal Office Service Services Trust Society Club League Parliament Congress Senate Police Army Navy
Force Forces Wire News Times Post Press Herald Journal Gazette Broadcasting Television Radio Secretariat Bureau Division
Cabinet Government Administration Exchange Laboratory Laboratories Labs Museum Church Shipping Airlines Airways
Motors Freight Holdings Partners Capital Energy Railways Railway Observatory Consortium Coalition
Cooperative Chamber Guild Directorate Inspectorate Registry Mission Embassy Consulate Command Systems
Technologies Pharmaceuticals Therapeutics Media Publishing Mining Petroleum Electric Steel Chemicals Logistics
Telecom Communications Team FC Institutes Universities Hospitals Nations Reuters Bloomberg Xinhua
Securities Investments Advisors Advisers Associates Consulting Ventures Insurance Brands Foods Pharma
Terminals Mutual Assurance Utilities Software Robotics Aerospace Electronics Solar Renewables Energie Seguros
Stockbrokers Brokers Brokerage Markets Research Athletic Rovers Wanderers Albion
""".split())
#: Words that end a name that is a part of another organization ("Ruijin Hospital of Shanghai Jiaotong
#: University" is two).
ORG_HEADS = frozenset("""
Ministry Department Council University College School Institute Academy Center Centre Hospital Bank Fund
Foundation Alliance Network Association Federation Union Agency Authority Board Commission Committee Corporation
Company Group Organization Organisation Programme Party Court Office Trust Society Club League
""".split())
#: Lowercase words that stand for an organization named before ("the ministry", "the company").
ORG_NOUNS = frozenset("""
ministry department council university college school institute academy center centre hospital clinic bank fund
foundation alliance network association federation union agency authority board commission committee
corporation company group organization organisation programme party court tribunal office service trust society
club league parliament government administration firm operator maker carrier manufacturer retailer lender
insurer airline broadcaster publisher developer producer supplier chain conglomerate startup forum secretariat
bureau team federation regulator watchdog coalition division carmaker automaker chipmaker drugmaker steelmaker planemaker
shipbuilder miner
""".split())
#: Last words of a publisher's name ("Signal Tech News"): never the author of what the story reports.
PRESS_WORDS = frozenset("Wire News Press Times Post Herald Journal Gazette Agency Reuters".split())
#: Organization nouns that mean a company, for "the company said".
COMPANY_NOUNS = frozenset("company firm group operator maker carrier manufacturer retailer lender insurer airline "
                          "broadcaster developer producer supplier chain conglomerate startup carmaker automaker "
                          "chipmaker drugmaker steelmaker planemaker shipbuilder miner".split())
COMPANY_WORDS = frozenset("Industries Inc Ltd LLC PLC AG SA GmbH Corp Corporation Company Co Group Holdings Motors "
                          "Freight Shipping Airlines Airways Technologies Systems Pharmaceuticals Energy Mining "
                          "Steel Chemicals Logistics Telecom Capital Partners Foods Brands Labs Networks Solutions "
                          "Software Robotics Aerospace Electronics Semiconductor Semiconductors Pharma Biotech "
                          "Therapeutics Petroleum Utilities Beverages Retail Securities Ventures Enterprises Terminals Mutual "
                          "Assurance Solar Renewables Energie Seguros".split())

#: A name ending in one of these is an event's ("Regional Water Security Conference").
EVENT_WORDS = frozenset("""
Conference Summit Symposium Festival Forum Games Olympics Olympiad Championship Championships Cup Tournament
Marathon Expo Exhibition Fair Week Dialogue Talks Meeting Workshop Seminar Colloquium Gala Awards Ceremony Parade
Carnival Regatta Rally Race Prix Biennale Biennial Congress Convention Assembly Session Round Concert Tour Series
Hackathon Jamboree Show Retreat Meetings
""".split())
#: Event words that also name bodies ("Ocean Nations Forum", "National People's Congress").
AMBIGUOUS_EVENT_WORDS = frozenset("Forum Congress Convention Assembly Series Tour Show Round".split())
#: Lowercase nouns of events ("a news conference", "the summit", "wage talks").
EVENT_NOUNS = frozenset("""
conference summit symposium festival forum meeting meetings ceremony rally dinner breakfast lunch luncheon gala
talks briefing hearing concert exhibition fair parade protest march campaign drive session debate celebration
vigil auction fundraiser congress convention assembly retreat dialogue workshop seminar lecture webinar games
tournament championship match race regatta expo gathering event visit tour launch round outbreak strike
expedition voyage panel hackathon reception banquet roundtable screening premiere vote referendum ballot
spill election earthquake flood floods fire storm explosion crash attack protests wildfire wildfires blaze
landslide cyclone hurricane typhoon tsunami eruption heatwave
""".split())
#: Event nouns too common to start an unnamed event on their own.
WEAK_EVENT_NOUNS = frozenset("event gathering visit tour launch round session march drive campaign match race panel "
                             "reception screening premiere vote referendum ballot "
                             "debate protest outbreak strike spill election earthquake flood floods fire storm "
                             "explosion crash attack protests wildfire wildfires blaze landslide cyclone hurricane "
                             "typhoon tsunami eruption heatwave".split())
#: A name ending in one of these is a place's ("Red Sea", "Suez Canal", "Lake Victoria" starts with one).
PLACE_WORDS = frozenset("Sea Ocean River Canal Lake Mountains Valley Islands Desert Gulf Strait Peninsula Delta "
                        "Basin Plateau Highlands".split())
#: ... and these too, after "the", "in", "at" or "near" ("Ann Lee Bay" is a person).
WEAK_PLACE_WORDS = frozenset("Bay Island Coast Mountain Street Avenue Road Square Bridge Province County District "
                             "Region Republic".split())
VENUE_WORDS = frozenset("Hall Stadium Arena Hotel Square Palace Park Theatre Theater Auditorium Pavilion Statehouse "
                        "Capitol "
                        "Cathedral Stadion Gardens Plaza Fairground Showground".split())
#: "... Conference Centre", "... Exhibition Center": a building for events, wherever it stands
#: (a "Centre" alone is as often a body: "National Cancer Centre").
VENUE_CENTRE_WORDS = frozenset("Conference Convention Exhibition Exhibitions Congress Cultural Culture Arts Events "
                               "Trade Expo Sports Leisure Community Civic Performing Concert Media".split())

#: Words that join the capitalized words of one name ("Ministry of Water", "School of Medicine at ...").
CONNECTORS = frozenset("of for and at de da del der van von la le du des di y es".split())

#: Pronouns that can stand for a speaker.
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "his": "m", "her": "f"}

#: Speech verbs whose clause is always a statement; weaker verbs need "that" after them.
STRONG_VERBS = """
said says say told tells added adds noted notes noting stressed stresses stressing emphasized emphasised
emphasizes emphasises emphasizing emphasising highlighted highlighting remarked stated explained explains warned
warns warning argued argues insisted insists claimed announced announces confirmed confirms acknowledged denied
declared wrote writes replied responded underlined underscored observed commented testified ruled
concluded conceded admitted reiterated cautioned asserted contended adding saying explaining arguing insisting
ruling reported urged
""".split()
WEAK_VERBS = """
pledged promised vowed agreed believes believed hopes hoped expects expected suggested predicted estimated
recalled complained revealed indicated announced acknowledged maintained reports recognised
recognized asked found finds disclosed countered forecast signalled signaled hinted feared fears assured
estimate estimates expect believe predict fear
""".split()
#: "expressed his hope that", "expressed hope that", "conveyed her desire to": a verb and its noun.
PHRASE_VERBS = ("expressed", "conveyed", "voiced", "reaffirmed", "repeated")
PHRASE_NOUNS = frozenset("hope hopes desire wish concern concerns confidence belief regret optimism support "
                         "view conviction satisfaction determination gratitude".split())
_ALL_VERBS = sorted(set(STRONG_VERBS) | set(WEAK_VERBS), key=len, reverse=True)
_POSSESSIVES = "his|her|their|its|our"
VERB_PATTERN = (r"(?:pointed out|(?:" + "|".join(PHRASE_VERBS) + r") (?:(?:" + _POSSESSIVES + r") )?(?:"
                + "|".join(sorted(PHRASE_NOUNS)) + r")|" + "|".join(_ALL_VERBS) + r")")
VERB_RE = re.compile(r"\b" + VERB_PATTERN + r"\b")
STRONG = frozenset(STRONG_VERBS) | {"pointed out"}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
QUALIFIERS = ("more than", "fewer than", "less than", "at least", "up to", "nearly", "almost", "about", "around",
              "some", "over", "roughly", "approximately", "an estimated", "a record", "close to", "as many as",
              "under")
#: Currency words and signs → ISO 4217 codes.
CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD", "€": "EUR", "eur": "EUR",
    "euros": "EUR", "euro": "EUR", "£": "GBP", "gbp": "GBP", "pounds": "GBP", "sterling": "GBP", "¥": "JPY",
    "yen": "JPY", "jpy": "JPY", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY", "rmb": "CNY", "rupees": "INR",
    "inr": "INR", "zlotys": "PLN", "zloty": "PLN", "pln": "PLN", "soles": "PEN", "pen": "PEN", "rand": "ZAR",
    "zar": "ZAR", "naira": "NGN", "ngn": "NGN", "won": "KRW", "krw": "KRW", "roubles": "RUB", "rubles": "RUB",
    "rub": "RUB", "chf": "CHF", "swiss francs": "CHF", "a$": "AUD", "aud": "AUD", "c$": "CAD", "cad": "CAD",
    "hk$": "HKD", "hkd": "HKD", "kenyan shillings": "KES", "kes": "KES", "reais": "BRL", "brl": "BRL",
    "lira": "TRY", "try": "TRY", "dirhams": "AED", "aed": "AED", "riyals": "SAR", "sar": "SAR", "sek": "SEK",
    "nok": "NOK", "dkk": "DKK", "mxn": "MXN", "nzd": "NZD", "nz$": "NZD", "sgd": "SGD", "s$": "SGD",
}

#: Capitalized words that start sentences without naming anything.
COMMON_CAPS = frozenset("""
the a an in on at for about more over nearly some many most this that these those it he she they we i you
but and or after before while when as if looking according construction participants officials delegates
experts scientists police residents there here its his her their our my your no not one two three four five
six seven eight nine ten all both each every other such what which who whom whose where why how also however
meanwhile yet still then now today yesterday tomorrow last next earlier later despite with without under
from by to into during since until among between than so because although though speaking asked
addressing regarding ahead amid against across around within through throughout besides beyond near along
following given including unlike like nobody everyone anyone someone people students workers farmers analysts
critics supporters members leaders voters patients doctors nurses teachers parents children women men
volunteers researchers engineers mayors ministers organizers organisers sources reporting by thanks talks
several few negotiators delegations governments countries economists lawyers diplomats traders investors
bankers executives campaigners activists protesters observers authorities shareholders employees staff
passengers customers
""".split())
