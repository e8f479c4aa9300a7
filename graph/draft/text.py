"""An article's text cut into paragraphs, quotations and sentences, each kept as offsets into the
unchanged text, so that every passage the draft quotes is copied from it verbatim."""

import bisect
import re
from dataclasses import dataclass, field

from graph.draft.lexicon import ABBREVIATIONS

#: Opening mark → the marks that close it.
_DOUBLE_OPEN = {"\u201c": "\u201d\"", "\u201e": "\u201c\u201d\"", "\u00ab": "\u00bb", "\"": "\"\u201d",
                "\u00bb": "\u00ab"}
_DOUBLE_MARKS = set("\"\u201c\u201d\u201e\u00ab\u00bb")
_SINGLE_OPEN = {"\u2018": "\u2019", "'": "'", "\u2039": "\u203a"}
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019\u00bb)\]]*(?=\s+(?:\u00ab\s?|[\"'\u201c\u2018(\[])?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)\.?$")
_SENTENCE_STARTERS = frozenset("The He She It They We I In On At But And A An This That".split())


@dataclass(frozen=True)
class Quote:
    """A quotation: from its opening mark to after its closing mark, with the words of each of its
    paragraphs (without the marks that open and reopen it)."""

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    closed: bool

    def words(self, text: str) -> str:
        return " ".join(" ".join(text[s:e].split()) for s, e in self.parts if text[s:e].strip())


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass
class Doc:
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.paragraphs = _paragraphs(self.text)
        self.quotes = _quotes(self.text, self.paragraphs)
        self.sentences = _sentences(self.text, self.paragraphs, self.quotes)
        self._sentence_starts = [s.start for s in self.sentences]
        self._quote_starts = [q.start for q in self.quotes]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding the offset (or the last one before it)."""
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def quote_at(self, offset: int) -> Quote | None:
        index = bisect.bisect_right(self._quote_starts, offset) - 1
        if index >= 0 and self.quotes[index].start <= offset < self.quotes[index].end:
            return self.quotes[index]
        return None

    def quotes_within(self, start: int, end: int) -> list[Quote]:
        low = bisect.bisect_left(self._quote_starts, start)
        high = bisect.bisect_left(self._quote_starts, end)
        return [q for q in self.quotes[low:high] if q.end <= end]

    def in_quote(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self._quote_starts, start) - 1
        return index >= 0 and self.quotes[index].start < start and end <= self.quotes[index].end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Each non-empty line is a paragraph, except in a block of lines wrapped at a fixed width,
    which is one paragraph."""
    lines = []
    for match in re.finditer(r"[^\n]*", text):
        start, end = match.start(), match.end()
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            lines.append((start + lead, start + lead + len(stripped)))
        else:
            lines.append(None)
    paragraphs: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    for line in [*lines, None]:
        if line is not None:
            block.append(line)
            continue
        if len(block) >= 3 and all(50 <= e - s <= 100 for s, e in block[:-1]):
            paragraphs.append((block[0][0], block[-1][1]))
        else:
            paragraphs.extend(block)
        block = []
    return paragraphs


def _quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    found: list[Quote] = []
    open_at: int | None = None
    closers = ""
    parts: list[tuple[int, int]] = []
    part_start = 0
    for index, (p_start, p_end) in enumerate(paragraphs):
        position = p_start
        if open_at is not None:
            if text[p_start] in _DOUBLE_MARKS and p_start + 1 < p_end and not text[p_start + 1].isspace():
                # the quotation goes on in this paragraph, its mark reopened
                position = part_start = p_start + 1
            else:
                found.append(Quote(open_at, paragraphs[index - 1][1], tuple(parts), False))
                open_at = None
        doubles = any(ch in _DOUBLE_MARKS for ch in text[p_start:p_end])
        for offset in range(position, p_end):
            ch = text[offset]
            if open_at is None:
                if ch in _DOUBLE_OPEN and _may_open(text, offset, p_start):
                    open_at, closers, parts, part_start = offset, _DOUBLE_OPEN[ch], [], offset + 1
                elif not doubles and ch in _SINGLE_OPEN and _may_open_single(text, offset, p_start):
                    open_at, closers, parts, part_start = offset, _SINGLE_OPEN[ch], [], offset + 1
            elif ch in closers and (closers not in ("'", "\u2019") or _may_close_single(text, offset, p_end)):
                parts.append((part_start, offset))
                found.append(Quote(open_at, offset + 1, tuple(parts), True))
                open_at = None
        if open_at is not None:
            parts.append((part_start, p_end))
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if following is None or text[following[0]] not in _DOUBLE_MARKS or closers in ("'", "\u2019") or \
                    following[0] + 1 >= following[1] or text[following[0] + 1].isspace():
                found.append(Quote(open_at, p_end, tuple(parts), False))
                open_at = None
    return [q for q in found if q.parts and any(text[s:e].strip() for s, e in q.parts)]


def _may_open(text: str, offset: int, p_start: int) -> bool:
    before = text[offset - 1] if offset > p_start else " "
    after = text[offset + 1] if offset + 1 < len(text) else " "
    if text[offset] == "\u00ab":  # French spacing: « Nobody will be left behind »
        return not before.isalnum() and after != "\n"
    return not after.isspace() and not before.isalnum()


def _may_open_single(text: str, offset: int, p_start: int) -> bool:
    before = text[offset - 1] if offset > p_start else " "
    after = text[offset + 1] if offset + 1 < len(text) else " "
    return (before.isspace() or before in "(—–-") and after.isupper()


def _may_close_single(text: str, offset: int, p_end: int) -> bool:
    before = text[offset - 1]
    after = text[offset + 1] if offset + 1 < p_end else " "
    return not after.isalnum() and (before in ".,!?" or (before.isalpha() and before != "s"))


def _sentences(text: str, paragraphs: list[tuple[int, int]], quotes: list[Quote]) -> list[Sentence]:
    starts = [q.start for q in quotes]
    found: list[Sentence] = []

    def inside(cut: int) -> bool:
        index = bisect.bisect_left(starts, cut) - 1
        return index >= 0 and quotes[index].start < cut < quotes[index].end
    for index, (p_start, p_end) in enumerate(paragraphs):
        start = p_start
        for match in _BOUNDARY.finditer(text, p_start, p_end):
            cut = match.end()
            if inside(cut) or not _ends_sentence(text, match.start(), cut):
                continue
            found.append(Sentence(start, cut, index))
            start = cut
            while start < p_end and text[start].isspace():
                start += 1
        if start < p_end:
            found.append(Sentence(start, p_end, index))
    return found


def _ends_sentence(text: str, period: int, cut: int) -> bool:
    if text[period] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, period - 20), period)
    word = before.group(1) if before else ""
    if word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # U.S., a.m.: only before a usual sentence start
        following = re.match(r"\s+[\"'\u201c]?(\w+)", text[cut:])
        return bool(following) and following.group(1) in _SENTENCE_STARTERS
    return True
