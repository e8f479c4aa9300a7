"""The same Turtle and the same queries give the same answers in rdflib, pyoxigraph and an Oxigraph server.

Results are compared as RDF terms (kind, lexical form, datatype, language), blank nodes aside:
in order, since every named query's ORDER BY is total, and as multisets. Where the engines
disagree on standard SPARQL 1.1, the xfail tests below pin which side deviates; our Turtle and
queries stay clear of those corners.
"""

import re
import urllib.request
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.query import catalog
from graph.cli import cli
from graph.query.engines import EndpointEngine, OxigraphEngine, RdflibEngine
from graph.query.params import ENTITY_CLASSES
from graph.query.formats import render
from graph.query.run import ask
from graph.query.sparql import analyse
from graph.query.results import QueryResult, from_oxigraph
from conftest import ROOT

DATA = Path(__file__).parent / "data" / "queries"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def cases() -> list[tuple[str, tuple[str, ...]]]:
    """Each named query without parameters (when it allows that) and with each of its examples."""
    found = []
    for source in catalog.all_named():
        if all(p.optional for p in source.params):
            found.append((source.name, ()))
        found += [(source.name, tuple(f"{k}={v}" for k, v in example)) for example in source.examples]
    return found


CASES = cases()
IDS = [f"{name}[{' '.join(params)}]" for name, params in CASES]


def term(value) -> tuple | None:
    if value is None:
        return None
    if isinstance(value, BNode):
        return ("bnode",)
    if isinstance(value, URIRef):
        return ("iri", str(value))
    assert isinstance(value, Literal)
    datatype = LANG_STRING if value.language else str(value.datatype or XSD_STRING)
    return ("literal", str(value), datatype, (value.language or "").lower())


def rows(result: QueryResult) -> list[tuple]:
    return [tuple(term(t) for t in row) for row in result.rows]


def assert_same(a: QueryResult, b: QueryResult) -> None:
    assert (a.form, a.boolean, a.variables) == (b.form, b.boolean, b.variables)
    if a.is_graph:
        first, second = Graph(), Graph()
        for triple in a.triples:
            first.add(triple)
        for triple in b.triples:
            second.add(triple)
        assert {tuple(map(term, t)) for t in a.triples} == {tuple(map(term, t)) for t in b.triples}
        assert isomorphic(first, second)
        return
    assert Counter(rows(a)) == Counter(rows(b))
    assert rows(a) == rows(b), "same rows, different order: an ORDER BY is not total"


@pytest.fixture(scope="module")
def graph_ttl(built) -> Path:
    return built / "graph.ttl"


@pytest.fixture(scope="module")
def rdflib_engine(graph_ttl: Path) -> RdflibEngine:
    return RdflibEngine([graph_ttl])


@pytest.fixture(scope="module")
def oxigraph_engine(graph_ttl: Path) -> OxigraphEngine:
    return OxigraphEngine([graph_ttl])


def _unbound(text: str) -> tuple[str, list[str]]:
    """A bound query text without its VALUES blocks, and the blocks."""
    blocks = re.findall(r"VALUES \?\w+ \{ [^{}]* \}", text)
    for block in blocks:
        text = text.replace(block, "", 1)
    return " ".join(text.split()), sorted(blocks)


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_rdflib_and_pyoxigraph_agree(name: str, params: tuple[str, ...], rdflib_engine, oxigraph_engine):
    source = catalog.named(name)
    a = ask(source, params, rdflib_engine)
    b = ask(source, params, oxigraph_engine)
    assert _unbound(a.bound_text) == _unbound(b.bound_text), "the same query; only VALUES blocks may move"
    assert a.result.rows or a.result.triples or a.result.boolean, "an empty answer would prove nothing"
    assert_same(a.result, b.result)


# The Turtle itself


@pytest.mark.parametrize("which", ["built", "committed"])
def test_turtle_passes_the_strict_parser_and_both_read_the_same_triples(which: str, graph_ttl: Path):
    path = graph_ttl if which == "built" else ROOT / "output" / "graph.ttl"
    strict = {tuple(term(from_oxigraph(t)) for t in (q.subject, q.predicate, q.object))
              for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE, lenient=False)}
    relaxed = {tuple(term(t) for t in triple) for triple in Graph().parse(path, format="turtle")}
    assert strict and strict == relaxed


