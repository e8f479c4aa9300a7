"""Sorted lines → the Turtle, TriG and JSON-LD files of a build, streaming.

The text comes from graph/rdf/textforms.py. A big Turtle file is written in parts by several
processes at once, each part cut where a subject ends, which gives the same bytes as one pass:
the statements before the evidence, the evidence (whose blocks the workers formatted already,
graph/corpus/collect.py), and the statements after it.
"""

import json
import multiprocessing
from multiprocessing.connection import Connection
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from graph.rdf.textforms import BLOCK_NEWLINE, Compactor, prefix_block, turtle_text
from graph.runtime import holding, quiet_signals

CHUNK_BYTES = 8 * 1024 * 1024
#: A union bigger than this is written by several processes.
PARALLEL_BYTES = 4 * 1024 * 1024
BLOCK_NEWLINE_BYTE = BLOCK_NEWLINE.encode("ascii")
#: The sort key (subject token and a space) at the start of each line of a blocks file.
_BLOCK_KEY = re.compile(rb"^<[^>]*> ", re.MULTILINE)


def _groups(read: BinaryIO, end: int) -> Iterator[list[str]]:
    """Sorted lines up to byte `end`, in pieces of about CHUNK_BYTES that end where a subject ends."""
    carry: list[str] = []
    while read.tell() < end:
        block = read.read(min(CHUNK_BYTES, end - read.tell()))
        block += read.readline() if read.tell() < end and not block.endswith(b"\n") else b""
        lines = carry + block.decode("utf-8").splitlines()
        if read.tell() >= end:
            carry = lines
            break
        subject = lines[-1][: lines[-1].index(" ") + 1]
        cut = len(lines)
        while cut > 0 and lines[cut - 1].startswith(subject):
            cut -= 1
        if cut == 0:
            carry = lines
            continue
        yield lines[:cut]
        carry = lines[cut:]
    if carry:
        yield carry


@dataclass(frozen=True)
class _Part:
    """Bytes [start, end) of a file of sorted statement lines, or of subject blocks."""

    path: Path
    start: int
    end: int
    blocks: bool = False


def _write_part(part: _Part, target: BinaryIO, prefixes: Mapping[str, str]) -> None:
    """The Turtle of a part, pieces a blank line apart (each ends with ' .' and a line break)."""
    first = True
    with part.path.open("rb") as read:
        read.seek(part.start)
        if part.blocks:
            while read.tell() < part.end:
                chunk = read.read(min(CHUNK_BYTES, part.end - read.tell()))
                chunk += read.readline() if read.tell() < part.end and not chunk.endswith(b"\n") else b""
                text = _BLOCK_KEY.sub(b"", chunk).replace(b"\n", b" .\n\n")[:-1].replace(BLOCK_NEWLINE_BYTE, b"\n")
                target.write(text if first else b"\n" + text)
                first = False
            return
        compact = Compactor(prefixes)
        for lines in _groups(read, part.end):
            target.write((("" if first else "\n") + turtle_text(lines, compact)).encode("utf-8"))
            first = False


def _write_part_to_file(part: _Part, target: Path, prefixes: Mapping[str, str], report: Connection) -> None:
    quiet_signals()
    try:
        with target.open("wb") as out:
            _write_part(part, out, prefixes)
    except OSError as err:  # the disk, not a bug: the parent raises it as it was (a full disk is exit 4)
        report.send((err.errno, err.strerror, err.filename))
        raise SystemExit(1) from None


