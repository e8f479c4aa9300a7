#!/usr/bin/env python3
"""Fuzz the loaders: damaged facts files, article texts and foreign Turtle through the real CLI.

A deterministic, mutation-based sweep: one random.Random(seed) picks, for each case, a seed input
(tests/data/articles/minimal, output/graph.ttl, tests/data/shapes/*.ttl), one to three mutations
(truncated, garbage bytes, invalid UTF-8, NUL bytes, deleted / duplicated / swapped lines, an
alias bomb, deep nesting, a 2 MB line, ...) and a command (kg build, render, stats, validate,
query --data with either engine), and runs the command in-process with click's CliRunner. Query
cases damage a named query (ontology/queries/*.rq) and add a SERVICE or FROM in one of its
spellings, deep nesting, or no header, and pass a hostile --param; `kg query FILE.rq` on either engine.

Every case must end in success, a non-conforming graph (exit 1), or one line "Error: <file>..."
with exit 2, naming the line when the problem is on a line. Counted as failures: a traceback
(any exception but SystemExit), a hang (over --timeout seconds), a message that does not name the
file or its line, any other exit code, and an earlier output that changed or vanished when the
command failed (a build's previous graph.*, a render's previous page), and any request to the
sweep's loopback listener, where the SERVICE and FROM of query cases point ("fetched").

The same --cases and --seed give the same cases. tests/test_fuzz.py runs a small sweep in CI;
run a bigger one on demand, or reproduce one case of it:

    python scripts/fuzz.py --cases 3000 --seed 1
    python scripts/fuzz.py --seed 1 --only 970 -v

With --interrupts N it stops N builds of a generated corpus at random moments instead (Ctrl-C to
the process group, SIGTERM) and checks that the earlier outputs survive each time:

    python scripts/fuzz.py --interrupts 40 --seed 1
"""

import argparse
import faulthandler
import hashlib
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "data" / "articles" / "minimal"
TURTLE_SEEDS = (ROOT / "output" / "graph.ttl", *sorted((ROOT / "tests" / "data" / "shapes").glob("*.ttl")))
LONG_LINE = 2 * 1024 * 1024
#: Exit 2 messages that are about a whole file, where no line applies.
NO_LINE = re.compile(r"not found|is empty|over the limit|is not a file|does not exist|no facts\.yaml|not a folder|is more than --max-nodes")

Mutation = Callable[[bytes, random.Random], bytes | None]


# -- mutations: bytes → damaged bytes (None: the file is deleted) ------------------------------------

