"""Article folders → their statements, JSON-LD nodes and TriG blocks, in files, in parallel.

Reading facts, locating evidence and minting triples is the slow part of a big build, and every
article is independent: worker processes take runs of articles (batches) and write each batch's
text straight into the staging folder, sending back only what the checks need. Sending the text
itself through the pool cost the main process as much CPU as a worker. Batches come back in
folder order, so the output does not depend on the number of workers.
"""

import bisect
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.corpus.cache import ArticleResult, article_key, load, store
from graph.rdf.build import article_lines
from graph.facts.merge import MergeKeys, merge_keys
from graph.runtime import holding, quiet_signals
from graph.facts.read import read_article
from graph.rdf.textforms import Compactor, blocks_of, jsonld_nodes, trig_block_of, turtle_text
from graph.kinds import ENTITY_KINDS, prefixes_of
from graph.vocab import Iris

#: Below this many articles a pool of processes costs more than it saves.
PARALLEL_FROM = 64
#: Articles per batch at most: a batch's text is held in memory until it is written.
MAX_BATCH = 64
#: The classes whose instances a build counts: its summary, and whether it draws the page.
ENTITY_CLASSES = frozenset(str(kind.cls) for kind in ENTITY_KINDS)
#: A worker's IRI caches start afresh beyond this many entries (evidence IRIs never repeat).
CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class Batch:
    """A run of articles, written: `stem`.nt (sorted statement lines, but those about evidence),
    `stem`.blocks (the evidence's Turtle, a sorted line per subject, graph/rdf/textforms.py),
    `stem`.jsonld (node objects, comma-separated), `stem`.trig (named graphs, a blank line apart).

    Evidence belongs to one article (its IRI holds the article's id, graph/vocab.py), so its
    Turtle is final here, in parallel, and most of the merged Turtle is only copied at the end."""

    stem: Path
    articles: int
    lines: int
    evidence_lines: int
    typed: tuple[tuple[str, str], ...]
    merge: tuple[MergeKeys, ...]

    def part(self, suffix: str) -> Path:
        return self.stem.with_suffix(suffix)


_compactors: dict[str, Compactor] = {}


def _compactor(iris: Iris) -> Compactor:
    compact = _compactors.get(iris.base)
    if compact is None or len(compact.cache) > CACHE_LIMIT:
        compact = _compactors[iris.base] = Compactor(prefixes_of(iris))
    return compact


def convert(folder: Path, iris: Iris) -> ArticleResult:
    """Read one article folder and make everything the build takes from it."""
    compact = _compactor(iris)
    evidence_from, evidence_to = iris.evidence_lines()
    facts = read_article(folder)
    lines, types = article_lines(facts, iris)
    low, high = bisect.bisect_left(lines, evidence_from), bisect.bisect_left(lines, evidence_to)
    before, about_evidence, after = lines[:low], lines[low:high], lines[high:]
    evidence_text = turtle_text(about_evidence, compact)
    texts = [turtle_text(before, compact), evidence_text, turtle_text(after, compact)]
    return ArticleResult(
        (*before, *after), tuple(blocks_of(about_evidence, evidence_text)), high - low,
        tuple(pair for pair in types if pair[0] in ENTITY_CLASSES), tuple(jsonld_nodes(lines, compact)),
        trig_block_of(str(iris.of("article", facts.article.id)), texts, compact), merge_keys(facts))


def _converted(folder: Path, iris: Iris, cache: Path | None) -> ArticleResult:
    key = article_key(folder, iris.base) if cache is not None else None
    if cache is None or key is None:
        return convert(folder, iris)
    found = load(cache, key)
    if found is None:
        found = convert(folder, iris)
        store(cache, key, found)
    return found


def process_batch(folders: Sequence[Path], base: str, stem: Path, cache: Path | None = None) -> Batch:
    """Convert each article folder (or take it from the cache); write the batch's files; return the rest."""
    iris = Iris(base)
    statements: list[str] = []
    evidence: list[str] = []
    evidence_lines = 0
    typed: list[tuple[str, str]] = []
    nodes: list[str] = []
    graphs: list[str] = []
    keys: list[MergeKeys] = []
    for folder in folders:
        result = _converted(folder, iris, cache)
        statements += result.statements
        evidence += result.evidence
        evidence_lines += result.evidence_lines
        typed += result.typed
        nodes += result.nodes
        graphs.append(result.graph)
        keys.append(result.keys)
    statements.sort()  # runs of sorted lines: a merge, for Python's sort
    evidence.sort()
    for suffix, content in ((".nt", _lines(statements)), (".blocks", _lines(evidence)), (".jsonld", ",\n".join(nodes)),
                            (".trig", "\n".join(graphs))):
        with stem.with_suffix(suffix).open("wb") as out:
            out.write(content.encode("utf-8"))
    return Batch(stem, len(folders), len(statements), evidence_lines, tuple(typed), tuple(keys))


def _lines(items: list[str]) -> str:
    return "\n".join(items) + "\n" if items else ""


def default_jobs() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0))))


def collect(folders: Sequence[Path], iris: Iris, parts: Path, jobs: int | None = None,
            cache: Path | None = None) -> Iterator[Batch]:
    """A Batch for each run of folders, in folder order, its files written under `parts`; with a
    cache folder, unchanged articles are taken from it."""
    jobs = jobs or default_jobs()
    parallel = jobs > 1 and len(folders) >= PARALLEL_FROM
    size = max(1, min(MAX_BATCH, len(folders) // (jobs * 8))) if parallel else MAX_BATCH
    batches = [(folders[start : start + size], iris.base, parts / f"{index:06d}", cache)
               for index, start in enumerate(range(0, len(folders), size))]
    if not parallel:
        yield from (process_batch(*batch) for batch in batches)
        return
    context = multiprocessing.get_context("fork")
    # A Pool, not a ProcessPoolExecutor: on an error or Ctrl-C, leaving the block terminates the
    # workers at once, where the executor waited for every queued article (or hung).
    pool = None
    try:
        with holding():  # an interruption held back here is raised as the block ends: pool is set
            pool = context.Pool(jobs, initializer=quiet_signals)
        yield from pool.imap(_process_batch, batches, chunksize=1)
    finally:
        if pool is not None:
            pool.terminate()


def _process_batch(job: tuple[Sequence[Path], str, Path, Path | None]) -> Batch:
    return process_batch(*job)
