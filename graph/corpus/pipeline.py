"""The main job: curated sources → validated graph → files in the output folder.

Articles are read and turned into statements in parallel (graph/corpus/collect.py), gathered on disk
(graph/corpus/assemble.py), checked (merge rules, SHACL), and written by streaming writers
(graph/rdf/writers.py) into a staging folder inside the output folder; only when every file is
complete are they renamed into place, so a failure leaves the earlier outputs byte-identical.
"""

import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal

from graph.corpus.assemble import Assembly
from graph.rdf.build import build_graph
from graph.corpus.cache import cache_root
from graph.corpus.collect import collect
from graph.errors import NonConformingError, OutputError, SourceError
from graph.facts.merge import MergeKeys, check_merge
from graph.files import BUILD_OUTPUTS, OUTPUT_DIR, PAGE, TURTLE, move_all
from graph.runtime import Progress
from graph.network import DEFAULT_MAX_NODES
from graph.network.render import build_page
from graph.files import sources_dir
from graph.facts.loader import read_text
from graph.facts.read import MAX_ARTICLE_BYTES, discover, read_article
from graph.kinds import ENTITY_KINDS, prefixes_of
from graph.vocab import KG, SCHEMA, Iris, is_valid_base_iri
from graph.rdf.validate import validate_graph
from graph.rdf.writers import write_turtle

#: Up to this many triples pySHACL (about 5,000 triples/s here) checks the whole graph; above,
#: a sample of articles, and kg validate is there for the full check.
SHACL_FULL_LIMIT = 100_000
SHACL_SAMPLE_ARTICLES = 20
#: A build stages its files in a folder named so in the output folder: host, process id, random.
STAGE_PREFIX = ".kg-build-"

#: What the summary counts: every kind of entity (graph/kinds.py), plural name → (singular, class).
COUNTED = {kind.plural: (kind.singular, kind.cls) for kind in ENTITY_KINDS}


@dataclass
class BuildResult:
    triples: int
    counts: dict[str, int]
    written: list[Path]
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        counts = ", ".join(f"{n:,} {COUNTED[name][0] if n == 1 else name}" for name, n in self.counts.items())
        names = ", ".join(str(p) for p in self.written)
        return f"{self.triples} triples; {counts} → {names}"


class _Clock:
    """Seconds spent in each phase of a build, for the benchmark (scripts/bench.py); a phase may
    come in several laps (a sample is validated while the union is sorted)."""

    PHASES = ("read", "sort", "validate", "turtle", "html", "commit")

    def __init__(self) -> None:
        self.laps: dict[str, float] = dict.fromkeys(self.PHASES, 0.0)
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(self.laps[name] + now - self._last, 3)
        self._last = now


def remove_abandoned_stages(out: Path) -> None:
    """Staging folders of builds killed outright (SIGKILL, power loss) on this machine, whose
    process is gone: a build that was stopped any other way removed its own."""
    host = socket.gethostname()
    for stage in out.glob(f"{STAGE_PREFIX}*"):
        owner = re.fullmatch(rf"{re.escape(STAGE_PREFIX)}(.+)-(\d+)-[^-]+", stage.name)
        if owner is None or owner[1] != host or not stage.is_dir():
            continue
        pid = int(owner[2])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(stage, ignore_errors=True)
            continue
        except (PermissionError, OverflowError):
            pass  # alive, as another user, or no such process id at all
        started = _started_at(pid)
        if started is not None and started > stage.stat().st_mtime + 1:
            shutil.rmtree(stage, ignore_errors=True)  # its id now names a younger process