def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def garbage(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return data[:at] + junk + data[at + rng.choice((0, 0, len(junk))):]


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def invalid_utf8(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    bad = rng.choice((b"\xff", b"\xfe\xfe", b"\xc3\x28", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82"))
    return data[:at] + bad + data[at:]


def nul_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" * rng.randint(1, 3) + data[at:]


def delete_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    del lines[start : start + rng.randint(1, 3)]
    return b"".join(lines)


def duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    block = lines[start : start + rng.randint(1, 4)]
    return b"".join(lines[:start] + block + lines[start:])


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def reindent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines[i] = rng.choice((b"  ", b"\t", b" ")) + lines[i] if rng.random() < 0.6 else lines[i].lstrip(b" ")
    return b"".join(lines)


def line_endings(data: bytes, rng: random.Random) -> bytes:
    return rng.choice((data.replace(b"\n", b"\r\n"), data.replace(b"\n", b"\r"), b"\xef\xbb\xbf" + data))


def unicode_text(data: bytes, rng: random.Random) -> bytes:
    """Names in other scripts, right-to-left text, emoji, markup, quotes and backslashes."""
    lines = _lines(data)
    i = rng.randrange(len(lines))
    piece = rng.choice(("何杰", "陈竺", "\u202eالصحة\u202c", "😷🏥", "<script>alert(1)</script>", '"\\"', "\\u0000",
                        "a\u0301", "\ufeff", "\u2028", "${x}", "'", '"""'))
    cut = rng.randrange(len(lines[i]) + 1)
    lines[i] = lines[i][:cut] + piece.encode("utf-8") + lines[i][cut:]
    return b"".join(lines)


def long_line(data: bytes, rng: random.Random) -> bytes:
    """A 2 MB line: on its own, or as the value of an existing line (YAML: a name, an excerpt)."""
    lines = _lines(data)
    i = rng.randrange(len(lines))
    filler = (rng.choice((b"a", b"Lyon ", b"\xe4\xbd\x95", b"[", b"\"")) * LONG_LINE)[:LONG_LINE]
    if rng.random() < 0.5:
        lines.insert(i, filler + b"\n")
    else:
        lines[i] = lines[i].rstrip(b"\r\n") + filler + b"\n"
    return b"".join(lines)


def alias_bomb(data: bytes, rng: random.Random) -> bytes:
    """YAML: the billion laughs; Turtle has no aliases, so a bomb of nested lists instead."""
    if data.lstrip().startswith((b"@prefix", b"#", b"PREFIX")) or b"@prefix" in data[:2000]:
        return deep_nesting(data, rng)
    bomb = [b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        bomb.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]".encode())
    at = rng.choice((0, len(data)))
    return data[:at] + b"\n".join(bomb) + b"\n" + data[at:]


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice((200, 2000, 50_000))
    if b"@prefix" in data[:2000]:
        if rng.random() < 0.5:
            body = f"<s> <p> {'[ <p> ' * depth}<o>{' ]' * depth} .\n"
        else:
            body = f"<s> <p> {'( ' * depth}{' )' * depth} .\n"
    else:
        body = f"people: {'[' * depth}{']' * depth}\n"
    return data + b"\n" + body.encode()


def empty(data: bytes, rng: random.Random) -> bytes:
    return rng.choice((b"", b"\n", b"   \n\n", b"# only a comment\n"))


def delete_file(data: bytes, rng: random.Random) -> None:
    return None


def blank_symmetry(data: bytes, rng: random.Random) -> bytes:
    """Blank nodes that only their position tells apart (issue 15, item 15): disjoint triangles, or
    a hexagon beside triangles, on one predicate. rdflib's canonical labelling, which kg render and
    stats used, took longer than minutes on seven triangles (336 bytes)."""
    shapes = [3] * rng.choice((7, 8, 20)) + ([6] if rng.random() < 0.5 else [])
    rng.shuffle(shapes)
    lines = []
    for number, size in enumerate(shapes):
        lines.append(" ".join(f"_:k{number}n{i} <http://example.org/p> _:k{number}n{(i + 1) % size} ."
                              for i in range(size)))
    return data.rstrip(b"\n") + b"\n" + "\n".join(lines).encode() + b"\n"


#: What acts on a terminal when printed raw: a new window title, a cleared screen, a bell, text
#: reversed (U+202E), the one-byte CSI (U+009B), a colour.
TERMINAL_ESCAPES = ("\x1b]0;pwned\x07", "\x1b[2J", "\x07", "\u202e", "\x9b31m", "\x1b[31m", "\u2066")


def terminal_escapes(data: bytes, rng: random.Random) -> bytes:
    """A name made of terminal escapes (issue 15, item 17), raw or written as escapes: whatever kg
    prints of it (tables, summaries, warnings, messages) must show it escaped."""
    piece = "Mallory " + "".join(rng.sample(TERMINAL_ESCAPES, rng.randint(1, len(TERMINAL_ESCAPES)))) + " end"
    raw = rng.random() < 0.3
    text = piece if raw else "".join(ch if ch.isprintable() else f"\\u{ord(ch):04X}" for ch in piece)
    if b"@prefix" in data[:2000]:
        return data + (f'\n<https://example.org/news-kg/person/mallory> a <https://schema.org/Person> ;\n'
                       f'    <https://schema.org/name> "{text}" .\n'  # kg validate quotes a wrong date
                       f'<https://example.org/news-kg/event/mallory> a <https://schema.org/Event> ;\n'
                       f'    <https://schema.org/startDate> "{text}" .\n'
                       ).encode()
    lines = _lines(data)
    named = [i for i, line in enumerate(lines) if line.lstrip().startswith((b"name:", b"- name:"))]
    if named and not raw:
        i = rng.choice(named)
        key = lines[i].split(b":", 1)[0]
        lines[i] = key + f': "{text}"\n'.encode()
    else:
        i = rng.randrange(len(lines))
        lines[i] = lines[i].rstrip(b"\r\n") + piece.encode() + b"\n"
    return b"".join(lines)


# -- mutations of a query (kg query FILE.rq): what would fetch, hostile parameters, deep nesting ------

#: Where a SERVICE or FROM of a fuzzed query points: the sweep's loopback listener, which must never
#: hear from kg (set by Sweep; port 9, closed, until then).
SERVICE_URL = "http://127.0.0.1:9/"
#: SERVICE in the spellings that got past a check of the text (issue 15, item 6); {url} the listener.
SERVICE_SPELLINGS = (
    "SERVICE <{url}> {{ ?s ?p ?o }}", "service <{url}> {{ ?s ?p ?o }}", "SeRvIcE SILENT <{url}> {{ ?s ?p ?o }}",
    "\\u0053ERVICE <{url}> {{ ?s ?p ?o }}", "\\U00000073ervice <{url}> {{ ?s ?p ?o }}",
    "SERVICE <http\\u003A{rest}> {{ ?s ?p ?o }}", "OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "FILTER(?kgfuzz != <a\\u0041'>) SERVICE <{url}> {{ ?s ?p ?o }} FILTER(?kgfuzz != <b'>)",
    "FILTER(?kgfuzz<'>') SERVICE <{url}> {{ ?s ?p ?o }} FILTER(?kgfuzz!='')",
    "FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
)
#: Values for a parameter, untyped or typed, that tried to be more than one RDF term (item 7).
HOSTILE_PARAMS = (
    "<http://x/> } UNION { ?s ?p ?o } #", "<http://x/> <http://y/>", "<>", "<relative>", "<http://x/>>",
    "< http://x/>", 'x" ) } ; DROP ALL ; #', "\\u0022 } #", "\\U00000022) } #", "schema:name } UNION {",
    "http://x/ } UNION { ?s ?p ?o }", "line\nbreak } #", "'''", '"""', "\\", "he-jie",
    "<https://example.org/news-kg/person/he-jie>",
)


def _inside_where(data: bytes, clause: bytes) -> bytes:
    """`clause` at the start of the query's WHERE group (else of its first group, else at the end)."""
    where = data.upper().find(b"WHERE")
    brace = data.find(b"{", max(where, 0))
    if brace < 0:
        return data + b"\n" + clause + b"\n"
    return data[:brace + 1] + b" " + clause + b" " + data[brace + 1:]


def service_clause(data: bytes, rng: random.Random) -> bytes:
    """A SERVICE (or FROM, or BASE and a relative IRI) to the listener, in one of the spellings."""
    url = SERVICE_URL
    choice = rng.randrange(len(SERVICE_SPELLINGS) + 2)
    if choice < len(SERVICE_SPELLINGS):
        clause = SERVICE_SPELLINGS[choice].format(url=url, rest=url.split(":", 1)[1])
        return _inside_where(data, clause.encode())
    if choice == len(SERVICE_SPELLINGS):
        return f"BASE <{url}>\n".encode() + _inside_where(data, b"SERVICE <sparql> { ?s ?p ?o }")
    keyword = rng.choice(("FROM", "from named", "\\u0046ROM"))
    where = data.upper().find(b"WHERE")
    at = where if where >= 0 else len(data)
    return data[:at] + f" {keyword} <{url}> ".encode() + data[at:]


def query_nesting(data: bytes, rng: random.Random) -> bytes:
    """Brackets nested in a query, up to 100,000 deep: SPARQL parsers recurse (item 13)."""
    depth = rng.choice((40, 101, 2000, 20_000, 100_000))
    clause = rng.choice((
        "{ " * depth + " }" * depth,
        "FILTER(" + "(" * depth + "1" + ")" * depth + ")",
        "?kgfuzz <p> " + "[ <p> " * depth + "<o>" + " ]" * depth + " .",
        "FILTER(?kgfuzz<" + "(" * depth + "1" + ")" * depth + ">0)",
    ))
    return _inside_where(data, clause.encode())


def strip_header(data: bytes, rng: random.Random) -> bytes:
    """The query without its comment header: its parameters are then untyped (an IRI in < >, or text)."""
    lines = _lines(data)
    start = 0
    while start < len(lines) and (not lines[start].strip() or lines[start].lstrip().startswith(b"#")):
        start += 1
    return b"".join(lines[start:])


MUTATIONS: dict[str, Mutation] = {
    "truncate": truncate, "garbage": garbage, "flip-bits": flip_bits, "invalid-utf8": invalid_utf8,
    "nul-bytes": nul_bytes, "delete-lines": delete_lines, "duplicate-lines": duplicate_lines,
    "swap-lines": swap_lines, "reindent": reindent, "line-endings": line_endings, "unicode-text": unicode_text,
    "long-line": long_line, "alias-bomb": alias_bomb, "deep-nesting": deep_nesting, "empty": empty,
    "delete-file": delete_file,
    "service-clause": service_clause, "query-nesting": query_nesting, "strip-header": strip_header,
    "blank-symmetry": blank_symmetry, "terminal-escapes": terminal_escapes,
}
#: Mutations that make big inputs; drawn less often so that a sweep stays fast.
RARE = ("long-line", "deep-nesting", "alias-bomb", "empty", "delete-file")
TURTLE_COMMANDS = ("render", "stats", "validate", "query-oxigraph", "query-rdflib")
#: Mutations only for queries; a query case starts with one of them, most of the time.
QUERY_MUTATIONS = ("service-clause", "query-nesting", "strip-header")
QUERY_SEEDS = tuple(sorted((ROOT / "ontology" / "queries").glob("*.rq")))
QUERY_COMMANDS = ("query-file-oxigraph", "query-file-rdflib")


# -- cases ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    index: int
    target: str  # "facts", "article", "turtle" or "query"
    seed_file: Path
    mutations: tuple[str, ...]
    command: str
    rng_seed: int

    def describe(self) -> str:
        seed = self.seed_file.relative_to(ROOT)
        return f"#{self.index} {self.command} on {seed} after {'+'.join(self.mutations)} (rng {self.rng_seed})"


@dataclass
class Outcome:
    case: Case
    verdict: str  # ok, error, traceback, hang, bad-message, bad-exit, lost-output, fetched, raw-control
    exit_code: int | None
    message: str
    seconds: float

    def brief(self) -> str:
        """The message; of a traceback, its end, which says what went wrong and where."""
        return "..." + self.message[-1200:] if self.verdict == "traceback" else self.message[:600]


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict not in ("ok", "error")]

    def count(self, verdict: str) -> int:
        return sum(1 for o in self.outcomes if o.verdict == verdict)

    def figures(self) -> str:
        verdicts = Counter(o.verdict for o in self.outcomes)
        commands = Counter(o.case.command for o in self.outcomes)
        slowest = max(self.outcomes, key=lambda o: o.seconds, default=None)
        lines = [
            f"cases tried: {len(self.outcomes)} ({', '.join(f'{c} {n}' for c, n in sorted(commands.items()))})",
            f"succeeded: {verdicts['ok']}; refused with a clear error: {verdicts['error']}",
            (f"tracebacks: {verdicts['traceback']}; hangs: {verdicts['hang']}; outputs lost: {verdicts['lost-output']}; "
             f"unclear messages: {verdicts['bad-message']}; unexpected exit codes: {verdicts['bad-exit']}"),
            f"time: {self.seconds:.1f} s" + (f"; slowest case {slowest.seconds:.2f} s ({slowest.case.describe()})"
                                              if slowest else ""),
        ]
        for outcome in self.failures:
            lines.append(f"FAIL {outcome.verdict}: {outcome.case.describe()}: {outcome.brief()}")
        return "\n".join(lines)


def plan(cases: int, seed: int) -> list[Case]:
    """The cases of a sweep: the same (cases, seed) always gives the same list."""
    rng = random.Random(seed)
    names = list(MUTATIONS)
    names = [n for n in names if n not in QUERY_MUTATIONS]
    common = [n for n in names if n not in RARE]
    planned = []
    for index in range(cases):
        draw = rng.random()
        if draw < 0.35:
            target, seed_file, command = "facts", MINIMAL / "facts.yaml", "build"
        elif draw < 0.45:
            target, seed_file, command = "article", MINIMAL / "article.txt", "build"
        elif draw < 0.53:
            target, command, seed_file = "query", QUERY_COMMANDS[index % len(QUERY_COMMANDS)], rng.choice(QUERY_SEEDS)
        else:
            target, command = "turtle", TURTLE_COMMANDS[index % len(TURTLE_COMMANDS)]
            # output/graph.ttl is the big seed; the shapes files are small and quick.
            seed_file = TURTLE_SEEDS[0] if rng.random() < 0.3 else rng.choice(TURTLE_SEEDS[1:])
        count = rng.choice((1, 1, 1, 2, 3))
        mutations = tuple(rng.choice(names) if rng.random() < 0.12 else rng.choice(common) for _ in range(count))
        if target == "query" and rng.random() < 0.85:
            mutations = (rng.choice(QUERY_MUTATIONS), *mutations[: count - 1])
        planned.append(Case(index, target, seed_file, mutations, command, rng.randrange(2**32)))
    return planned


# -- running -------------------------------------------------------------------------------------------

class Hang(BaseException):
    """Raised by the timer; a BaseException so that no `except Exception` in the code under test hides it."""


def _on_alarm(signum, frame):
    raise Hang()


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


class _Listener:
    """A loopback HTTP server that records every request: what a fuzzed SERVICE or FROM names."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.requests: list[str] = []
        heard = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self) -> None:
                heard.append(f"{self.command} {self.path}")
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = answer

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _query_verdict(stderr: str, where: Path) -> str:
    """One line 'Error: <query file>...' or 'Error: --param NAME=...' (a value refused)."""
    lines = stderr.splitlines()
    if len(lines) != 1 or not lines[0].startswith("Error: "):
        return "bad-message"
    message = lines[0][len("Error: "):]
    return "error" if message.startswith((str(where), "--param ")) else "bad-message"


class Sweep:
    """Runs cases in one work folder; a build's earlier outputs and a render's earlier page are kept
    there from case to case, and checked after every failed command."""

    def __init__(self, work: Path, timeout: float = 20.0):
        from click.testing import CliRunner

        self.work = work
        self.timeout = timeout
        self.runner = CliRunner()
        self.out = work / "out"
        self.page = work / "pages" / "earlier.html"
        self.page.parent.mkdir(parents=True, exist_ok=True)
        self.page.write_bytes(b"<!doctype html><title>an earlier page</title>\n")
        result = self.runner.invoke(_cli(), ["build", str(MINIMAL), "--out", str(self.out), "--quiet"])
        if result.exit_code != 0:
            raise RuntimeError(f"the seed article does not build: {result.output}")
        global SERVICE_URL
        self.listener = _Listener()  # SERVICE and FROM of query cases point here; it must hear nothing
        SERVICE_URL = self.listener.url

    def _prepare(self, case: Case) -> tuple[Path, list[str]]:
        rng = random.Random(case.rng_seed)
        folder = self.work / f"case-{case.index}"
        if case.target in ("facts", "article"):
            shutil.copytree(MINIMAL, folder)
            victim = folder / case.seed_file.name
        else:
            folder.mkdir()
            victim = folder / case.seed_file.name
            shutil.copyfile(case.seed_file, victim)
        data: bytes | None = victim.read_bytes()
        for name in case.mutations:
            if data is None:
                break
            data = MUTATIONS[name](data, rng)
        if data is None:
            victim.unlink()
        else:
            victim.write_bytes(data)
        if case.target == "query":
            names = sorted(set(re.findall(rb"[?$]([A-Za-z_][A-Za-z0-9_]*)", data or b""))) or [b"v"]
            param = f"{rng.choice(names).decode()}={rng.choice(HOSTILE_PARAMS)}"
            engine = "rdflib" if case.command.endswith("rdflib") else "oxigraph"
            return victim, ["query", str(victim), "--data", str(self.out / "graph.ttl"), "--engine", engine,
                            "--timeout", "10", "--param", param]
        if case.target != "turtle":
            return folder, ["build", str(folder), "--out", str(self.out), "--quiet"]
        path = str(victim)
        return victim, {
            "render": ["render", path, "--out", str(self.page)],
            "stats": ["stats", path],
            "validate": ["validate", path],
            "query-oxigraph": ["query", "who-said-what", "--data", path],
            "query-rdflib": ["query", "--text", "SELECT ?s ?name WHERE { ?s schema:name ?name } ORDER BY ?s LIMIT 5",
                             "--data", path, "--engine", "rdflib"],
        }[case.command]

    def run(self, case: Case) -> Outcome:
        where, args = self._prepare(case)
        keep = self.out if case.target in ("facts", "article") else self.page.parent
        before = _snapshot(keep)
        self.listener.requests.clear()
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        # a hang in C code, out of the timer's reach, ends the process with a traceback of every thread
        faulthandler.dump_traceback_later(self.timeout * 3, exit=True, file=sys.__stderr__)
        started = time.perf_counter()
        try:
            signal.setitimer(signal.ITIMER_REAL, self.timeout)
            result = self.runner.invoke(_cli(), args, catch_exceptions=True)
            signal.setitimer(signal.ITIMER_REAL, 0)
        except Hang:
            return Outcome(case, "hang", None, f"no answer within {self.timeout:.0f} s", time.perf_counter() - started)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            faulthandler.cancel_dump_traceback_later()
            signal.signal(signal.SIGALRM, previous)
            seconds = time.perf_counter() - started
            shutil.rmtree(self.work / f"case-{case.index}", ignore_errors=True)
        return self._judge(case, where, result, before, keep, seconds)

    def _judge(self, case: Case, where: Path, result, before: dict[str, str], keep: Path, seconds: float) -> Outcome:
        stderr = result.stderr
        if self.listener.requests:
            return Outcome(case, "fetched", result.exit_code, f"the listener heard {self.listener.requests}", seconds)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            text = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else repr(result.exception)
            return Outcome(case, "traceback", result.exit_code, text, seconds)
        if "Traceback" in result.output:
            return Outcome(case, "traceback", result.exit_code, result.output, seconds)
        # CliRunner is no terminal, where machine formats are exact: query files' answers (Turtle) are not checked
        shown = result.stderr if case.target == "query" else result.output
        raw = _ACTING.search(shown)
        if raw:
            return Outcome(case, "raw-control", result.exit_code, f"printed {raw.group()!r} raw: {shown[:300]!r}",
                           seconds)
        leftovers = sorted(p.name for p in keep.iterdir() if p.name.startswith("."))
        if leftovers:
            return Outcome(case, "lost-output", result.exit_code, f"left behind: {leftovers}", seconds)
        if result.exit_code == 0:
            if case.target in ("facts", "article") or case.command == "render":
                return self._check_complete(case, keep, seconds)
            return Outcome(case, "ok", 0, "", seconds)
        if _snapshot(keep) != before:
            return Outcome(case, "lost-output", result.exit_code, f"earlier outputs in {keep} changed: {stderr}", seconds)
        if result.exit_code == 1 and (case.command == "validate" or stderr.startswith("Error: the built graph breaks")):
            return Outcome(case, "ok", 1, "", seconds)
        if result.exit_code != 2:
            return Outcome(case, "bad-exit", result.exit_code, stderr or result.output, seconds)
        if case.target == "query":
            return Outcome(case, _query_verdict(stderr, where), 2, stderr.strip(), seconds)
        return Outcome(case, _message_verdict(stderr, where), 2, stderr.strip(), seconds)

    def _check_complete(self, case: Case, keep: Path, seconds: float) -> Outcome:
        """After a success, every output must be whole: the Turtle and TriG parse, the page ends."""
        import pyoxigraph as ox

        for path in sorted(keep.iterdir()):
            if path.suffix in (".ttl", ".trig"):
                fmt = ox.RdfFormat.TURTLE if path.suffix == ".ttl" else ox.RdfFormat.TRIG
                try:
                    sum(1 for _ in ox.parse(path=path, format=fmt))
                except SyntaxError as err:
                    return Outcome(case, "lost-output", 0, f"{path.name} does not parse: {err}", seconds)
            if path.suffix == ".html" and not path.read_bytes().rstrip().endswith(b"</html>"):
                return Outcome(case, "lost-output", 0, f"{path.name} is not a whole page", seconds)
        return Outcome(case, "ok", 0, "", seconds)


#: Characters that act on a terminal, none of which kg may print raw (issue 15, item 17): C0 and C1
#: controls but tab and line ends, and the bidirectional controls.
_ACTING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _message_verdict(stderr: str, where: Path) -> str:
    """One line 'Error: <path>[:<line>[:<col>]]: ...' naming the damaged file (or its article folder)."""
    lines = stderr.splitlines()
    if len(lines) != 1 or not lines[0].startswith("Error: "):
        return "bad-message"
    message = lines[0][len("Error: "):]
    if not message.startswith(str(where)):
        return "bad-message"
    rest = message[len(str(where)):]
    if re.match(r"^(/[^:]*)?:\d+(:\d+)?: ", rest):
        return "error"
    if re.match(r"^(/[^:]*)?: ", rest) and NO_LINE.search(rest):
        return "error"
    return "bad-message"


def _cli():
    from graph.cli import cli

    return cli


def sweep(cases: int, seed: int, timeout: float = 20.0, work: Path | None = None,
          progress: Callable[[Outcome], None] | None = None, only: set[int] | None = None) -> Report:
    """Run a whole sweep (or only some of its cases) in a temporary folder and return the outcomes."""
    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-", dir=work) as scratch:
        runner = Sweep(Path(scratch), timeout)
        try:
            for case in plan(cases, seed):
                if only is not None and case.index not in only:
                    continue
                outcome = runner.run(case)
                report.outcomes.append(outcome)
                if progress:
                    progress(outcome)
        finally:
            runner.listener.close()
    report.seconds = time.perf_counter() - started
    return report


def interrupt_sweep(count: int, seed: int, articles: int = 80, work: Path | None = None,
                    show: Callable[[str], None] | None = None) -> Counter:
    """Stop `kg build` of a generated corpus at random moments with Ctrl-C (to the process group,
    as a terminal does) or SIGTERM (to kg alone, as `kill` does); count what became of the earlier
    outputs. Verdicts: interrupted (exit 130/143, outputs unchanged), finished (the build was done
    first: the new outputs, complete), committed (the signal came during the renames, which it
    waited for: the new outputs, complete), at-exit (the build was done, the signal ended the
    interpreter as it exited), and the failures: lost-output, traceback, hang, bad-exit."""
    import os
    import subprocess

    rng = random.Random(seed)
    verdicts: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="kg-interrupt-", dir=work) as scratch:
        corpus, out, fresh = Path(scratch) / "articles", Path(scratch) / "out", Path(scratch) / "fresh"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), str(articles), "--seed", str(seed),
                        "--out", str(corpus)], check=True, capture_output=True)
        kg = [sys.executable, "-m", "graph", "build", str(corpus), "--quiet"]
        started = time.perf_counter()
        subprocess.run([*kg, "--out", str(fresh)], check=True, cwd=ROOT)
        duration = time.perf_counter() - started
        subprocess.run([sys.executable, "-m", "graph", "build", str(MINIMAL), "--out", str(out), "--quiet"], check=True)
        earlier, complete = _snapshot(out), _snapshot(fresh)
        for index in range(count):
            delay = rng.uniform(0.2, duration)
            name, group = rng.choice((("SIGINT", True), ("SIGTERM", False), ("SIGTERM", True)))
            process = subprocess.Popen([*kg, "--out", str(out)], stderr=subprocess.PIPE, text=True,
                                       start_new_session=True, cwd=ROOT)
            time.sleep(delay)
            try:
                (os.killpg if group else os.kill)(process.pid, getattr(signal, name))
            except ProcessLookupError:
                pass
            try:
                stderr = process.communicate(timeout=120)[1]
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                stderr, verdict = process.communicate()[1], "hang"
                for stage in out.glob(".kg-build-*"):  # SIGKILL leaves its staging folder: not the next case's
                    shutil.rmtree(stage)
                now = _snapshot(out)
            else:
                now = _snapshot(out)
                leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
                if "Traceback" in stderr or stderr.count("\n") > 1:
                    verdict = "traceback"
                elif leftovers or now not in (earlier, complete):
                    verdict = "lost-output"
                elif process.returncode in (130, 143) and now == earlier:
                    verdict = "interrupted"
                elif process.returncode == 0 and now == complete:
                    verdict = "finished"
                elif process.returncode in (130, 143) and now == complete and "had all been written" in stderr:
                    verdict = "committed"  # the signal came during the renames and waited for them
                elif process.returncode in (-signal.SIGINT, -signal.SIGTERM) and now == complete and not stderr:
                    verdict = "at-exit"  # the signal came as the interpreter was exiting, its handler gone
                else:
                    verdict = "bad-exit"
            if now == complete:  # the next case starts again from the small earlier build
                subprocess.run([sys.executable, "-m", "graph", "build", str(MINIMAL), "--out", str(out), "--quiet"],
                               check=True)
            verdicts[verdict] += 1
            if show:
                show(f"{verdict:<11} #{index} {name}{' to the group' if group else ''} after {delay:.2f} s "
                     f"(exit {process.returncode}): {stderr.strip()[-300:]}")
    return verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="how many cases (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="the sweep's random seed (default 1)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds before a case counts as a hang")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every case's outcome")
    parser.add_argument("--only", type=int, action="append", metavar="INDEX",
                        help="run only this case of the sweep (repeatable), e.g. to reproduce a failure")
    parser.add_argument("--interrupts", type=int, metavar="N",
                        help="instead: stop N builds of an 80-article corpus at random moments (Ctrl-C, SIGTERM)")
    args = parser.parse_args()
    if args.interrupts:
        verdicts = interrupt_sweep(args.interrupts, args.seed, show=print if args.verbose else None)
        print(f"python scripts/fuzz.py --interrupts {args.interrupts} --seed {args.seed}")
        print(f"builds stopped: {sum(verdicts.values())}; interrupted with the earlier outputs unchanged: "
              f"{verdicts['interrupted']}; finished first (new outputs complete): {verdicts['finished']}; "
              f"interrupted while renaming, new outputs complete: {verdicts['committed']}; "
              f"killed by the signal while exiting, new outputs complete: {verdicts['at-exit']}")
        print(f"tracebacks: {verdicts['traceback']}; hangs: {verdicts['hang']}; outputs lost: {verdicts['lost-output']}; "
              f"unexpected exit codes: {verdicts['bad-exit']}")
        return 1 if set(verdicts) - {"interrupted", "finished", "committed", "at-exit"} else 0

    def show(outcome: Outcome) -> None:
        if args.verbose or outcome.verdict not in ("ok", "error"):
            print(f"{outcome.verdict:<11} {outcome.seconds:6.2f}s {outcome.case.describe()}: {outcome.brief()}",
                  file=sys.stderr)

    only = set(args.only) if args.only else None
    report = sweep(max(args.cases, max(only or {0}) + 1), args.seed, args.timeout, progress=show, only=only)
    print(f"python scripts/fuzz.py --cases {args.cases} --seed {args.seed}")
    print(report.figures())
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
