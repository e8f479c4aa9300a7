"""Properties over random curated facts (hypothesis): whatever the names, quotes and roles hold —
Chinese script, right-to-left text, emoji, quotes and backslashes, markup, very long text —
`kg build` writes Turtle, TriG and JSON-LD that read back as exactly the graph built in memory,
a page in which no string can run as markup, and only valid IRIs; an id that is not valid is
refused with a clear error.

Deterministic (derandomize, no example database) and modest (tens of examples per property),
so the suite stays fast; raise max_examples locally to search harder.
"""

import re
import tempfile
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph

from graph.rdf.build import build_graph
from graph.errors import SourceError
from graph.corpus.pipeline import build
from graph.query.results import from_oxigraph
from graph.facts.read import read_article
from graph.rdf.terms import _ESCAPES, escape
from graph.kinds import INSTANCE_KINDS, prefixes_of
from graph.vocab import ID_PATTERN, Iris, compound, is_valid_base_iri, is_valid_id, slug
from conftest import MINIMAL

TEMPLATE = Path(__file__).resolve().parent.parent / "graph" / "network" / "templates" / "network.html"

SLOW = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FAST = settings(max_examples=300, deadline=None, derandomize=True, database=None)

#: Markup that would run script if a page pasted it in; the page must hold none of it as written.
PAYLOADS = ("<script>alert('kgxss')</script>", "</script><script>kgxss()</script>", "<img src=x onerror=kgxss()>",
            "</title><h1>kgxss</h1>", "<!--kgxss", "]]><kgxss/>")
SAMPLES = ("何杰", "陈竺", "He Jie", "\u202eالصحة العامة\u202c", "שלום", "Ελληνικά", "Zoë Ðông", "😷🏥",
           "👩\u200d⚕️", "O’Brien", "“curly”", '"straight"', "it's", "back\\slash", "\\u0041", "a\tb",
           "x\u2028y", "& &amp; &lt;", "${x} {{y}}", "#hash", "@at", "0", "null", "2024-11-16", "- dash",
           *PAYLOADS)

_CHARS = st.characters(blacklist_categories=("Cs", "Cc"))
_PIECE = st.one_of(st.sampled_from(SAMPLES), st.text(_CHARS, min_size=1, max_size=12))
#: Free text: a few pieces (names in any script, markup, quotes), sometimes very long.
TEXT = st.one_of(
    st.lists(_PIECE, min_size=1, max_size=4).map(" ".join),
    st.builds(lambda piece, n: " ".join([piece] * n), _PIECE, st.integers(200, 1500)),
).map(str.strip).filter(lambda s: bool(s) and not s.startswith("\ufeff"))
IDS = st.from_regex(ID_PATTERN, fullmatch=True).filter(is_valid_id)


def _ids(count: int):
    return st.lists(IDS, min_size=count, max_size=count, unique=True)


@st.composite
def articles(draw) -> tuple[dict, str, list[str]]:
    """(facts as YAML data, article text, every string drawn); every excerpt is a line of the text."""
    names = iter(draw(st.lists(TEXT, min_size=16, max_size=16)))
    ids = iter(draw(_ids(16)))
    lines: list[str] = []

    def say(line: str) -> str:
        lines.append(line)
        return line

    headline = next(names)
    say(headline)
    people = [{"id": next(ids), "name": next(names)} for _ in range(draw(st.integers(1, 3)))]
    orgs = [{"id": next(ids), "name": next(names)} for _ in range(2)]
    for entry in people + orgs:
        entry["evidence"] = say(f"Here is {entry['name']}.")
    if draw(st.booleans()):
        people[0]["honorific"] = next(names)
        people[0]["alternate_names"] = [next(names)]
    byline = say(f"By {people[0]['name']} for {orgs[0]['name']}.")
    url = "https://example.org/news/" + urllib.parse.quote(headline[:200], safe="")
    place = {"id": next(ids), "name": next(names), "kind": draw(st.sampled_from(["city", "country", "region"]))}
    place["evidence"] = say(f"In {place['name']}.")
    topic = {"id": next(ids), "name": next(names)}
    topic["evidence"] = say(f"About {topic['name']}.")
    when = draw(st.dates()).isoformat()
    event = {"id": next(ids), "name": next(names), "date": when, "organizer": orgs[1]["id"], "location": place["id"],
             "topics": [topic["id"]]}
    event["evidence"] = say(f"{event['name']} took place on {when}, hosted by {orgs[1]['name']}.")
    description = next(names)
    event["participants"] = {"count": draw(st.integers(0, 10**12)), "description": description,
                             "evidence": say(f"{description} came."), "qualifier": "more than"}
    role = next(names)
    affiliation = {"person": people[-1]["id"], "organization": orgs[1]["id"], "role": role,
                   "evidence": say(f"{people[-1]['name']}, {role} of {orgs[1]['name']}.")}
    event_role = {"person": people[0]["id"], "event": event["id"], "role": role,
                  "evidence": say(f"{people[0]['name']} was {role} at {event['name']}.")}
    quote, reported = next(names), next(names)
    statements = [
        {"id": next(ids), "speaker": people[0]["id"], "kind": "direct", "verb": "said", "text": quote,
         "evidence": say(f'"{quote}" said {people[0]["name"]}.')},
        {"id": next(ids), "speaker": people[-1]["id"], "kind": "reported", "verb": next(names), "text": reported,
         "evidence": say(f"{people[-1]['name']} said that {reported}.")},
    ]
    facts = {
        "article": {"id": next(ids), "headline": headline, "evidence": byline, "author": people[0]["id"],
                    "publisher": orgs[0]["id"], "published": when, "url": url, "language": "en"},
        "people": people, "organizations": orgs, "places": [place], "topics": [topic], "events": [event],
        "affiliations": [affiliation], "event_roles": [event_role], "statements": statements,
    }
    drawn = [headline, role, quote, reported, description, *(e["name"] for e in people + orgs + [place, topic, event])]
    return facts, "\n\n".join(lines) + "\n", drawn


