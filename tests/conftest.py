"""Shared fixtures. Tests mirror the stages: test_sources.py, test_build.py, test_export.py, ..."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.files import bundled_article

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MINIMAL = DATA / "articles" / "minimal"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True, scope="session")
def build_cache(tmp_path_factory) -> Iterator[Path]:
    """Builds keep their per-article cache (graph/corpus/cache.py) in a folder of the test run's own."""
    folder = tmp_path_factory.mktemp("kg-cache")
    before = os.environ.get("KG_CACHE_DIR")
    os.environ["KG_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("KG_CACHE_DIR", None)
    else:
        os.environ["KG_CACHE_DIR"] = before


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def bundled_dir() -> Path:
    return bundled_article()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The bundled article built once into a fresh folder (graph.ttl, graph.jsonld, ...)."""
    from graph.corpus.pipeline import build

    out = tmp_path_factory.mktemp("built")
    build(out=out)
    return out


@pytest.fixture(scope="session")
def bundled_graph(built):
    from rdflib import Graph

    return Graph().parse(built / "graph.ttl", format="turtle")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's headless Chromium; absent → skip locally, fail in CI (where .ci/run installs it)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if IN_CI:
            pytest.fail("Chromium is not installed; .ci/run must apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium) — browser tests skipped")
    return path


@dataclass
class OxigraphServer:
    """A real Oxigraph server on 127.0.0.1, its data in a temporary folder.

    `store` is the Graph Store Protocol URL (what `kg push --endpoint` takes), `query` the SPARQL
    query URL (`kg query --endpoint`). Started as README's recipe says, without
    --union-default-graph: `kg push` makes the default graph the (set) union of the named graphs. stop() and start() keep the port and the data, so a
    test can take the server down mid-push and bring it back.
    """

    binary: str
    location: Path
    port: int
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store(self) -> str:
        return f"{self.base}/store"

    @property
    def query(self) -> str:
        return f"{self.base}/query"

    @property
    def update(self) -> str:
        return f"{self.base}/update"

    def start(self, ready_within: float = 20.0) -> None:
        log = (self.location.parent / "oxigraph.log").open("ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        log.close()
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph exited with {self.process.returncode}: {self.log()}")
            try:
                with urllib.request.urlopen(f"{self.base}/", timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"oxigraph not ready on {self.base} within {ready_within} s: {self.log()}")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def log(self) -> str:
        path = self.location.parent / "oxigraph.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""


def _oxigraph_binary() -> str:
    beside_python = Path(sys.executable).with_name("oxigraph")
    path = str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")
    if path is None:
        if IN_CI:
            pytest.fail("the oxigraph server binary is missing; pip install the 'test' extra (PyPI 'oxigraph')")
        pytest.skip("the oxigraph server binary is missing (pip install oxigraph) — server tests skipped")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path_factory) -> Iterator[OxigraphServer]:
    """A fresh, empty Oxigraph server for one test; stopped afterwards, also when the test fails."""
    folder = tmp_path_factory.mktemp("oxigraph")
    server = OxigraphServer(_oxigraph_binary(), folder / "data", free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current code")


@pytest.fixture(scope="session")
def make_corpus():
    """Run scripts/make_corpus.py as a user would: make_corpus(n, seed, out, hash_seed="0") → out."""

    def run(n: int, seed: int, out: Path, hash_seed: str = "0") -> Path:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), str(n), "--seed", str(seed),
                        "--out", str(out)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": hash_seed})
        return out

    return run


@pytest.fixture(scope="session")
def small_corpus(make_corpus, tmp_path_factory) -> Path:
    """20 generated article folders (seed 1) that share people and organizations."""
    return make_corpus(20, 1, tmp_path_factory.mktemp("corpus") / "articles")


@contextmanager
def loopback_server(handler: type) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 with this request handler; its base URL (no slash)."""
    import http.server
    import threading

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class ScriptedServer:
    """Answers each request with the next scripted (status, body[, content type]), or sleeps on
    "hang"; records (method, path, headers). For what a real server will not do on demand: 5xx, 401, silence."""

    url: str
    answers: list
    requests: list


@pytest.fixture
def scripted_server() -> Iterator[ScriptedServer]:
    import http.server

    state = ScriptedServer("", [], [])

    class Handler(http.server.BaseHTTPRequestHandler):
        def answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            state.requests.append((self.command, self.path, dict(self.headers)))
            status, body, *content_type = state.answers.pop(0) if state.answers else (204, b"")
            if status == "hang":
                time.sleep(body)
                return
            self.send_response(status)
            self.send_header("Content-Type", content_type[0] if content_type else "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_PUT = do_POST = answer

        def log_message(self, *args) -> None:
            pass

    with loopback_server(Handler) as state.url:
        yield state


@dataclass
class WireServer:
    """Hands each request to the next scripted function, which writes what it likes on the
    connection: a redirect, headers then a slow drip, an endless body; records (method, path,
    headers). For the misbehaving servers that scripted_server's whole answers cannot play."""

    url: str
    answers: list
    requests: list


@pytest.fixture
def wire_server() -> Iterator[WireServer]:
    import http.server

    state = WireServer("", [], [])

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            state.requests.append((self.command, self.path, dict(self.headers)))
            self.close_connection = True
            write = state.answers.pop(0) if state.answers else None
            try:
                if write is None:
                    self.send_response(204)
                    self.end_headers()
                else:
                    write(self)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        do_GET = do_PUT = do_POST = answer

        def log_message(self, *args) -> None:
            pass

    with loopback_server(Handler) as state.url:
        yield state
