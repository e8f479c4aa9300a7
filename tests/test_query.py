"""kg query: named queries, parameters bound as RDF terms, every format, golden answers, one-line errors."""

import io
import json
import shlex
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef

from graph.query import catalog
from graph.cli import cli
from graph.errors import QueryError
from graph.query.params import KINDS
from graph.query.run import run_query
from graph.query import ENGINES, FORMATS, GRAPH_FORMATS, SELECT_FORMATS
from graph.query.formats import render, to_csv, to_json, to_tsv, to_xml
from graph.query.results import QueryResult
from graph.query.sparql import analyse, bind, sparql_string, tokens
from graph.query.table import table
from graph.kinds import prefixes_of
from graph.vocab import Iris

DATA = Path(__file__).parent / "data" / "queries"
GOLDEN = Path(__file__).parent / "golden" / "queries"
QUERIES = catalog.names()
PREFIXES = prefixes_of(Iris())
XSD = "http://www.w3.org/2001/XMLSchema#"
HOSTILE = [
    'x" ) } ; DROP ALL ; #',
    "x' ) } ; DROP ALL ; #",
    '""" } DROP ALL #',
    "\\\" } INSERT DATA { <a> <b> <c> } #",
    "\\u0022 } DROP ALL #",
    "\\U00000022) } #",
    "> } <http://evil.example/> {",
    "line\nbreak } #",
    "?speaker $contains",
]


@pytest.fixture(scope="module")
def graph_ttl(built) -> Path:
    return built / "graph.ttl"


def example_args(source: catalog.QuerySource) -> list[str]:
    """The parameters the golden file is made with: the first example when a parameter is required."""
    if all(p.optional for p in source.params) or not source.examples:
        return []
    return [f"{name}={value}" for name, value in source.examples[0]]


# The named queries and their headers


def test_there_are_at_least_ten_named_queries():
    assert len(QUERIES) >= 10


def test_list_shows_names_titles_and_parameters(runner):
    result = runner.invoke(cli, ["query", "--list"])
    assert result.exit_code == 0, result.output
    for source in catalog.all_named():
        assert f"{source.name}  " in result.stdout and source.title in result.stdout
        for p in source.params:
            assert f"--param {p.name}={p.kind.upper()}  ({'optional' if p.optional else 'required'}) {p.doc}" \
                in result.stdout
    assert "  PERSON, ORGANIZATION, EVENT, PLACE, TOPIC, QUOTE, ARTICLE: an id (he-jie)" in result.stdout


@pytest.mark.parametrize("name", QUERIES)
def test_header_is_complete(name: str):
    source = catalog.named(name)
    assert source.title and source.description
    assert source.examples, "every query shows an example (also used by the tests)"
    info = analyse(source.text)
    for p in source.params:
        assert p.kind in KINDS and p.doc
        assert p.name in info.variables, f"?{p.name} is declared but not used"
        assert p.name not in info.assigned
    declared = {p.name for p in source.params}
    for example in source.examples:
        assert {key for key, _ in example} <= declared


@pytest.mark.parametrize("name", QUERIES)
def test_query_is_portable_sparql(name: str):
    """Parses in pyoxigraph with no prefixes known in advance: every prefix is declared in the file."""
    text = catalog.named(name).text
    ox.Store().query(text)
    info = analyse(text)
    assert set(info.used_prefixes) <= set(info.declared)
    assert info.remote is None


def projected_variables(text: str) -> list[str]:
    """The variables of the outermost SELECT: plain ?v and (expression AS ?v)."""
    toks = [t.text for t in tokens(text)]
    start = [t.upper() for t in toks].index("SELECT") + 1
    found, depth = [], 0
    for i in range(start, len(toks)):
        if depth == 0 and (toks[i].upper() == "WHERE" or toks[i] == "{"):
            break
        depth += (toks[i] == "(") - (toks[i] == ")")
        if toks[i].startswith("?") and (depth == 0 or toks[i - 1].upper() == "AS"):
            found.append(toks[i])
    return found


