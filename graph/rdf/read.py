"""Foreign RDF files (DATA_FORMATS: Turtle, TriG, JSON-LD, N-Triples, N-Quads), read within bounds:
a size limit and a triple limit, UTF-8 checked, and the line of a syntax error even when rdflib's
parser fails without saying where.

Memory follows the triples more than the bytes: rdflib holds about 1.6 to 1.8 KB per triple (27
bytes per byte of the Turtle kg build writes, but 400 per byte of dense Turtle, a million triples
in 3.7 MB), and reads well under 1 MB/s; pyoxigraph's in-memory store needs 550 to 750 bytes per
triple (11 per byte of ours, 140 of dense Turtle). So the commands refuse inputs that would not
fit in a laptop's memory, with a message, instead of swapping for an hour (README.md, "Limits").
KG_MAX_TURTLE_MB replaces both limits, for a bigger machine; it scales the triple limits too.
"""

import logging
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from graph.errors import OptionError, RdfInputError, TooLargeError

MB = 1024 * 1024
#: kg render, stats, validate and query --engine rdflib: all files together.
RDFLIB_MAX_MB = 100
#: kg query --data with Oxigraph (the default engine): all files together.
OXIGRAPH_MAX_MB = 1000
LIMIT_VARIABLE = "KG_MAX_TURTLE_MB"
#: Triples allowed per megabyte of a limit: kg build's own Turtle holds about 15,700 a megabyte
#: (993,361 triples in 63.4 MB at 2,000 articles), so its files meet the byte limit first, while
#: dense Turtle is held to what it holds: 100 MB → 2 million triples, 1000 MB → 20 million.
TRIPLES_PER_MB = 20_000
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class DataFormat:
    """An RDF format kg reads; `dataset`: it may hold named graphs, read as their union."""

    name: str
    label: str
    suffixes: tuple[str, ...]
    oxigraph: str  # the name in pyoxigraph.RdfFormat (imported only when a file is read)
    dataset: bool = False

    def ox(self) -> object:
        import pyoxigraph as ox

        return getattr(ox.RdfFormat, self.oxigraph)


#: Every format kg writes (Turtle, TriG, JSON-LD) and N-Triples / N-Quads: by extension, or
#: --data-format NAME for all the files of a command; any other extension is read as Turtle.
DATA_FORMATS = (
    DataFormat("turtle", "Turtle", (".ttl", ".turtle"), "TURTLE"),
    DataFormat("trig", "TriG", (".trig",), "TRIG", dataset=True),
    DataFormat("json-ld", "JSON-LD", (".jsonld", ".json"), "JSON_LD", dataset=True),
    DataFormat("n-triples", "N-Triples", (".nt",), "N_TRIPLES"),
    DataFormat("n-quads", "N-Quads", (".nq",), "N_QUADS", dataset=True),
)
DATA_FORMAT_NAMES = tuple(f.name for f in DATA_FORMATS)
TURTLE = DATA_FORMATS[0]


def format_of(path: Path, data_format: str | None = None) -> DataFormat:
    """The format named by --data-format, else the one of the file's extension, else Turtle."""
    if data_format is not None:
        for known in DATA_FORMATS:
            if known.name == data_format:
                return known
        raise OptionError(f"--data-format {data_format}: use one of {', '.join(DATA_FORMAT_NAMES)}")
    suffix = path.suffix.lower()
    return next((known for known in DATA_FORMATS if suffix in known.suffixes), TURTLE)


def not_valid(path: Path, fmt: DataFormat, err: SyntaxError) -> RdfInputError:
    """A pyoxigraph parse error as our one line: file, line and column, what is wrong."""
    line, column, message = parse_error(err)
    at = f":{line}" if column is None else f":{line}:{column}"
    if "LoadDocumentCallback" in message:  # JSON-LD naming a remote @context: kg reads files offline
        return RdfInputError(f"{path}: not valid {fmt.label} for kg: its @context is a remote document, which "
                             "kg does not fetch; put the context in the file")
    return RdfInputError(f"{path}{at}: not valid {fmt.label}: {message[:200]}; fix the syntax there")

# rdflib reports an ill-typed literal (a warning with a traceback) and an invalid IRI through
# logging; without a handler Python would print them on stderr, under our one-line message.
logging.getLogger("rdflib").addHandler(logging.NullHandler())

def limit_mb(default_mb: float) -> float:
    raw = os.environ.get(LIMIT_VARIABLE)
    if raw is None or not raw.strip():
        return default_mb
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise OptionError(f"{LIMIT_VARIABLE}={raw!r}: not a number of megabytes; e.g. {LIMIT_VARIABLE}=500")
    return value


