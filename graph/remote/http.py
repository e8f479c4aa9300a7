"""A small HTTP client for SPARQL servers: a deadline over each request, a bounded answer,
bounded retries with backoff, credentials from the environment that go to no other server,
and one-line errors that say which URL, what happened and how to fix it, secrets redacted.

Standard library only (urllib, so proxies set in the environment still apply). `kg push` speaks
the Graph Store Protocol through it and `kg query --endpoint` the SPARQL protocol (`select`).
Connection errors, timeouts and 5xx answers are retried (every request we send is idempotent:
PUT replaces a graph, POSTed triples merge into a set, queries read); a 4xx answer is the user's
to fix and fails at once. Redirects are followed only for GET, and credentials only to the
origin they were given for: a PUT or POST that is redirected is refused (a server can hand a
redirect to anyone, and re-sending the data or the Authorization header there would leak it).
"""

import heapq
import http.client
import json
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from graph import __version__
from graph.errors import OptionError, ServerError
from graph.remote.secrets import redact, redact_userinfo, secrets_of, shown

SPARQL_JSON = "application/sparql-results+json"
USER_AGENT = f"news-kg/{__version__}"
MESSAGE_CHARS = 160
#: Bytes of an error answer read for its message; the rest is not needed.
ERROR_BODY_BYTES = 4000
MB = 1024 * 1024
#: The largest answer read from a server, in megabytes (README.md, "Engines and servers").
MAX_ANSWER_MB = 500
ANSWER_LIMIT_VARIABLE = "KG_MAX_ANSWER_MB"
MAX_REDIRECTS = 5
CHUNK_BYTES = 1024 * 1024

CONNECT_FIX = "is the SPARQL server running at that address? Start it, or fix --endpoint"
TIMEOUT_FIX = "the server is busy or stuck; try again later or raise --timeout"
SERVER_FIX = "the server failed; see its log, then run the command again"
REDIRECT_FIX = ("kg sends data and credentials only to the URL it was given; if that server is the right one, "
                "give its URL instead")
SIZE_FIX = (f"ask for less (a LIMIT, a narrower query, fewer graphs) or raise the limit with "
            f"{ANSWER_LIMIT_VARIABLE}=MEGABYTES")


def pause(seconds: float) -> None:
    """The wait between attempts (tests replace it to stay fast)."""
    time.sleep(seconds)


@dataclass(frozen=True)
class Response:
    status: int
    reason: str
    content_type: str
    body: bytes


def check_url(url: str, option: str = "--endpoint", example: str = "http://localhost:7878/store") -> str:
    """The one check of a server URL the user gave (kg push, kg query --endpoint): an http(s) URL
    that is sent as written. A fragment would swallow what kg appends (the ?graph= of a push, which
    then replaced the whole store), and a password in it is on view in the process list."""
    quoted = repr(redact_userinfo(url))

    def bad(why: str) -> OptionError:
        return OptionError(f"{option} {quoted}: {why}; e.g. {example}")

    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise bad("a URL cannot hold spaces or control characters; write them percent-encoded (%20)")
    if not url.isascii():
        raise bad("write the characters outside ASCII percent-encoded (é as %C3%A9)")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad("not an http(s) URL")
    try:
        parts.port
    except ValueError:
        raise bad("the port is not a number from 0 to 65535") from None
    if "@" in parts.netloc:
        raise OptionError(
            f"{option} {quoted}: credentials in a URL are on view to every user of this machine and are not sent; "
            "put 'user:password' (or a token) in an environment variable and pass --auth-env VAR"
        )
    if "#" in url:
        raise bad("a fragment (#...) is not sent to the server, and what kg adds after it would be lost; remove it")
    return url


def answer_limit(environ: Mapping[str, str] = os.environ) -> int:
    """The most bytes read from one answer: MAX_ANSWER_MB, or KG_MAX_ANSWER_MB when set."""
    raw = environ.get(ANSWER_LIMIT_VARIABLE)
    if raw is None or not raw.strip():
        return MAX_ANSWER_MB * MB
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise OptionError(f"{ANSWER_LIMIT_VARIABLE}={raw!r}: not a number of megabytes; "
                          f"e.g. {ANSWER_LIMIT_VARIABLE}=2000")
    return max(1, int(value * MB))


def _server_message(content_type: str, body: bytes, secrets: Iterable[str] = (), cut: bool = False) -> str:
    """The first words of an error body, secrets redacted, tags and whitespace removed, cut short
    for one line. `cut`: the body was read only in part, so its last word may be half a secret."""
    text = body.decode("utf-8", errors="replace")
    if cut:
        text = text[: max(0, len(text) - max((len(s) for s in secrets), default=0))]
    text = redact(text, secrets)
    if "html" in content_type or text.lstrip().startswith("<"):
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
        text = re.sub(r"<[^>]*>", " ", text)
    text = redact(" ".join(text.split()), secrets)
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


