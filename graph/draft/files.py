"""The draft's input and output: an article's text read from a file or standard input (UTF-8,
within kg build's size limit, not binary, not empty), and the folder it is written to
(article.txt unchanged, facts.yaml), which never replaces a facts file without `force`."""

import os
import stat
import sys
from pathlib import Path

from graph.draft.write import slug
from graph.errors import DraftError
from graph.files import write_all

#: The limit kg build puts on an article text (graph/facts/read.py MAX_ARTICLE_BYTES).
MAX_TEXT_BYTES = 5 * 1024 * 1024
STDIN = "-"
TEXT_FILE, FACTS_FILE = "article.txt", "facts.yaml"


def read_input(source: str) -> tuple[bytes, str]:
    """The bytes of the article and its text, checked."""
    name = "standard input" if source == STDIN else source
    data = _read_stdin() if source == STDIN else _read_file(Path(source))
    if len(data) > MAX_TEXT_BYTES:
        raise DraftError(f"{name}: the text is over the limit of {MAX_TEXT_BYTES // 1_048_576} MB that kg build "
                         "accepts; split it into several articles")
    if b"\x00" in data:
        raise DraftError(f"{name}: not a text file (it holds NUL bytes); give the article as plain UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise DraftError(f"{name}:{line}: the text is not UTF-8 (byte 0x{data[err.start]:02x} at column {column}); "
                         "save it as UTF-8") from None
    if not text.strip(" \t\r\n\ufeff"):
        raise DraftError(f"{name}: the text is empty; give the article's text, its headline on the first line")
    return data, text


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (tests); give back its bytes
        return sys.stdin.read(MAX_TEXT_BYTES + 1).encode("utf-8", "surrogateescape")
    return stream.read(MAX_TEXT_BYTES + 1)


def _read_file(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise DraftError(f"{path}: file not found; give the article's text file, or - to read standard input") \
            from None
    except IsADirectoryError:
        raise DraftError(f"{path}: is a folder; give the article's text file") from None
    except OSError as err:
        raise DraftError(f"{path}: cannot read the file ({err.strerror}); check its permissions") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DraftError(f"{path}: is a folder; give the article's text file")
        raise DraftError(f"{path}: is not a plain file (a FIFO or a device); save the text in a file first, "
                         "or pipe it in with -")
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > MAX_TEXT_BYTES:
            raise DraftError(f"{path}: the text is {info.st_size / 1_048_576:.1f} MB, over the limit of "
                             f"{MAX_TEXT_BYTES // 1_048_576} MB that kg build accepts; split it into several articles")
        try:
            return handle.read(MAX_TEXT_BYTES + 1)
        except OSError as err:
            raise DraftError(f"{path}: cannot read the file ({err.strerror}); check its permissions") from None


def folder_for(out: Path | None, headline: str) -> Path:
    """--out, or a folder in the current one named from the headline."""
    return out if out is not None else Path(slug(headline, 60) or "article")


def check_target(folder: Path, data: bytes, force: bool) -> None:
    """Refuse to replace a facts file (or another text) unless forced."""
    if folder.exists() and not folder.is_dir():
        raise DraftError(f"{folder}: exists and is not a folder; give another folder with --out")
    if force:
        return
    facts = folder / FACTS_FILE
    if facts.exists():
        raise DraftError(f"{facts}: a facts file is already there; give --force to replace it, or another --out")
    text = folder / TEXT_FILE
    if text.exists():
        try:
            same = text.read_bytes() == data
        except OSError:
            same = False
        if not same:
            raise DraftError(f"{text}: holds another text; give --force to replace it, or another --out")


def write_folder(folder: Path, data: bytes, facts: str) -> Path:
    """article.txt (the text as given) and facts.yaml, each written whole or not at all."""
    write_all(folder, {TEXT_FILE: data, FACTS_FILE: facts.encode("utf-8")})
    return folder / FACTS_FILE