SELECT_QUERIES = [name for name in QUERIES if analyse(catalog.named(name).text).form == "SELECT"]


def test_most_named_queries_are_selects():
    assert len(SELECT_QUERIES) >= len(QUERIES) // 2


@pytest.mark.parametrize("name", SELECT_QUERIES)
def test_order_by_is_total(name: str):
    """Every projected variable is an ORDER BY key, so equal keys mean equal rows in any engine."""
    text = catalog.named(name).text
    toks = [t.text for t in tokens(text)]
    order = toks[len(toks) - 1 - [t.upper() for t in toks][::-1].index("ORDER"):]
    projected = projected_variables(text)
    assert projected and [v for v in projected if v not in order] == []


def test_show_prints_the_query(runner):
    result = runner.invoke(cli, ["query", "who-said-what", "--show"])
    assert result.exit_code == 0
    assert result.stdout == (catalog.queries_dir() / "who-said-what.rq").read_text(encoding="utf-8")


# Golden answers on the bundled article


@pytest.mark.parametrize("name", QUERIES)
def test_golden_answer(request, name: str, graph_ttl: Path):
    source = catalog.named(name)
    answer = run_query(name, raw_params=example_args(source), data=[graph_ttl])
    fmt = "turtle" if answer.result.is_graph else "tsv"
    text = answer.render() if fmt == "turtle" else render(answer.result, "tsv", answer.prefixes)
    golden = GOLDEN / f"{name}.{'ttl' if fmt == 'turtle' else 'tsv'}"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == text


def test_golden_files_match_the_queries():
    assert sorted(p.stem for p in GOLDEN.iterdir()) == QUERIES


@pytest.mark.parametrize("engine", ENGINES)
def test_mention_counts_is_one_row_per_article(tmp_path: Path, engine: str):
    """Two articles, one mentioning nothing: two rows, the silent one all zeros, in both engines."""
    data = tmp_path / "two.ttl"
    data.write_text("""@prefix schema: <https://schema.org/> .
@prefix a: <https://example.org/news-kg/article/> .
@prefix p: <https://example.org/news-kg/person/> .
a:one a schema:NewsArticle ; schema:headline "One" ; schema:mentions p:x, p:y .
a:two a schema:NewsArticle ; schema:headline "Two" .
p:x a schema:Person . p:y a schema:Person .
""", encoding="utf-8")
    answer = run_query("mention-counts", data=[data], engine=engine)
    assert render(answer.result, "csv", answer.prefixes).splitlines() == [
        "article,people,organizations,events,places,topics,statements,headline",
        "https://example.org/news-kg/article/one,2,0,0,0,0,0,One",
        "https://example.org/news-kg/article/two,0,0,0,0,0,0,Two",
    ]


# Every format, parsed back by a second implementation


def _rows_from_ox(data: bytes, fmt: ox.QueryResultsFormat) -> list[tuple]:
    from graph.query.results import from_oxigraph

    parsed = ox.parse_query_results(data, format=fmt)
    if isinstance(parsed, ox.QueryBoolean):
        return [(bool(parsed),)]
    names = [v.value for v in parsed.variables]
    return [tuple(None if s[n] is None else from_oxigraph(s[n]) for n in names) for s in parsed]


