"""Written batches → the files of a build, in a staging folder.

Big corpora do not fit in memory as Python strings, so statements stay on disk: each batch's
JSON-LD nodes and TriG blocks are appended to their files in folder order as the batch arrives,
and its sorted N-Triples lines wait in a file of their own. At the end the batches are merged
into one sorted, unique union (by the system's `sort -m`, when there is one and the union is big,
else in memory: both order by code point) to write the merged Turtle from.
"""

import errno
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from graph.collect import Batch
from graph.merge import MergeKeys
from graph.writers import JsonldWriter, TrigWriter

#: Up to this many lines the union is sorted in memory, above it by the system's `sort`.
IN_MEMORY_SORT_LINES = 200_000
#: Files `sort -m` merges at once (it needs a file handle for each).
MERGE_FILES = 128


@dataclass
class Assembly:
    """A build in progress in `stage`, and what the checks and the summary need."""

    stage: Path
    prefixes: dict[str, str]
    lines: int = 0
    typed: dict[str, set[str]] = field(default_factory=dict)
    keys: list[MergeKeys] = field(default_factory=list)
    runs: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.parts = self.stage / "parts"
        self.parts.mkdir()
        self._jsonld_file = (self.stage / "graph.jsonld").open("wb")
        self._trig_file = (self.stage / "graph.trig").open("wb")
        self._jsonld = JsonldWriter(self._jsonld_file, self.prefixes)
        self._trig = TrigWriter(self._trig_file, self.prefixes)

    def add(self, batch: Batch) -> None:
        for writer, suffix in ((self._jsonld, ".jsonld"), (self._trig, ".trig")):
            part = batch.part(suffix)
            with part.open("rb") as read:
                writer.add_part(read)
            part.unlink()
        self.runs.append(batch.part(".nt"))
        self.lines += batch.lines
        for cls, subject in batch.typed:
            self.typed.setdefault(cls, set()).add(subject)
        self.keys.extend(batch.merge)

    def finish(self) -> Path:
        """Close the per-article files; return the sorted, unique union (sortable N-Triples lines)."""
        self._jsonld.close()
        self.close()
        union = self.stage / "union.nt"
        _merge_unique(self.runs, union, self.lines)
        shutil.rmtree(self.parts)
        return union

    def close(self) -> None:
        for handle in (self._jsonld_file, self._trig_file):
            handle.close()


def _merge_unique(runs: list[Path], target: Path, lines: int) -> None:
    """Merge sorted runs into one sorted file without repeated lines."""
    sort = shutil.which("sort")
    if lines <= IN_MEMORY_SORT_LINES or sort is None:
        unique: set[str] = set()
        for run in runs:
            unique.update(run.read_text(encoding="utf-8").splitlines())
        with target.open("wb") as out:
            for start in range(0, len(ordered := sorted(unique)), 100_000):
                out.write("".join(line + "\n" for line in ordered[start : start + 100_000]).encode("utf-8"))
        return
    env = dict(os.environ, LC_ALL="C")
    done = subprocess.run([sort, "-m", "-u", f"--batch-size={MERGE_FILES}", f"--temporary-directory={target.parent}",
                           "-o", str(target), *map(str, runs)], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, errors="replace")
    if done.returncode != 0:  # e.g. a full disk: the build reports it as an output error
        problem = " ".join(done.stderr.split())[:200] or f"exit code {done.returncode}"
        raise OSError(errno.EIO, f"the system's sort failed: {problem}")
