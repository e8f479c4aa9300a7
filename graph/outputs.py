"""Write a set of output files so that a failure leaves the earlier ones byte-identical.

Every file is first written in full to a temporary file in the same folder and synced;
only when all of them are written are they renamed over the old ones (rename is atomic).
"""

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from graph.errors import OutputError


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


def move_all(stage: Path, names: list[str], folder: Path) -> list[Path]:
    """Rename complete files from a staging folder (inside `folder`) over the old ones."""
    for name in names:
        with (stage / name).open("rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(stage / name, 0o644)
    written = []
    for name in names:
        os.replace(stage / name, folder / name)
        written.append(folder / name)
    return written