def test_every_literal_is_written_in_the_form_both_engines_keep(graph_ttl: Path):
    """rdflib and Oxigraph both rewrite non-canonical numbers ("0500" → "500"), and differently
    ("1.50": rdflib keeps it, Oxigraph stores 1.5); our Turtle must not depend on either."""
    written = {term(from_oxigraph(q.object)) for q in ox.parse(path=graph_ttl, format=ox.RdfFormat.TURTLE)
               if isinstance(q.object, ox.Literal)}
    store = ox.Store()
    store.load(path=graph_ttl, format=ox.RdfFormat.TURTLE)
    stored = {term(from_oxigraph(q.object)) for q in store if isinstance(q.object, ox.Literal)}
    read = {term(o) for o in Graph().parse(graph_ttl, format="turtle").objects() if isinstance(o, Literal)}
    assert written == stored == read


# Where the engines differ: which side deviates, pinned so that a fix upstream shows up here


def _both(query: str, data: Path | None = None) -> tuple[QueryResult, QueryResult]:
    paths = [data or DATA / "tiny.ttl"]
    return RdflibEngine(paths).run(query, "SELECT"), OxigraphEngine(paths).run(query, "SELECT")


@pytest.mark.xfail(strict=True, reason="rdflib drops GROUP BY keys the SELECT does not project, so ORDER BY on "
                                       "them is ignored; SPARQL 1.1 (18.2.4-18.2.5) orders before projecting. "
                                       "mention-counts.rq counts in a subquery for this reason.")
def test_order_by_a_group_key_that_is_not_projected():
    a, b = _both('SELECT ?x (COUNT(*) AS ?n) WHERE { VALUES (?x ?k) { ("a" 2) ("b" 1) } } GROUP BY ?x ?k ORDER BY ?k')
    assert rows(a) == rows(b)


@pytest.mark.xfail(strict=True, reason="Both engines rewrite non-canonical numeric literals, and differently "
                                       "(RDF 1.1 keeps the lexical form as part of the term). Our Turtle only "
                                       "writes canonical forms, see the test above.")
def test_non_canonical_literals():
    a, b = _both("SELECT ?p ?o WHERE { ?s ?p ?o } ORDER BY STR(?p)", DATA / "noncanonical.ttl")
    assert rows(a) == rows(b)


@pytest.mark.xfail(strict=True, raises=Exception,
                   reason="rdflib decodes \\u escapes in the whole query before parsing (SPARQL 1.1 section 19.2) "
                          "and reads \\u plus 8 hex digits as one code point; Oxigraph decodes them only inside "
                          "strings and IRIs (as SPARQL 1.2 does). graph/query/sparql.py writes parameter "
                          "values so that both read them alike.")
def test_codepoint_escapes_in_a_string():
    a, b = _both('SELECT ?v WHERE { VALUES ?v { "a\\\\u0041" } }')
    assert rows(a) == rows(b)


# The same queries over the SPARQL 1.1 protocol, against a real Oxigraph server


def _load(server, path: Path) -> None:
    request = urllib.request.Request(f"{server.store}?default", data=path.read_bytes(), method="POST",
                                     headers={"Content-Type": "text/turtle"})
    with urllib.request.urlopen(request, timeout=30):
        pass


def _count(url: str) -> int:
    result = EndpointEngine(url).run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "SELECT")
    return int(result.rows[0][0])


@pytest.fixture
def loaded_server(oxigraph_server, graph_ttl: Path):
    _load(oxigraph_server, graph_ttl)
    return oxigraph_server


@pytest.mark.server
def test_endpoint_agrees_with_rdflib_on_every_query(loaded_server, rdflib_engine):
    endpoint = EndpointEngine(loaded_server.query)
    for name, params in CASES:
        source = catalog.named(name)
        assert_same(ask(source, params, endpoint).result, ask(source, params, rdflib_engine).result)


@pytest.mark.server
def test_endpoint_in_every_format(runner, loaded_server, graph_ttl: Path):
    for fmt in ("table", "csv", "tsv", "json", "xml"):
        remote = runner.invoke(cli, ["query", "who-said-what", "--endpoint", loaded_server.query, "-f", fmt])
        local = runner.invoke(cli, ["query", "who-said-what", "--data", str(graph_ttl), "-f", fmt])
        assert remote.exit_code == 0, remote.output
        assert remote.stdout_bytes == local.stdout_bytes
    remote = runner.invoke(cli, ["query", "describe-entity", "-p", "entity=He Jie", "--endpoint", loaded_server.query])
    local = runner.invoke(cli, ["query", "describe-entity", "-p", "entity=He Jie", "--data", str(graph_ttl)])
    assert remote.exit_code == 0 and remote.stdout_bytes == local.stdout_bytes


