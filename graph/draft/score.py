"""Score a drafted facts file against the curated one of the same text (issue 14).

Both folders are read with graph.facts.read.read_article, as `kg build` reads them, so a draft is
judged on what it would put in the graph. Ids are ignored: the draft mints its own, so entities
are matched by name, and relations by the names at their ends. Every matching is greedy and
one-to-one (best pairs first), so a duplicate in the draft counts once as right and then as wrong.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml

from graph.errors import SourceError
from graph.facts.evidence import normalize
from graph.facts.model import DIRECT, REPORTED, ArticleFacts, Statement
from graph.facts.read import DEFAULT_TEXT_FILE, FACTS_FILE, read_article
from graph.vocab import slug

#: Two texts (statements, event names, count units) match when this share of the shorter's words
#: is also in the longer.
OVERLAP = 0.6
KINDS = ("people", "organizations", "places", "affiliations", "direct quotes", "reported statements",
         "events", "event hosts", "event dates", "counts")
SPOKEN = {"direct quotes": DIRECT, "reported statements": REPORTED}
_WORD = re.compile(r"\w+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")
#: Words of a description that do not tell one unnamed source from another.
_FILLER = frozenset("a an the of for in at to on and who which that".split())

G = TypeVar("G")
D = TypeVar("D")


@dataclass(frozen=True)
class Ratio:
    """hits out of total; `share` is None when there is nothing to count."""

    hits: int = 0
    total: int = 0

    @property
    def share(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: "Ratio") -> "Ratio":
        return Ratio(self.hits + other.hits, self.total + other.total)


@dataclass(frozen=True)
class Tally:
    """How many facts of one kind the gold and the draft hold, and how many of them match."""

    gold: int = 0
    draft: int = 0
    matched: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched / self.draft if self.draft else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        return 2 * self.matched / (self.gold + self.draft) if self.gold or self.draft else None

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.gold + other.gold, self.draft + other.draft, self.matched + other.matched)


@dataclass(frozen=True)
class Score:
    """One draft's score, or the sum of several (micro-averaged: counts add up, then divide)."""

    kinds: dict[str, Tally]
    #: per spoken kind: matched statements whose speakers are the gold's
    speakers: dict[str, Ratio]
    #: draft evidence excerpts that stand in the text exactly as written
    evidence: Ratio
    #: drafts that build (read, merge and SHACL as `kg build` does) out of drafts scored
    builds: Ratio
    errors: tuple[str, ...] = ()
    #: drafts whose article.txt is the gold's text, byte for byte
    same_text: Ratio = field(default_factory=Ratio)

    def __add__(self, other: "Score") -> "Score":
        return Score({k: self.kinds[k] + other.kinds[k] for k in KINDS},
                     {k: self.speakers[k] + other.speakers[k] for k in SPOKEN},
                     self.evidence + other.evidence, self.builds + other.builds, self.errors + other.errors,
                     self.same_text + other.same_text)


def combine(scores: Iterable[Score]) -> Score:
    return sum(scores, Score({k: Tally() for k in KINDS}, {k: Ratio() for k in SPOKEN}, Ratio(), Ratio()))


def score(draft_folder: Path, gold_folder: Path, shapes: bool = True) -> Score:
    """The draft in `draft_folder` against the curated facts in `gold_folder`. The gold must build
    (a SourceError otherwise); a draft that does not matches nothing. `shapes=False` skips SHACL."""
    gold = read_article(gold_folder)
    text_file = draft_folder / DEFAULT_TEXT_FILE
    text = text_file.read_text(encoding="utf-8") if text_file.is_file() else ""
    excerpts = _raw_evidence(draft_folder)
    verbatim = Ratio(sum(1 for excerpt in excerpts if excerpt and excerpt in text), len(excerpts))
    same = Ratio(int(text == (gold_folder / gold.article.text_file).read_text(encoding="utf-8")), 1)
    try:
        draft = read_article(draft_folder)
        _check_build(draft, shapes)
    except SourceError as err:
        return Score(*compare(gold, None), verbatim, Ratio(0, 1), (f"{draft_folder}: {err}",), same)
    return Score(*compare(gold, draft), verbatim, Ratio(1, 1), (), same)


def _check_build(facts: ArticleFacts, shapes: bool) -> None:
    """What `kg build` (without --strict) would refuse after reading: merge conflicts, SHACL."""
    from graph.facts.merge import check_merge, merge_keys

    check_merge([merge_keys(facts)])
    if not shapes:
        return
    from graph.rdf.build import build_graph
    from graph.rdf.validate import validate_graph
    from graph.vocab import Iris

    report = validate_graph(build_graph([facts], Iris()))
    if not report.conforms:
        raise SourceError(f"{facts.facts_file}: the graph does not conform: {report.lines()[0]}")


