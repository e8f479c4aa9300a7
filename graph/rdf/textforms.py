"""Sorted N-Triples lines → Turtle, TriG and JSON-LD text, at string speed.

The lines are our own (graph/rdf/terms.py): one statement each, sorted, with rdf:type as a sentinel
that sorts first. Reading them back is a matter of splitting at two spaces, and their literal
tokens are valid in Turtle and in JSON as they are, so no parser or object is needed on the way
out. The layout is for clean diffs: a blank line between subjects, four-space indents, one object
per line.
"""

import re
from collections.abc import Iterable, Mapping

from graph.rdf.terms import TYPE_SENTINEL

#: IRI caches are emptied beyond this many entries: shared IRIs come back at once, unique ones never.
CACHE_ENTRIES = 100_000
_MISSING = object()
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_BARE_INTEGER = re.compile(r'^"[+-]?[0-9]+"$')
_PLAIN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
#: Stands for a line break inside a subject block kept as one sortable line (subject_blocks()).
BLOCK_NEWLINE = "\x02"


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


def trig_block_of(graph_name: str, texts: list[str], compact: Compactor) -> str:
    """The named graph from the Turtle of consecutive runs of its sorted lines (turtle_text()),
    so that text already written for the Turtle file is indented, not made again. Terms never
    hold a raw line break, so every line break is layout."""
    body = "\n".join(text for text in texts if text)[:-1]
    indented = body.replace("\n", "\n    ").replace("\n    \n", "\n\n")
    name = compact(graph_name) or f"<{graph_name}>"
    return f"{name} {{\n    {indented}\n}}\n" if body else f"{name} {{\n\n}}\n"


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


def subject_blocks(lines: list[str], compact: Compactor) -> list[str]:
    """Each subject's Turtle as one sortable line: the subject's token, a space, then its block
    (without the closing ' .') with BLOCK_NEWLINE for line breaks. N-Triples text escapes every
    control character, so BLOCK_NEWLINE and raw line breaks are never in a term."""
    return blocks_of(lines, turtle_text(lines, compact))


def blocks_of(lines: list[str], text: str) -> list[str]:
    """subject_blocks() from the lines' Turtle, when it is wanted for something else too."""
    if not lines:
        return []
    subjects = dict.fromkeys(line[: line.index(" ")] for line in lines)
    blocks = text[:-3].split(" .\n\n")  # no term holds a raw line break
    return [f"{subject} {block.replace(chr(10), BLOCK_NEWLINE)}" for subject, block in zip(subjects, blocks)]