def _started_at(pid: int) -> float | None:
    """When a process started (seconds since the epoch), from /proc; None where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def make_iris(base_iri: str | None) -> Iris:
    if base_iri is None:
        return Iris()
    if not is_valid_base_iri(base_iri):
        raise SourceError(f"--base-iri {base_iri!r}: not an http(s) IRI ending in '/' or '#'; e.g. https://example.org/kg/")
    return Iris(base_iri)


def _count_lines(path: Path) -> int:
    with path.open("rb") as read:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: read.read(1 << 20), b""))


def check_shapes(folders: Sequence[Path], iris: Iris, graph: Graph | None) -> str | None:
    """SHACL on the whole graph, or on a sample of articles when the graph is large; a note if sampled."""
    note = None
    if graph is None:
        sample = folders[:: max(1, len(folders) // SHACL_SAMPLE_ARTICLES)][:SHACL_SAMPLE_ARTICLES]
        graph = build_graph([read_article(folder) for folder in sample], iris)
        note = (f"note: SHACL checked {len(sample)} of {len(folders)} articles (the graph has over "
                f"{SHACL_FULL_LIMIT:,} triples); run 'kg validate' on graph.ttl for a full check")
    report = validate_graph(graph)
    if not report.conforms:
        raise NonConformingError(
            f"the built graph breaks the shapes ({len(report.results)} result{'s' if len(report.results) != 1 else ''}; "
            f"first: {report.lines()[0]}); "
            "nothing was written"
        )
    return note


def with_article_texts(graph: Graph, keys: Sequence[MergeKeys], iris: Iris) -> Graph:
    """The graph the page draws: each article with its text as schema:articleBody, for the page's
    reading view (the Turtle does not carry the texts; they stay in the article folders). The
    folder and text file come from what the build already read: its merge keys and kg:textFile."""
    for key in keys:
        article = iris.of("article", key.article_id)
        name = str(graph.value(article, KG.textFile))
        text = read_text(Path(key.source).parent / name, "article text", MAX_ARTICLE_BYTES)
        graph.add((article, SCHEMA.articleBody, Literal(text)))
    return graph


def build(sources: Sequence[Path] = (), out: Path = OUTPUT_DIR, base_iri: str | None = None,
          validate: bool = True, max_nodes: int = DEFAULT_MAX_NODES,
          progress: Progress | None = None, jobs: int | None = None, strict: bool = False,
          cache: bool = True) -> BuildResult:
    """Read, merge, build, validate, then write every output at once (or none, on any error; with
    `strict`, on any warning too)."""
    iris = make_iris(base_iri)
    folders = discover(list(sources) or [sources_dir()])
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out}: cannot create the output folder ({err.strerror}); choose another with --out") from None
    remove_abandoned_stages(out)
    try:
        stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{socket.gethostname()}-{os.getpid()}-", dir=out))
    except OSError as err:
        raise OutputError(f"{out}: cannot write into the output folder ({err.strerror}); the earlier files are "
                          "unchanged. Choose another folder with --out") from None
    try:
        return _build_in(stage, folders, out, iris, validate, max_nodes, progress, jobs, strict,
                         cache_root() if cache else None)
    except OSError as err:
        raise OutputError(f"{out}: cannot write the outputs ({err.strerror}); the earlier files are unchanged. "
                          "Free some space or choose another folder with --out") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _build_in(stage: Path, folders: list[Path], out: Path, iris: Iris, validate: bool, max_nodes: int,
              progress: Progress | None, jobs: int | None, strict: bool = False,
              cache: Path | None = None) -> BuildResult:
    prefixes = prefixes_of(iris)
    clock = _Clock()
    assembly = Assembly(stage, prefixes)
    try:
        done = 0
        for batch in collect(folders, iris, assembly.parts, jobs, cache):
            assembly.add(batch)
            done += batch.articles
            if progress:
                progress(done, len(folders))
        notes = check_merge(assembly.keys)
        if strict and notes:
            raise SourceError(f"{notes[0].removeprefix('warning: ')} (--strict: {len(notes)} warning"
                              f"{'s' if len(notes) > 1 else ''}, nothing was written; fix them or build without --strict)")
    except BaseException:
        assembly.close()
        raise
    clock.lap("read")
    merge = assembly.finish()
    try:
        # Over the limit before duplicates go, and in all likelihood after: check a sample of the
        # articles while the system's sort merges the union, on the other core.
        sampled = check_shapes(folders, iris, None) if validate and assembly.lines > SHACL_FULL_LIMIT else None
        clock.lap("validate")
        union, evidence = merge.wait()
    finally:
        merge.stop()
    clock.lap("sort")
    with (stage / TURTLE).open("wb") as ttl:
        write_turtle(union, ttl, prefixes, stage, (evidence, iris.evidence_lines()[0]))
    clock.lap("turtle")
    # evidence is never in two articles (graph/corpus/collect.py): its statements are all different
    triples = _count_lines(union) + assembly.evidence_lines
    counts = {name: len(assembly.typed.get(str(cls), ())) for name, (_, cls) in COUNTED.items()}
    entities = sum(counts.values())
    graph = None
    if triples <= SHACL_FULL_LIMIT or entities <= max_nodes:
        graph = Graph(bind_namespaces="none").parse(stage / "graph.ttl", format="turtle")
    if validate and triples <= SHACL_FULL_LIMIT:
        check_shapes(folders, iris, graph)
    elif validate:  # the sample may not have run: evidence took the graph over the limit
        notes.append(sampled or check_shapes(folders, iris, None))
    clock.lap("validate")
    page, note = (None, None)
    if entities > max_nodes:
        note = (f"Note: graph.html skipped: {entities:,} entities is more than {max_nodes:,}; "
                f"render one entity's neighbourhood with: kg render {out / 'graph.ttl'} --focus ID_OR_NAME")
    else:
        page, note = build_page(with_article_texts(graph, assembly.keys, iris), out / TURTLE, max_nodes)
    if page is not None:
        (stage / PAGE).write_bytes(page)
    elif note:
        notes.append(note)
    clock.lap("html")
    names = [name for name in BUILD_OUTPUTS if page is not None or name != PAGE]
    # without a new page, an earlier one would show another graph
    written = move_all(stage, names, out, remove=[PAGE] if page is None else [])
    clock.lap("commit")
    return BuildResult(triples, counts, written, notes, clock.laps)
