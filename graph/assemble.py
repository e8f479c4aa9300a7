"""Collected articles → the files of a build, in a staging folder.

Big corpora do not fit in memory as Python strings, so statements go to disk as they arrive:
each article's JSON-LD nodes and TriG block straight into their files, its N-Triples lines into
one file that is then sorted and made unique (by the system's `sort`, when there is one and the
file is big, else in memory: both order by code point) to write the merged Turtle from.
"""

import errno
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from graph.collect import ArticleOutput
from graph.merge import MergeKeys
from graph.writers import JsonldWriter, TrigWriter

#: Up to this many lines the union is sorted in memory, above it by the system's `sort`.
IN_MEMORY_SORT_LINES = 200_000


@dataclass
class Assembly:
    """A build in progress in `stage`, and what the checks and the summary need."""

    stage: Path
    prefixes: dict[str, str]
    lines: int = 0
    typed: dict[str, set[str]] = field(default_factory=dict)
    keys: list[MergeKeys] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._all = (self.stage / "all.nt").open("wb")
        self._jsonld_file = (self.stage / "graph.jsonld").open("wb")
        self._trig_file = (self.stage / "graph.trig").open("wb")
        self._jsonld = JsonldWriter(self._jsonld_file, self.prefixes)
        self._trig = TrigWriter(self._trig_file, self.prefixes)

    def add(self, article: ArticleOutput) -> None:
        self._all.write(article.text.encode("utf-8"))
        self._jsonld.add(article.jsonld)
        self._trig.add(article.trig)
        self.lines += article.text.count("\n")
        for cls, subject in article.typed:
            self.typed.setdefault(cls, set()).add(subject)
        self.keys.append(article.merge)

    def finish(self) -> Path:
        """Close the per-article files; return the sorted, unique union (sortable N-Triples lines)."""
        self._jsonld.close()
        self.close()
        union = self.stage / "union.nt"
        _sort_unique(self.stage / "all.nt", union, self.lines)
        (self.stage / "all.nt").unlink()
        return union

    def close(self) -> None:
        for handle in (self._all, self._jsonld_file, self._trig_file):
            handle.close()


def _sort_unique(source: Path, target: Path, lines: int) -> None:
    sort = shutil.which("sort")
    if lines <= IN_MEMORY_SORT_LINES or sort is None:
        text = source.read_text(encoding="utf-8")
        target.write_text("".join(line + "\n" for line in sorted(set(text.splitlines()))),
                          encoding="utf-8", newline="\n")
        return
    env = dict(os.environ, LC_ALL="C")
    done = subprocess.run([sort, "-u", "-S", "256M", "--parallel=2", f"--temporary-directory={source.parent}",
                           "-o", str(target), str(source)], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, errors="replace")
    if done.returncode != 0:  # e.g. a full disk: the build reports it as an output error
        problem = " ".join(done.stderr.split())[:200] or f"exit code {done.returncode}"
        raise OSError(errno.EIO, f"the system's sort failed: {problem}")
