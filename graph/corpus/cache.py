"""What one article gives a build, kept between builds: an article whose files are unchanged is
not read again.

An entry is keyed by everything its result depends on: the folder's path (it is named in
messages), the bytes of every file in the folder, the base IRI and the code that reads and
converts articles (a hash of its source files, so an upgrade or an edit of kg never serves an
old result, and Python's marshal format). Entries are marshal data, compressed (zlib, level 1),
written atomically; one that does not load is simply made again. marshal rather than JSON: it
keeps tuples and reads back 1.7x faster (2,000 entries of 10,000 generated articles: 0.97 s
against 1.66 s, decompression included), and a build of 10,000 unchanged articles reads them all.
zlib's checksum refuses a damaged file before marshal sees it; the cache is the user's own folder.
The merge, the checks that span articles and the validation run on every build, cached or not.
It lives in the user's cache folder ($KG_CACHE_DIR, else $XDG_CACHE_HOME/kg, else ~/.cache/kg),
about a fifth of the size of the builds' outputs; it is only a cache: delete the folder to clear it.
"""

import hashlib
import marshal
import os
import sys
import tempfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.facts.merge import MergeKeys
from graph.files import cache_dir

#: The modules whose code decides what an article gives; any change to them is a new cache.
_CODE = ("facts", "rdf", "corpus/collect.py", "corpus/cache.py", "kinds.py", "vocab.py", "text.py")
FORMAT = 2
_SUFFIX = ".marshal.z"


@dataclass(frozen=True)
class ArticleResult:
    """One article converted: its statement lines (those about evidence apart), the evidence's
    Turtle blocks, its rdf:type pairs, JSON-LD node objects, TriG block and merge keys."""

    statements: tuple[str, ...]
    evidence: tuple[str, ...]
    evidence_lines: int
    typed: tuple[tuple[str, str], ...]
    nodes: tuple[str, ...]
    graph: str
    keys: MergeKeys


def cache_root() -> Path:
    return cache_dir() / "articles"


@cache
def code_hash() -> str:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{FORMAT}\0{marshal.version}\0{sys.implementation.cache_tag}".encode())
    for name in _CODE:
        path = package / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def article_key(folder: Path, base: str) -> str | None:
    """The key of an article folder's result, or None when a file cannot be read as it is (the
    reader then says why)."""
    digest = hashlib.sha256(f"{code_hash()}\0{base}\0{folder}\0".encode())
    try:
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
                return None  # links and special files: read afresh, with their checks
            digest.update(entry.name.encode() + b"\0" + Path(entry.path).read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def load(root: Path, key: str) -> ArticleResult | None:
    try:
        *fields, keys = marshal.loads(zlib.decompress((root / key[:2] / f"{key}{_SUFFIX}").read_bytes()))
        return ArticleResult(*fields, MergeKeys(*keys))
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None


def store(root: Path, key: str, result: ArticleResult) -> None:
    """Write an entry atomically; a cache that cannot be written only costs time."""
    keys = result.keys
    data = (result.statements, result.evidence, result.evidence_lines, result.typed, result.nodes, result.graph,
            (keys.source, keys.article_id, keys.declarations, keys.single_valued, keys.roles, keys.warnings))
    folder = root / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(zlib.compress(marshal.dumps(data), 1))
        os.replace(temp, folder / f"{key}{_SUFFIX}")
    except OSError:
        pass