def _client_fix(status: int, authenticated: bool, fix_url: str) -> str:
    if status in (401, 403):
        if authenticated:
            return "the server refused the credentials; check the value of the --auth-env variable"
        return "the server wants credentials: put 'user:password' or a token in an environment variable and pass --auth-env VAR"
    if status in (404, 405, 415):
        return fix_url
    if status == 413:
        return "the server refuses a request this large; raise its upload limit"
    return "the server refused the request; its message above says why"


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


class _Retry(Exception):
    """One attempt failed in a way worth another (connection, deadline, 5xx)."""

    def __init__(self, problem: str, fix: str, detail: str = ""):
        super().__init__(problem)
        self.problem, self.fix, self.detail = problem, fix, detail


class _Redirected(Exception):
    def __init__(self, status: int, reason: str, target: str):
        super().__init__(target)
        self.status, self.reason, self.target = status, reason, target


class _Deadline:
    """Cuts the connection of one exchange when its time is up, whatever it is waiting for:
    a socket timeout bounds only each read, so a server sending a byte a second never hits it."""

    def __init__(self, seconds: float):
        self.when = time.monotonic() + max(seconds, 0.0)
        self.expired = threading.Event()
        self.done = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        _WATCHDOG.watch(self)

    def attach(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired.is_set():
                _shut(sock)

    def cut(self) -> None:
        with self._lock:
            if self.done:
                return
            self.expired.set()
            for sock in self._sockets:
                _shut(sock)

    def stop(self) -> None:
        with self._lock:
            self.done = True


class _Watchdog:
    """One thread for all deadlines: starting a thread per request (threading.Timer) costs
    about a millisecond, more than a PUT to a local server takes."""

    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._queue: list[tuple[float, int, _Deadline]] = []
        self._thread: threading.Thread | None = None

    def watch(self, deadline: _Deadline) -> None:
        with self._wake:
            heapq.heappush(self._queue, (deadline.when, id(deadline), deadline))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="kg-http-deadlines", daemon=True)
                self._thread.start()
            elif self._queue[0][2] is deadline:
                self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._queue and (self._queue[0][2].done or self._queue[0][0] <= time.monotonic()):
                    _, _, due = heapq.heappop(self._queue)
                    due.cut()
                self._wake.wait(self._queue[0][0] - time.monotonic() if self._queue else None)


_WATCHDOG = _Watchdog()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


#: The deadline of the exchange under way in this thread; connections made meanwhile join it.
_ACTIVE = threading.local()


def _join_deadline(sock: socket.socket) -> None:
    deadline = getattr(_ACTIVE, "deadline", None)
    if deadline is not None:
        deadline.attach(sock)


