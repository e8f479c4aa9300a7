"""RDF → NetworkX projection, statistics and the choice of a focus entity (kg stats, --focus)."""

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from graph.cli import cli
from graph.errors import KgError
from graph.network.stats import stats
from graph.network.projection import project
from graph.network.render import find_entity, load_network, neighbourhood

DATA = Path(__file__).parent / "data" / "html"
TURTLE = sorted(DATA.glob("*.ttl"))
BASE = "https://example.org/news-kg/"
HE_JIE = f"{BASE}person/he-jie"
DZAU = f"{BASE}person/victor-joseph-dzau"
NCC = f"{BASE}organization/national-cancer-center-of-china"
CONFERENCE = f"{BASE}event/safa-international-health-conference-2024"


@pytest.fixture(scope="module")
def net(bundled_graph) -> nx.MultiDiGraph:
    return project(bundled_graph)


def edges_between(net: nx.MultiDiGraph, source: str, target: str) -> list[dict]:
    return [attrs for _, attrs in net.get_edge_data(source, target, default={}).items()]


def test_bundled_article_gives_its_entities_by_kind(net):
    kinds: dict[str, int] = {}
    for _, kind in net.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds == {"person": 4, "organization": 7, "event": 1, "place": 3, "topic": 8, "quotation": 8, "article": 1}
    assert (net.number_of_nodes(), net.number_of_edges()) == (32, 30)


def test_no_evidence_claim_membership_or_role_becomes_a_node(net):
    for node in net:
        assert not node.startswith(tuple(f"{BASE}{kind}/" for kind in ("evidence", "claim", "membership", "eventrole", "role")))
    assert f"{BASE}topics" not in net


def test_membership_collapses_into_one_edge_labelled_by_the_role(net):
    (edge,) = edges_between(net, HE_JIE, NCC)
    assert edge["label"] == "director"
    assert edge["via"] == f"{BASE}membership/he-jie.national-cancer-center-of-china.director"
    (passage,) = edge["evidence"]
    assert passage == {"exact": "director of the National Cancer Center of China", "start": 2093, "end": 2140,
                       "prefix": "Chinese Academy of Sciences and ", "suffix": ", expressed his hope that the co",
                       "file": "article.txt", "article": f"{BASE}article/troib-2024-11-16-sino-us-health",
                       "source": "Health specialists from China and the U.S. urge increased cooperation in the medical field"}
    assert "director, National Cancer Center of China" in net.nodes[HE_JIE]["roles"]


def test_event_role_collapses_and_replaces_the_plain_triple(net):
    (edge,) = edges_between(net, DZAU, CONFERENCE)
    assert (edge["label"], edge["evidence"][0]["exact"]) == ("co-chair", "Victor Joseph Dzau, co-chair of the conference")


def test_inverse_pairs_are_drawn_once_in_reading_direction(net):
    (hosted,) = edges_between(net, NCC, CONFERENCE)
    assert hosted["label"] == "hosted"
    assert hosted["evidence"][0]["start"] == 459, "the claim on schema:organizer lends its evidence"
    assert edges_between(net, CONFERENCE, NCC) == []
    said = [t for _, t, label in net.out_edges(HE_JIE, data="label") if label == "said"]
    assert len(said) == 3
    assert all(not edges_between(net, quote, HE_JIE) for quote in said)


def test_quotations_carry_text_speaker_and_mode(net):
    quote = net.nodes[f"{BASE}quote/he-jie-global-burden-of-cancer"]["quote"]
    assert quote == {"text": "I hope to further promote the provision of more precise, efficient, and safer healthcare "
                             "services worldwide and reduce the global burden of cancer,",
                     "speaker": "He Jie", "mode": "direct", "verb": "stated"}
    assert net.nodes[f"{BASE}quote/dzau-shared-commitment"]["quote"]["mode"] == "reported"


def test_literal_facts_keep_the_evidence_of_their_claims(net):
    facts = {f["label"]: f for f in net.nodes[CONFERENCE]["facts"]}
    assert facts["date"]["value"] == "2024-11-16"
    assert facts["date"]["evidence"][0]["start"] == 459
    assert facts["participants"]["value"] == "500"


def test_projection_of_the_built_graph_equals_that_of_its_turtle(built, bundled_graph):
    from graph.rdf.build import build_graph
    from graph.facts.read import read_sources
    from graph.files import bundled_article
    from graph.vocab import Iris

    in_memory = project(build_graph(read_sources([bundled_article()]), Iris()))
    assert nx.node_link_data(in_memory, edges="edges") == nx.node_link_data(project(bundled_graph), edges="edges")


