"""Article folders → each article's statements as sorted N-Triples text, in parallel.

Reading facts, locating evidence and minting triples is the slow part of a big build, and every
article is independent: worker processes do it and hand back plain text. Results come back in
folder order, so the output does not depend on the number of workers.
"""

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from graph.build import article_lines
from graph.merge import MergeKeys, merge_keys
from graph.sources import read_article
from graph.terms import TYPE_SENTINEL
from graph.vocab import Iris
from graph.signals import holding, quiet_signals
from graph.writers import Compactor, jsonld_nodes, trig_block

#: Below this many articles a pool of processes costs more than it saves.
PARALLEL_FROM = 64
#: A worker's IRI caches start afresh beyond this many entries (evidence IRIs never repeat).
CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class ArticleOutput:
    """One article, ready to assemble: sortable N-Triples text, its JSON-LD nodes, its TriG block."""

    article_iri: str
    text: str
    jsonld: str
    trig: str
    typed: tuple[tuple[str, str], ...]
    merge: MergeKeys


_compactors: dict[str, Compactor] = {}


def process(folder: Path, base: str) -> ArticleOutput:
    """One article folder → its sorted statements, its (class, subject) pairs and its merge keys."""
    iris = Iris(base)
    facts = read_article(folder)
    lines = article_lines(facts, iris)
    marker = f" {TYPE_SENTINEL} <"
    typed = tuple((line[line.index(marker) + len(marker) : -3], line[1 : line.index(">")])
                  for line in lines if marker in line)
    compact = _compactors.get(base)
    if compact is None or len(compact.cache) > CACHE_LIMIT:
        compact = _compactors[base] = Compactor(iris.prefixes())
    article = str(iris.of("article", facts.article.id))
    return ArticleOutput(article, "".join(line + "\n" for line in lines), ",\n".join(jsonld_nodes(lines, compact)),
                         trig_block(article, lines, compact), typed, merge_keys(facts))


def default_jobs() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0))))


def collect(folders: Sequence[Path], iris: Iris, jobs: int | None = None) -> Iterator[ArticleOutput]:
    """ArticleOutput for each folder, in folder order."""
    jobs = jobs or default_jobs()
    if jobs == 1 or len(folders) < PARALLEL_FROM:
        yield from map(process, folders, repeat(iris.base))
        return
    context = multiprocessing.get_context("fork")
    # A Pool, not a ProcessPoolExecutor: on an error or Ctrl-C, leaving the block terminates the
    # workers at once, where the executor waited for every queued article (or hung).
    pool = None
    try:
        with holding():  # an interruption held back here is raised as the block ends: pool is set
            pool = context.Pool(jobs, initializer=quiet_signals)
        chunk = max(1, min(32, len(folders) // (jobs * 16)))
        yield from pool.imap(_process, zip(folders, repeat(iris.base)), chunksize=chunk)
    finally:
        if pool is not None:
            pool.terminate()


def _process(job: tuple[Path, str]) -> ArticleOutput:
    return process(*job)