@pytest.mark.server
def test_hostile_parameters_leave_the_server_untouched(runner, loaded_server):
    before = _count(loaded_server.query)
    for value in ('x" ) } ; DROP ALL ; #', "x' } ; CLEAR DEFAULT ; #", '"""} INSERT DATA { <a> <b> <c> } #'):
        text = runner.invoke(cli, ["query", "who-said-what", "--endpoint", loaded_server.query,
                                   "-p", f"contains={value}", "-f", "csv"])
        assert (text.exit_code, text.stdout_bytes) == (0, b"name,kind,verb,text,passage,speaker,statement,article,start\r\n")
        entity = runner.invoke(cli, ["query", "who-said-what", "--endpoint", loaded_server.query, "-p", f"speaker={value}"])
        assert entity.exit_code == 2 and "no speaker with that id, IRI or name" in entity.stderr
    assert _count(loaded_server.query) == before > 800


@pytest.mark.server
def test_endpoint_errors_are_one_line_with_exit_3(runner, oxigraph_server):
    wrong_path = runner.invoke(cli, ["query", "mention-counts", "--endpoint", f"{oxigraph_server.base}/nowhere"])
    assert wrong_path.exit_code == 3
    assert wrong_path.stderr.startswith(f"Error: {oxigraph_server.base}/nowhere (SPARQL query): HTTP 404")
    assert wrong_path.stderr.rstrip().endswith("is it the SPARQL query URL (Oxigraph: http://HOST:PORT/query)?")
    oxigraph_server.stop()
    down = runner.invoke(cli, ["query", "mention-counts", "--endpoint", oxigraph_server.query])
    assert down.exit_code == 3
    assert down.stderr == (f"Error: {oxigraph_server.query} (SPARQL query): connection refused after 2 attempts; "
                           "is the SPARQL server running at that address? Start it, or fix --endpoint\n")


@pytest.mark.server
def test_endpoint_syntax_errors_are_caught_before_sending(runner, oxigraph_server):
    result = runner.invoke(cli, ["query", "--text", "SELECT ?x WHERE { ?x ?y }", "--endpoint", oxigraph_server.query])
    assert (result.exit_code, result.stderr) == (
        2, "Error: --text:1:19: SPARQL syntax error: Expected SelectQuery, found '?'; fix the query there\n")


# One output contract: Oxigraph's own CSV/TSV writers (kg query's fast path) and ours (rdflib, servers)


TABLE_CASES = [(case, case_id) for case, case_id in zip(CASES, IDS)
               if analyse(catalog.named(case[0]).text).form in ("SELECT", "ASK")]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize(("name", "params"), [case for case, _ in TABLE_CASES], ids=[i for _, i in TABLE_CASES])
def test_csv_and_tsv_are_the_same_bytes_on_both_engines(name: str, params: tuple[str, ...], fmt: str,
                                                        rdflib_engine, oxigraph_engine):
    source = catalog.named(name)
    ours, theirs = ask(source, params, rdflib_engine, fmt), ask(source, params, oxigraph_engine, fmt)
    if theirs.result.form == "SELECT":
        assert theirs.result.serialized_as == fmt, "Oxigraph's answer came through its own writer"
    assert ours.render() == theirs.render()


@pytest.fixture(scope="module")
def corpus_engines(small_corpus, tmp_path_factory) -> tuple[RdflibEngine, OxigraphEngine]:
    """Both engines on 20 generated articles, whose events lack end dates and date texts."""
    out = tmp_path_factory.mktemp("corpus-built")
    built = CliRunner().invoke(cli, ["build", str(small_corpus), "--out", str(out), "--quiet"])
    assert built.exit_code == 0, built.output
    return RdflibEngine([out / "graph.ttl"]), OxigraphEngine([out / "graph.ttl"])


CORPUS_CASES = [name for name, params in CASES if not params and
                analyse(catalog.named(name).text).form in ("SELECT", "ASK")]