@pytest.mark.parametrize("path", TURTLE, ids=lambda p: p.name)
def test_any_turtle_projects_deterministically_to_json_ready_attributes(path: Path):
    first, second = (project(Graph().parse(path, format="turtle")) for _ in range(2))
    assert json.dumps(nx.node_link_data(first, edges="edges"), sort_keys=True) == \
        json.dumps(nx.node_link_data(second, edges="edges"), sort_keys=True)


def test_foreign_vocabulary_degrades_to_generic_nodes_and_predicate_names():
    net = load_network([DATA / "foreign.ttl"])
    names = {attrs["name"]: (node, attrs) for node, attrs in net.nodes(data=True)}
    assert names["A History of Graphs"][1]["kind"] == "other"
    assert names["A History of Graphs"][1]["types"] == ["ex:Book"]
    assert names["Alice Martin"][1]["kind"] == "person"
    assert names["The Reading Club"][1]["kind"] == "organization"
    assert names["Anonymous source"][0].startswith("_:")
    labels = sorted(label for _, _, label in net.edges(data="label"))
    assert labels == ["about", "knows", "knows", "knows", "meetsIn", "memberOf", "relatedTo", "wrote"]
    homepage = names["Alice Martin"][1]["facts"][0]
    assert (homepage["label"], homepage["value"], homepage["link"]) == ("homepage", "https://alice.example.com/", True)


def test_stats_counts_kinds_and_ranks_central_entities(net):
    result = stats(net, top=3)
    assert result.by_kind[0] == ("person", 4)
    assert [c.name for c in result.central] == ["Sino-American Forum of Academicians International Health Conference",
                                                "He Jie", "Victor Joseph Dzau"]
    assert result.central[0].degree == 11


