"""Credentials for SPARQL servers: read from the environment (never the command line), checked
so that HTTP can carry them, and kept out of every message: the token, the decoded
`user:password` and any password inside a URL are redacted, whoever wrote the message."""

import base64
import os
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Mapping

from graph.errors import OptionError

REDACTED = "***"


def auth_header(env_var: str | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The Authorization header from an environment variable (never from the command line,
    where other users could read it): 'user:password' gives Basic, anything else a bearer token;
    a value starting with 'Basic ' or 'Bearer ' is sent as it is. A value that cannot go in a
    header is refused without being shown (it is a secret)."""
    if env_var is None:
        return None
    value = environ.get(env_var, "").strip()
    if not value:
        raise OptionError(
            f"--auth-env {env_var}: the environment variable {env_var} is not set or empty; "
            f"export {env_var}='user:password' (or a bearer token) first"
        )
    scheme, space, credential = value.partition(" ")
    if space and scheme in ("Basic", "Bearer"):
        _check_header_text(env_var, credential, "a token after 'Basic ' or 'Bearer '", ascii_only=True)
        return value
    if ":" in value:
        _check_header_text(env_var, value, "user:password", ascii_only=False)
        return "Basic " + base64.b64encode(value.encode("utf-8")).decode("ascii")
    _check_header_text(env_var, value, "a bearer token", ascii_only=True)
    return f"Bearer {value}"


def _check_header_text(env_var: str, text: str, form: str, ascii_only: bool) -> None:
    """Refuse what HTTP cannot carry (and would otherwise end in a traceback quoting the secret);
    the message says which character, by position and kind, never the value."""
    for index, ch in enumerate(text, 1):
        category = unicodedata.category(ch)
        if ch in "\r\n" or category in ("Zl", "Zp"):
            kind = "a line break"
        elif category == "Cc":
            kind = "a control character"
        elif category == "Cs":  # how Python reads a byte of the environment that is not UTF-8
            kind = "a byte that is not valid UTF-8"
        elif ascii_only and not ch.isascii():
            kind = "a character outside ASCII"
        elif ascii_only and ch == " ":
            kind = "a space"
        else:
            continue
        allowed = "printable ASCII without spaces" if ascii_only else "free of line breaks and control characters"
        raise OptionError(
            f"--auth-env {env_var}: the value of {env_var} ({form}) holds {kind} at character {index}, "
            f"which cannot be sent in an HTTP header; {form} must be {allowed}: check how {env_var} was set"
        )


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^\s/?#]*)@")  # to the last @, as urlsplit reads it


def redact_userinfo(text: str) -> str:
    """Credentials inside URLs (scheme://user:password@host) shown as scheme://user:***@host."""
    def hide(match: re.Match) -> str:
        user, colon, _ = match[2].partition(":")
        return f"{match[1]}{user}:{REDACTED}@" if colon else f"{match[1]}{REDACTED}@"
    return _USERINFO.sub(hide, text)


def shown(url: str) -> str:
    """A URL as messages name it: credentials redacted, without its query (which may hold
    tokens, and which kg adds itself) or fragment."""
    parts = urllib.parse.urlsplit(url)
    return redact_userinfo(urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")))


def secrets_of(auth: str | None) -> tuple[str, ...]:
    """The strings a message must never show: the header, its credential and, for Basic,
    user:password and the password (longest first, so the longest match is hidden whole)."""
    if not auth:
        return ()
    scheme, _, credential = auth.partition(" ")
    found = {auth, credential}
    if scheme == "Basic":
        try:
            decoded = base64.b64decode(credential, validate=True).decode("utf-8")
        except ValueError:  # binascii.Error and UnicodeDecodeError are ValueErrors
            decoded = ""
        password = decoded.partition(":")[2]
        found |= {decoded, *([password] if len(password) >= 4 else [])}
    return tuple(sorted((s for s in found if s), key=len, reverse=True))


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with each secret, and the password of any URL in it, replaced by ***."""
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return redact_userinfo(text)
