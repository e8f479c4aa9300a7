"""The draft scorer (graph/draft/score.py) on hand-made pairs with known answers.

Each case in tests/data/draft-score/<case>/ holds the same short article twice: `gold/` with the
curated facts and `draft/` with a draft in its own ids. Every case differs from a perfect draft in
one way, and EXPECTED says which tallies that changes (gold, draft, matched).
"""

from pathlib import Path

import pytest

from conftest import DATA
from graph.draft.score import (
    KINDS, Names, Ratio, Tally, combine, format_table, greedy, main, norm, overlap, score, words,
)

CASES = DATA / "draft-score"
#: gold count per kind in every case's gold/facts.yaml
GOLD = {"people": 3, "organizations": 2, "places": 1, "affiliations": 2, "direct quotes": 2,
        "reported statements": 2, "events": 1, "event hosts": 1, "event dates": 1, "counts": 2}
PERFECT_SPEAKERS = {"direct quotes": Ratio(2, 2), "reported statements": Ratio(2, 2)}

#: case → (tallies that differ from perfect, speakers right, evidence verbatim, builds)
EXPECTED: dict[str, tuple[dict[str, Tally], dict[str, Ratio], Ratio, Ratio]] = {
    "perfect": ({}, PERFECT_SPEAKERS, Ratio(17, 17), Ratio(1, 1)),
    "missed-person": ({"people": Tally(3, 2, 2)}, PERFECT_SPEAKERS, Ratio(16, 16), Ratio(1, 1)),
    "extra-quote": ({"direct quotes": Tally(2, 3, 2)}, PERFECT_SPEAKERS, Ratio(18, 18), Ratio(1, 1)),
    "wrong-speaker": ({}, {"direct quotes": Ratio(1, 2), "reported statements": Ratio(2, 2)},
                      Ratio(17, 17), Ratio(1, 1)),
    "role-spelled": ({"affiliations": Tally(2, 2, 1)}, PERFECT_SPEAKERS, Ratio(17, 17), Ratio(1, 1)),
    "partial-overlap": ({"reported statements": Tally(2, 2, 1)},
                        {"direct quotes": Ratio(2, 2), "reported statements": Ratio(1, 1)},
                        Ratio(17, 17), Ratio(1, 1)),
    "event-off": ({"event hosts": Tally(1, 1, 0), "event dates": Tally(1, 1, 0), "counts": Tally(2, 2, 1)},
                  PERFECT_SPEAKERS, Ratio(17, 17), Ratio(1, 1)),
    "not-building": ({kind: Tally(n, 0, 0) for kind, n in GOLD.items()},
                     {"direct quotes": Ratio(), "reported statements": Ratio()}, Ratio(16, 17), Ratio(0, 1)),
}


def run(case: str):
    return score(CASES / case / "draft", CASES / case / "gold")


