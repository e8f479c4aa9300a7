"""Sources stage: reading facts files, locating evidence, and clear errors for bad input."""

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.cli import cli
from graph.errors import SourceError
from graph.facts.evidence import ArticleText, normalize
from graph.facts.loader import read_text
from graph.facts.read import MAX_ARTICLE_BYTES, discover, read_article
from conftest import DATA, MINIMAL

BAD_CASES = sorted(p for p in (DATA / "bad").iterdir() if p.is_dir())


@pytest.fixture
def previous_outputs(tmp_path: Path) -> Path:
    """An output folder holding files from an earlier build, which a failed build must not touch."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("graph.ttl", "graph.jsonld", "graph.trig", "graph.html"):
        (out / name).write_bytes(f"earlier {name}\n".encode())
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", BAD_CASES, ids=lambda p: p.name)
def test_bad_input_gives_one_clear_line_and_keeps_outputs(runner, case: Path, previous_outputs: Path):
    before = snapshot(previous_outputs)
    result = runner.invoke(cli, ["build", str(case), "--out", str(previous_outputs)])
    expected = (case / "expected.txt").read_text(encoding="utf-8").replace("{dir}", str(case))
    assert result.exit_code == 2
    assert result.stderr == expected
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert snapshot(previous_outputs) == before


def test_missing_source_folder(runner, tmp_path: Path, previous_outputs: Path):
    missing = tmp_path / "no-such-article"
    result = runner.invoke(cli, ["build", str(missing), "--out", str(previous_outputs)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {missing}: source folder does not exist; give an article folder or a folder of them\n"


def test_folder_without_facts(tmp_path: Path):
    with pytest.raises(SourceError, match="no facts.yaml in this folder or its subfolders"):
        discover([tmp_path])


def test_folder_of_article_folders_is_sorted(tmp_path: Path):
    for name in ("b-article", "a-article"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "facts.yaml").write_text("article: {}\n")
    (tmp_path / "not-an-article").mkdir()
    assert [p.name for p in discover([tmp_path])] == ["a-article", "b-article"]


def test_evidence_tolerates_curly_quotes_and_whitespace():
    text = ArticleText('He said:\n\n"We  will share\ndata,” she added.')
    found = text.find('"We will share data," she added.')
    assert found is not None
    assert (found.start, found.end) == (10, 43)
    assert found.exact == '"We  will share\ndata,” she added.'
    assert found.prefix == "He said:\n\n"
    assert found.suffix == ""


def test_evidence_offsets_point_into_the_text(bundled_dir: Path):
    facts = read_article(bundled_dir)
    text = (bundled_dir / "article.txt").read_text(encoding="utf-8")
    quote = next(s for s in facts.statements if s.kind == "direct")
    assert text[quote.evidence.start : quote.evidence.end] == quote.evidence.exact
    assert quote.evidence.exact.startswith('"I hope to further promote')
    assert quote.evidence.exact.endswith("burden of cancer,” he stated.")


def reference_find(text: str, excerpt: str) -> tuple[int, int] | None:
    """The slow, obvious way: normalize character by character, remembering each one's offset."""
    quotes = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
              "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'"}
    normalized, origin = [], []
    for offset, ch in enumerate(text):
        if ch.isspace():  # what re's \s matches
            if offset == 0 or not text[offset - 1].isspace():  # a run of them stands as one space
                normalized.append(" ")
                origin.append(offset)
        else:
            normalized.append(quotes.get(ch, ch))
            origin.append(offset)
    wanted = normalize(excerpt)
    found = "".join(normalized).find(wanted) if wanted else -1
    return None if found < 0 else (origin[found], origin[found + len(wanted) - 1] + 1)


PIECES = st.sampled_from(["a", "b", " ", "  ", "\n", "\n\n", "\t ", "“", "”", '"', "’", "'", "é", "何", "\u2028"])


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(PIECES, max_size=30).map("".join), st.lists(PIECES, min_size=1, max_size=6).map("".join))
def test_evidence_offsets_are_those_of_a_character_by_character_search(text: str, excerpt: str):
    found = ArticleText(text).find(excerpt)
    expected = reference_find(text, excerpt)
    assert (found.start, found.end) == expected if found else expected is None
    if found:
        assert found.exact == text[found.start : found.end]


def test_closest_passage_is_suggested():
    text = ArticleText("The forum opened in Lyon.\nDoctors met in Lyon for two days.")
    assert text.closest("doctors met at Lyon") == ("Doctors met in Lyon", 2)


def test_minimal_article_reads(tmp_path: Path):
    facts = read_article(DATA / "articles" / "minimal")
    assert [p.id for p in facts.people] == ["jane-doe", "john-roe"]
    assert facts.events[0].participants.count == 120
    assert facts.events[0].location.evidence.exact == "met in Lyon for the Rural Clinics Forum"


def _article_with_text(tmp_path: Path, make) -> Path:
    folder = tmp_path / "article"
    folder.mkdir()
    shutil.copyfile(MINIMAL / "facts.yaml", folder / "facts.yaml")
    make(folder / "article.txt")
    return folder


def test_inputs_that_are_not_regular_files_a_link_out_of_the_folder(runner, tmp_path: Path):
    """Issue 15, item 5: a link to a credentials file once had it quoted on stderr as the 'closest passage'."""
    secret = tmp_path / "credentials"
    secret.write_text("aws_secret_access_key = hunter2-very-secret\n")
    folder = _article_with_text(tmp_path, lambda text: text.symlink_to(secret))
    result = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {folder / 'article.txt'}: article text is a symbolic link to {secret}, outside the "
                             f"folder {folder}; kg reads only files inside an article's folder, so copy the file there\n")
    assert "hunter2" not in result.output and not (tmp_path / "out" / "graph.ttl").exists()


def test_inputs_that_are_not_regular_files_a_link_inside_the_folder_is_read(runner, tmp_path: Path):
    def link(text: Path) -> None:
        shutil.copyfile(MINIMAL / "article.txt", text.with_name("story.txt"))
        text.symlink_to("story.txt")

    folder = _article_with_text(tmp_path, link)
    assert runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out")]).exit_code == 0


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_inputs_that_are_not_regular_files_a_fifo_or_folder(runner, tmp_path: Path, kind: str):
    folder = _article_with_text(tmp_path, os.mkfifo if kind == "fifo" else Path.mkdir)
    result = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out")])  # a FIFO must not hang it
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {folder / 'article.txt'}: article text is not a file (a folder, FIFO or device); "
                             "give a plain text file\n")


@pytest.mark.parametrize("name", ["environ", "pagemap"])
def test_inputs_that_are_not_regular_files_proc(name: str):
    """/proc files say their size is 0 and read as much as they like: the environment's secrets, or
    without bound."""
    path = Path("/proc/self") / name
    with pytest.raises(SourceError) as raised:
        read_text(path, "article text", MAX_ARTICLE_BYTES)
    message = str(raised.value)
    assert message.startswith(f"{path}: article text is ")
    assert "/proc or a device?" in message or "over the limit" in message
