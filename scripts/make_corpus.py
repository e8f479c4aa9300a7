#!/usr/bin/env python3
"""Write N realistic, varied news-article folders (article.txt + facts.yaml) to measure `kg build`.

Articles are drawn from templates: conferences, programme launches and report releases
across a dozen beats, with datelines, bylines in several house styles, people with honorifics
and roles, organizations with parents and headquarters, events with topics and head counts,
direct quotes (curly, straight and mixed quote marks) and reported statements. People and
organizations come from a shared pool and are reused with a Zipf-like skew, as in real news:
an id always has the same name, type, honorific, role, parent and country in every article.
Every evidence excerpt is cut from the sentence that was written, so it is in the text.

The same N and seed give the same bytes (one random.Random(seed), no set or hash order).

Usage:
    python scripts/make_corpus.py 1000 --seed 7 --out /tmp/corpus
    kg build /tmp/corpus --out /tmp/corpus-out
"""

import argparse
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# -- vocabulary -------------------------------------------------------------------------------

#: country, demonym, takes "the", naming culture, cities
COUNTRIES = [
    ("China", "Chinese", False, "zh", ["Beijing", "Shanghai", "Shenzhen", "Chengdu", "Wuhan"]),
    ("United States", "American", True, "en", ["Washington", "Boston", "Chicago", "San Francisco", "Houston"]),
    ("France", "French", False, "fr", ["Paris", "Lyon", "Marseille", "Toulouse", "Lille"]),
    ("Germany", "German", False, "de", ["Berlin", "Munich", "Hamburg", "Cologne", "Leipzig"]),
    ("Japan", "Japanese", False, "ja", ["Tokyo", "Osaka", "Kyoto", "Sapporo"]),
    ("India", "Indian", False, "hi", ["New Delhi", "Mumbai", "Bengaluru", "Chennai", "Hyderabad"]),
    ("Brazil", "Brazilian", False, "pt", ["Brasília", "São Paulo", "Rio de Janeiro", "Recife"]),
    ("Kenya", "Kenyan", False, "ke", ["Nairobi", "Mombasa", "Kisumu"]),
    ("Nigeria", "Nigerian", False, "ng", ["Abuja", "Lagos", "Ibadan", "Enugu"]),
    ("South Africa", "South African", False, "en", ["Pretoria", "Cape Town", "Johannesburg", "Durban"]),
    ("United Kingdom", "British", True, "en", ["London", "Manchester", "Edinburgh", "Bristol", "Leeds"]),
    ("Canada", "Canadian", False, "en", ["Ottawa", "Toronto", "Montreal", "Vancouver", "Calgary"]),
    ("Mexico", "Mexican", False, "es", ["Mexico City", "Guadalajara", "Monterrey", "Puebla"]),
    ("Australia", "Australian", False, "en", ["Canberra", "Sydney", "Melbourne", "Brisbane", "Perth"]),
    ("Indonesia", "Indonesian", False, "id", ["Jakarta", "Surabaya", "Bandung", "Medan"]),
    ("Egypt", "Egyptian", False, "ar", ["Cairo", "Alexandria", "Giza"]),
    ("Turkey", "Turkish", False, "tr", ["Ankara", "Istanbul", "Izmir", "Bursa"]),
    ("Italy", "Italian", False, "it", ["Rome", "Milan", "Turin", "Naples", "Bologna"]),
    ("Spain", "Spanish", False, "es", ["Madrid", "Barcelona", "Valencia", "Seville", "Bilbao"]),
    ("South Korea", "South Korean", False, "ko", ["Seoul", "Busan", "Incheon", "Daejeon"]),
    ("Argentina", "Argentine", False, "es", ["Buenos Aires", "Córdoba", "Rosario", "Mendoza"]),
    ("Vietnam", "Vietnamese", False, "vi", ["Hanoi", "Ho Chi Minh City", "Da Nang"]),
    ("Poland", "Polish", False, "pl", ["Warsaw", "Kraków", "Gdańsk", "Wrocław"]),
    ("Sweden", "Swedish", False, "sv", ["Stockholm", "Gothenburg", "Uppsala", "Malmö"]),
    ("Norway", "Norwegian", False, "sv", ["Oslo", "Bergen", "Trondheim"]),
    ("Chile", "Chilean", False, "es", ["Santiago", "Valparaíso", "Concepción"]),
    ("Ghana", "Ghanaian", False, "ng", ["Accra", "Kumasi", "Tamale"]),
    ("Netherlands", "Dutch", True, "nl", ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"]),
    ("Morocco", "Moroccan", False, "ar", ["Rabat", "Casablanca", "Marrakesh"]),
    ("Philippines", "Filipino", True, "en", ["Manila", "Cebu", "Davao"]),
]

#: culture → (given names, family names, family name first)
NAMES = {
    "zh": ("Wei Fang Jie Min Lei Yan Hua Jun Ling Tao Xin Qiang Mei Hong Bo Yun Hao Lan Ping Rui", "Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Lin Gao Luo", True),
    "en": ("James Mary Robert Patricia Michael Jennifer David Linda Sarah Thomas Karen Daniel Emily Andrew Grace Peter Helen Mark Laura Simon Rachel Paul Claire Olivia Nathan",
           "Smith Johnson Brown Taylor Wilson Davies Evans Thomas Roberts Walker Wright Hughes Green Hall Wood Clarke Jackson Turner Hill Moore Cooper Ward O’Brien Morgan Fletcher", False),
    "fr": ("Camille Julien Chloé Mathieu Léa Antoine Manon Nicolas Élodie Pierre Sophie Hugo Margaux Théo Inès Louis Amélie Lucas Clémence Jules",
           "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel Garcia Fontaine Rousseau Mercier Girard Bonnet", False),
    "de": ("Anna Lukas Katrin Jonas Sabine Felix Julia Matthias Lena Tobias Miriam Stefan Hannah Florian Eva Jan Ute Moritz Greta Johannes",
           "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Schröder Neumann Braun Zimmermann Krüger Hartmann", False),
    "ja": ("Haruto Yui Sota Aoi Ren Hina Yuto Sakura Kaito Mio Riku Akari Daiki Emi Kenji Naoko Takumi Yuki Hiroshi Ayaka",
           "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori", False),
    "hi": ("Aarav Priya Vivaan Ananya Arjun Diya Rohan Kavya Ishaan Meera Rahul Sneha Vikram Pooja Anil Lakshmi Suresh Neha Kiran Deepak",
           "Sharma Verma Gupta Patel Reddy Iyer Nair Singh Kumar Rao Menon Desai Joshi Bose Chatterjee Pillai Mehta Kapoor Banerjee Mishra", False),
    "pt": ("João Ana Pedro Mariana Lucas Beatriz Gabriel Larissa Rafael Camila Thiago Juliana Felipe Fernanda Bruno Letícia Gustavo Renata Diego Paula",
           "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho Almeida Lopes Barbosa Araújo Cardoso Rocha", False),
    "ke": ("Wanjiru Otieno Achieng Kamau Njeri Mwangi Akinyi Kiprop Wambui Ochieng Chebet Mutua Nyambura Kipchoge Atieno Onyango Muthoni Kibet Adhiambo Gitau",
           "Kamau Otieno Mwangi Wanjiku Odhiambo Kiprono Njoroge Ochieng Mutua Chege Omondi Kariuki Wafula Barasa Karanja Muriuki Koech Nyaga Owino Rotich", False),
    "ng": ("Chinedu Amaka Oluwaseun Ngozi Emeka Funmilayo Tunde Chiamaka Ifeanyi Aisha Babajide Kemi Obinna Zainab Yusuf Adaeze Segun Halima Kwame Efua",
           "Okafor Adeyemi Okonkwo Bello Eze Abubakar Nwosu Oyelaran Ibrahim Obi Adebayo Chukwu Mensah Danjuma Olawale Nnamdi Balogun Asante Boateng Owusu", False),
    "es": ("Sofía Mateo Valentina Santiago Isabella Diego Lucía Alejandro Camila Javier Elena Andrés Paula Carlos Daniela Miguel Carmen Pablo Ximena Tomás",
           "García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz Morales Ortiz Castillo Romero Vargas Navarro", False),
    "id": ("Budi Siti Agus Dewi Rizky Putri Adi Rina Bayu Sari Dimas Wulan Eko Indah Fajar Ayu Hendra Lestari Joko Maya",
           "Santoso Wijaya Hidayat Saputra Kusuma Pratama Setiawan Halim Nugroho Wibowo Gunawan Susanto Hartono Siregar Nasution Utomo Purnomo Lubis Rahman Salim", False),
    "ar": ("Ahmed Fatima Omar Layla Youssef Mariam Karim Nour Hassan Salma Tarek Yasmin Khaled Amira Mahmoud Hana Samir Rania Nabil Dina",
           "Hassan Mansour Farouk Saleh Nasser Haddad Khalil Mostafa Aziz Hamdi Sabry Fawzy Kamal Rashed Bakr Zaki Ismail Amin Sherif Qasim", False),
    "tr": ("Mehmet Ayşe Mustafa Zeynep Ahmet Elif Emre Merve Can Selin Burak Deniz Kerem Ebru Oğuz Aslı Murat Derya Serkan Gül",
           "Yılmaz Kaya Demir Şahin Çelik Yıldız Aydın Öztürk Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özdemir Polat Erdem Güneş", False),
    "it": ("Giulia Marco Francesca Luca Chiara Alessandro Sara Matteo Valentina Lorenzo Elisa Davide Martina Federico Silvia Andrea Paola Giorgio Anna Stefano",
           "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De Luca Mancini Costa Giordano Rizzo Lombardi Moretti", False),
    "ko": ("Min-jun Seo-yeon Ji-ho Ha-eun Do-yun Su-bin Jae-won Ye-jin Hyun-woo Ji-woo Sung-min Eun-ji Tae-yang Da-eun Joon-ho Mi-rae Woo-jin Seo-ah Dong-hyun Yu-na",
           "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong", True),
    "vi": ("Anh Bao Chi Dung Giang Hai Hoa Huong Khanh Lan Linh Minh Nam Ngoc Phuong Quang Thao Thanh Trang Tuan",
           "Nguyen Tran Le Pham Hoang Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Dinh Truong Mai Lam Trinh", True),
    "pl": ("Anna Piotr Katarzyna Tomasz Agnieszka Paweł Magdalena Michał Joanna Krzysztof Ewa Łukasz Marta Jakub Zofia Marek Aleksandra Wojciech Natalia Adam",
           "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Pawlak Michalski", False),
    "sv": ("Erik Astrid Lars Ingrid Nils Sigrid Anders Karin Johan Elin Magnus Maja Henrik Freja Olof Linnea Gustav Saga Per Tove",
           "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsen Hansen Berg Lindqvist Lund Holm Dahl Sandberg Bakke Haugen Nygaard Strand Ek Lindgren", False),
    "nl": ("Daan Sanne Bram Fleur Lars Femke Sem Lotte Thijs Anouk Ruben Eva Jesse Iris Koen Noor Milan Roos Joost Maud",
           "de Jong Jansen de Vries van den Berg van Dijk Bakker Visser Smit Meijer de Boer Mulder de Groot Bos Vos Peters Hendriks van Leeuwen Dekker Brouwer de Wit", False),
}

#: beat → field (in org names), ministry, company sectors, event noun, topics
BEATS = {
    "health": ("Public Health", "Health", ["Pharma", "Biotech", "Diagnostics"], "Health Summit",
               ["cancer prevention", "precision oncology", "vaccine development", "antimicrobial resistance", "maternal health",
                "mental health services", "chronic disease management", "health data sharing", "pandemic preparedness", "rural clinics"]),
    "climate": ("Climate Science", "Environment", ["Carbon", "Climate Solutions"], "Climate Forum",
                ["emissions reduction", "climate adaptation", "carbon markets", "heatwave resilience", "reforestation",
                 "methane monitoring", "climate finance", "coastal flooding", "net-zero targets", "glacier retreat"]),
    "energy": ("Energy Research", "Energy", ["Energy", "Renewables", "Power"], "Energy Conference",
               ["grid-scale batteries", "offshore wind", "green hydrogen", "solar manufacturing", "nuclear safety",
                "energy efficiency", "electricity market reform", "geothermal power", "transmission lines", "energy poverty"]),
    "technology": ("Digital Technology", "Digital Affairs", ["Systems", "Robotics", "Software"], "Technology Forum",
                   ["artificial intelligence governance", "semiconductor supply chains", "cybersecurity", "quantum computing",
                    "data protection", "digital public services", "open-source software", "5G networks", "online safety", "cloud computing"]),
    "trade": ("Trade Policy", "Trade", ["Logistics", "Shipping"], "Trade Dialogue",
              ["tariff reduction", "export controls", "supply chain diversification", "customs digitization", "critical minerals",
               "free trade agreements", "port capacity", "trade finance", "rules of origin", "small exporters"]),
    "agriculture": ("Agricultural Research", "Agriculture", ["Foods", "Agritech", "Seeds"], "Food Security Summit",
                    ["drought-resistant crops", "soil health", "food security", "fertilizer prices", "smallholder farmers",
                     "irrigation efficiency", "livestock disease", "food waste", "crop insurance", "pesticide regulation"]),
    "education": ("Education Policy", "Education", ["Learning", "EdTech"], "Education Forum",
                  ["teacher training", "early childhood education", "digital literacy", "vocational training", "school meals",
                   "university funding", "student mental health", "STEM education", "adult learning", "education equity"]),
    "water": ("Water Resources", "Water", ["Water", "Utilities"], "Water Summit",
              ["water scarcity", "desalination", "wastewater reuse", "river basin management", "groundwater depletion",
               "flood forecasting", "safe drinking water", "sanitation access", "dam safety", "water pricing"]),
    "transport": ("Transport Research", "Transport", ["Mobility", "Rail", "Motors"], "Transport Congress",
                  ["high-speed rail", "electric buses", "urban congestion", "road safety", "aviation emissions",
                   "cycling infrastructure", "freight corridors", "autonomous vehicles", "public transit funding", "port logistics"]),
    "space": ("Space Research", "Science", ["Aerospace", "Satellites"], "Space Symposium",
              ["satellite navigation", "lunar exploration", "space debris", "Earth observation", "launch vehicles",
               "space weather", "satellite broadband", "Mars sample return", "astronaut training", "space law"]),
    "finance": ("Financial Stability", "Finance", ["Capital", "Bank", "Insurance"], "Finance Forum",
                ["inflation", "interest rates", "sovereign debt", "digital currencies", "financial inclusion",
                 "bank supervision", "pension reform", "microfinance", "capital flows", "tax policy"]),
    "oceans": ("Marine Science", "Fisheries", ["Marine", "Fisheries"], "Ocean Conference",
               ["overfishing", "marine protected areas", "ocean acidification", "coral reef restoration", "plastic pollution",
                "deep-sea mining", "aquaculture", "shipping emissions", "mangrove protection", "illegal fishing"]),
}

BRAND_HEADS = "Nor Kal Ver Ost Bren Tal Mira Zen Cor Lum Arx Sol Vel Tor Quin Hel Dra Ori Pax Ryn Sev Ama Bel Cal Dun Eko Fal Gor Isa Jun".split()
BRAND_TAILS = "vex mar ada ion tek ora lis en ium ara is on ex ova ent ix una el ant or".split()
OUTLETS = ["Harbor Times", "Daily Ledger", "Northern Chronicle", "Global Dispatch", "Continental Wire", "Evening Courier",
           "Metro Herald", "Coastal Observer", "Capital Gazette", "Sun Tribune", "Pacific Report", "Atlas News",
           "Summit Journal", "Lakeside Bulletin", "Frontier Review", "Horizon Daily", "Civic Record", "Pioneer Press",
           "Union Standard", "Riverside Sentinel", "Meridian Post", "Crossroads Weekly"]
ROLES = {
    "ministry": ["minister", "deputy minister", "spokesperson", "permanent secretary", "chief adviser"],
    "university": ["professor", "vice-chancellor", "senior lecturer", "researcher", "director of research"],
    "school": ["dean", "professor", "associate professor", "honorary professor"],
    "hospital": ["chief medical officer", "director", "head of oncology", "senior surgeon"],
    "institute": ["director", "senior researcher", "chief scientist", "deputy director"],
    "company": ["chief executive", "chief technology officer", "chair", "head of research", "spokesperson"],
    "holding": ["chief executive", "chair", "chief financial officer"],
    "ngo": ["secretary-general", "president", "program director", "founder", "policy lead"],
}
HONORIFICS = {"university": ["Prof.", "Dr."], "school": ["Prof.", "Dr."], "hospital": ["Dr."], "institute": ["Dr.", "Academician"]}
MONTHS = "January February March April May June July August September October November December".split()

CLAUSES = [
    "progress on {t} depended on steady funding rather than one-off pledges",
    "cooperation on {t} had already produced measurable results",
    "the next two years would be decisive for {t}",
    "governments and companies had to share more data on {t}",
    "{t} should be treated as a priority in the coming budget",
    "smaller countries needed a stronger voice in talks on {t}",
    "the costs of delay on {t} were rising every year",
    "new rules on {t} would be drafted before the end of the year",
    "local communities had to be involved in decisions on {t}",
    "research on {t} was moving faster than regulation",
    "the gap between rich and poor regions on {t} was widening",
    "public trust would decide whether plans on {t} succeed",
]
QUOTES = [
    "We cannot afford to treat {t} as an afterthought",
    "This is the moment to turn our commitments on {t} into action",
    "Nobody can solve {t} alone, and nobody should try",
    "The evidence on {t} is clear, and now we need the will to act",
    "What we decide on {t} this year will shape the next decade",
    "We’ve seen real progress on {t}, but it’s fragile",
    "If we get {t} right, millions of people will feel the difference",
    "Our partners expect results on {t}, not more promises",
    "Every month we wait on {t} makes the problem harder to fix",
    "I am convinced that {t} can bring our countries closer together",
]
QUOTE_MARKS = [("“", "”"), ('"', '"'), ('"', "”"), ("“", '"')]
REPORT_VERBS = ["said", "noted", "argued", "warned", "stressed", "emphasized", "told participants", "pointed out"]
HEAD_ROLES = {"minister", "dean", "vice-chancellor", "director", "chief executive", "chair", "secretary-general",
              "president", "founder", "chief medical officer", "permanent secretary", "chief scientist",
              "chief technology officer", "chief financial officer"}
EVENT_ROLES = [("co-chair", "{p}, co-chair of the {e},"), ("keynote speaker", "{p}, who gave the keynote address at the {e},"),
               ("moderator", "{p}, who moderated a panel at the {e},"), ("panelist", "{p}, a panelist at the {e},")]
QUALIFIERS = [("more than", "More than"), ("over", "Over"), ("about", "About"), ("nearly", "Nearly"),
              ("at least", "At least"), (None, "")]
CROWDS = ["delegates", "scientists and experts", "officials and researchers", "participants", "policymakers and business leaders",
          "researchers", "students and teachers", "engineers"]
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .()/&’'-]*[A-Za-z0-9.)’]$")


# -- pools --------------------------------------------------------------------------------------

def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("’", "").replace("'", "")).strip("-")


