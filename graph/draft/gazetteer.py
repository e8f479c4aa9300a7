"""The built-in gazetteer (gazetteer.tsv beside this file): countries with their other names and
demonyms, major cities with their country, a few regions, and organizations often named without
a word that marks them as one."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("gazetteer.tsv")


@dataclass(frozen=True)
class Known:
    kind: str  # country, city, region, org
    name: str
    country: str | None


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, Known]  # casefolded name or other name → entry
    demonyms: dict[str, Known]  # "Chinese" → China (case kept: demonyms are capitalized)

    def lookup(self, text: str) -> Known | None:
        key = " ".join(text.split()).casefold()
        return self.names.get(key) or (self.names.get(key[4:]) if key.startswith("the ") else None)

    def country(self, name: str | None) -> Known | None:
        found = self.names.get(name.casefold()) if name else None
        return found if found and found.kind == "country" else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    names: dict[str, Known] = {}
    demonyms: dict[str, Known] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, name, country, others, adjectives = (line.split("\t") + ["", "", "", ""])[:5]
        entry = Known(kind, name, country or None)
        for alias in (name, *filter(None, others.split(","))):
            names.setdefault(alias.strip().casefold(), entry)
        for adjective in filter(None, adjectives.split(",")):
            demonyms.setdefault(adjective.strip(), entry)
    return Gazetteer(names, demonyms)
