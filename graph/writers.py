"""Sorted N-Triples lines → Turtle, TriG and JSON-LD text, fast and streaming.

The lines are our own (graph/terms.py): one statement each, sorted, with rdf:type as a sentinel
that sorts first. Reading them back is a matter of splitting at two spaces, and their literal
tokens are valid in Turtle and in JSON as they are, so no parser or object is needed on the way
out: big graphs are written at string speed. The layout is for clean diffs: a blank line between
subjects, four-space indents, one object per line. A big union is written in two halves by two
processes, cut where a subject ends, which gives the same bytes as one pass.
"""

import json
import multiprocessing
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from graph.terms import TYPE_SENTINEL

CHUNK_BYTES = 8 * 1024 * 1024
#: IRI caches are emptied beyond this many entries: shared IRIs come back at once, unique ones never.
CACHE_ENTRIES = 100_000
_MISSING = object()
#: A union bigger than this is written by two processes.
PARALLEL_BYTES = 4 * 1024 * 1024
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_BARE_INTEGER = re.compile(r'^"[+-]?[0-9]+"$')
_PLAIN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")


def prefix_block(prefixes: Mapping[str, str]) -> str:
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(prefixes.items()))


class Compactor:
    """IRI → prefixed name when the local part is plain (valid in Turtle and JSON-LD), cached."""

    def __init__(self, prefixes: Mapping[str, str]):
        self.by_namespace = {iri: name for name, iri in prefixes.items()}
        self.cache: dict[str, str | None] = {}
        self._turtle: _TurtleTerms | None = None
        self.json_ids: dict[str, str] = {}
        self.json_keys: dict[str, str] = {}
        self.json_types: dict[str, str] = {}

    def __call__(self, iri: str) -> str | None:
        found = self.cache.get(iri, _MISSING)
        if found is _MISSING:
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            name, local = self.by_namespace.get(iri[:cut]), iri[cut:]
            found = f"{name}:{local}" if name and _PLAIN_LOCAL.match(local) else None
            if len(self.cache) > CACHE_ENTRIES:  # most IRIs (evidence, claims) come once: keep it small
                self.cache.clear()
            self.cache[iri] = found
        return found

    def jsonld(self, iri: str) -> str:
        return self(iri) or iri

    @property
    def turtle_terms(self) -> "_TurtleTerms":
        """Token → Turtle text, kept with the compactor so the cache lasts across articles."""
        if self._turtle is None:
            self._turtle = _TurtleTerms(self)
        return self._turtle


class _TurtleTerms:
    def __init__(self, compact: Compactor):
        self.compact = compact
        self.cache: dict[str, str] = {TYPE_SENTINEL: "a"}

    def __call__(self, token: str) -> str:
        found = self.cache.get(token)
        if found is not None:
            return found
        if token[0] == "<":
            found = self.compact(token[1:-1]) or token
            if len(self.cache) > CACHE_ENTRIES:
                self.cache.clear()
                self.cache[TYPE_SENTINEL] = "a"
            self.cache[token] = found
            return found
        if token[0] == '"' and token[-1] != '"':
            close = token.rindex('"')
            value, suffix = token[: close + 1], token[close + 1 :]
            if suffix.startswith("^^<"):
                datatype = suffix[3:-1]
                if datatype == XSD + "integer" and _BARE_INTEGER.match(value):
                    return value[1:-1]
                return f"{value}^^{self.compact(datatype) or suffix[2:]}"
        return token


def turtle_text(lines: Iterable[str], compact: Compactor, indent: str = "") -> str:
    """Turtle statements (no prefixes) from sorted lines, one object per line, each line indented."""
    resolve = compact.turtle_terms
    cache = resolve.cache
    out: list[str] = []
    append = out.append
    new_subject, new_predicate, new_object = indent, f" ;\n{indent}    ", f",\n{indent}        "
    previous_s = previous_p = None
    for line in lines:
        s, p, o = line.split(" ", 2)
        o = o[:-2]
        obj = o if o[-1] == '"' else (cache.get(o) or resolve(o))
        if s != previous_s:
            append(f"{new_subject}{cache.get(s) or resolve(s)} {cache.get(p) or resolve(p)} {obj}")
            new_subject = f" .\n\n{indent}"
            previous_s, previous_p = s, p
        elif p != previous_p:
            append(f"{new_predicate}{cache.get(p) or resolve(p)} {obj}")
            previous_p = p
        else:
            append(f"{new_object}{obj}")
    if previous_s is not None:
        append(" .\n")
    return "".join(out)