def _raw_evidence(folder: Path) -> list[str]:
    """Every `evidence` / `*_evidence` string of the facts file as written, read as plain YAML so
    that a draft that does not build is still counted."""
    try:
        data = yaml.safe_load((folder / FACTS_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    found: list[str] = []

    def walk(node: object) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(key, str) and (key == "evidence" or key.endswith("_evidence")) and isinstance(value, str):
                found.append(value)
            else:
                walk(value)

    walk(data)
    return found


# --- matching -----------------------------------------------------------------------------------

def norm(name: str) -> str:
    """A name as compared: quotes straight, case folded, punctuation dropped ("U.S." is "us"),
    hyphens as spaces, no leading article ("the Ministry" is "ministry")."""
    text = normalize(name).casefold().replace("-", " ")
    text = re.sub(r"[^\w\s]", "", text)
    return _LEADING_ARTICLE.sub("", " ".join(text.split()))


def words(text: str) -> list[str]:
    return _WORD.findall(normalize(text).casefold())


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """The share of the shorter word list that the other holds too (as multisets)."""
    if not a or not b:
        return 0.0
    return sum((Counter(a) & Counter(b)).values()) / min(len(a), len(b))


def greedy(gold: Sequence[G], draft: Sequence[D], similarity: Callable[[G, D], float]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, draft index), best similarity first; 0 means no match."""
    scored = sorted((-s, g, d) for g, one in enumerate(gold) for d, other in enumerate(draft)
                    if (s := similarity(one, other)) > 0)
    used_gold: set[int] = set()
    used_draft: set[int] = set()
    pairs = []
    for _, g, d in scored:
        if g not in used_gold and d not in used_draft:
            used_gold.add(g)
            used_draft.add(d)
            pairs.append((g, d))
    return pairs


@dataclass(frozen=True)
class Names:
    """What an entity goes by: its normalized names, and for one the article does not name, the
    words of its description ("a mother in Tamale" is the same source as "a mother in Tamale, who
    asked not to be named"; "a spokesman for the council" is not "a spokesman for the ministry")."""

    names: frozenset[str] = frozenset()
    described: frozenset[str] = frozenset()

    def same(self, other: "Names") -> bool:
        if self.names & other.names:
            return True
        small, large = sorted((self.described, other.described), key=len)
        return bool(small) and small <= large


def _names(facts: ArticleFacts) -> dict[str, Names]:
    """id → the Names of each person, organization, place and event."""
    found: dict[str, Names] = {}
    for items in (facts.people, facts.organizations, facts.places, facts.events):
        for item in items:
            names = frozenset(norm(n) for n in (item.name, *getattr(item, "alternate_names", ())) if n)
            description = getattr(item, "description", None) if not item.name else None
            found[item.id] = Names(names, frozenset(words(description or "")) - _FILLER)
    return found


def _same(a: Names, b: Names) -> float:
    return 1.0 if a.same(b) else 0.0


def _same_group(gold: Sequence[Names], draft: Sequence[Names]) -> bool:
    """Two lists of speakers (or hosts) name the same entities, each matched once."""
    return len(gold) == len(draft) and len(greedy(gold, draft, _same)) == len(gold)


def _texts(a: list[str], b: list[str]) -> float:
    share = overlap(a, b)
    return share if share >= OVERLAP else 0.0


def compare(gold: ArticleFacts, draft: ArticleFacts | None) -> tuple[dict[str, Tally], dict[str, Ratio]]:
    """Tallies per kind of fact, and the speakers right; `draft` None is a draft that matched nothing."""
    gn = _names(gold)
    dn = _names(draft) if draft else {}
    kinds: dict[str, Tally] = {}
    speakers: dict[str, Ratio] = {}

    def tally(kind: str, g: Sequence[G], d: Sequence[D], sim: Callable[[G, D], float]) -> list[tuple[int, int]]:
        pairs = greedy(g, d, sim)
        kinds[kind] = Tally(len(g), len(d), len(pairs))
        return pairs

    def keys(facts: ArticleFacts | None, section: str, names: dict[str, Names]) -> list[Names]:
        return [names[item.id] for item in getattr(facts, section, ())]

    for section in ("people", "organizations", "places"):
        tally(section, keys(gold, section, gn), keys(draft, section, dn), _same)

    def held(facts: ArticleFacts | None, names: dict[str, Names]) -> list[tuple]:
        return [(names[m.person], names[m.organization], slug(m.role)) for m in getattr(facts, "memberships", ())]

    tally("affiliations", held(gold, gn), held(draft, dn),
          lambda g, d: 1.0 if g[2] == d[2] and g[0].same(d[0]) and g[1].same(d[1]) else 0.0)

    for kind, spoken in SPOKEN.items():
        g_said = [s for s in gold.statements if s.kind == spoken]
        d_said = [s for s in getattr(draft, "statements", ()) if s.kind == spoken]
        g_words, d_words = [words(s.text) for s in g_said], [words(s.text) for s in d_said]
        pairs = tally(kind, range(len(g_said)), range(len(d_said)), lambda g, d: _texts(g_words[g], d_words[d]))
        right = sum(_same_group(_speakers(g_said[g], gn), _speakers(d_said[d], dn)) for g, d in pairs)
        speakers[kind] = Ratio(right, len(pairs))

    g_events, d_events = gold.events, getattr(draft, "events", ())
    event_pairs = tally("events", g_events, d_events, lambda g, d: max(
        (_texts(words(a), words(b)) for a in (g.name, *g.alternate_names) for b in (d.name, *d.alternate_names)),
        default=0.0))
    same_event = {d: g for g, d in event_pairs}

    def hosts(events: Sequence, names: dict[str, Names]) -> list[tuple[int, Names]]:
        return [(i, names[h.value]) for i, e in enumerate(events) for h in e.organizers]

    tally("event hosts", hosts(g_events, gn), hosts(d_events, dn),
          lambda g, d: 1.0 if same_event.get(d[0]) == g[0] and g[1].same(d[1]) else 0.0)

    def dates(events: Sequence) -> list[tuple[int, str, str]]:
        return [(i, slot, when.value.lexical) for i, e in enumerate(events)
                for slot, when in (("start", e.date), ("end", e.end_date)) if when]

    tally("event dates", dates(g_events), dates(d_events),
          lambda g, d: 1.0 if same_event.get(d[0]) == g[0] and g[1:] == d[1:] else 0.0)
    tally("counts", _counts(gold), _counts(draft), _same_count)
    return kinds, speakers


def _speakers(statement: Statement, names: dict[str, Names]) -> list[Names]:
    return [names[s] for s in statement.speakers]


def _counts(facts: ArticleFacts | None) -> list[tuple[int, list[str]]]:
    """Every reported number of every event, with its unit's words (a head count: its description's)."""
    found = []
    for e in getattr(facts, "events", ()):
        if e.participants:
            found.append((e.participants.count, _unit(e.participants.description)))
        found.extend((c.count, _unit(c.unit)) for c in e.counts)
    return found


def _unit(text: str) -> list[str]:
    """Words of a unit, plural 's' dropped, so 'delegate' and 'delegates' agree."""
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words(text)]


def _same_count(g: tuple[int, list[str]], d: tuple[int, list[str]]) -> float:
    return 1.0 if g[0] == d[0] and overlap(g[1], d[1]) >= OVERLAP else 0.0


# --- report -------------------------------------------------------------------------------------

def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _pct(ratio: Ratio) -> str:
    return "—" if ratio.share is None else f"{ratio.hits}/{ratio.total} ({ratio.share:.0%})"


def format_table(result: Score, title: str = "") -> str:
    """The score as an aligned plain-text table, for a terminal or a report."""
    lines = [title] if title else []
    lines.append(f"{'kind':<22}{'gold':>6}{'draft':>7}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}")
    for kind in KINDS:
        t = result.kinds[kind]
        lines.append(f"{kind:<22}{t.gold:>6}{t.draft:>7}{t.matched:>7}"
                     f"{_num(t.precision):>7}{_num(t.recall):>7}{_num(t.f1):>7}")
    for kind in SPOKEN:
        lines.append(f"speaker right, {kind}: {_pct(result.speakers[kind])}")
    lines.append(f"evidence verbatim: {_pct(result.evidence)}")
    lines.append(f"builds: {_pct(result.builds)}")
    if result.same_text.total and result.same_text.hits < result.same_text.total:
        lines.append(f"same text as the gold: {_pct(result.same_text)}")
    lines.extend(f"  {error}" for error in result.errors)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m graph.draft.score DRAFT_FOLDER GOLD_FOLDER`: print the table; exit 0."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m graph.draft.score DRAFT_FOLDER GOLD_FOLDER", file=sys.stderr)
        return 2
    print(format_table(score(Path(args[0]), Path(args[1]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
