"""Text helpers every stage shares: prefixed names, shortened text, text safe for a terminal."""

from collections.abc import Iterable, Mapping

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
    return "".join(ch if ch.isprintable() or ch in keep else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)
