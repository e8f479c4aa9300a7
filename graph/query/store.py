"""A persistent Oxigraph store per set of RDF files (any format of graph/rdf/read.py DATA_FORMATS), so `kg query` on a big graph loads it once.

The store is made from the files the first time they are queried and reused while they are
unchanged: its key is each file's resolved path, device, inode, size, modification and change
time (the change time cannot be set back by hand, so an edited file is never served from an old
store) and the format it is read in, with the pyoxigraph version. It is loaded into a folder of its own and renamed into place
when complete, so a reader never sees a half-loaded store; readers open it read-only, so any
number can query at once. It is a cache (the Turtle stays the source of truth): it lives under
$KG_CACHE_DIR/stores (else $XDG_CACHE_HOME/kg/stores, else ~/.cache/kg/stores), a store made for
the same files before they changed is deleted, and deleting the folder clears it all.
"""

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from graph.files import cache_dir
from graph.rdf.read import format_of
from graph.rdf.readers import load_store

#: Below this many bytes of Turtle, parsing into memory (about 2 ms per 100 kB) is faster than
#: opening a store (about 10 ms); measured with scripts/bench_query.py --store, 2026-12-03.
STORE_FROM_BYTES = 1 << 20
_FORMAT = 1
#: A half-loaded store this old (seconds) belongs to a process that is gone.
ABANDONED_AFTER = 24 * 3600
_SOURCES = "sources.json"


def store_root() -> Path:
    return cache_dir() / "stores"


def store_key(paths: Sequence[Path], data_format: str | None = None) -> str:
    digest = hashlib.sha256(f"{_FORMAT}\0{getattr(ox, '__version__', '')}\0".encode())
    for path in paths:
        digest.update(f"{format_of(path, data_format).name}\0".encode())
        info = path.stat()
        digest.update(f"{path.resolve()}\0{info.st_dev}\0{info.st_ino}\0{info.st_size}\0{info.st_mtime_ns}\0"
                      f"{info.st_ctime_ns}\0".encode())
    return digest.hexdigest()


def wanted(paths: Sequence[Path]) -> bool:
    return sum(path.stat().st_size for path in paths) >= STORE_FROM_BYTES


def cached(paths: Sequence[Path], data_format: str | None = None) -> tuple[Path, dict[str, str]] | None:
    """The ready store of these files and their prefixes, if one was made."""
    folder = store_root() / store_key(paths, data_format)
    try:
        sources = json.loads((folder / _SOURCES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return folder, dict(sources.get("prefixes", {}))


def make(paths: Sequence[Path], data_format: str | None = None) -> tuple[Path, dict[str, str]] | None:
    """Load the files into a new store; None when no store can be written here (a full disk, a
    read-only cache folder): the caller then parses into memory. Syntax errors are RdfInputError."""
    root, key = store_root(), store_key(paths, data_format)
    try:
        root.mkdir(parents=True, exist_ok=True)
        loading = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=root))
    except OSError:
        return None
    try:
        store = ox.Store(str(loading))
        prefixes = load_store(store, paths, data_format, bulk=True)
        store.flush()
        del store
        sources = {"files": [str(path.resolve()) for path in paths], "prefixes": prefixes}
        (loading / _SOURCES).write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
        folder = root / key
        try:
            os.rename(loading, folder)
        except OSError:  # another process made it first: theirs is as good
            shutil.rmtree(loading, ignore_errors=True)
        _forget_older(root, key, sources["files"])
        return folder, prefixes
    except OSError:
        shutil.rmtree(loading, ignore_errors=True)
        return None
    except BaseException:
        shutil.rmtree(loading, ignore_errors=True)
        raise


def _forget_older(root: Path, key: str, files: list[str]) -> None:
    """Delete the stores made for the same files before they changed (a reader still open on one
    keeps its files until it closes)."""
    for entry in root.iterdir():
        if entry.name.startswith("."):  # a store being loaded, or left by a process killed while loading
            if time.time() - entry.stat().st_mtime > ABANDONED_AFTER:
                shutil.rmtree(entry, ignore_errors=True)
            continue
        if entry.name == key:
            continue
        try:
            if json.loads((entry / _SOURCES).read_text(encoding="utf-8")).get("files") == files:
                shutil.rmtree(entry, ignore_errors=True)
        except (OSError, ValueError):
            continue
