"""Results as a table for people: prefixed names, aligned columns, long text wrapped, a row count."""

import unicodedata
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef

from graph.query.results import QueryResult, Term, term_key
from graph.text import prefixed, terminal_safe

MAX_LINES = 3
NAME_MIN = 24
TEXT_MIN = 16
TEXT_COMFORT = 30
GAP = "  "


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def show(term: Term | None, prefixes: Mapping[str, str]) -> tuple[str, bool]:
    """The cell text of a term, and whether it is a name (kept on one line)."""
    if term is None:
        return "", True
    if isinstance(term, URIRef):
        return terminal_safe(prefixed(str(term), prefixes)), True
    if isinstance(term, BNode):
        return f"_:{term}", True
    assert isinstance(term, Literal)
    text = terminal_safe(" ".join(str(term).split()))
    return (f"{text} @{term.language}" if term.language else text), False


def cut(text: str, width: int) -> str:
    """One line, cut with an ellipsis when it does not fit."""
    if text_width(text) <= width:
        return text
    while text and text_width(text) + 1 > width:
        text = text[:-1]
    return text + "…"


def wrap(text: str, width: int, max_lines: int | None = MAX_LINES) -> list[str]:
    """Word-wrap to a display width; words longer than a line are split; at most `max_lines` lines
    (None: all of it, `kg query --full`)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:
            if text_width(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
    lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [cut(lines[max_lines - 1] + " …", width)]
    return lines


def floors(natural: list[int], headers: list[str], text_columns: list[bool]) -> list[int]:
    """The narrowest each column may get: names are cut below NAME_MIN, text wraps below TEXT_MIN."""
    return [min(n, max(text_width(h), TEXT_MIN if text else NAME_MIN))
            for n, h, text in zip(natural, headers, text_columns)]


def fit(natural: list[int], floor: list[int], text_columns: list[bool], width: int) -> list[int]:
    """Column widths within `width`, the widest giving way first: text columns down to a
    comfortable width (they wrap), then names (they get cut), then text down to its floor."""
    widths = list(natural)
    budget = width - len(GAP) * (len(widths) - 1)
    comfortable = [max(f, min(n, TEXT_COMFORT)) if text else n
                   for n, f, text in zip(natural, floor, text_columns)]
    for limits in (comfortable, [f if not text else c for f, c, text in zip(floor, comfortable, text_columns)],
                   floor):
        while sum(widths) > budget:
            candidates = [i for i in range(len(widths)) if widths[i] > limits[i]]
            if not candidates:
                break
            widest = max(candidates, key=lambda i: widths[i] - limits[i])
            widths[widest] -= 1
    return widths


def shown_columns(floor: list[int], width: int) -> int:
    """How many columns, from the left, fit at their floor widths (at least one)."""
    used, count_ = -len(GAP), 0
    for f in floor:
        if count_ and used + len(GAP) + f > width:
            break
        used += len(GAP) + f
        count_ += 1
    return count_


def pad(text: str, width: int) -> str:
    return text + " " * (width - text_width(text))


def grid(headers: list[str], cells: list[list[tuple[str, bool]]], width: int,
         max_lines: int | None = MAX_LINES) -> tuple[list[str], list[str]]:
    """The table lines, and the headers of the columns left out for lack of width.

    Cells are (text, is_name): names (IRIs, blank nodes) stay on one line, text wraps. Columns
    come left to right, so queries list the readable ones first and the IRIs after.
    """
    natural = [max([text_width(h)] + [text_width(row[i][0]) for row in cells]) for i, h in enumerate(headers)]
    text_columns = [any(not row[i][1] for row in cells) for i in range(len(headers))]
    floor = floors(natural, headers, text_columns)
    keep = shown_columns(floor, width)
    widths = fit(natural[:keep], floor[:keep], text_columns[:keep], width)
    wrapped = [[[cut(text, widths[i])] if is_name else wrap(text, widths[i], max_lines)
                for i, (text, is_name) in enumerate(row[:keep])] for row in cells]
    tall = any(len(lines) > 1 for row in wrapped for lines in row)
    out = [GAP.join(pad(cut(h, w), w) for h, w in zip(headers, widths)).rstrip(),
           GAP.join("-" * w for w in widths)]
    for index, row in enumerate(wrapped):
        if tall and index:
            out.append("")
        for depth in range(max(len(lines) for lines in row)):
            parts = [pad(lines[depth] if depth < len(lines) else "", w) for lines, w in zip(row, widths)]
            out.append(GAP.join(parts).rstrip())
    return out, headers[keep:]


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def table(result: QueryResult, prefixes: Mapping[str, str], width: int = 100,
          max_lines: int | None = MAX_LINES) -> str:
    if result.boolean is not None:
        return ("yes" if result.boolean else "no") + "\n"
    if result.is_graph:
        headers = ["subject", "predicate", "object"]
        triples = sorted(result.triples, key=lambda t: tuple(map(term_key, t)))
        cells = [[show(t, prefixes) for t in triple] for triple in triples]
        footer = count(len(cells), "triple")
    else:
        headers = list(result.variables)
        cells = [[show(t, prefixes) for t in row] for row in result.rows]
        footer = count(len(cells), "row")
    if not headers:
        return footer + "\n"
    lines, hidden = grid(headers, cells, width, max_lines)
    if hidden:
        footer += (f"; {count(len(hidden), 'more column')} not shown ({', '.join(hidden)}): "
                   "widen with --width or use --format csv")
    return "\n".join(lines + [footer]) + "\n"