@pytest.mark.parametrize("name", CORPUS_CASES)
def test_every_named_query_gives_the_same_csv_on_a_generated_corpus(name: str, corpus_engines):
    """Unbound values in ORDER BY (no end date, no date text) once crashed rdflib's sort."""
    rdflib_engine, oxigraph_engine = corpus_engines
    source = catalog.named(name)
    assert ask(source, (), rdflib_engine, "csv").render() == ask(source, (), oxigraph_engine, "csv").render()


def _bound(source: catalog.QuerySource) -> list:
    """The parameters a bound call gives: the first and every required one."""
    return [p for i, p in enumerate(source.params) if i == 0 or not p.optional]


#: What a bound parameter is set to: entities of its kind's classes, or for `resource`, things
#: with evidence (entities, memberships, claims, statements).
_PICK = "SELECT DISTINCT ?x WHERE {{ {pattern} FILTER(isIRI(?x)) }} ORDER BY ?x"


def _picks(engine, kind: str) -> list:
    if kind == "resource":
        pattern = "?x <https://example.org/news-kg/ontology#evidence> ?e"
    else:
        pattern = f"VALUES ?c {{ {' '.join(f'<{c}>' for c in ENTITY_CLASSES[kind])} }} ?x a ?c"
    found = [row[0] for row in engine.run(_PICK.format(pattern=pattern), "SELECT").rows]
    return found[:: max(len(found) // 4, 1)][:4]  # spread over the IRIs: different kinds of fact


BOUND_CASES = [name for name in catalog.names() if catalog.named(name).params and
               all(p.kind in ENTITY_CLASSES or p.kind == "resource" for p in _bound(catalog.named(name)))]


@pytest.mark.parametrize("name", BOUND_CASES)
def test_both_placements_of_a_bound_parameter_agree_on_a_generated_corpus(name: str, corpus_engines):
    """With parameters bound, rdflib and Oxigraph give the same answers; in a `# values: first`
    query rdflib gets the VALUES blocks at the end of the WHERE group and Oxigraph at its start
    (graph/query/sparql.py bind)."""
    rdflib_engine, oxigraph_engine = corpus_engines
    source = catalog.named(name)
    fmt = "csv" if analyse(source.text).form in ("SELECT", "ASK") else None
    entities = {param.name: _picks(rdflib_engine, param.kind) for param in _bound(source)}
    assert all(len(found) == 4 for found in entities.values()), entities
    for i in range(4):
        params = tuple(f"{k}={found[i]}" for k, found in entities.items())
        ours, theirs = ask(source, params, rdflib_engine, fmt), ask(source, params, oxigraph_engine, fmt)
        assert (ours.bound_text != theirs.bound_text) == source.values_first
        if fmt:
            assert ours.render() == theirs.render()
        else:
            assert isomorphic(Graph().__iadd__(ours.result.triples), Graph().__iadd__(theirs.result.triples))


HOSTILE = DATA / "hostile-literals.ttl"
HOSTILE_QUERIES = ["SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
                   "SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) } ORDER BY STR(?o) LANG(?o)",
                   "SELECT ?x WHERE { OPTIONAL { ?s <http://example.org/none> ?x } }",
                   "SELECT ?x ?y WHERE { VALUES (?x ?y) { (UNDEF UNDEF) (1 UNDEF) (UNDEF \"\") } } ORDER BY ?x ?y"]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_our_writers_give_oxigraphs_bytes_on_hostile_literals(query: str, fmt: str):
    """The same answer (one store, so blank nodes keep their labels) written by Oxigraph and by us."""
    engine = OxigraphEngine([HOSTILE], use_store=False)
    written = engine.run(query, "SELECT", serialize=fmt)
    converted = engine.run(query, "SELECT")
    assert written.serialized_as == fmt and converted.serialized is None
    assert converted.rows, "an empty answer would prove nothing"
    assert render(converted, fmt, {}) == written.serialized


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_rdflib_gives_oxigraphs_bytes_on_hostile_strings(fmt: str):
    query = ("SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && DATATYPE(?o) != <http://www.w3.org/2001/XMLSchema#double>) }"
             " ORDER BY STR(?o) LANG(?o) STR(DATATYPE(?o))")
    ours = RdflibEngine([HOSTILE]).run(query, "SELECT")
    theirs = OxigraphEngine([HOSTILE], use_store=False).run(query, "SELECT", serialize=fmt)
    assert len(ours.rows) > 20
    assert render(ours, fmt, {}) == theirs.serialized
