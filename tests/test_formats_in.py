"""Every command reads every format kg writes (graph/rdf/readers.py), and finds entities alike
(graph/lookup.py): kg query, stats, validate and render answer on graph.trig, graph.jsonld,
N-Triples and N-Quads exactly as on graph.ttl; syntax errors name the format; --focus and entity
parameters take the same words; kg render --out DIR/ makes the folder."""

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.cli import cli
from graph.lookup import Candidate, find
from graph.query import catalog, store
from graph.query.formats import render
from graph.query.run import run_query

FORMATS = ["graph.trig", "graph.jsonld", "graph.nt", "graph.nq"]
QUERIES = catalog.names()


@pytest.fixture(scope="module")
def outputs(built, tmp_path_factory) -> Path:
    """The build's outputs, with N-Triples of graph.ttl and N-Quads of graph.trig whose every quad is
    also in a second graph (read as a set: each triple once)."""
    folder = tmp_path_factory.mktemp("formats")
    for name in ("graph.ttl", "graph.trig", "graph.jsonld"):
        (folder / name).write_bytes((built / name).read_bytes())
    triples = list(ox.parse(path=built / "graph.ttl", format=ox.RdfFormat.TURTLE))
    (folder / "graph.nt").write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    quads = list(ox.parse(path=built / "graph.trig", format=ox.RdfFormat.TRIG))
    copy = ox.NamedNode("https://example.org/copy")
    quads += [ox.Quad(q.subject, q.predicate, q.object, copy) for q in quads]
    (folder / "graph.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return folder


def example_args(source: catalog.QuerySource) -> list[str]:
    if all(p.optional for p in source.params) or not source.examples:
        return []
    return [f"{name}={value}" for name, value in source.examples[0]]


def answer_text(name: str, data: list[Path], engine: str = "oxigraph", **options) -> str:
    answer = run_query(name, raw_params=example_args(catalog.named(name)), data=data, engine=engine,
                       use_store=False, **options)
    return answer.render() if answer.result.is_graph else render(answer.result, "tsv", answer.prefixes)


# The same answers on every format


@pytest.mark.parametrize("name", QUERIES)
@pytest.mark.parametrize("data", FORMATS)
def test_every_named_query_answers_the_same_on_every_format(outputs, name, data):
    assert answer_text(name, [outputs / data]) == answer_text(name, [outputs / "graph.ttl"])


@pytest.mark.parametrize("name", ["who-said-what", "describe-entity", "mention-counts"])
@pytest.mark.parametrize("data", FORMATS)
def test_rdflib_answers_the_same_on_every_format(outputs, name, data):
    assert answer_text(name, [outputs / data], "rdflib") == answer_text(name, [outputs / "graph.ttl"], "rdflib")


@pytest.mark.parametrize("data", FORMATS)
def test_kg_query_output_is_byte_identical_on_every_format(runner, outputs, data):
    def out(path: Path, *more: str) -> str:
        result = runner.invoke(cli, ["query", "who-said-what", "--data", str(path), "--format", "csv", *more])
        assert result.exit_code == 0, result.output
        return result.stdout

    assert out(outputs / data) == out(outputs / "graph.ttl")
    assert out(outputs / data, "--engine", "rdflib") == out(outputs / "graph.ttl")


@pytest.mark.parametrize("data", ["graph.trig", "graph.jsonld", "graph.nq"])
def test_the_persistent_store_loads_every_format(outputs, data, monkeypatch, tmp_path):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(store, "STORE_FROM_BYTES", 0)
    first = run_query("who-said-what", data=[outputs / data])
    assert len(list((tmp_path / "stores").iterdir())) == 1
    again = run_query("who-said-what", data=[outputs / data])
    assert first.render() == again.render() == run_query("who-said-what", data=[outputs / "graph.ttl"]).render()


@pytest.mark.parametrize("data", FORMATS)
def test_kg_stats_is_the_same_on_every_format(runner, outputs, data):
    result = runner.invoke(cli, ["stats", str(outputs / data)])
    assert result.exit_code == 0, result.output
    assert result.stdout == runner.invoke(cli, ["stats", str(outputs / "graph.ttl")]).stdout


@pytest.mark.parametrize("data", FORMATS)
def test_kg_validate_reads_every_format(runner, outputs, data):
    result = runner.invoke(cli, ["validate", str(outputs / data)])
    assert (result.exit_code, result.stdout) == (0, f"Conforms: {outputs / data}\n")


@pytest.mark.parametrize("data", FORMATS)
def test_kg_render_draws_the_same_page_from_every_format(runner, outputs, data, tmp_path):
    pages = []
    for path, out in ((outputs / data, tmp_path / "a.html"), (outputs / "graph.ttl", tmp_path / "b.html")):
        result = runner.invoke(cli, ["render", str(path), "--out", str(out)])
        assert result.exit_code == 0, result.output
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def test_files_of_several_formats_are_read_together(runner, outputs):
    both = runner.invoke(cli, ["stats", str(outputs / "graph.trig"), str(outputs / "graph.jsonld")])
    assert both.stdout == runner.invoke(cli, ["stats", str(outputs / "graph.ttl")]).stdout


def test_data_format_overrides_the_extension(runner, outputs, tmp_path):
    odd = tmp_path / "graph.txt"
    odd.write_bytes((outputs / "graph.trig").read_bytes())
    refused = runner.invoke(cli, ["stats", str(odd)])
    assert refused.exit_code == 2 and refused.stderr.startswith(f"Error: {odd}:26:")
    assert "not valid Turtle" in refused.stderr
    expected = runner.invoke(cli, ["stats", str(outputs / "graph.ttl")]).stdout
    assert runner.invoke(cli, ["stats", str(odd), "--data-format", "trig"]).stdout == expected
    assert runner.invoke(cli, ["validate", str(odd), "--data-format", "trig"]).stdout == f"Conforms: {odd}\n"
    queried = runner.invoke(cli, ["query", "mention-counts", "--data", str(odd), "--data-format", "trig"])
    assert queried.stdout == runner.invoke(cli, ["query", "mention-counts", "--data", str(outputs / "graph.ttl")]).stdout


# Errors name the format


BAD = {
    "bad.trig": ("<https://x.org/g> {\n  <https://x.org/a> <https://x.org/b> <https://x.org/c>\n",
                 "3:1: not valid TriG: Unexpected end"),
    "bad.jsonld": ('{"@id": "https://x.org/a",\n "https://x.org/b": [1,}\n',
                   "2:24: not valid JSON-LD: Unexpected closing curly bracket, no array to close"),
    "bad.nt": ('<https://x.org/a> <https://x.org/b> <https://x.org/c> .\n<https://x.org/a> <https://x.org/b> "x .\n',
               "2:37: not valid N-Triples: Unexpected end of file"),
    "bad.nq": ("<https://x.org/a> <https://x.org/b> <https://x.org/c> <https://x.org/g> <https://x.org/h> .\n",
               "1:73: not valid N-Quads: Quads must be followed by a dot"),
}


@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("command", [["validate"], ["stats"], ["render"], ["query", "mention-counts", "--data"],
                                     ["query", "mention-counts", "--engine", "rdflib", "--data"]])
def test_a_syntax_error_names_the_format_line_and_column(runner, tmp_path, name, command):
    text, where = BAD[name]
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, [*command, str(bad)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {bad}:{where}; fix the syntax there\n"


def test_a_missing_file_names_its_format(runner, tmp_path):
    result = runner.invoke(cli, ["stats", str(tmp_path / "graph.trig")])
    assert result.stderr == (f"Error: {tmp_path / 'graph.trig'}: TriG file not found; build one with 'kg build' "
                             "or check the path\n")


def test_a_remote_json_ld_context_is_refused_not_fetched(runner, tmp_path):
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "https://x.org/a", "name": "A"}')
    for command in (["validate"], ["query", "mention-counts", "--data"]):
        result = runner.invoke(cli, [*command, str(remote)])
        assert result.exit_code == 2
        assert result.stderr == (f"Error: {remote}: not valid JSON-LD for kg: its @context is a remote document, "
                                 "which kg does not fetch; put the context in the file\n")


def test_data_format_is_refused_with_an_endpoint(runner):
    result = runner.invoke(cli, ["query", "mention-counts", "--endpoint", "http://127.0.0.1:9/query",
                                 "--data-format", "trig"])
    assert result.exit_code == 2
    assert result.stderr == ("Error: --data-format trig: it is the format of --data files; a server answers "
                             "in its own, so leave it out with --endpoint\n")


# One lookup for kg render --focus and kg query


@pytest.mark.parametrize("given", ["person:he-jie", "HE-JIE", "Person/He-Jie", "<https://example.org/news-kg/person/he-jie>",
                                   "he jie", "jie"])
def test_focus_and_query_find_the_same_entity(runner, outputs, tmp_path, given):
    page = runner.invoke(cli, ["render", str(outputs / "graph.ttl"), "--focus", given, "--out", str(tmp_path)])
    assert page.stdout == f"6 entities, 5 links around He Jie → {tmp_path / 'graph.he-jie.html'}\n"
    asked = runner.invoke(cli, ["query", "who-said-what", "--data", str(outputs / "graph.ttl"), "-p", f"speaker={given}",
                                "--format", "csv"])
    assert asked.exit_code == 0, asked.output
    assert asked.stdout.count("person/he-jie") == 3


def test_a_surname_finds_the_person(runner, outputs, tmp_path):
    page = runner.invoke(cli, ["render", str(outputs / "graph.ttl"), "--focus", "Dzau", "--out", str(tmp_path)])
    assert page.stdout == f"5 entities, 4 links around Victor Joseph Dzau → {tmp_path / 'graph.victor-joseph-dzau.html'}\n"


def test_a_misspelt_surname_gets_a_suggestion_from_both_commands(runner, outputs, tmp_path):
    data = outputs / "graph.ttl"
    page = runner.invoke(cli, ["render", str(data), "--focus", "Dzao", "--out", str(tmp_path)])
    assert page.stderr == ("Error: --focus 'Dzao': no entity has this IRI, id or name; did you mean "
                           "'Victor Joseph Dzau'? ('kg stats' lists the central ones)\n")
    asked = runner.invoke(cli, ["query", "who-said-what", "--data", str(data), "-p", "speaker=Dzao"])
    assert asked.stderr == (f"Error: --param speaker='Dzao': no speaker with that id, IRI or name in {data}; "
                            "did you mean person:victor-joseph-dzau?\n")


@pytest.fixture
def two_lis(tmp_path) -> Path:
    path = tmp_path / "lis.ttl"
    path.write_text("""@prefix person: <https://example.org/news-kg/person/> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
person:li-wei a schema:Person ; rdfs:label "Li Wei" ; schema:name "Li Wei" .
person:li-na a schema:Person ; rdfs:label "Li Na" ; schema:name "Li Na" ; schema:alternateName "Nana Li" .
""", encoding="utf-8")
    return path


def test_a_surname_shared_by_several_lists_them_in_both_commands(runner, two_lis, tmp_path):
    page = runner.invoke(cli, ["render", str(two_lis), "--focus", "li", "--out", str(tmp_path)])
    assert page.stderr == ("Error: --focus 'li': 2 entities match (Li Na <https://example.org/news-kg/person/li-na>; "
                           "Li Wei <https://example.org/news-kg/person/li-wei>); give the IRI instead\n")
    asked = runner.invoke(cli, ["query", "statements-by-person", "--data", str(two_lis), "-p", "person=li"])
    assert asked.stderr == "Error: --param person='li': 2 match (person:li-na, person:li-wei); pass one of them instead\n"


def test_an_alternate_name_in_another_case_is_found(runner, two_lis, tmp_path):
    page = runner.invoke(cli, ["render", str(two_lis), "--focus", "NANA LI", "--out", str(tmp_path)])
    assert page.stdout.endswith(f" around Li Na → {tmp_path / 'lis.li-na.html'}\n")  # "1 entity, 0 links"


def test_lookup_steps_in_order():
    people = [Candidate("https://x.org/person/he", ("Li He",)), Candidate("https://x.org/person/he-jie", ("He Jie",)),
              Candidate("https://x.org/quote/q", ("He Jie: we must",), partial=False)]
    assert find("he", people).matches == ("https://x.org/person/he",)  # an id before part of a name
    assert find("jie", people).matches == ("https://x.org/person/he-jie",)  # a quotation's words are no name
    assert find("x:he", people, {"x": "https://x.org/person/"}).matches == ("https://x.org/person/he",)
    assert find("Jei", people).suggestions == ("https://x.org/person/he-jie",)
    assert find("zzz", people).suggestions == ()


# kg render --out DIR/


def test_render_out_with_a_slash_makes_the_folder(runner, outputs, tmp_path):
    result = runner.invoke(cli, ["render", str(outputs / "graph.ttl"), "--out", f"{tmp_path / 'pages'}/"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"32 entities, 30 links → {tmp_path / 'pages' / 'graph.html'}\n"
    assert (tmp_path / "pages").is_dir() and (tmp_path / "pages" / "graph.html").is_file()


def test_render_out_into_a_missing_folder_as_a_file_name_makes_the_folder(runner, outputs, tmp_path):
    result = runner.invoke(cli, ["render", str(outputs / "graph.ttl"), "--out", str(tmp_path / "new" / "page.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "page.html").is_file()