@dataclass
class Place:
    id: str
    name: str
    kind: str
    the: bool = False
    country: "Place | None" = None
    demonym: str = ""
    culture: str = ""
    cities: list = field(default_factory=list)

    def mention(self) -> str:
        return f"the {self.name}" if self.the else self.name


@dataclass
class Org:
    id: str
    name: str
    kind: str
    beat: str | None
    the: bool
    country: Place | None
    city: Place | None
    parent: "Org | None" = None
    acronym: str | None = None

    def mention(self) -> str:
        return f"the {self.name}" if self.the else self.name


@dataclass
class Person:
    id: str
    name: str
    short: str
    honorific: str | None
    org: Org | None
    role: str | None

    def full(self) -> str:
        return f"{self.honorific} {self.name}" if self.honorific else self.name


class Zipf:
    """Picks items by rank with weight 1/(rank+offset)^s: a few often, most now and then."""

    def __init__(self, items: list, s: float = 1.1, offset: float = 2.0):
        self.items = items
        total, self.cum = 0.0, []
        for rank in range(len(items)):
            total += 1.0 / (rank + 1 + offset) ** s
            self.cum.append(total)

    def pick(self, rng: random.Random, k: int = 1) -> list:
        """k different items (fewer if the pool is tiny)."""
        chosen: list = []
        for _ in range(k * 20):
            item = rng.choices(self.items, cum_weights=self.cum)[0]
            if item not in chosen:
                chosen.append(item)
                if len(chosen) == k:
                    break
        return chosen