def _middle(union: Path, size: int) -> int | None:
    """A byte offset near the middle where a new subject starts, or None."""
    with union.open("rb") as read:
        read.seek(size // 2)
        window = read.read(1 << 20)
    first = window.find(b"\n") + 1
    if not first:
        return None
    subject = window[first : window.find(b" ", first)]
    position = window.find(b"\n", first)
    while position != -1 and position + 1 < len(window):
        if not window.startswith(subject + b" ", position + 1):
            return size // 2 + position + 1
        position = window.find(b"\n", position + 1)
    return None


def _first_line_from(path: Path, key: bytes) -> int:
    """The offset of the first line of a sorted file that sorts at or after `key` (or its size)."""
    with path.open("rb") as read:

        def line_start(position: int) -> int:
            if position == 0:
                return 0
            read.seek(position - 1)
            read.readline()
            return read.tell()

        def at_or_after(position: int) -> bool:
            read.seek(line_start(position))
            line = read.readline()
            return not line or line >= key

        low, high = 0, path.stat().st_size
        while low < high:
            middle = (low + high) // 2
            if at_or_after(middle):
                high = middle
            else:
                low = middle + 1
        return line_start(low)


def _parts(union: Path, blocks: tuple[Path, str] | None) -> list[_Part]:
    size = union.stat().st_size
    if blocks is None:
        middle = _middle(union, size) if size > PARALLEL_BYTES else None
        cuts = [0, size] if middle is None else [0, middle, size]
        parts = [_Part(union, start, end) for start, end in zip(cuts, cuts[1:])]
    else:
        path, key = blocks
        at = _first_line_from(union, key.encode("utf-8"))
        parts = [_Part(union, 0, at), _Part(path, 0, path.stat().st_size, blocks=True), _Part(union, at, size)]
    return [part for part in parts if part.end > part.start]


def write_turtle(union: Path, out: BinaryIO, prefixes: Mapping[str, str], scratch: Path,
                 blocks: tuple[Path, str] | None = None) -> None:
    """Turtle from the sorted union, and from subject blocks that sort from a key on, if given (all
    of them between two subjects of the union): every prefix bound explicitly, laid out for diffs."""
    out.write((prefix_block(prefixes) + "\n").encode("utf-8"))
    parts = _parts(union, blocks)
    if sum(part.end - part.start for part in parts) <= PARALLEL_BYTES:
        for index, part in enumerate(parts):
            if index:
                out.write(b"\n")
            _write_part(part, out, prefixes)
        return
    targets = [scratch / f"part-{index}.ttl" for index in range(len(parts))]
    context = multiprocessing.get_context("fork")
    pipes = [context.Pipe(duplex=False) for _ in parts]
    workers = [context.Process(target=_write_part_to_file, args=(part, target, prefixes, send))
               for part, target, (_, send) in zip(parts, targets, pipes)]
    try:
        with holding():
            for worker in workers:
                worker.start()
        for worker in workers:
            worker.join()
    finally:  # interrupted (Ctrl-C, SIGTERM): the main process stops the writers
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
                worker.join()
    for worker, (receive, _) in zip(workers, pipes):
        if worker.exitcode != 0:
            if receive.poll():
                raise OSError(*receive.recv())
            raise RuntimeError(f"a Turtle writer process died with exit code {worker.exitcode}")
    for index, target in enumerate(targets):
        if index:
            out.write(b"\n")
        with target.open("rb") as read:
            while block := read.read(CHUNK_BYTES):
                out.write(block)
        target.unlink()


class _Concatenation:
    """Pieces of text written one after another, a separator between them."""

    leading = b""
    separator = b"\n"

    def __init__(self, out: BinaryIO):
        self.out = out
        self.first = True

    def _start(self) -> None:
        self.out.write(self.leading if self.first else self.separator)
        self.first = False

    def add(self, piece: str) -> None:
        if piece:
            self._start()
            self.out.write(piece.encode("utf-8"))

    def add_part(self, read: BinaryIO) -> None:
        """A piece from a file (a batch's, graph/corpus/collect.py), copied as bytes."""
        block = read.read(CHUNK_BYTES)
        if block:
            self._start()
        while block:
            self.out.write(block)
            block = read.read(CHUNK_BYTES)


class JsonldWriter(_Concatenation):
    """graph.jsonld: our prefixes as @context, then node objects, one per line, chunk by chunk.

    A subject that several articles describe has a node object from each; JSON-LD merges them.
    """

    leading = b"\n"
    separator = b",\n"

    def __init__(self, out: BinaryIO, prefixes: Mapping[str, str]):
        super().__init__(out)
        context = json.dumps({"@context": dict(sorted(prefixes.items()))}, ensure_ascii=False, indent=2)
        out.write(f'{context[:-2]},\n  "@graph": ['.encode("utf-8"))

    def close(self) -> None:
        self.out.write(b"\n]\n}\n")


class TrigWriter(_Concatenation):
    """graph.trig: the prefixes, then one named graph block per article, a blank line apart."""

    def __init__(self, out: BinaryIO, prefixes: Mapping[str, str]):
        super().__init__(out)
        out.write((prefix_block(prefixes) + "\n").encode("utf-8"))