def write_article(folder: Path, facts: dict, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False, width=1 << 30),
                                       encoding="utf-8")
    (folder / "article.txt").write_text(text, encoding="utf-8", newline="")
    return folder


def oxigraph_triples(path: Path, fmt: ox.RdfFormat) -> set[tuple]:
    return {tuple(from_oxigraph(t) for t in (q.subject, q.predicate, q.object)) for q in ox.parse(path=path, format=fmt)}


@SLOW
@given(articles())
def test_random_facts_round_trip_through_every_output(article):
    facts, text, drawn = article
    with tempfile.TemporaryDirectory(prefix="kg-prop-") as scratch:
        folder = write_article(Path(scratch) / "article", facts, text)
        out = Path(scratch) / "out"
        build([folder], out)
        expected = set(build_graph([read_article(folder)], Iris()))

        assert set(Graph().parse(out / "graph.ttl", format="turtle")) == expected
        assert oxigraph_triples(out / "graph.ttl", ox.RdfFormat.TURTLE) == expected
        assert oxigraph_triples(out / "graph.trig", ox.RdfFormat.TRIG) == expected
        dataset = Dataset()
        dataset.parse(out / "graph.trig", format="trig")
        assert {quad[:3] for quad in dataset.quads((None, None, None, None))} == expected
        assert set(Graph().parse(out / "graph.jsonld", format="json-ld")) == expected

        page = (out / "graph.html").read_text(encoding="utf-8")
        for payload in PAYLOADS:
            assert payload not in page
        for value in drawn:
            if "<" in value:
                assert value not in page
        assert page.lower().count("</script") == TEMPLATE.read_text(encoding="utf-8").lower().count("</script")


@FAST
@given(IDS, st.sampled_from(INSTANCE_KINDS), TEXT)
def test_ids_and_role_labels_mint_valid_iris(ident: str, kind: str, role: str):
    iris = Iris()
    for iri in (iris.of(kind, ident), iris.evidence(ident, 0, 10), iris.of("role", slug(role)),
                iris.of("membership", f"{ident}.{ident}.{slug(role)}")):
        assert ox.NamedNode(str(iri)).value == str(iri)
    assert re.fullmatch(r"\w+(?:-\w+)*", slug(role))


@FAST
@given(st.one_of(st.text(), TEXT))
def test_the_quick_escape_is_the_full_one(value: str):
    """terms.escape skips the translation when nothing needs escaping; it must never skip one."""
    assert escape(value) == value.translate(_ESCAPES)
    assert "\n" not in escape(value) and all(ch not in escape(value) for ch in "\r\x00\x85\u2028\u2029")


HOSTS = st.one_of(st.from_regex(r"[a-z0-9-]{1,20}(\.[a-z0-9-]{1,10}){0,2}(:[0-9]{1,5})?", fullmatch=True),
                  st.text(_CHARS, max_size=30))


@FAST
@given(HOSTS, st.text(_CHARS, max_size=30))
def test_accepted_base_iris_mint_valid_iris(host: str, path: str):
    """--base-iri is checked as an IRI; whatever it lets through mints only valid IRIs."""
    base = f"https://{host}/{path}/"
    assume(is_valid_base_iri(base))
    iris = Iris(base)
    for kind in INSTANCE_KINDS:
        ox.NamedNode(str(iris.of(kind, "he-jie")))
    for namespace in prefixes_of(iris).values():
        ox.NamedNode(namespace)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.one_of(st.text(_CHARS, min_size=1, max_size=30), st.sampled_from(SAMPLES)))
def test_an_invalid_id_is_refused_with_its_line(value: str):
    assume(value.strip() and not is_valid_id(value.strip()))
    with tempfile.TemporaryDirectory(prefix="kg-prop-") as scratch:
        folder = Path(scratch) / "article"
        folder.mkdir()
        dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 30).removesuffix("\n...\n").strip()
        facts = (MINIMAL / "facts.yaml").read_text(encoding="utf-8")
        (folder / "facts.yaml").write_text(facts.replace("  - id: jane-doe\n", f"  - id: {dumped}\n", 1),
                                           encoding="utf-8")
        (folder / "article.txt").write_bytes((MINIMAL / "article.txt").read_bytes())
        with pytest.raises(SourceError, match=r"facts\.yaml:10: .* is not a valid id; use letters, digits, "
                                              r"'-', '_' or '\.', e\.g\. he-jie$"):
            read_article(folder)


@given(st.lists(IDS, min_size=3, max_size=3), st.lists(IDS, min_size=3, max_size=3))
@example(["ann.b", "d", "director"], ["ann", "b.d", "director"])
@example(["a", "parent", "b.country.c"], ["a.parent.b", "country", "c"])
def test_minted_iris_never_collide(first: list[str], second: list[str]):
    """Issue 15, item 2: two different facts (tuples of ids) never get one compound local name."""
    assert (compound(*first) == compound(*second)) == (first == second)