class World:
    """The shared pool: countries, cities, organizations, people, outlets and journalists."""

    def __init__(self, rng: random.Random, n_articles: int):
        self.rng = rng
        self.ids: set[str] = set()
        self.names: set[str] = set()
        self.by_name: dict[str, Org] = {}
        self.topic_ids = {t: self.new_id(slug(t)) for beat in BEATS.values() for t in beat[4]}
        self.countries = []
        for name, demonym, the, culture, cities in COUNTRIES:
            country = Place(self.new_id(slug(name)), name, "country", the, demonym=demonym, culture=culture)
            country.cities = [Place(self.new_id(slug(c)), c, "city", country=country) for c in cities]
            self.countries.append(country)
        self.orgs_by_beat: dict[str, list[Org]] = {beat: [] for beat in BEATS}
        per_beat = min(8 + n_articles // 60, 300)
        for beat in BEATS:
            for _ in range(per_beat):
                self.make_org(beat)
        self.people_by_beat: dict[str, list[Person]] = {beat: [] for beat in BEATS}
        people_per_beat = min(15 + n_articles // 20, 4000)
        for beat, orgs in self.orgs_by_beat.items():
            picker = Zipf(orgs, s=0.9, offset=3)
            for _ in range(people_per_beat):
                org = picker.pick(rng)[0]
                self.people_by_beat[beat].append(self.make_person(org))
        self.outlets = []
        for name in OUTLETS:
            country = rng.choice(self.countries)
            outlet = Org(self.new_id(slug(name)), f"The {name}" if rng.random() < 0.4 else name, "outlet", None,
                         False, country, rng.choice(country.cities))
            journalists = [self.make_person(None, country) for _ in range(3 + n_articles // 400)]
            self.outlets.append((outlet, Zipf(journalists, s=0.8)))
        self.outlet_picker = Zipf(self.outlets, s=0.7)
        self.org_pickers = {beat: Zipf(orgs) for beat, orgs in self.orgs_by_beat.items()}
        self.people_pickers = {beat: Zipf(people) for beat, people in self.people_by_beat.items()}

    def new_id(self, base: str) -> str:
        ident, n = base, 2
        while ident in self.ids:
            ident, n = f"{base}-{n}", n + 1
        self.ids.add(ident)
        return ident

    def brand(self) -> str:
        return self.rng.choice(BRAND_HEADS) + self.rng.choice(BRAND_TAILS)

    def make_org(self, beat: str) -> Org:
        """A new organization of the beat, with a name no other organization has."""
        rng = self.rng
        field_name, ministry, sectors, _, _ = BEATS[beat]
        while True:
            country = rng.choice(self.countries)
            city = rng.choice(country.cities)
            kind = rng.choices(["ministry", "university", "school", "hospital", "institute", "company", "ngo"],
                               [1, 2, 2, 1 if beat == "health" else 0, 3, 3, 2])[0]
            parent, the, acronym = None, True, None
            if kind == "ministry":
                name = f"{country.demonym} Ministry of {ministry}"
            elif kind in ("university", "school"):
                uni = rng.choice([f"University of {city.name}", f"{city.name} Institute of Technology",
                                  f"{city.name} {rng.choice(['State', 'National', 'Metropolitan'])} University"])
                if kind == "university":
                    name = uni
                else:
                    parent = self.existing(uni) or self.add(Org(self.new_id(slug(uni)), uni, "university", beat, True, country, city))
                    unit = rng.choice(["School", "Faculty", "Center"])
                    name = f"{unit} {'for' if unit == 'Center' else 'of'} {field_name} at the {uni}"
            elif kind == "hospital":
                name = f"{city.name} {rng.choice(['General', 'University', 'Children’s', 'Memorial'])} Hospital"
            elif kind == "institute":
                name = f"{country.demonym} {rng.choice(['Institute for', 'Agency for', 'Council for'])} {field_name}"
                acronym = "".join(w[0] for w in name.split() if w[0].isupper())
            elif kind == "company":
                brand = self.brand()
                name, the = f"{brand} {rng.choice(sectors)}", False
                if rng.random() < 0.35 and name not in self.by_name:
                    holding = f"{brand} {rng.choice(['Group', 'Holdings', 'Industries'])}"
                    parent = self.existing(holding) or self.add(Org(self.new_id(slug(holding)), holding, "holding", beat,
                                                                    False, country, city))
            else:
                name = rng.choice([f"International Council on {field_name}", f"Global Alliance for {field_name}",
                                   f"{self.brand()} Foundation", f"{field_name} Watch", f"Friends of {field_name}"])
                the = name.startswith(("International", "Global"))
                if rng.random() < 0.4:
                    country = city = None
            if name not in self.by_name:
                return self.add(Org(self.new_id(slug(name)), name, kind, beat, the, country, city, parent, acronym))

    def existing(self, name: str) -> "Org | None":
        return self.by_name.get(name)

    def add(self, org: Org) -> Org:
        self.by_name[org.name] = org
        if org.beat:
            self.orgs_by_beat[org.beat].append(org)
        return org

    def make_person(self, org: Org | None, country: Place | None = None) -> Person:
        rng = self.rng
        country = country or (org.country if org and org.country else rng.choice(self.countries))
        given, family, family_first = NAMES[country.culture]
        given_names, family_names = given.split(), family.split()
        if country.culture == "nl":
            family_names = re.findall(r"(?:de |van den |van )?\S+", family)

        name = short = ""
        for attempt in range(60):
            first, last = rng.choice(given_names), rng.choice(family_names)
            if family_first:
                name = f"{last} {first}"
            elif attempt > 20 or rng.random() < 0.15:
                name = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
            else:
                name = f"{first} {last}"
            if name not in self.names:
                break
        else:
            name = f"{name} {len(self.names)}"
        self.names.add(name)
        short = last[0].upper() + last[1:]
        role = rng.choice(ROLES[org.kind]) if org else None
        honorific = None
        if org and org.kind in HONORIFICS and rng.random() < 0.5:
            honorific = rng.choice(HONORIFICS[org.kind])
            if honorific == "Academician" and country.culture not in ("zh", "ko", "vi"):
                honorific = "Dr."
        return Person(self.new_id(slug(name)), name, short, honorific, org, role)


# -- one article ----------------------------------------------------------------------------------

def y(value) -> str:
    """A YAML scalar: plain when unambiguous, else a JSON string (valid YAML double-quoted)."""
    if isinstance(value, int):
        return str(value)
    if _PLAIN.match(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def spoken_date(day: date, style: str) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}" if style == "us" else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def tidy(sentence: str) -> str:
    """Drop the comma an inserted clause leaves before other punctuation."""
    return sentence.replace(",,", ",").replace(",.", ".")


def listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + (", and " if len(items) > 2 else " and ") + items[-1]


class Article:
    """Writes one article's text sentence by sentence and records the facts each sentence states."""

    def __init__(self, world: World, rng: random.Random, number: int):
        self.world, self.rng, self.number = world, rng, number
        self.paragraphs: list[str] = []
        self.people: dict[str, dict] = {}
        self.orgs: dict[str, dict] = {}
        self.places: dict[str, dict] = {}
        self.topics: dict[str, dict] = {}
        self.events: list[dict] = []
        self.affiliations: list[dict] = []
        self.event_roles: list[dict] = []
        self.statements: list[dict] = []

    def person(self, p: Person, evidence: str) -> None:
        if p.id not in self.people:
            self.people[p.id] = {"id": p.id, "name": p.name, "honorific": p.honorific, "evidence": evidence}

    def org(self, o: Org, evidence: str, country_evidence: str | None = None) -> None:
        entry = self.orgs.get(o.id)
        if entry is None:
            entry = self.orgs[o.id] = {"id": o.id, "name": o.name, "evidence": evidence}
            if o.acronym:
                entry["alternate_names"] = [o.acronym]
            if o.parent and o.parent.name in evidence:
                self.org(o.parent, o.parent.name)
                entry["parent"] = o.parent.id
        if country_evidence and o.country and "country" not in entry:
            entry["country"] = o.country.id
            entry["country_evidence"] = country_evidence

    def place(self, pl: Place, evidence: str, with_country: bool = False) -> None:
        entry = self.places.setdefault(pl.id, {"id": pl.id, "name": pl.name, "kind": pl.kind, "evidence": evidence})
        if with_country and pl.country and "country" not in entry:
            self.place(pl.country, pl.country.name)
            entry["country"] = pl.country.id
            entry["country_evidence"] = evidence

    def topic(self, name: str, evidence: str) -> str:
        ident = self.world.topic_ids[name]
        self.topics.setdefault(ident, {"id": ident, "name": name, "evidence": evidence})
        return ident

    def mention_org(self, o: Org) -> str:
        """How the text names an organization; sometimes with its acronym, its parent or its seat."""
        rng = self.rng
        name = o.mention()
        if o.acronym and rng.random() < 0.5:
            name = f"{name} ({o.acronym})"
        evidence, extra, based = o.name, "", None  # without "the", which may open a sentence
        if o.parent and o.kind == "company" and rng.random() < 0.5:
            extra = f", a unit of {o.parent.name},"
            evidence = f"{o.name}, a unit of {o.parent.name}"
        elif o.country and o.city and rng.random() < 0.3:
            where = f"{o.city.name}, {o.country.mention()}"
            extra, based = f", which is based in {where},", f"based in {where}"
            self.place(o.city, where, with_country=True)
        self.org(o, evidence, based)
        return name + extra

    def speaker(self, p: Person, event_name: str | None, topics: list[str]) -> None:
        rng = self.rng
        org_text = self.mention_org(p.org)
        clause = rng.choice(CLAUSES).format(t=rng.choice(topics))
        verb = rng.choice(REPORT_VERBS)
        a = "an" if p.role[0] in "aeiou" else "a"
        head = p.role in HEAD_ROLES
        intro = rng.choice(["{full}, the {role} of {org}" if head else "{full}, {a} {role} at {org}",
                            "{full}, who serves as {role} at {org}", "{full}, {role} at {org}" if head else "{full}, {a} {role} at {org}"])
        lead = intro.format(full=p.full(), role=p.role, org=org_text, a=a).rstrip(",")
        said = f"{verb} that {clause}."
        where = f"the {event_name}" if event_name else rng.choice(["reporters", "a news conference", "lawmakers"])
        sentence = rng.choice([f"{lead}, {said}", f"{lead}, {said}", f"{lead}, {said}",
                               f"Speaking {'at' if event_name else 'to'} {where}, {lead}, {said}",
                               f"{rng.choice(['Earlier in the day', 'In a statement', 'Later', 'Separately'])}, {lead}, {said}"])
        self.person(p, p.full())
        self.affiliations.append({"person": p.id, "organization": p.org.id, "role": p.role,
                                  "evidence": f"{p.name}, " + lead.split(f"{p.name}, ", 1)[1]})
        paragraph = [sentence[0].upper() + sentence[1:]]
        # from the name on: the same words may be said by two people, and the first occurrence counts
        self.statement(p, "reported", clause, sentence[sentence.index(p.name):], verb)
        if event_name and rng.random() < 0.3:
            role, pattern = rng.choice(EVENT_ROLES)
            phrase = pattern.format(p=p.short, e=event_name)
            clause2 = rng.choice(CLAUSES).format(t=rng.choice(topics))
            paragraph.append(f"{phrase} added that {clause2}.")
            self.event_roles.append({"person": p.id, "event": self.events[0]["id"], "role": role, "evidence": phrase.rstrip(",")})
            self.statement(p, "reported", clause2, f"{phrase} added that {clause2}.", "added")
        if rng.random() < 0.6:
            words = rng.choice(QUOTES).format(t=rng.choice(topics))
            opening, closing = rng.choice(QUOTE_MARKS)
            style = rng.randrange(3)
            if style == 0:
                quote = f"{opening}{words},{closing} {p.short} said."
            elif style == 1:
                quote = f"{opening}{words},{closing} said {p.short}."
            else:
                quote = f"{p.short} put it plainly: {opening}{words}.{closing}"
            self.statement(p, "direct", words, quote, "said")
            if rng.random() < 0.5:
                paragraph.append(quote)
            else:
                self.paragraphs.append(" ".join(paragraph))
                paragraph = [quote]
        self.paragraphs.append(" ".join(paragraph))

    def statement(self, p: Person, kind: str, text: str, evidence: str, verb: str) -> None:
        self.statements.append({"id": f"{self.article_id}-s{len(self.statements) + 1}", "speaker": p.id, "kind": kind,
                                "verb": verb, "text": text, "evidence": evidence})

    def write(self) -> tuple[str, str, str]:
        """(folder name, article text, facts YAML)."""
        rng, world = self.rng, self.world
        beat = rng.choice(list(BEATS))
        _, _, _, event_noun, beat_topics = BEATS[beat]
        outlet, journalists = world.outlet_picker.pick(rng)[0]
        author = journalists.pick(rng)[0]
        style = "us" if rng.random() < 0.5 else "uk"
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(900))
        host = world.org_pickers[beat].pick(rng)[0]
        country = host.country or rng.choice(world.countries)
        city = host.city or rng.choice(country.cities)
        topics = rng.sample(beat_topics, rng.randint(2, 5))
        kind = rng.choices(["conference", "launch", "report"], [6, 2, 2])[0]
        self.article_id = f"{outlet.id}-{day.isoformat()}-{slug(topics[0])}-{self.number:05d}"
        speakers = world.people_pickers[beat].pick(rng, rng.randint(1, 4))
        headline = self.headline(kind, topics[0], city, host)
        self.paragraphs.append(headline)
        byline_top = rng.random() < 0.4
        byline = rng.choice([f"By {author.name}, {outlet.name}", f"By {author.name} | {outlet.name}"]) if byline_top \
            else rng.choice([f"{author.name} for {outlet.name}", f"Reporting by {author.name} for {outlet.name}",
                             f"— {author.name}, {outlet.name}"])
        if byline_top:
            self.paragraphs.append(byline)
        dateline = rng.choice([f"{city.name.upper()}, {MONTHS[day.month - 1]} {day.day} ({outlet.name}) — ", f"{city.name} — ", ""])
        if kind == "report":
            self.report(host, topics, day, style, dateline)
        else:
            self.event(kind, host, city, country, topics, day, style, dateline, event_noun)
        for p in speakers:
            self.speaker(p, self.events[0]["short"] if self.events else None, topics)
        if not byline_top:
            self.paragraphs.append(byline)
        self.person(author, author.name)
        self.org(outlet, outlet.name)
        text = "\n\n".join(self.paragraphs) + "\n"
        header = {"id": self.article_id, "text": "article.txt", "headline": headline, "evidence": byline.removeprefix("— "),
                  "author": author.id, "publisher": outlet.id, "published": day.isoformat(), "language": "en"}
        return self.article_id, text, self.yaml(header)

    def headline(self, kind: str, topic: str, city: Place, host: Org) -> str:
        rng = self.rng
        cap = topic[0].upper() + topic[1:]
        options = {
            "conference": [f"Experts gather in {city.name} to chart the future of {topic}",
                           f"Spotlight on {topic} at {city.name} meeting",
                           f"Scientists urge faster progress on {topic} at {city.name} forum",
                           f"Delegates in {city.name} call for cooperation on {topic}"],
            "launch": [f"{host.name} launches new program on {topic}",
                       f"New push on {topic} unveiled in {city.name}",
                       f"{host.name} bets on {topic} with {city.name} initiative"],
            "report": [f"Report by {host.name} warns of slow progress on {topic}",
                       f"{cap}: new report maps the road ahead",
                       f"Study finds gaps in {topic}, urges action"],
        }[kind]
        return rng.choice(options)

    def event(self, kind: str, host: Org, city: Place, country: Place, topics: list[str], day: date, style: str,
              dateline: str, event_noun: str) -> None:
        rng = self.rng
        if kind == "conference":
            name = rng.choice([f"{day.year} {city.name} {event_noun}", f"International {event_noun} on {topics[0].title()}",
                               f"{country.demonym} {event_noun} {day.year}"])
            short = event_noun.split()[-1].lower()
        else:
            name = f"launch of the {topics[0]} program of the {host.name}" if host.the else f"launch of {host.name}’s {topics[0]} program"
            short = "launch event"
        base = slug(name)[:60].strip("-")
        ident = self.world.new_id(base if str(day.year) in name else f"{base}-{day.year}")
        when = spoken_date(day, style)
        host_text = self.mention_org(host)
        crowd = rng.choice(CROWDS)
        qualifier, qualifier_cap = rng.choice(QUALIFIERS)
        count = rng.choice([40, 60, 80, 120, 150, 200, 250, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 3000])
        if kind == "launch":
            count //= 10
        others = [c for c in rng.sample(self.world.countries, 3) if c is not country][:rng.randint(1, 2)]
        origins = listing([country.mention()] + [c.mention() for c in others])
        number = f"{count:,}"
        description = f"{qualifier + ' ' if qualifier else ''}{number} {crowd} from {origins}"
        lede_lead = f"{qualifier_cap + ' ' if qualifier else ''}{number} {crowd} from {origins}"
        convened = rng.choice(["gathered in", "convened in", "met in", "came together in"])
        place_phrase = f"{convened} {city.name}" + (f", {country.mention()}" if rng.random() < 0.4 else "")
        lede = f"{lede_lead} {place_phrase} {rng.choice(['for the ' + name, 'this week', 'to discuss ' + topics[0]])}."
        if dateline:
            lede = dateline + lede
        display_name = name[0].upper() + name[1:]
        event_sentence = tidy(rng.choice([
            f"The {name} took place on {when}, hosted by {host_text}.",
            f"Hosted by {host_text}, the {name} opened on {when}.",
            f"The {name}, organized by {host_text}, was held on {when}.",
        ]))
        listed = listing(topics)
        topic_sentence = rng.choice([f"Sessions covered {listed}.", f"Participants exchanged views on {listed}.",
                                     f"The agenda included {listed}.", f"Discussions focused on {listed}, among other issues."])
        self.paragraphs.extend([lede, event_sentence, topic_sentence])
        self.place(city, place_phrase, with_country=country.name in place_phrase)
        self.place(country, origins)
        for c in others:
            self.place(c, origins)
        topic_ids = [self.topic(t, t) for t in topics]
        self.events.append({
            "id": ident, "name": display_name, "evidence": event_sentence, "date": day.isoformat(),
            "organizer": host.id, "location": city.id, "location_evidence": place_phrase, "topics": topic_ids,
            "topics_evidence": listed, "short": short,
            "participants": {"count": count, "qualifier": qualifier, "description": description,
                             "evidence": f"{lede_lead} {convened}"},
        })

    def report(self, host: Org, topics: list[str], day: date, style: str, dateline: str) -> None:
        rng = self.rng
        host_text = self.mention_org(host)
        title = f"{rng.choice(['State of', 'Outlook for', 'Progress on'])} {topics[0].title()} {day.year}"
        listed = listing(topics)
        lede = tidy(f"{dateline}{host_text[0].upper() + host_text[1:]} published a report on {spoken_date(day, style)} titled “{title}”.")
        self.paragraphs.extend([lede, rng.choice([f"The report examines {listed}.", f"It covers {listed}.",
                                                  f"Its chapters deal with {listed}."])])
        for t in topics:
            self.topic(t, t)

    def yaml(self, header: dict) -> str:
        out = ["# Generated by scripts/make_corpus.py; every evidence is copied from article.txt.", "", "article:"]
        out += [f"  {k}: {y(v)}" for k, v in header.items()]

        def section(name: str, entries: list[dict], keys: list[str]) -> None:
            if not entries:
                return
            out.extend(["", f"{name}:"])
            for entry in entries:
                first = True
                for key in keys:
                    value = entry.get(key)
                    if value is None or value == "":
                        continue
                    if isinstance(value, list):
                        text = "[" + ", ".join(v if re.fullmatch(r"[a-z0-9-]+", v) else json.dumps(v, ensure_ascii=False)
                                               for v in value) + "]"
                    elif isinstance(value, dict):
                        text = None
                    else:
                        text = y(value)
                    prefix = "  - " if first else "    "
                    first = False
                    if text is None:
                        out.append(f"{prefix}{key}:")
                        out.extend(f"      {k}: {y(v)}" for k, v in value.items() if v is not None)
                    else:
                        out.append(f"{prefix}{key}: {text}")

        section("people", list(self.people.values()), ["id", "name", "honorific", "evidence"])
        section("organizations", list(self.orgs.values()),
                ["id", "name", "alternate_names", "evidence", "parent", "country", "country_evidence"])
        section("places", list(self.places.values()), ["id", "name", "kind", "evidence", "country", "country_evidence"])
        section("topics", list(self.topics.values()), ["id", "name", "evidence"])
        section("events", self.events, ["id", "name", "evidence", "date", "organizer", "location", "location_evidence",
                                         "topics", "topics_evidence", "participants"])
        section("affiliations", self.affiliations, ["person", "organization", "role", "evidence"])
        section("event_roles", self.event_roles, ["person", "event", "role", "evidence"])
        section("statements", self.statements, ["id", "speaker", "kind", "verb", "text", "evidence"])
        return "\n".join(out) + "\n"


# -- the corpus --------------------------------------------------------------------------------

def make_corpus(n: int, seed: int, out: Path) -> list[Path]:
    """Write n article folders into out (which must not hold articles yet); returns them in order."""
    rng = random.Random(seed)
    world = World(rng, n)
    out.mkdir(parents=True, exist_ok=True)
    folders = []
    for number in range(1, n + 1):
        name, text, facts = Article(world, rng, number).write()
        folder = out / name
        folder.mkdir()
        (folder / "article.txt").write_text(text, encoding="utf-8")
        (folder / "facts.yaml").write_text(facts, encoding="utf-8")
        folders.append(folder)
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Example: python scripts/make_corpus.py 1000 --seed 7 --out /tmp/corpus")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same bytes")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the article folders into")
    parser.add_argument("--force", action="store_true", help="first delete the article folders already in --out")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    existing = sorted(p for p in args.out.iterdir() if (p / "facts.yaml").is_file()) if args.out.is_dir() else []
    if existing and not args.force:
        print(f"Error: {args.out} already holds {len(existing)} article folders; choose an empty folder or pass --force",
              file=sys.stderr)
        return 2
    for folder in existing:
        shutil.rmtree(folder)
    started = time.perf_counter()
    folders = make_corpus(args.n, args.seed, args.out)
    print(f"{len(folders)} articles (seed {args.seed}) → {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
