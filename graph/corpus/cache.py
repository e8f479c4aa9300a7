"""What one article gives a build, kept between builds: an article whose files are unchanged is
not read again.

An entry is keyed by everything its result depends on: the folder's path (it is named in
messages), the bytes of every file in the folder, the base IRI and the code that reads and
converts articles (a hash of its source files, so an upgrade or an edit of kg never serves an
old result). Entries are JSON, compressed (zlib, level 1: a fifth of the size for a few per cent
of the time), written atomically; one that does not load is simply made again.
The merge, the checks that span articles and the validation run on every build, cached or not.
It lives in the user's cache folder ($KG_CACHE_DIR, else $XDG_CACHE_HOME/kg, else ~/.cache/kg),
about a fifth of the size of the builds' outputs; it is only a cache: delete the folder to clear it.
"""

import hashlib
import json
import os
import tempfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.facts.merge import MergeKeys
from graph.files import cache_dir

#: The modules whose code decides what an article gives; any change to them is a new cache.
_CODE = ("facts", "rdf", "corpus/collect.py", "corpus/cache.py", "kinds.py", "vocab.py", "text.py")
FORMAT = 1


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
    digest = hashlib.sha256(str(FORMAT).encode())
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
        data = json.loads(zlib.decompress((root / key[:2] / f"{key}.json.z").read_bytes()))
        keys = data["keys"]
        return ArticleResult(
            tuple(data["statements"]), tuple(data["evidence"]), data["evidence_lines"],
            tuple(tuple(pair) for pair in data["typed"]), tuple(data["nodes"]), data["graph"],
            MergeKeys(keys["source"], keys["article_id"], tuple(tuple(d) for d in keys["declarations"]),
                      tuple(tuple(v) for v in keys["single_valued"]), tuple(tuple(r) for r in keys["roles"]),
                      tuple(keys["warnings"])))
    except (OSError, ValueError, KeyError, TypeError, zlib.error):
        return None


def store(root: Path, key: str, result: ArticleResult) -> None:
    """Write an entry atomically; a cache that cannot be written only costs time."""
    keys = result.keys
    data = {"statements": result.statements, "evidence": result.evidence, "evidence_lines": result.evidence_lines,
            "typed": result.typed, "nodes": result.nodes, "graph": result.graph,
            "keys": {"source": keys.source, "article_id": keys.article_id, "declarations": keys.declarations,
                     "single_valued": keys.single_valued, "roles": keys.roles, "warnings": keys.warnings}}
    folder = root / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1))
        os.replace(temp, folder / f"{key}.json.z")
    except OSError:
        pass
