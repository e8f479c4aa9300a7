"""Read a facts file as YAML, keeping line numbers and refusing what a curated file never needs.

Mappings come back as `YMap` (a dict that knows its line and each key's line), lists as
`YList`. Aliases are refused outright, which also defuses alias bombs ("billion laughs").
"""

import os
import stat
from pathlib import Path

import yaml

from graph.errors import SourceError

MAX_FACTS_BYTES = 10 * 1024 * 1024
#: A facts file nests five levels deep; deeper nesting is refused (with its line) before libyaml's
#: composer, which recurses in C, can crash the interpreter on tens of thousands of levels.
MAX_DEPTH = 50
#: Up to this bound on the nesting (brackets, plus the longest line for block nesting), composing is safe.
SAFE_COMPOSE_BOUND = 1000

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YMap(dict):
    """A YAML mapping with the line of the mapping and of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YList(list):
    line: int = 0
    item_lines: list


class _AliasFound(Exception):
    def __init__(self, line: int):
        self.line = line


class _Loader(_Base):
    depth = 0

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _AliasFound(node.start_mark.line + 1)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Duplicate(node.start_mark.line + 1, _TOO_DEEP)
            return super().construct_object(node, deep=True)
        finally:
            self.depth -= 1


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> YMap:
    result = YMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Duplicate(line, "merge keys ('<<') are not allowed; write the fields out")
        key = loader.construct_object(key_node)
        if not isinstance(key, str):
            raise _Duplicate(line, f"field names must be text, not {key!r}")
        if key in result:
            raise _Duplicate(line, f"field '{key}' appears twice in one entry (first at line {result.key_lines[key]})")
        result[key] = loader.construct_object(value_node)
        result.key_lines[key] = line
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> YList:
    result = YList(loader.construct_object(child) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


class _Duplicate(Exception):
    """Something a facts file never needs, refused at its line."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message


_TOO_DEEP = f"lists and mappings nested more than {MAX_DEPTH} levels deep; a facts file needs five at most"


def _check_depth(text: str) -> None:
    """Refuse very deep nesting from libyaml's event stream (iterative), when a cheap bound allows it."""
    bound = text.count("[") + text.count("{") + max(map(len, text.splitlines()), default=0)
    if bound <= SAFE_COMPOSE_BOUND:
        return
    depth = 0
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Duplicate(event.start_mark.line + 1, _TOO_DEEP)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
# Dates stay text here; the facts reader checks them and names the line when they are wrong.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


def read_text(path: Path, what: str, limit: int) -> str:
    """Read a UTF-8 file of an article's folder, with a clear error for a missing, oversized or
    non-UTF-8 file. Only plain files inside the folder are read, and never more than `limit` bytes
    whatever `stat` says: a link to /proc/self/environ or a credentials file is refused, not quoted."""
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise SourceError(f"{path}: {what} not found; create it or check the folder name") from None
    except OSError as err:
        raise SourceError(f"{path}: cannot read the {what} ({err.strerror}); check its permissions") from None
    folder = path.parent.resolve()
    if not real.is_relative_to(folder):
        raise SourceError(f"{path}: {what} is a symbolic link to {real}, outside the folder {folder}; kg reads only "
                          "files inside an article's folder, so copy the file there")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the build
    except OSError as err:  # kg build maps OSError to an output error; this one is the source's
        raise SourceError(f"{path}: cannot read the {what} ({err.strerror}); check its permissions") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise SourceError(f"{path}: {what} is not a file (a folder, FIFO or device); give a plain text file")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1) if info.st_size <= limit else b""
        except OSError as err:
            raise SourceError(f"{path}: cannot read the {what} ({err.strerror}); check its permissions") from None
    if len(data) > limit or info.st_size > limit:
        raise SourceError(
            f"{path}: {what} is {max(info.st_size, len(data)) / 1_048_576:.1f} MB, over the limit of "
            f"{limit // 1_048_576} MB; split it into several articles"
        )
    if len(data) != info.st_size:
        raise SourceError(f"{path}: {what} is not a plain file (it reads {len(data):,} bytes, its size says "
                          f"{info.st_size:,}: /proc or a device?); copy the text into a plain file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise SourceError(
            f"{path}:{line}: {what} is not UTF-8 (byte 0x{data[err.start]:02x} at column {column}); "
            "save it as UTF-8"
        ) from None


class _Unusual(Exception):
    """Something the quick reader leaves to the full loader (which accepts it or names the problem)."""


