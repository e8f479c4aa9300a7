"""Written batches → the files of a build, in a staging folder.

Big corpora do not fit in memory as Python strings, so statements stay on disk: each batch's
JSON-LD nodes and TriG blocks are appended to their files in folder order as the batch arrives,
and its sorted N-Triples lines and evidence blocks wait in files of their own. At the end the
batches' files are merged into one sorted, unique union and one sorted file of evidence blocks (by
the system's `sort -m`, when there is one and they are big, else in memory: both order by code
point) to write the merged Turtle from.
"""

import errno
import os
import resource
import shutil
import subprocess
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from graph.corpus.collect import Batch
from graph.files import JSONLD, TRIG
from graph.facts.merge import MergeKeys
from graph.rdf.writers import JsonldWriter, TrigWriter

#: Up to this many lines the union is sorted in memory, above it by the system's `sort`.
IN_MEMORY_SORT_LINES = 200_000
#: Files `sort -m` merges at once at most (it needs a file handle for each; more runs, more passes).
MERGE_FILES = 1000


@dataclass
class Assembly:
    """A build in progress in `stage`, and what the checks and the summary need."""

    stage: Path
    prefixes: dict[str, str]
    lines: int = 0
    evidence_lines: int = 0
    typed: dict[str, set[str]] = field(default_factory=dict)
    keys: list[MergeKeys] = field(default_factory=list)
    stems: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.parts = self.stage / "parts"
        self.parts.mkdir()
        self._jsonld_file = (self.stage / JSONLD).open("wb")
        self._trig_file = (self.stage / TRIG).open("wb")
        self._jsonld = JsonldWriter(self._jsonld_file, self.prefixes)
        self._trig = TrigWriter(self._trig_file, self.prefixes)

    def add(self, batch: Batch) -> None:
        for writer, suffix in ((self._jsonld, ".jsonld"), (self._trig, ".trig")):
            part = batch.part(suffix)
            with part.open("rb") as read:
                writer.add_part(read)
            part.unlink()
        self.stems.append(batch.stem)
        self.lines += batch.lines
        self.evidence_lines += batch.evidence_lines
        for cls, subject in batch.typed:
            self.typed.setdefault(cls, set()).add(subject)
        self.keys.extend(batch.merge)

    def finish(self) -> "Merge":
        """Close the per-article files; start merging the batches' statements into one sorted,
        unique union, and their evidence blocks into one sorted file."""
        self._jsonld.close()
        self.close()
        return Merge([([s.with_suffix(".nt") for s in self.stems], self.stage / "union.nt", self.lines),
                      ([s.with_suffix(".blocks") for s in self.stems], self.stage / "evidence.blocks", self.evidence_lines)])

    def close(self) -> None:
        for handle in (self._jsonld_file, self._trig_file):
            handle.close()


class Merge:
    """Sorted runs merged into one file each, by the system's `sort -m` in the background (the build
    checks its shapes meanwhile), or in memory at once when they are small or there is no `sort`."""

    def __init__(self, jobs: list[tuple[list[Path], Path, int]]):
        self.jobs = jobs
        self.processes: list[subprocess.Popen] = []
        sort = shutil.which("sort")
        for runs, target, lines in jobs:
            if lines <= IN_MEMORY_SORT_LINES or sort is None:
                merge_in_memory(runs, target)
                continue
            merged_at_once = max(2, min(len(runs), MERGE_FILES, resource.getrlimit(resource.RLIMIT_NOFILE)[0] - 3))
            self.processes.append(subprocess.Popen(
                [sort, "-m", "-u", f"--batch-size={merged_at_once}", f"--temporary-directory={target.parent}",
                 "-o", str(target), *map(str, runs)],
                env=dict(os.environ, LC_ALL="C"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))

    def wait(self) -> list[Path]:
        """The merged files, once they are complete; the runs are gone then."""
        for process in self.processes:
            stderr = process.communicate()[1].decode("utf-8", "replace")
            if process.returncode != 0:  # e.g. a full disk: the build reports it as an output error
                problem = " ".join(stderr.split())[:200] or f"exit code {process.returncode}"
                raise OSError(errno.EIO, f"the system's sort failed: {problem}")
        for runs, _, _ in self.jobs:
            for run in runs:
                run.unlink()
        return [target for _, target, _ in self.jobs]

    def stop(self) -> None:
        """End unfinished merges (the build failed or was interrupted meanwhile)."""
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()


def merge_in_memory(runs: list[Path], target: Path) -> None:
    """Sorted runs of lines → one sorted file without repeats. As bytes: UTF-8 sorts in code point
    order, and sorting the runs as they come lets Python's sort merge them (a set would shuffle)."""
    lines: list[bytes] = []
    for run in runs:
        lines += run.read_bytes().split(b"\n")[:-1]  # every line ends with a line break
    ordered = [line for line, _ in groupby(sorted(lines))]
    target.write_bytes(b"\n".join(ordered) + b"\n" if ordered else b"")
