"""README says what the code does: its tables are made from the code, or checked against it."""

import re

import click

from conftest import ROOT
from graph.cli import cli
from graph.query import catalog

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return README.split(f"\n{title}\n", 1)[1].split("\n#", 1)[0]


def test_the_named_queries_table_is_the_catalogs():
    """Regenerate with: python -c 'from graph.query.catalog import markdown_table; print(markdown_table())'"""
    table = "\n".join(line for line in section("### The named queries").splitlines() if line.startswith("|"))
    assert table + "\n" == catalog.markdown_table()


def test_the_commands_table_names_every_command_and_option():
    rows = {match[1]: match[0] for match in re.findall(r"^\| `(kg (\w+)[^`]*)` \|", section("## Commands"), re.M)}
    commands = {name: command for name, command in cli.commands.items()}
    assert set(rows) == set(commands)
    for name, command in commands.items():
        options = [opt for param in command.params if isinstance(param, click.Option)
                   for opt in param.opts + param.secondary_opts if opt.startswith("--") and opt != "--help"]
        missing = [opt for opt in options if not re.search(re.escape(opt) + r"(?![\w-])", rows[name])]
        assert missing == [], f"README's row for kg {name} lacks {missing}"


def example_queries() -> list[tuple[str, list[list[str]]]]:
    """README's example SPARQL queries, each with the table of answers shown under it."""
    text = section("## Example SPARQL queries")
    blocks = re.findall(r"```sparql\n(SELECT[^`]*)```\n\n((?:\|[^\n]*\n)+)", text)
    prefixes = re.search(r"```sparql\n(PREFIX.*?)```", text, re.S)[1]
    return [(prefixes + query, [[cell.strip() for cell in line.strip("|\n").split("|")]
                                for line in table.splitlines()[2:]]) for query, table in blocks]


def test_readme_examples_answer_as_shown_in_both_engines(built):
    import csv
    import io

    from graph.query.run import run_query

    examples = example_queries()
    assert len(examples) >= 3
    for query, rows in examples:
        for engine in ("oxigraph", "rdflib"):
            answer = run_query(text=query, data=[built / "graph.ttl"], engine=engine, fmt="csv")
            found = list(csv.reader(io.StringIO(answer.render())))[1:]
            assert found == rows, (engine, query)


def test_the_contents_link_every_section_in_order():
    titles = re.findall(r"^## (.+)$", README, re.M)
    assert titles[0] == "Contents"
    listed = re.findall(r"^- \[(.+?)\]\(#([\w-]+)\)$", section("## Contents"), re.M)

    def anchor(title: str) -> str:  # GitHub's: lower case, punctuation dropped, spaces as hyphens
        return re.sub(r"[^\w\- ]", "", title.lower()).strip().replace(" ", "-")

    assert [(name, link) for name, link in listed] == [(t.replace("`", ""), anchor(t)) for t in titles[1:]]
