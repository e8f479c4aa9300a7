"""`kg draft` (graph/draft/): an article's text → the first draft of its facts file.

Every draft must build; bad inputs get one exact line; a facts file is never replaced without
--force; standard input works; the same text gives the same bytes. Small cases in
tests/data/draft/<case>/ hold an article.txt and an expect.yaml of lines the draft must hold.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROOT
from graph.cli import cli
from graph.draft.pipeline import draft
from graph.files import bundled_article

ARTICLES = sorted(p for p in (DATA / "articles").iterdir() if (p / "article.txt").is_file())
CASES = sorted(p for p in (DATA / "draft").iterdir() if (p / "expect.yaml").is_file())
MB = 1024 * 1024


def drafted(runner, source: Path, out: Path, *extra: str):
    result = runner.invoke(cli, ["draft", str(source), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result


def builds(runner, folder: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "built"), "--quiet"])
    assert result.exit_code == 0, result.output


def test_the_bundled_article_drafts_into_a_folder_that_builds(runner, tmp_path: Path):
    source = bundled_article() / "article.txt"
    result = drafted(runner, source, tmp_path / "troib", "--published", "2024-11-16")
    assert result.output.startswith(f"{tmp_path / 'troib' / 'facts.yaml'}: 4 people, ")
    assert result.output.count("\n") == 1
    assert (tmp_path / "troib" / "article.txt").read_bytes() == source.read_bytes()
    builds(runner, tmp_path / "troib", tmp_path)


def test_readme_shows_what_draft_and_score_print_for_the_bundled_article(runner, tmp_path: Path, capsys):
    from graph.draft.score import main as score_main

    folder = bundled_article()
    out = tmp_path / "troib"
    summary = drafted(runner, folder / "article.txt", out, "--published", "2024-11-16").output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert summary.replace(str(out), "/tmp/troib") in readme
    assert score_main([str(out), str(folder)]) == 0
    assert capsys.readouterr().out in readme


def test_the_bundled_draft_finds_what_the_curated_facts_hold(tmp_path: Path):
    facts = yaml.safe_load(draft((bundled_article() / "article.txt").read_text(encoding="utf-8")).facts)
    assert {p["name"] for p in facts["people"]} == {"Chen Zhu", "Victor Joseph Dzau", "He Jie", "Mathilde Moreau"}
    assert {(a["person"], a["role"], a["organization"]) for a in facts["affiliations"]} >= {
        ("he-jie", "director", "national-cancer-center-of-china"),
        ("victor-joseph-dzau", "president", "united-states-national-academy-of-medicine")}
    direct = [s for s in facts["statements"] if s["kind"] == "direct"]
    assert [(s["speaker"], s["verb"]) for s in direct] == [("he-jie", "stated")]
    event = facts["events"][0]
    assert (event["date"], event["organizer"], event["location"]) == (
        "2024-11-16", "national-cancer-center-of-china", "beijing")


@pytest.mark.parametrize("folder", ARTICLES, ids=lambda p: p.name)
def test_every_gallery_text_drafts_and_builds(runner, folder: Path, tmp_path: Path):
    published = yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))["article"].get("published")
    extra = ["--published", str(published)] if published else []
    drafted(runner, folder / "article.txt", tmp_path / "draft", *extra)
    builds(runner, tmp_path / "draft", tmp_path)


@pytest.mark.parametrize("folder", ARTICLES, ids=lambda p: p.name)
def test_a_draft_without_a_publication_date_builds_too(runner, folder: Path, tmp_path: Path):
    drafted(runner, folder / "article.txt", tmp_path / "draft")
    builds(runner, tmp_path / "draft", tmp_path)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_small_case_drafts_what_it_expects(runner, case: Path, tmp_path: Path):
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    drafted(runner, case / "article.txt", tmp_path / "draft", *expect.get("options", []))
    facts = (tmp_path / "draft" / "facts.yaml").read_text(encoding="utf-8")
    for line in expect["lines"]:
        assert line in facts, line
    for line in expect.get("absent", []):
        assert line not in facts, line
    builds(runner, tmp_path / "draft", tmp_path)


def test_without_out_the_folder_is_named_from_the_headline(runner, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = DATA / "articles" / "minimal" / "article.txt"
    result = runner.invoke(cli, ["draft", str(source)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("forum-on-rural-clinics-opens-in-lyon/facts.yaml: ")
    assert (tmp_path / "forum-on-rural-clinics-opens-in-lyon" / "article.txt").is_file()


def test_a_facts_file_is_replaced_only_with_force(runner, tmp_path: Path):
    source = DATA / "articles" / "minimal" / "article.txt"
    out = tmp_path / "draft"
    out.mkdir()
    (out / "facts.yaml").write_text("# curated by hand\n", encoding="utf-8")
    result = runner.invoke(cli, ["draft", str(source), "--out", str(out)])
    assert result.exit_code == 2
    assert result.output == (f"Error: {out / 'facts.yaml'}: a facts file is already there; give --force to replace "
                             "it, or another --out\n")
    assert (out / "facts.yaml").read_text(encoding="utf-8") == "# curated by hand\n"
    drafted(runner, source, out, "--force")
    assert (out / "facts.yaml").read_text(encoding="utf-8").startswith("# Drafted by `kg draft`")


def test_another_text_in_the_folder_is_not_replaced(runner, tmp_path: Path):
    out = tmp_path / "draft"
    out.mkdir()
    (out / "article.txt").write_text("Another story\n", encoding="utf-8")
    result = runner.invoke(cli, ["draft", str(DATA / "articles" / "minimal" / "article.txt"), "--out", str(out)])
    assert result.exit_code == 2
    assert result.output == (f"Error: {out / 'article.txt'}: holds another text; give --force to replace it, or "
                             "another --out\n")


def test_dash_reads_standard_input(runner, tmp_path: Path):
    text = (DATA / "articles" / "minimal" / "article.txt").read_text(encoding="utf-8")
    result = runner.invoke(cli, ["draft", "-", "--out", str(tmp_path / "draft")], input=text)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "draft" / "article.txt").read_text(encoding="utf-8") == text
    assert "name: Jane Doe" in (tmp_path / "draft" / "facts.yaml").read_text(encoding="utf-8")


def test_the_same_text_gives_the_same_bytes(runner, tmp_path: Path):
    source = bundled_article() / "article.txt"
    drafted(runner, source, tmp_path / "one", "--published", "2024-11-16")
    drafted(runner, source, tmp_path / "two", "--published", "2024-11-16")
    assert (tmp_path / "one" / "facts.yaml").read_bytes() == (tmp_path / "two" / "facts.yaml").read_bytes()
    text = source.read_text(encoding="utf-8")
    assert draft(text).facts == draft(text).facts


def _bad(tmp_path: Path, name: str, content: bytes | None = None, size: int | None = None) -> Path:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    if size is not None:
        with path.open("wb") as handle:
            handle.truncate(size)  # sparse: no 50 MB written
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp: _bad(tmp, "empty.txt", b""), "{path}: the text is empty; give the article's text, its headline "
                                              "on the first line"),
    (lambda tmp: _bad(tmp, "blank.txt", b" \n\n\t\n"), "{path}: the text is empty; give the article's text, its "
                                                         "headline on the first line"),
    (lambda tmp: _bad(tmp, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
     "{path}: not a text file (it holds NUL bytes); give the article as plain UTF-8 text"),
    (lambda tmp: _bad(tmp, "latin1.txt", "Caf\xe9 opens\n".encode("latin-1")),
     "{path}:1: the text is not UTF-8 (byte 0xe9 at column 4); save it as UTF-8"),
    (lambda tmp: _bad(tmp, "big.txt", size=50 * MB),
     "{path}: the text is 50.0 MB, over the limit of 5 MB that kg build accepts; split it into several articles"),
    (lambda tmp: tmp / "missing.txt", "{path}: file not found; give the article's text file, or - to read standard "
                                      "input"),
    (lambda tmp: tmp, "{path}: is a folder; give the article's text file"),
], ids=["empty", "blank", "binary", "not-utf8", "50-mb", "missing", "folder"])
def test_bad_input_is_one_line_and_exit_2(runner, tmp_path: Path, make, message: str):
    path = make(tmp_path)
    result = runner.invoke(cli, ["draft", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == "Error: " + message.format(path=path) + "\n"
    assert not (tmp_path / "out").exists()


def test_bad_standard_input_names_it(runner, tmp_path: Path):
    result = runner.invoke(cli, ["draft", "-", "--out", str(tmp_path / "out")], input="")
    assert result.exit_code == 2
    assert result.output == "Error: standard input: the text is empty; give the article's text, its headline on " \
                            "the first line\n"


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--published", "16 Nov 2024", "--published '16 Nov 2024' is not a date; write it as YYYY-MM-DD, e.g. 2024-11-16"),
    ("--published", "2024-02-30", "--published '2024-02-30' is not a date; write it as YYYY-MM-DD, e.g. 2024-11-16"),
    ("--url", "example.org/story", "--url 'example.org/story' is not an address kg build accepts; give one starting "
                                   "with http:// or https://, with no spaces, quotes or < >"),
])
def test_bad_options_are_one_line_and_exit_2(runner, tmp_path: Path, option: str, value: str, message: str):
    source = DATA / "articles" / "minimal" / "article.txt"
    result = runner.invoke(cli, ["draft", str(source), "--out", str(tmp_path / "out"), option, value])
    assert result.exit_code == 2
    assert result.output == f"Error: {message}\n"


def test_publisher_and_url_go_into_the_article(runner, tmp_path: Path):
    source = DATA / "articles" / "minimal" / "article.txt"
    drafted(runner, source, tmp_path / "d", "--publisher", "Example Wire", "--url", "https://example.org/a/1",
            "--published", "2025-03-03")
    facts = yaml.safe_load((tmp_path / "d" / "facts.yaml").read_text(encoding="utf-8"))["article"]
    assert (facts["publisher"], facts["url"], facts["published"]) == ("example-wire", "https://example.org/a/1",
                                                                    "2025-03-03")
    builds(runner, tmp_path / "d", tmp_path)


def test_an_unwritable_folder_is_an_output_error(runner, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    result = runner.invoke(cli, ["draft", str(DATA / "articles" / "minimal" / "article.txt"),
                                 "--out", str(blocker / "out")])
    assert result.exit_code == 4, result.output


def test_kg_help_does_not_load_the_drafter():
    code = ("import sys; from graph.cli import cli; cli.main(['--help'], standalone_mode=False); "
            "print([m for m in sys.modules if m.startswith('graph.draft')], file=sys.stderr)")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.startswith("Usage: ") and result.stderr.strip() == "[]"