@pytest.mark.parametrize("name", QUERIES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_query_answers_in_every_format(runner, name: str, fmt: str, graph_ttl: Path):
    source = catalog.named(name)
    args = ["query", name, "--data", str(graph_ttl), "--format", fmt, "--width", "120"]
    for item in example_args(source):
        args += ["--param", item]
    result = runner.invoke(cli, args)
    expected = run_query(name, raw_params=example_args(source), data=[graph_ttl]).result
    allowed = GRAPH_FORMATS if expected.is_graph else SELECT_FORMATS
    if fmt not in allowed:
        assert result.exit_code == 2 and "does not fit" in result.stderr
        return
    assert result.exit_code == 0, result.output
    out = result.stdout_bytes
    if fmt == "turtle":
        from graph.query.results import from_oxigraph

        triples = {tuple(from_oxigraph(t) for t in (q.subject, q.predicate, q.object))
                   for q in ox.parse(out, format=ox.RdfFormat.TURTLE)}
        assert triples == set(expected.triples)
    elif fmt == "table":
        noun = "triple" if expected.is_graph else "row"
        count = len(expected.triples) if expected.is_graph else len(expected.rows)
        last = result.stdout.splitlines()[-1]
        assert last in ("yes", "no") if expected.boolean is not None else last.startswith(f"{count} {noun}")
    elif fmt == "csv":
        assert out.endswith(b"\r\n")
        if expected.boolean is None:
            assert out.split(b"\r\n")[0].decode() == ",".join(expected.variables)
            assert out.count(b"\r\n") >= len(expected.rows) + 1
    else:
        ox_format = {"tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON,
                     "xml": ox.QueryResultsFormat.XML}[fmt]
        want = [(expected.boolean,)] if expected.boolean is not None else list(expected.rows)
        assert _rows_from_ox(out, ox_format) == want


def test_results_also_parse_with_rdflib(graph_ttl: Path):
    from rdflib.query import Result

    expected = run_query("who-said-what", data=[graph_ttl]).result
    for fmt, text in (("json", to_json(expected)), ("xml", to_xml(expected)), ("tsv", to_tsv(expected))):
        parsed = Result.parse(io.StringIO(text), format=fmt)
        assert len(list(parsed)) == len(expected.rows)


# Parameters: ids, prefixed names, IRIs and names give the same term


@pytest.mark.parametrize("value", ["he-jie", "person:he-jie", "<https://example.org/news-kg/person/he-jie>",
                                   "https://example.org/news-kg/person/he-jie", "He Jie", "  he jie "])
def test_entity_parameter_forms(value: str, graph_ttl: Path):
    answer = run_query("statements-by-person", raw_params=[f"person={value}"], data=[graph_ttl])
    assert answer.bindings == {"person": [URIRef("https://example.org/news-kg/person/he-jie")]}
    assert len(answer.result.rows) == 3


def test_alternate_names_are_names_too(graph_ttl: Path):
    answer = run_query("events-hosted", raw_params=["organization=national cancer center"], data=[graph_ttl])
    assert answer.bindings["organization"] == [URIRef("https://example.org/news-kg/organization/national-cancer-center-of-china")]


def test_repeating_a_parameter_gives_several_values(graph_ttl: Path):
    both = run_query("who-said-what", raw_params=["speaker=he-jie", "speaker=Chen Zhu"], data=[graph_ttl]).result
    speakers = {row[0] for row in both.rows}
    assert speakers == {Literal("He Jie"), Literal("Chen Zhu")} and len(both.rows) == 6


def test_string_parameter_filters(graph_ttl: Path):
    result = run_query("who-said-what", raw_params=["contains=CANCER"], data=[graph_ttl]).result
    assert len(result.rows) == 4 and all("cancer" in str(row[3]).lower() for row in result.rows)


def test_parameters_are_bound_by_values_never_pasted(graph_ttl: Path):
    answer = run_query("who-said-what", raw_params=["speaker=he-jie", 'contains=a"b'], data=[graph_ttl])
    speaker, contains = 'VALUES ?speaker { <https://example.org/news-kg/person/he-jie> }', 'VALUES ?contains { "a\\"b" }'
    assert answer.bound_text.replace(f" {speaker} ", "", 1).replace(f" {contains} ", "", 1) == \
        catalog.named("who-said-what").text


def test_ask_query(runner, graph_ttl: Path):
    args = ["query", "is-affiliated", "--data", str(graph_ttl), "-p", "person=chen-zhu"]
    yes = runner.invoke(cli, args + ["-p", "organization=Shanghai Jiaotong University"])
    no = runner.invoke(cli, args + ["-p", "organization=troib-news"])
    assert (yes.stdout, no.stdout) == ("yes\n", "no\n")
    as_json = runner.invoke(cli, args + ["-p", "organization=ruijin-hospital", "-f", "json"])
    assert json.loads(as_json.stdout) == {"head": {}, "boolean": True}


def test_query_from_stdin_and_ad_hoc_parameters(runner, graph_ttl: Path):
    query = "SELECT ?name WHERE { ?p schema:name ?name } ORDER BY ?name"
    result = runner.invoke(cli, ["query", "-", "--data", str(graph_ttl), "-p", "p=person:chen-zhu", "-f", "csv"],
                           input=query)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"name\r\nChen Zhu\r\n"


# Hostile parameter values stay literals


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_hostile_text_matches_nothing(runner, value: str, engine: str, graph_ttl: Path):
    before = graph_ttl.read_bytes()
    result = runner.invoke(cli, ["query", "who-said-what", "--data", str(graph_ttl), "--engine", engine,
                                 "--param", f"contains={value}", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"name,kind,verb,text,passage,speaker,statement,article,start\r\n"
    assert graph_ttl.read_bytes() == before


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_entity_is_not_found(runner, value: str, graph_ttl: Path):
    result = runner.invoke(cli, ["query", "who-said-what", "--data", str(graph_ttl), "--param", f"speaker={value}"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: --param speaker={value!r}: no speaker with that id, IRI or name in ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_any_text_round_trips_through_both_engines(value: str):
    for engine in ("rdflib", "oxigraph"):
        answer = run_query(str(DATA / "typed.rq"), raw_params=[f"text={value}"], data=[DATA / "tiny.ttl"],
                           engine=engine)
        assert answer.result.rows == ((Literal(value), None, None, None),)


def test_lone_surrogates_are_refused():
    with pytest.raises(QueryError, match="lone surrogate"):
        sparql_string("a\ud800b")


def test_bind_places_values_at_the_end_of_the_where_group():
    info = analyse("PREFIX s: <https://schema.org/>\n# } brace in a comment\n"
                   "SELECT ?x (EXISTS { ?x ?p ?o } AS ?e) WHERE { ?x a s:Person FILTER(?x != <http://x/#a> && \"}\" != '{') }"
                   " ORDER BY ?x")
    bound = bind(info, {"x": [URIRef("http://a/b"), URIRef("http://a/c")]}, "t")
    assert bound.endswith("""'{')  VALUES ?x { <http://a/b> <http://a/c> } } ORDER BY ?x""")
    sub = analyse("SELECT ?x WHERE { SELECT ?x WHERE { ?x ?p ?o } }")
    bound = bind(sub, {"x": [Literal(5)]}, "t")
    assert bound == ('SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } '
                     'VALUES ?x { "5"^^<http://www.w3.org/2001/XMLSchema#integer> } }')
    assert list(ox.Store().query(bound)) == []
    construct = analyse("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }")
    assert bind(construct, {"x": [URIRef("http://a")]}, "t") == \
        "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o  VALUES ?x { <http://a> } }"


def test_bind_first_opens_the_group_only_with_parameters_of_its_opening_triples():
    info = analyse("SELECT * WHERE { ?e a <http://s/Event> ; <http://s/name> ?n . "
                   "OPTIONAL { ?e <http://s/q> ?q } FILTER(?n != ?x) }")
    values = {"e": [URIRef("http://a/e")], "q": [Literal("z")], "x": [Literal("y")]}
    assert info.leading == {"e", "n"}
    assert bind(info, values, "t", first=True) == (
        'SELECT * WHERE { VALUES ?e { <http://a/e> }  ?e a <http://s/Event> ; <http://s/name> ?n . '
        'OPTIONAL { ?e <http://s/q> ?q } FILTER(?n != ?x)  VALUES ?q { "z" } VALUES ?x { "y" } }')
    assert bind(info, values, "t").startswith("SELECT * WHERE { ?e a")
    sub = analyse("SELECT ?x WHERE { SELECT ?x WHERE { ?x ?p ?o } }")
    assert sub.leading == set() and bind(sub, {"x": [Literal(5)]}, "t", first=True) == bind(sub, {"x": [Literal(5)]}, "t")


def test_group_filters_see_the_parameters(graph_ttl: Path):
    """A FILTER of the WHERE group uses the bound value (evidence.rq's ?about, who-said-what's ?contains)."""
    for engine in ("oxigraph", "rdflib"):
        answer = run_query("evidence", raw_params=["about=chen-zhu"], data=[graph_ttl], engine=engine)
        facts = [str(row[0]).rsplit("/", 1)[1] for row in answer.result.rows]
        assert facts == ["chen-zhu", "chen-zhu.ruijin-hospital-school-of-medicine.honorary-professor",
                         "chen-zhu-past-collaborations", "chen-zhu-new-solutions", "chen-zhu-deepened-cooperation"]


# The table and the W3C formats


def _result() -> QueryResult:
    return QueryResult("SELECT", ("who", "said", "when", "note"), (
        (URIRef("https://example.org/news-kg/person/he-jie"), Literal("cooperation, " * 12 + "end"),
         Literal("2024-11-16", datatype=URIRef(XSD + "date")), None),
        (URIRef("http://elsewhere.example/x"), Literal('a "quoted"\ttab\nline'), Literal(500), Literal("hi", lang="en")),
        (BNode("b0"), Literal("贺捷说"), Literal("1.50", datatype=URIRef(XSD + "decimal")), Literal("x", datatype=URIRef(XSD + "string"))),
    ))


def test_table_is_for_people():
    """Prefixed names, aligned columns (wide characters count double), text wrapped to three
    lines with an ellipsis, names cut with one, unbound cells empty, and the row count."""
    assert table(_result(), PREFIXES, width=62).splitlines() == [
        "who                       said              when        note",
        "------------------------  ----------------  ----------  ------",
        "person:he-jie             cooperation,      2024-11-16",
        "                          cooperation,",
        "                          cooperation, …",
        "",
        '<http://elsewhere.examp…  a "quoted" tab    500         hi @en',
        "                          line",
        "",
        "_:b0                      贺捷说            1.50        x",
        "3 rows",
    ]


def test_table_leaves_out_columns_that_do_not_fit():
    assert table(_result(), PREFIXES, width=40).splitlines() == [
        "who",
        "----------------------------",
        "person:he-jie",
        "<http://elsewhere.example/x>",
        "_:b0",
        "3 rows; 3 more columns not shown (said, when, note): widen with --width or use --format csv",
    ]


def test_table_of_one_row_and_of_none():
    one = QueryResult("SELECT", ("x",), ((Literal("a"),),))
    assert table(one, PREFIXES).splitlines() == ["x", "-", "a", "1 row"]
    assert table(QueryResult("SELECT", ("x",), ()), PREFIXES).splitlines() == ["x", "-", "0 rows"]


def test_csv_format():
    assert to_csv(_result()).split("\r\n") == [
        "who,said,when,note",
        'https://example.org/news-kg/person/he-jie,"' + "cooperation, " * 12 + 'end",2024-11-16,',
        'http://elsewhere.example/x,"a ""quoted""\ttab\nline",500,hi',
        "_:b0,贺捷说,1.50,x", ""]


def test_tsv_format():
    assert to_tsv(_result()).splitlines()[1:] == [
        "<https://example.org/news-kg/person/he-jie>\t\"" + "cooperation, " * 12 + "end\"\t"
        "\"2024-11-16\"^^<http://www.w3.org/2001/XMLSchema#date>\t",
        '<http://elsewhere.example/x>\t"a \\"quoted\\"\\ttab\\nline"\t500\t"hi"@en',
        '_:b0\t"贺捷说"\t1.50\t"x"']


def test_json_and_xml_formats():
    payload = json.loads(to_json(_result()))
    assert payload["head"] == {"vars": ["who", "said", "when", "note"]}
    assert payload["results"]["bindings"][1]["note"] == {"type": "literal", "value": "hi", "xml:lang": "en"}
    assert payload["results"]["bindings"][2]["when"] == {"type": "literal", "value": "1.50",
                                                         "datatype": XSD + "decimal"}
    assert "note" not in payload["results"]["bindings"][0]
    xml = to_xml(_result())
    assert '<binding name="said"><literal>a "quoted"\ttab\nline</literal></binding>' in xml
    assert '<binding name="who"><bnode>b0</bnode></binding>' in xml
    assert _rows_from_ox(xml.encode(), ox.QueryResultsFormat.XML)[1][1] == Literal('a "quoted"\ttab\nline')


def test_ask_in_every_format():
    yes = QueryResult("ASK", boolean=True)
    assert [render(yes, f, PREFIXES) for f in SELECT_FORMATS] == [
        "yes\n", "true\r\n", "true\n", '{\n  "head": {},\n  "boolean": true\n}\n',
        '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
        "  <head/>\n  <boolean>true</boolean>\n</sparql>\n"]


def test_construct_turtle_declares_only_the_prefixes_it_uses(graph_ttl: Path):
    text = run_query("describe-entity", raw_params=["entity=beijing"], data=[graph_ttl]).render()
    assert "@prefix sh:" not in text and "@prefix place: <https://example.org/news-kg/place/> ." in text


# One-line errors with exit codes, one case per file in tests/data/queries/errors/


@pytest.mark.parametrize("case", sorted(DATA.glob("errors/*.txt")), ids=lambda p: p.stem)
def test_error_case(runner, monkeypatch, case: Path, graph_ttl: Path):
    command, exit_line, expected = case.read_text(encoding="utf-8").splitlines()
    monkeypatch.chdir(DATA)
    args = [a.replace("{graph}", str(graph_ttl)) for a in shlex.split(command.removeprefix("$ kg "))]
    result = runner.invoke(cli, args)
    assert (result.exit_code, result.stderr) == (int(exit_line.removeprefix("exit ")),
                                                 expected.replace("{graph}", str(graph_ttl)) + "\n")
    assert result.stdout == ""


def test_missing_default_data_names_the_file(runner, monkeypatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["query", "who-said-what"])
    assert (result.exit_code, result.stderr) == (
        2, "Error: output/graph.ttl: Turtle file not found; build one with 'kg build' or check the path\n")


@pytest.mark.parametrize("engine", ENGINES)
def test_table_shows_control_characters_as_escapes(runner, engine: str):
    data = Path(__file__).parent / "data" / "turtle" / "control-characters.ttl"
    result = runner.invoke(cli, ["query", "--text", "SELECT ?name WHERE { ?p schema:name ?name }",
                                 "--data", str(data), "--engine", engine])
    assert result.exit_code == 0, result.output
    assert not any(ch in result.stdout for ch in "\x1b\x07\u202e")
    assert "Mallory \\x1b[31mred\\x1b[0m \\x07 \\u202egnp.exe" in result.stdout


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_select_star_columns_come_in_query_order(graph_ttl: Path, engine: str):
    """Issue 16: Oxigraph sorted them by name (o p s), rdflib its own way."""
    answer = run_query(text="SELECT * WHERE { ?s ?p ?o . FILTER(?o = schema:NewsArticle) }", data=[graph_ttl],
                       engine=engine)
    assert answer.result.variables == ("s", "p", "o")
    assert str(answer.result.rows[0][2]) == "https://schema.org/NewsArticle"


def test_full_shows_whole_texts_in_the_table(runner, graph_ttl: Path):
    """Issue 16: the table cuts a text at three lines; --full shows it whole."""
    cut = runner.invoke(cli, ["query", "who-said-what", "--data", str(graph_ttl), "--width", "80"])
    whole = runner.invoke(cli, ["query", "who-said-what", "--data", str(graph_ttl), "--width", "80", "--full"])
    assert cut.exit_code == whole.exit_code == 0
    assert "…" in cut.stdout and whole.stdout.count("\n") > cut.stdout.count("\n")
    longest = max((str(row[3]) for row in run_query("who-said-what", data=[graph_ttl]).result.rows), key=len)
    assert longest.split()[-1] in whole.stdout and longest.split()[-1] not in cut.stdout