class _WatchedHTTPConnection(http.client.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _join_deadline(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _join_deadline(self.sock)


class _HttpHandler(urllib.request.HTTPHandler):
    def do_open(self, http_class, req, **kwargs):  # type: ignore[override]
        return super().do_open(_WatchedHTTPConnection, req, **kwargs)


class _HttpsHandler(urllib.request.HTTPSHandler):
    def do_open(self, http_class, req, **kwargs):  # type: ignore[override]
        return super().do_open(_WatchedHTTPSConnection, req, **kwargs)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hands every redirect back to HttpClient, which decides (urllib would re-send a POST as a
    GET with the credentials to wherever the server points)."""

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[override]
        location = headers.get("Location") or headers.get("URI")
        if not location:
            return None  # an HTTPError, as for any other 3xx
        fp.close()
        raise _Redirected(code, msg, urllib.parse.urljoin(req.full_url, location))

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class HttpClient:
    """Sends requests, each within `timeout` seconds in all, retries transient failures with
    exponential backoff, and keeps `auth` to the origin of each request's URL."""

    def __init__(self, timeout: float = 30.0, retries: int = 3, backoff: float = 0.5,
                 auth: str | None = None, sleep: Callable[[float], None] | None = None,
                 max_answer_bytes: int | None = None):
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.auth = auth
        self.sleep = sleep
        self.max_answer_bytes = answer_limit() if max_answer_bytes is None else max_answer_bytes
        self.secrets = secrets_of(auth)
        self._opener = urllib.request.build_opener(_HttpHandler(), _HttpsHandler(), _NoRedirects())

    def failure(self, message: str) -> ServerError:
        """A ServerError whose message shows no credential, wherever its text came from."""
        return ServerError(redact(message, self.secrets))

    def request(self, method: str, url: str, *, what: str, body: bytes | None = None,
                content_type: str | None = None, accept: str | None = None,
                fix_url: str = "check --endpoint") -> Response:
        """One request; a ServerError naming the URL and `what` was being done, on failure."""
        headers = {"User-Agent": USER_AGENT}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        if self.auth:
            headers["Authorization"] = self.auth
        where = f"{shown(url)} ({what})"
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                return self._attempt(method, url, headers, body, where, fix_url)
            except _Retry as failed:
                problem, fix, detail = failed.problem, failed.fix, failed.detail
            if attempt < attempts:
                (self.sleep or pause)(self.backoff * 2 ** (attempt - 1))
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        raise self.failure(f"{where}: {problem}{tries}{': ' + detail if detail else ''}; {fix}")

    def _attempt(self, method: str, url: str, headers: dict[str, str], body: bytes | None, where: str,
                 fix_url: str) -> Response:
        """One attempt, redirects included, within one deadline. A GET follows redirects (without
        the credentials once it leaves their origin); a PUT or POST does not."""
        deadline = time.monotonic() + self.timeout
        current, sending = url, dict(headers)
        for _ in range(MAX_REDIRECTS + 1):
            try:
                return self._exchange(method, current, sending, body, deadline, where, fix_url)
            except _Redirected as moved:
                target = moved.target
                if method not in ("GET", "HEAD"):
                    raise self.failure(f"{where}: the server redirected the {method} to {shown(target)} "
                                       f"(HTTP {moved.status} {moved.reason}); {REDIRECT_FIX}") from None
                if urllib.parse.urlsplit(target).scheme not in ("http", "https"):
                    raise self.failure(f"{where}: the server redirected to {shown(target)}, "
                                       f"which is not an http(s) URL; {REDIRECT_FIX}") from None
                if _origin(target) != _origin(url):
                    sending.pop("Authorization", None)
                current = target
        raise self.failure(f"{where}: more than {MAX_REDIRECTS} redirects; {REDIRECT_FIX}")

    def _exchange(self, method: str, url: str, headers: dict[str, str], body: bytes | None, deadline: float,
                  where: str, fix_url: str) -> Response:
        """One HTTP exchange, cut when the deadline passes; the answer read up to the size limit."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Retry(f"no answer within {self.timeout:g} s", TIMEOUT_FIX)
        cutter = _ACTIVE.deadline = _Deadline(left)
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        answered = False
        try:
            with self._opener.open(request, timeout=left) as answer:
                answered = not cutter.expired.is_set()  # headers cut short parse as complete
                data = self._read_answer(answer, where)
                if answer.length or (answer.length is None and not answer.chunked and cutter.expired.is_set()):
                    raise http.client.IncompleteRead(data)
                return Response(answer.status, answer.reason, answer.headers.get("Content-Type", ""), data)
        except urllib.error.HTTPError as err:
            content = err.headers.get("Content-Type", "") if err.headers else ""
            text, cut = _read_some(err)
            problem = f"HTTP {err.code} {err.reason}"
            detail = _server_message(content, text, self.secrets, cut)
            if err.code < 500:
                fix = _client_fix(err.code, bool(self.auth), fix_url)
                raise self.failure(f"{where}: {problem}{': ' + detail if detail else ''}; {fix}") from None
            raise _Retry(problem, SERVER_FIX, detail) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as err:
            if cutter.expired.is_set() or _connection_problem(err) == "no answer":
                if answered:
                    raise _Retry(f"the answer did not arrive in full within {self.timeout:g} s", TIMEOUT_FIX) from None
                raise _Retry(f"no answer within {self.timeout:g} s", TIMEOUT_FIX) from None
            if isinstance(err, http.client.IncompleteRead):
                raise _Retry("the server closed the connection before the end of its answer", SERVER_FIX) from None
            raise _Retry(_connection_problem(err), CONNECT_FIX) from None
        finally:
            cutter.stop()
            _ACTIVE.deadline = None

    def _read_answer(self, answer: http.client.HTTPResponse, where: str) -> bytes:
        """The whole body, refused as soon as it is over the limit (before reading, when the
        server says its length), so an endless answer cannot fill the memory."""
        limit = self.max_answer_bytes
        too_large = self.failure(f"{where}: the answer is over the limit of {limit / MB:,g} MB for a server's "
                                 f"answer; {SIZE_FIX}")
        declared = answer.headers.get("Content-Length", "")
        if declared.strip().isdigit() and int(declared) > limit:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        while chunk := answer.read1(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)

    def select(self, url: str, query: str, *, what: str = "SPARQL query",
               fix_url: str = "check the query endpoint URL") -> dict:
        """A SPARQL SELECT/ASK over the SPARQL 1.1 protocol (POST, form-encoded); the JSON results."""
        body = urllib.parse.urlencode({"query": query}).encode("ascii")
        answer = self.request("POST", url, what=what, body=body, content_type="application/x-www-form-urlencoded",
                              accept=SPARQL_JSON, fix_url=fix_url)
        try:
            rows = json.loads(answer.body)
        except (ValueError, RecursionError):
            rows = None
        if not isinstance(rows, dict):
            raise self.failure(
                f"{shown(url)} ({what}): the answer is not SPARQL JSON results "
                f"({answer.content_type or 'no content type'}); is this the server's SPARQL query URL?"
            )
        return rows


def _read_some(err: urllib.error.HTTPError) -> tuple[bytes, bool]:
    """The start of an error answer (enough for its message), and whether there was more."""
    try:
        text = err.read(ERROR_BODY_BYTES + 1) if err.fp else b""
    except (http.client.HTTPException, OSError) as problem:
        text = getattr(problem, "partial", b"") or b""
    return text[:ERROR_BODY_BYTES], len(text) > ERROR_BODY_BYTES


def _connection_problem(err: BaseException) -> str:
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no answer"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (http.client.RemoteDisconnected, http.client.IncompleteRead)):
        return "the server closed the connection"
    if isinstance(reason, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
        return "the connection was cut"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return f"connection failed ({text})"
