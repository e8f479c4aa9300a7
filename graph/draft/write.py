"""The draft written as a facts file, by hand rather than by a YAML library, so that each
candidate carries its comments: how it was found and, when uncertain, '# REVIEW: ...'. Strings
YAML could misread (colons, '#', leading quotes, yes/no, dates, line breaks) are double-quoted
with escapes, so each value reads back exactly as the text has it."""

import re
import unicodedata

_PLAIN = re.compile(r"^[A-Za-z][\w .,'’()&/\-]*[\w.)’']$|^[A-Za-z]$")
_SPECIAL = frozenset("yes no true false null on off y n ~ none".split())
_ESCAPES = {"\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_ID = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!$))*$")


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and ": " not in text and " #" not in text and text.casefold() not in _SPECIAL:
        return text
    return '"' + "".join(_escape(ch) for ch in text) + '"'


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ch == " " or (ch.isprintable() and ch not in "\u2028\u2029\ufeff\x85"):
        return ch
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_FLOW_PLAIN = re.compile(r"^[A-Za-z][\w .’\-/&]*$")


def flow(values: list[str]) -> str:
    """A flow list ("[a, b]"): inside one, commas, brackets and quotes need quoting too."""
    return "[" + ", ".join(v if _FLOW_PLAIN.match(v) and v.casefold() not in _SPECIAL and not v.endswith(" ")
                           else scalar(v) if not _PLAIN.match(v) else '"' + "".join(_escape(c) for c in v) + '"'
                           for v in values) + "]"


#: Letters that NFKD does not take apart into a base letter and a mark ("Sørensen" → "sorensen").
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "đ": "d",
                          "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "ı": "i"})


def slug(text: str, limit: int = 60) -> str:
    """An id from a name: ASCII letters and digits joined by '-', at most `limit` characters."""
    text = text.translate(_LETTERS)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.casefold())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit and out:
            break
        out = f"{out}-{word}" if out else word
    return out


class Ids:
    """Unique ids across every kind, as the facts file needs them."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def mint(self, *parts: str, fallback: str = "item") -> str:
        base = slug("-".join(p for p in parts if p)) or fallback
        base = base if _ID.match(base) else fallback
        ident, number = base, 2
        while ident in self.used:
            ident, number = f"{base}-{number}", number + 1
        self.used.add(ident)
        return ident


class Yaml:
    """Lines of the facts file, with comments."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, text: str, indent: int = 0) -> None:
        for line in text.splitlines() or [""]:
            self.lines.append(" " * indent + ("# " + _one_line(line)).rstrip())

    def blank(self) -> None:
        self.lines.append("")

    def section(self, name: str) -> None:
        self.lines.append(f"{name}:")

    def entry(self, fields: list[tuple[str, object]], how: str | None = None, review: str | None = None,
              indent: int = 2) -> None:
        """One list item of a section: its comments, then `- key: value` lines."""
        if how:
            self.comment(how, indent)
        if review:
            self.comment("REVIEW: " + review, indent)
        first = True
        for key, value in fields:
            if value is None or value == [] or value is False or value == "":
                continue
            prefix = " " * indent + ("- " if first else "  ")
            first = False
            self.field(prefix, key, value, indent + 2)

    def field(self, prefix: str, key: str, value: object, indent: int) -> None:
        if isinstance(value, list) and value and isinstance(value[0], list):  # a list of mappings
            self.lines.append(f"{prefix}{key}:")
            for item in value:
                first = True
                for sub_key, sub_value in item:
                    if sub_value is None:
                        continue
                    item_prefix = " " * (indent + 2) + ("- " if first else "  ")
                    first = False
                    self.field(item_prefix, sub_key, sub_value, indent + 4)
        elif isinstance(value, dict):
            self.lines.append(f"{prefix}{key}:")
            for sub_key, sub_value in value.items():
                if sub_value is not None:
                    self.field(" " * (indent + 2), sub_key, sub_value, indent + 4)
        elif isinstance(value, list):
            self.lines.append(f"{prefix}{key}: {flow([str(v) for v in value])}")
        else:
            self.lines.append(f"{prefix}{key}: {scalar(value)}")

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def _one_line(text: str) -> str:
    """A comment stays one line and plain: line breaks and control characters become spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in " ".join(text.split()))
