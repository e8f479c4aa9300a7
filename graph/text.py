"""Text helpers every stage shares: prefixed names, shortened text, text safe for a terminal."""

from collections.abc import Iterable, Mapping
from typing import TextIO

ELLIPSIS = "…"
_LOCAL_OK = frozenset("-_.")


def prefixed(iri: str, prefixes: Mapping[str, str] | Iterable[tuple[str, str]]) -> str:
    """prefix:local with the longest namespace that leaves a plain local name (valid in Turtle
    and SPARQL), else <iri>; how a person reads an IRI in tables, messages and the page."""
    pairs = prefixes.items() if isinstance(prefixes, Mapping) else prefixes
    best_name, best_ns = "", ""
    for name, namespace in pairs:
        namespace = str(namespace)
        local = iri[len(namespace):]
        if (iri.startswith(namespace) and local and len(namespace) > len(best_ns)
                and all(ch.isalnum() or ch in _LOCAL_OK for ch in local)
                and local[0] not in "-." and not local.endswith(".")):
            best_name, best_ns = name, namespace
    return f"{best_name}:{iri[len(best_ns):]}" if best_ns else f"<{iri}>"


def shorten(text: str, limit: int) -> str:
    """White space collapsed to single spaces; cut with an ellipsis when longer than `limit`."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def terminal_safe(text: str, keep: str = "") -> str:
    """Control characters (ESC, BEL, bidi overrides such as U+202E, line breaks) shown as escapes,
    so text quoted from a file cannot move the cursor, recolour or reorder the user's terminal.
    `keep`: characters let through as they are (a table's own line breaks)."""
    if text.isprintable():  # the common case, at C speed
        return text
    return "".join(ch if ch.isprintable() or ch in keep else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is a terminal: the one place kg asks, so that a test can pretend it is."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


def for_stream(text: str, stream: TextIO, exact: bool = False) -> str:
    """`text` as kg writes it to `stream`. Text for people (tables, summaries, notes) is always
    escaped by terminal_safe; a machine format (`exact`: csv, tsv, json, xml, turtle, SPARQL) goes
    byte for byte into a file or a pipe, and is escaped too on a terminal, where a raw ESC, BEL or
    U+202E from the data would retitle, clear or reorder it. Line ends (also CSV's CRLF) and tabs stay."""
    if exact and not is_terminal(stream):
        return text
    return "\n".join(_safe_line(line[:-1]) + "\r" if line.endswith("\r") else _safe_line(line)
                     for line in text.split("\n"))


def _safe_line(line: str) -> str:
    return line if line.replace("\t", "").isprintable() else terminal_safe(line, keep="\t")


def plural(count: int, one: str, many: str) -> str:
    """'1 entity', '7,670 entities'."""
    return f"{count:,} {one if count == 1 else many}"