def test_kg_stats_prints_the_table(runner, built):
    result = runner.invoke(cli, ["stats", str(built / "graph.ttl"), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (DATA / "bundled-stats.txt").read_text(encoding="utf-8")


def test_kg_stats_keeps_terminal_control_characters_out(runner):
    result = runner.invoke(cli, ["stats", str(DATA / "hostile.ttl")])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert "Terminal \\x1b[2J\\x1b[31mred" in result.stdout  # one policy: shown as escapes, as in errors


def test_kg_stats_on_a_missing_file_is_one_clear_line(runner, tmp_path):
    result = runner.invoke(cli, ["stats", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nope.ttl'}: Turtle file not found; build one with 'kg build' or check the path\n"


@pytest.mark.parametrize("query", [HE_JIE, "he-jie", "person/he-jie", "He Jie", "  he   JIE "])
def test_focus_finds_an_entity_by_iri_id_or_name(net, query):
    assert find_entity(net, query) == HE_JIE


def test_focus_on_an_unknown_name_suggests_close_ones(net):
    with pytest.raises(KgError) as err:
        find_entity(net, "He Jei")
    assert str(err.value) == ("--focus 'He Jei': no entity has this IRI, id or name; did you mean 'He Jie'? "
                              "('kg stats' lists the central ones)")


def test_focus_on_an_ambiguous_name_lists_the_candidates():
    net = nx.MultiDiGraph()
    for node in ("https://a.example/x/1", "https://a.example/y/1"):
        net.add_node(node, name="Same", aliases=[])
    with pytest.raises(KgError, match=r"^--focus 'Same': 2 entities match \(Same <https://a.example/x/1>; "
                                      r"Same <https://a.example/y/1>\); give the IRI instead$"):
        find_entity(net, "Same")


def test_neighbourhood_keeps_entities_within_depth_whatever_the_direction(net):
    near = neighbourhood(net, HE_JIE, 1)
    assert sorted(near.nodes[n]["kind"] for n in near) == ["organization", "organization", "person",
                                                           "quotation", "quotation", "quotation"]
    assert NCC in near and CONFERENCE not in near
    assert CONFERENCE in neighbourhood(net, HE_JIE, 2)
    assert list(neighbourhood(net, HE_JIE, 0)) == [HE_JIE]


BLANK = Path(__file__).parent / "data" / "turtle"


def test_seven_blank_node_triangles_answer_at_once():
    """rdflib's canonical labelling is exponential on symmetric blank nodes: this file of 529 bytes
    kept kg stats busy for minutes (issue 15, item 15). The timeout is a hang guard, not a benchmark."""
    for args in (["stats"], ["render", "--out", "/dev/null"]):
        done = subprocess.run([sys.executable, "-m", "graph", *args, str(BLANK / "blank-triangles.ttl")],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("21 entities, 21 links")


def test_blank_node_ids_come_from_the_structure_not_from_the_order_of_the_statements(tmp_path: Path):
    text = (BLANK / "blank-shapes.ttl").read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    shuffled = tmp_path / "shuffled.ttl"
    shuffled.write_text(head + "\n\n" + "\n".join(reversed(body.splitlines())) + "\n", encoding="utf-8")
    first, second = (nx.node_link_data(load_network([path]), edges="edges")
                     for path in (BLANK / "blank-shapes.ttl", shuffled))
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert sorted(n for n in load_network([shuffled]) if n.startswith("_:"))[:2] == ["_:b0", "_:b1"]


def test_blank_nodes_the_structure_cannot_tell_apart_follow_the_order_of_the_file():
    """A hexagon and two triangles: the same colours everywhere, so the file's order decides; the
    hexagon comes first in the file, so it holds the first ids."""
    net = load_network([BLANK / "blank-cycles.ttl"])
    cycle = nx.find_cycle(net, "_:b0")
    assert len(cycle) == 6


def test_blank_nodes_all_alike_keep_the_order_they_came_in():
    from graph.network.projection import blank_order, new_graph

    rdf = new_graph().parse(BLANK / "blank-triangles.ttl", format="turtle")
    order = blank_order(rdf, rdf.store.arrival)
    assert [rdf.store.arrival[node] for node in order] == list(range(21))


def test_the_page_links_every_person_the_same_event_query_places_at_an_event(built, net):
    from graph.query.run import run_query

    result = run_query("same-event", raw_params=[], data=[built / "graph.ttl"], engine="oxigraph").result
    at = {(str(row[result.variables.index("person")]), str(row[result.variables.index("event")])) for row in result.rows}
    assert at == {(DZAU, CONFERENCE), (HE_JIE, CONFERENCE), (f"{BASE}person/chen-zhu", CONFERENCE)}
    drawn = {(s, t) for s, t in net.edges()} | {(c["from"], c["to"]) for c in net.graph["context"]}
    assert at <= drawn
    inferred = {(c["from"], c["to"]): c for c in net.graph["context"] if c["context"] == "inferred"}
    assert sorted(inferred) == [(f"{BASE}person/chen-zhu", CONFERENCE), (HE_JIE, CONFERENCE)], "Dzau has his role"
    assert inferred[(HE_JIE, CONFERENCE)]["via"] == f"{BASE}article/troib-2024-11-16-sino-us-health"
    assert len(inferred[(HE_JIE, CONFERENCE)]["evidence"]) == 3, "the passages of his three quotations"


def test_the_article_links_to_what_it_mentions_and_the_graph_is_one_piece(net):
    article = f"{BASE}article/troib-2024-11-16-sino-us-health"
    mentions = {c["to"] for c in net.graph["context"] if c["context"] == "mention"}
    assert all(c["from"] == article for c in net.graph["context"] if c["context"] == "mention")
    assert len(mentions) == 29, "31 mentions, less the author and publisher it already links to"
    assert nx.number_weakly_connected_components(net) == 3, "without the context links: three clusters"
    whole = nx.MultiDiGraph(net)
    whole.add_edges_from((c["from"], c["to"]) for c in net.graph["context"])
    assert nx.number_weakly_connected_components(whole) == 1


def test_stats_estimate_betweenness_from_a_fixed_sample_past_a_size(monkeypatch):
    """Issue 17: exact betweenness took 450 s on 7,745 entities; past EXACT_UP_TO it is estimated
    from SOURCES sources with a fixed seed, the same every run, and the report says so."""
    import networkx as nx

    from graph.network import stats as module

    net = nx.MultiDiGraph()
    for i in range(60):
        net.add_node(f"n{i:02d}", name=f"N{i:02d}", kind="person")
    for i in range(59):
        net.add_edge(f"n{i:02d}", f"n{i + 1:02d}")
    monkeypatch.setattr(module, "EXACT_UP_TO", 50)
    monkeypatch.setattr(module, "SOURCES", 20)
    first, second = module.stats(net, top=5), module.stats(net, top=5)
    assert first == second and first.sampled == 20
    assert "betweenness estimated from 20 of 60 entities as sources" in first.table()
    assert module.stats(net, top=0).sampled is None
