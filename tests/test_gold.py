"""The gold set for `kg draft` (tests/data/gold/): every article builds and validates, as curated
facts must, and the scorer gives a gold file against itself a perfect score (so a figure below 1.0
in scripts/bench_draft.py is the draft's, never an artefact of the gold or of the matching)."""

import re
from pathlib import Path

import pytest

from conftest import DATA
from graph.cli import cli
from graph.draft.score import KINDS, Ratio, score

GOLD = DATA / "gold"
DEV = sorted(p for p in (GOLD / "dev").iterdir() if p.is_dir())
HELDOUT = sorted(p for p in (GOLD / "heldout").iterdir() if p.is_dir())
ALL = DEV + HELDOUT


def test_gold_set_has_ten_articles_with_a_held_out_part():
    assert len(DEV) >= 7 and len(HELDOUT) >= 3
    readme = (GOLD / "README.md").read_text(encoding="utf-8")
    assert "held out" in readme.lower()
    for folder in HELDOUT:
        assert folder.name in readme


@pytest.mark.parametrize("folder", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_article_is_a_short_report(folder: Path):
    """8 to 15 paragraphs after the headline, with a byline or a reporting credit."""
    text = (folder / "article.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    assert 8 <= len(paragraphs) - 1 <= 15, len(paragraphs)
    assert re.search(r"^By |\breporting by\b", text, re.M | re.I)


@pytest.mark.parametrize("folder", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_scores_perfectly_against_itself(folder: Path):
    result = score(folder, folder)
    assert result.builds == Ratio(1, 1), result.errors
    assert result.evidence.share == 1.0
    for kind in KINDS:
        tally = result.kinds[kind]
        assert tally.gold == tally.draft == tally.matched, kind
    for kind, right in result.speakers.items():
        assert right.hits == right.total, kind


def test_whole_gold_set_builds_and_validates(runner, tmp_path: Path):
    """`kg build` over both parts at once (so ids also merge across articles), then `kg validate`."""
    built = runner.invoke(cli, ["build", str(GOLD / "dev"), str(GOLD / "heldout"), "--out", str(tmp_path), "--quiet"])
    assert built.exit_code == 0, built.output
    checked = runner.invoke(cli, ["validate", str(tmp_path / "graph.ttl")])
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("Conforms")
