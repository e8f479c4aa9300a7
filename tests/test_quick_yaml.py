"""The quick facts reader (graph/facts/loader.py, straight from libyaml's events) gives exactly what
the full loader gives, lines included, or steps aside (the full loader then answers), whatever
the text: every facts file in the project, generated documents, and random YAML-like text."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import SourceError
from graph.facts.loader import STEP_ASIDE, YList, YMap, _full_load, quick_load
from conftest import ROOT

FACTS = sorted(path for folder in (ROOT / "tests" / "data", ROOT / "sources") for path in folder.rglob("*.yaml"))
MANY = settings(max_examples=400, deadline=None, derandomize=True, database=None)


def shape(value):
    """A value with the line of every mapping, key and list item, for comparing readers."""
    if isinstance(value, YMap):
        return ("map", value.line, [(key, value.key_lines[key], shape(item)) for key, item in value.items()])
    if isinstance(value, YList):
        return ("list", value.line, value.item_lines, [shape(item) for item in value])
    return (type(value).__name__, value)


def full(text: str):
    """The full loader's answer, through the wrapper kg uses: a value, or the one-line SourceError."""
    try:
        return shape(_full_load(Path("facts.yaml"), text))
    except SourceError as err:
        return ("error", str(err))


def check(text: str) -> bool:
    """The quick reader's answer is the full loader's, which never fails but with a SourceError
    (checked when the quick reader steps aside too); True if the quick reader answered."""
    quick, answer = quick_load(text), full(text)
    if quick is not STEP_ASIDE:
        assert shape(quick) == answer
    return quick is not STEP_ASIDE


@pytest.mark.parametrize("path", FACTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_facts_file_reads_the_same(path: Path):
    check(path.read_text(encoding="utf-8", errors="replace"))


def test_plain_facts_files_are_read_quickly(small_corpus: Path):
    files = [*sorted(small_corpus.rglob("facts.yaml")), ROOT / "tests" / "data" / "articles" / "minimal" / "facts.yaml",
             *(ROOT / "sources").rglob("facts.yaml")]
    assert all(check(path.read_text(encoding="utf-8")) for path in files)


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "a: !!python/name:os.system x\n",
                                  "--- 1\n--- 2\n", "[" * 60 + "]" * 60, "? [a]\n: b\n", "a: [b\n", "a: !!binary aGk=\n"])
def test_what_the_quick_reader_leaves_to_the_full_loader(text: str):
    assert quick_load(text) is STEP_ASIDE


SCALARS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["yes", "No", "on", "~", "null", "", "0x1F", "0o17", "1_000", "1:30", "-.inf", ".NaN",
                     "3.5e3", "2024-11-16", "2024-11-16T10:00:00Z", "<<", "=", "+1", "007", "True", "y"]),
    st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(),
)
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=8), SCALARS), inner, max_size=4)),
    max_leaves=20)


@MANY
@given(DOCUMENTS, st.booleans(), st.sampled_from([None, "'", '"']))
def test_generated_documents_read_the_same(document, flow: bool, quoting):
    check(yaml.safe_dump(document, default_flow_style=flow, default_style=quoting, allow_unicode=True))


YAMLISH = st.lists(st.sampled_from(list("ab1: -\n\"'[]{},#&*!|>?%@`~<=.0x\t") + ["  ", "\n  ", "yes", "- a"]),
                   max_size=40).map("".join)


@MANY
@given(YAMLISH)
def test_random_yaml_like_text_reads_the_same(text: str):
    check(text)
