"""Where files are: the ontology and the bundled article (installed or in a checkout), the
default paths and the names of the outputs; and how a set of outputs is written so that a
failure leaves the earlier ones byte-identical.

A wheel carries the ontology and the bundled article under graph/_bundled/; a checkout
(editable install, tests) has them at the repository's top level.

Every output is first written in full to a temporary file in the same folder and synced;
only when all of them are written are they renamed over the old ones (rename is atomic).
The renames of one set happen under a lock on the folder and with Ctrl-C and SIGTERM held
back, so two builds into one folder, or an interruption, never leave a mix of two sets.
"""

import fcntl
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from graph import runtime
from graph.errors import OutputError

OUTPUT_DIR = Path("output")
TURTLE = "graph.ttl"
JSONLD = "graph.jsonld"
TRIG = "graph.trig"
PAGE = "graph.html"
#: What `kg build` writes, in this order (the page may be skipped).
BUILD_OUTPUTS = (TURTLE, JSONLD, TRIG, PAGE)
#: The file most commands read when given none, and the one `kg push` sends.
DEFAULT_TURTLE = OUTPUT_DIR / TURTLE
DEFAULT_TRIG = OUTPUT_DIR / TRIG

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    bundled = _PACKAGE / "_bundled" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name


def cache_dir() -> Path:
    """Where kg keeps what it can make again (build results per article, query stores): a cache."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = Path(os.environ["XDG_CACHE_HOME"]) if os.environ.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "kg"


def ontology_dir() -> Path:
    return _find("ontology")


def sources_dir() -> Path:
    return _find("sources")


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def bundled_article() -> Path:
    return sources_dir() / "troib-2024-11-16-sino-us-health"


def write_all(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write {name: content} into folder atomically, file by file; returns the paths written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{folder}: cannot create the output folder ({err.strerror}); choose another with --out") from None
    temporaries: list[tuple[str, Path]] = []
    try:
        for name, content in files.items():
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            temporaries.append((name, Path(temp)))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, 0o644)
        written = []
        for name, temp in temporaries:
            os.replace(temp, folder / name)
            written.append(folder / name)
        temporaries.clear()
        return written
    except OSError as err:
        raise OutputError(
            f"{folder}: cannot write the outputs ({err.strerror}); the earlier files are unchanged. "
            "Free some space or choose another folder with --out"
        ) from None
    finally:
        for _, temp in temporaries:
            temp.unlink(missing_ok=True)


def move_all(stage: Path, names: list[str], folder: Path, remove: Sequence[str] = ()) -> list[Path]:
    """Rename complete files from a staging folder (inside `folder`) over the old ones, and
    delete the earlier outputs named in `remove`, as one step: every target is checked first, and
    a rename that fails midway puts the earlier files back, so the folder never mixes two builds."""
    for name in names:
        with (stage / name).open("rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(stage / name, 0o644)
    written: list[Path] = []
    try:
        with _locked(folder), runtime.holding():
            runtime.check()
            for name in (*names, *remove):
                _check_target(folder / name)
            earlier = _keep_earlier(stage, names, folder)
            try:
                for name in names:
                    os.replace(stage / name, folder / name)
                    written.append(folder / name)
            except OSError:
                _put_back(stage, written, earlier)
                raise
            for name in remove:
                (folder / name).unlink(missing_ok=True)
    except KeyboardInterrupt as err:
        if written:  # the signal came during the renames and was held back until they were done
            raise type(err)("the new outputs had all been written") from None
        raise
    return written


def _check_target(target: Path) -> None:
    if target.is_symlink() or not target.exists() or target.is_file():
        return
    raise OutputError(f"{target}: is a folder or a special file, not an output file; nothing was written and the "
                      "earlier files are unchanged. Move it away or choose another folder with --out")


def _keep_earlier(stage: Path, names: list[str], folder: Path) -> dict[str, Path]:
    """Hard links to the files about to be replaced, to put them back if a later rename fails."""
    earlier: dict[str, Path] = {}
    for name in names:
        if (folder / name).is_file() and not (folder / name).is_symlink():
            link = stage / f"{name}.earlier"
            try:
                os.link(folder / name, link)
            except OSError:
                continue  # no hard links here: the checks above are all the safety there is
            earlier[name] = link
    return earlier


def _put_back(stage: Path, written: list[Path], earlier: dict[str, Path]) -> None:
    for path in written:
        if path.name in earlier:
            os.replace(earlier[path.name], path)
        else:
            path.unlink(missing_ok=True)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder (flock), so that two builds never interleave their renames."""
    lock = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
        except OSError:
            pass  # a file system without locks: each rename is still atomic
        yield
    finally:
        os.close(lock)  # which releases the lock