def megabytes(size: float) -> str:
    return f"{size / MB:,.1f}" if size >= MB / 10 else f"{size / MB:.2g}"


def not_found(path: Path, fmt: DataFormat) -> RdfInputError:
    return RdfInputError(f"{path}: {fmt.label} file not found; build one with 'kg build' or check the path")


def check_sizes(paths: Sequence[Path], default_mb: float, reader: str, fix: str,
                data_format: str | None = None) -> None:
    """Refuse, before reading anything, RDF files that together are over the reader's limit."""
    limit = limit_mb(default_mb)
    total = 0
    for index, path in enumerate(paths):
        fmt = format_of(path, data_format)
        if not path.is_file():
            raise not_found(path, fmt)
        total += path.stat().st_size
        if total > limit * MB:
            together = " (with the files before it)" if index else ""
            raise TooLargeError(
                f"{path}: {megabytes(total)} MB of {fmt.label}{together} is over the limit of {limit:,g} MB "
                f"for {reader}, which holds the whole graph in memory; {fix}, or raise the limit with "
                f"{LIMIT_VARIABLE}=MEGABYTES"
            )
    check_triples(paths, limit, reader, fix, data_format)


def check_triples(paths: Sequence[Path], limit: float, reader: str, fix: str,
                  data_format: str | None = None) -> None:
    """Refuse files that together hold more than TRIPLES_PER_MB × `limit` triples, counted before
    any reader holds them by Oxigraph's streaming parser (constant memory; about 0.3 s per million
    triples, 1 s for 66 MB of ours), lenient so that it counts what rdflib would read. A triple
    takes at least a byte of Turtle: files smaller than the triple limit in bytes are not counted."""
    import pyoxigraph as ox

    most = int(limit * TRIPLES_PER_MB)
    if sum(path.stat().st_size for path in paths) <= most:
        return
    total = 0
    for index, path in enumerate(paths):
        fmt = format_of(path, data_format)
        data = read_turtle_bytes(path, fmt)
        triples = ox.parse(data, format=fmt.ox(), base_iri=path.resolve().as_uri(), lenient=True)
        try:
            total += sum(1 for _ in islice(triples, most - total + 1))
        except SyntaxError as err:  # every command refuses the file; say where now, before rdflib reads on
            raise not_valid(path, fmt, err) from None
        if total > most:
            together = " (with the files before it)" if index else ""
            raise TooLargeError(
                f"{path}: more than {most:,} triples of {fmt.label}{together}, over the limit for {reader} "
                f"({TRIPLES_PER_MB:,} triples per MB of its {limit:,g} MB limit), which holds the whole graph "
                f"in memory; {fix}, or raise the limit with {LIMIT_VARIABLE}=MEGABYTES"
            )


def read_turtle_bytes(path: Path, fmt: DataFormat = TURTLE) -> bytes:
    """An RDF file's bytes, checked to be UTF-8, without a byte order mark (editors on Windows add one)."""
    if not path.is_file():
        raise not_found(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise RdfInputError(f"{path}: cannot read the file ({err.strerror})") from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise RdfInputError(f"{path}:{line}: not UTF-8 (byte 0x{data[err.start]:02x}); {fmt.label} files are UTF-8") from None
    return data.removeprefix(BOM)


def locate(data: bytes, base: str) -> tuple[int, str] | None:
    """(line, message) of the first syntax error pyoxigraph finds, or None if it reads the data."""
    import pyoxigraph as ox

    try:
        for _ in ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=base):
            pass
    except SyntaxError as err:
        line, _, message = parse_error(err)
        return line, message[:200]
    return None


_OX_POSITION = re.compile(r"^Parser error (?:at|between) line (\d+) (?:column|between columns) (\d+)"
                          r"(?: and (?:line \d+ column )?\d+)?: (.*)$")


def parse_error(err: SyntaxError) -> tuple[int, int | None, str]:
    """(line, column, message) of a pyoxigraph parse error, whose text starts with the position."""
    message = " ".join(str(err.msg).split())
    where = _OX_POSITION.match(message)
    if where:
        return int(where[1]), int(where[2]), where[3]
    return err.lineno or 1, None, re.sub(r"^Parser error [^:]*: ", "", message)


class _InvalidIris(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if " does not look like a valid URI" in message:
            self.found.append(message.split(" does not look like a valid URI")[0])


@contextmanager
def invalid_iris() -> Iterator[list[str]]:
    """The IRIs rdflib let through with a warning (spaces, quotes, '<' ...) while parsing; nothing printed."""
    logger = logging.getLogger("rdflib")
    handler = _InvalidIris()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.found
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