_PLAIN_TAGS = (None, "!")
_STR, _TIMESTAMP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"
_CONVERTED = {f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null")}


#: What quick_load() returns for a text it leaves to the full loader.
STEP_ASIDE = object()


def quick_load(text: str) -> object:
    """The document built straight from libyaml's events: twice as fast as composing nodes first.
    Only plain mappings, lists and scalars; for anything else (aliases, anchors, tags, merge or
    repeated keys, deep nesting, several documents, any error) it returns STEP_ASIDE, and
    load_facts_yaml() asks the full loader, so both give the same data and the same errors."""
    # a plain scalar whose first character starts no implicit type (bool, int, null, ...) is text
    implicit = _Base.yaml_implicit_resolvers
    typed_starts = "" if None in implicit else "".join(key for key in implicit if key)
    loader = _Base(text)  # libyaml's parser, and PyYAML's resolver and constructor
    try:
        return _quick_events(loader, typed_starts)
    except (_Unusual, yaml.YAMLError):
        return STEP_ASIDE
    finally:
        loader.dispose()


def _quick_events(loader, typed_starts: str) -> object:
    root: object = None
    stack: list[list] = []  # [container, pending key, its line]
    documents = 0
    while (event := loader.get_event()) is not None:
        kind = type(event)
        line = event.start_mark.line + 1
        if kind is yaml.ScalarEvent:
            if event.anchor is not None:
                raise _Unusual
            value = event.value
            if event.tag is not None and event.tag != "!":
                tag = event.tag
            elif not event.implicit[0] or (value and typed_starts and value[0] not in typed_starts):
                tag = _STR
            else:
                tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
            if tag == _STR or tag == _TIMESTAMP:
                pass
            elif tag in _CONVERTED:
                node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
                value = _Loader.yaml_constructors[tag](loader, node)
            else:
                raise _Unusual
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag not in _PLAIN_TAGS or len(stack) >= MAX_DEPTH:
                raise _Unusual
            value = YMap() if kind is yaml.MappingStartEvent else YList()
            value.line = line
            if kind is yaml.MappingStartEvent:
                value.key_lines = {}
            else:
                value.item_lines = []
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            if stack.pop()[1] is not None:
                raise _Unusual
            continue
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual
            continue
        elif kind is yaml.AliasEvent:
            raise _Unusual
        else:  # stream start and end, document end
            continue
        if not stack:
            root = value
        else:
            frame = stack[-1]
            container = frame[0]
            if type(container) is YList:
                container.append(value)
                container.item_lines.append(line)
            elif frame[1] is None:
                if type(value) is not str or value in container:
                    raise _Unusual
                frame[1], frame[2] = value, line
            else:
                container[frame[1]] = value
                container.key_lines[frame[1]] = frame[2]
                frame[1] = None
        if type(value) is YMap or type(value) is YList:
            stack.append([value, None, 0])
    return root


def load_facts_yaml(path: Path) -> YMap:
    """The facts file as a YMap; a SourceError naming file and line for anything malformed."""
    text = read_text(path, "facts file", MAX_FACTS_BYTES)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError(f"{path}:{line}: facts file contains a NUL byte; save it as plain UTF-8 text")
    data = quick_load(text)
    if data is STEP_ASIDE:
        data = _full_load(path, text)
    return _checked_document(path, data)


def _full_load(path: Path, text: str) -> object:
    try:
        _check_depth(text)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except _AliasFound as alias:
        raise SourceError(
            f"{path}:{alias.line}: YAML aliases (&anchor / *alias) are not allowed in facts files; "
            "write each value out in full"
        ) from None
    except _Duplicate as dup:
        raise SourceError(f"{path}:{dup.line}: {dup.message}") from None
    except yaml.reader.ReaderError as err:
        # libyaml counts the position in bytes of UTF-8, the pure-Python reader in characters
        before = text.encode("utf-8")[: err.position] if _Base is not yaml.SafeLoader else text[: err.position]
        line = before.count(b"\n" if isinstance(before, bytes) else "\n") + 1
        raise SourceError(
            f"{path}:{line}: facts file contains the control character U+{err.character:04X}, which YAML does not "
            "allow; delete it (or write it as an escape inside double quotes)"
        ) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f":{mark.line + 1}" if mark else ""
        problem = (err.problem or err.context or "syntax error").strip()
        if "maximum nesting depth" in problem:  # PyYAML 6.0.4's libyaml stops deep nesting before we do
            raise SourceError(f"{path}{where}: {_TOO_DEEP}") from None
        raise SourceError(
            f"{path}{where}: malformed YAML: {problem}; check indentation and quoting on that line"
        ) from None
    except yaml.YAMLError as err:
        raise SourceError(f"{path}: malformed YAML: {err}; check the file's syntax") from None
    return data


def _checked_document(path: Path, data: object) -> YMap:
    if data is None or data == {} or (isinstance(data, str) and not data.strip()):
        raise SourceError(
            f"{path}: the facts file is empty; start from the example in README.md (section 'Facts file')"
        )
    if not isinstance(data, YMap):
        raise SourceError(
            f"{path}:1: the facts file must be a mapping with 'article', 'people', ... "
            f"at the top, not {type(data).__name__}; see README.md (section 'Facts file')"
        )
    return data