def test_every_case_folder_has_an_expectation():
    assert sorted(p.name for p in CASES.iterdir() if p.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_case_scores_as_expected(case: str):
    changed, speakers, evidence, builds = EXPECTED[case]
    result = run(case)
    expected = {kind: changed.get(kind, Tally(n, n, n)) for kind, n in GOLD.items()}
    assert result.kinds == expected
    assert result.speakers == speakers
    assert result.evidence == evidence
    assert result.builds == builds
    assert result.same_text == Ratio(1, 1)


def test_perfect_draft_scores_one_everywhere():
    result = run("perfect")
    for kind in KINDS:
        tally = result.kinds[kind]
        assert (tally.precision, tally.recall, tally.f1) == (1.0, 1.0, 1.0), kind
    assert result.speakers["direct quotes"].share == 1.0
    assert result.evidence.share == 1.0


def test_missed_person_costs_a_third_of_recall():
    people = run("missed-person").kinds["people"]
    assert (people.precision, people.recall, people.f1) == (1.0, pytest.approx(2 / 3), pytest.approx(0.8))


def test_extra_wrong_quote_lowers_precision_only():
    quotes = run("extra-quote").kinds["direct quotes"]
    assert (quotes.precision, quotes.recall, quotes.f1) == (pytest.approx(2 / 3), 1.0, pytest.approx(0.8))


def test_wrong_speaker_still_matches_the_quote():
    result = run("wrong-speaker")
    assert result.kinds["direct quotes"].f1 == 1.0
    assert result.speakers["direct quotes"].share == 0.5


def test_role_case_is_one_role_but_another_wording_is_not():
    """'Director' is 'director' (as kg build has it, role:director); 'Mayor of Lyon' is not 'mayor'."""
    assert run("role-spelled").kinds["affiliations"].f1 == 0.5


def test_draft_that_does_not_build_scores_zero_recall_and_says_why():
    result = run("not-building")
    assert all(result.kinds[kind].recall == 0.0 and result.kinds[kind].precision is None for kind in KINDS)
    assert len(result.errors) == 1 and "evidence of place 'l1' not found" in result.errors[0]


def test_gold_that_does_not_build_is_an_error(tmp_path: Path):
    from graph.errors import SourceError

    with pytest.raises(SourceError):
        score(CASES / "perfect" / "gold", CASES / "not-building" / "draft")


def test_combine_adds_counts_before_dividing():
    total = combine([run("perfect"), run("missed-person"), run("not-building")])
    assert total.kinds["people"] == Tally(9, 5, 5)
    assert total.builds == Ratio(2, 3)
    assert total.evidence == Ratio(49, 50)
    assert total.speakers["direct quotes"] == Ratio(4, 4)


def test_table_lists_every_kind_and_the_totals():
    table = format_table(run("missed-person"), "missed-person")
    lines = table.splitlines()
    assert lines[0] == "missed-person"
    assert lines[1].split() == ["kind", "gold", "draft", "match", "P", "R", "F1"]
    assert lines[2].split() == ["people", "3", "2", "2", "1.00", "0.67", "0.80"]
    assert [line.split()[0] for line in lines[2:12]] == [kind.split()[0] for kind in KINDS]
    assert "evidence verbatim: 16/16 (100%)" in lines
    assert "builds: 1/1 (100%)" in lines
    assert "—" in format_table(run("not-building"))


@pytest.mark.parametrize("a, b, share", [
    ("the network would help small clinics", "the network would help small clinics share data", 1.0),
    ("the mayor spoke about next year", "the city would fund two more clinics next year", 0.5),
    ("", "anything", 0.0),
    ("a a b", "a b b", 2 / 3),
])
def test_overlap_is_a_share_of_the_shorter(a: str, b: str, share: float):
    assert overlap(words(a), words(b)) == pytest.approx(share)


@pytest.mark.parametrize("name, normalized", [
    ("The Ministry of Water", "ministry of water"),
    ("U.S.", "us"),
    ("Sino-American  Forum", "sino american forum"),
    ("‘Ōkina’s Fund", "ōkinas fund"),
])
def test_names_are_compared_normalized(name: str, normalized: str):
    assert norm(name) == normalized


def test_greedy_takes_the_best_pairs_once():
    similarity = {(0, 0): 0.7, (0, 1): 0.9, (1, 1): 0.8}
    assert greedy([0, 1], [0, 1], lambda g, d: similarity.get((g, d), 0.0)) == [(0, 1)]


def test_command_prints_the_table(capsys):
    assert main([str(CASES / "perfect" / "draft"), str(CASES / "perfect" / "gold")]) == 0
    assert capsys.readouterr().out == format_table(run("perfect")) + "\n"


def test_unnamed_sources_match_by_the_words_of_their_description():
    def described(*content: str) -> Names:
        return Names(described=frozenset(content))

    mother = described("mother", "tamale", "asked", "not", "be", "named")
    assert mother.same(described("mother", "tamale"))
    assert not described("spokesman", "council").same(described("spokesman", "ministry"))
    assert not described().same(described())
    assert Names(frozenset({"lhi"})).same(Names(frozenset({"lyon health institute", "lhi"})))
