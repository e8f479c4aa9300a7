"""A small HTTP client for SPARQL servers: timeouts, bounded retries with backoff, credentials
from the environment, and one-line errors that say which URL, what happened and how to fix it.

Standard library only (urllib). `kg push` speaks the Graph Store Protocol through it and
`kg query --endpoint` the SPARQL protocol (`select`). Connection errors, timeouts and 5xx
answers are retried (every request we send is idempotent: PUT replaces a graph, POSTed triples
merge into a set, queries read); a 4xx answer is the user's to fix and fails at once.
"""

import base64
import http.client
import json
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from graph import __version__
from graph.errors import OptionError, ServerError

SPARQL_JSON = "application/sparql-results+json"
USER_AGENT = f"news-kg/{__version__}"
MESSAGE_CHARS = 160

CONNECT_FIX = "is the SPARQL server running at that address? Start it, or fix --endpoint"
TIMEOUT_FIX = "the server is busy or stuck; try again later or raise --timeout"
SERVER_FIX = "the server failed; see its log, then run the command again"


def pause(seconds: float) -> None:
    """The wait between attempts (tests replace it to stay fast)."""
    time.sleep(seconds)


@dataclass(frozen=True)
class Response:
    status: int
    reason: str
    content_type: str
    body: bytes


def auth_header(env_var: str | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The Authorization header from an environment variable (never from the command line,
    where other users could read it): 'user:password' gives Basic, anything else a bearer token;
    a value starting with 'Basic ' or 'Bearer ' is sent as it is."""
    if env_var is None:
        return None
    value = environ.get(env_var, "").strip()
    if not value:
        raise OptionError(
            f"--auth-env {env_var}: the environment variable {env_var} is not set or empty; "
            f"export {env_var}='user:password' (or a bearer token) first"
        )
    if value.startswith(("Basic ", "Bearer ")):
        return value
    if ":" in value:
        return "Basic " + base64.b64encode(value.encode("utf-8")).decode("ascii")
    return f"Bearer {value}"


def check_url(url: str, option: str = "--endpoint", example: str = "http://localhost:7878/store") -> str:
    """The one check of a server URL the user gave (kg push, kg query --endpoint)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OptionError(f"{option} {url!r}: not an http(s) URL; e.g. {example}")
    return url


def _server_message(content_type: str, body: bytes) -> str:
    """The first words of an error body, tags and whitespace removed, cut short for one line."""
    text = body[:4000].decode("utf-8", errors="replace")
    if "html" in content_type or text.lstrip().startswith("<"):
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
        text = re.sub(r"<[^>]*>", " ", text)
    text = " ".join(text.split())
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


class HttpClient:
    """Sends requests with a timeout, retries transient failures with exponential backoff."""

    def __init__(self, timeout: float = 30.0, retries: int = 3, backoff: float = 0.5,
                 auth: str | None = None, sleep: Callable[[float], None] | None = None):
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.auth = auth
        self.sleep = sleep

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
        where = f"{url.split('?', 1)[0]} ({what})"
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            detail = ""
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return Response(answer.status, answer.reason, answer.headers.get("Content-Type", ""), answer.read())
            except urllib.error.HTTPError as err:
                content = err.headers.get("Content-Type", "") if err.headers else ""
                problem = f"HTTP {err.code} {err.reason}"
                detail = _server_message(content, err.read() if err.fp else b"")
                if err.code < 500:
                    fix = _client_fix(err.code, bool(self.auth), fix_url)
                    raise ServerError(f"{where}: {problem}{': ' + detail if detail else ''}; {fix}") from None
                fix = SERVER_FIX
            except (TimeoutError, socket.timeout):
                problem, fix = f"no answer within {self.timeout:g} s", TIMEOUT_FIX
            except (urllib.error.URLError, http.client.HTTPException, OSError) as err:
                problem, fix = _connection_problem(err), CONNECT_FIX
                if problem.startswith("no answer"):
                    problem, fix = f"no answer within {self.timeout:g} s", TIMEOUT_FIX
            if attempt < attempts:
                (self.sleep or pause)(self.backoff * 2 ** (attempt - 1))
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        raise ServerError(f"{where}: {problem}{tries}{': ' + detail if detail else ''}; {fix}")

    def select(self, url: str, query: str, *, what: str = "SPARQL query",
               fix_url: str = "check the query endpoint URL") -> dict:
        """A SPARQL SELECT/ASK over the SPARQL 1.1 protocol (POST, form-encoded); the JSON results."""
        body = urllib.parse.urlencode({"query": query}).encode("ascii")
        answer = self.request("POST", url, what=what, body=body, content_type="application/x-www-form-urlencoded",
                              accept=SPARQL_JSON, fix_url=fix_url)
        try:
            return json.loads(answer.body)
        except ValueError:
            raise ServerError(
                f"{url} ({what}): the answer is not SPARQL JSON results ({answer.content_type or 'no content type'}); "
                "is this the server's SPARQL query URL?"
            ) from None


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