def trig_block(graph_name: str, lines: list[str], compact: Compactor) -> str:
    """One named graph of the TriG file, laid out like the Turtle and indented inside braces."""
    name = compact(graph_name) or f"<{graph_name}>"
    return f"{name} {{\n" + turtle_text(lines, compact, "    ").rstrip("\n") + "\n}\n"


def _json_value(token: str, compact: Compactor) -> str:
    """An object token as a JSON-LD value (IRIs are cached by the caller)."""
    if token[0] == "<":
        return f'{{"@id": "{compact.jsonld(token[1:-1])}"}}'
    if token[0] == "_":
        return f'{{"@id": "{token}"}}'
    if token[-1] == '"':
        return token
    close = token.rindex('"')
    value, suffix = token[: close + 1], token[close + 1 :]
    if suffix[0] == "@":
        return f'{{"@value": {value}, "@language": "{suffix[1:]}"}}'
    return f'{{"@value": {value}, "@type": "{compact.jsonld(suffix[3:-1])}"}}'


def _json_key(predicate: str, obj: str, compact: Compactor) -> str:
    if predicate == TYPE_SENTINEL:
        return '"@type": ' if obj[0] == "<" else f'"{compact.jsonld(RDF_TYPE)}": '
    return f'"{compact.jsonld(predicate[1:-1])}": '


def jsonld_nodes(lines: Iterable[str], compact: Compactor) -> list[str]:
    """One JSON-LD node object per subject (a line of text each), from sorted lines."""
    keys, ids, types = compact.json_keys, compact.json_ids, compact.json_types
    nodes: list[str] = []
    subject = key = None
    fields: list[str] = []
    values: list[str] = []
    for line in lines:
        s, p, o = line.split(" ", 2)
        o = o[:-2]
        if p == TYPE_SENTINEL and o[0] == "<":
            k = '"@type": '
            v = types.get(o)
            if v is None:
                v = types[o] = f'"{compact.jsonld(o[1:-1])}"'
        else:
            k = keys.get(p) if p != TYPE_SENTINEL else None
            if k is None:
                k = _json_key(p, o, compact)
                if p != TYPE_SENTINEL:
                    keys[p] = k
            if o[-1] == '"':
                v = o
            else:
                v = ids.get(o)
                if v is None:
                    v = _json_value(o, compact)
                    if o[0] == "<":
                        ids[o] = v
        if s != subject:
            if subject is not None:
                fields.append(key + (values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"))
                nodes.append("{" + ", ".join(fields) + "}")
            subject, key, values = s, k, [v]
            fields = [f'"@id": "{s if s[0] == "_" else compact.jsonld(s[1:-1])}"']
        elif k == key:
            values.append(v)
        else:
            fields.append(key + (values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"))
            key, values = k, [v]
    if subject is not None:
        fields.append(key + (values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"))
        nodes.append("{" + ", ".join(fields) + "}")
    return nodes


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


def _segment(union: Path, start: int, end: int, target: BinaryIO, compact: Compactor) -> None:
    """Write the Turtle of the lines in bytes [start, end) of the union, a blank line between pieces."""
    first = True
    with union.open("rb") as read:
        read.seek(start)
        for lines in _groups(read, end):
            target.write((("" if first else "\n") + turtle_text(lines, compact)).encode("utf-8"))
            first = False


def _segment_to_file(union: Path, start: int, end: int, target: Path, prefixes: Mapping[str, str]) -> None:
    with target.open("wb") as out:
        _segment(union, start, end, out, Compactor(prefixes))


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


def _quiet_segment_to_file(*args) -> None:
    from graph.signals import quiet_signals

    quiet_signals()
    _segment_to_file(*args)


def write_turtle(union: Path, out: BinaryIO, prefixes: Mapping[str, str], scratch: Path) -> None:
    """Turtle from the sorted union: every prefix bound explicitly, laid out for diffs."""
    out.write((prefix_block(prefixes) + "\n").encode("utf-8"))
    size = union.stat().st_size
    middle = _middle(union, size) if size > PARALLEL_BYTES else None
    if middle is None:
        _segment(union, 0, size, out, Compactor(prefixes))
        return
    targets = [scratch / "part-0.ttl", scratch / "part-1.ttl"]
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_quiet_segment_to_file, args=(union, start, end, target, prefixes))
               for (start, end), target in zip([(0, middle), (middle, size)], targets)]
    from graph.signals import holding

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
    if any(worker.exitcode != 0 for worker in workers):
        raise OSError(5, "a Turtle writer process failed")
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
        """A piece from a file (a batch's, graph/collect.py), copied as bytes."""
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
