"""Find a curated evidence excerpt in the article text and record where it stands.

Matching tolerates straight vs curly quotes and runs of whitespace (the bundled article
opens a quote with '"' and closes it with '”'); offsets are those of the original text,
counted in Unicode code points, as W3C Web Annotation selectors expect.
"""

import bisect
import difflib
import re
from dataclasses import dataclass

CONTEXT_CHARS = 32
#: A suggestion compares the first this many characters of an excerpt: enough to recognise the
#: passage, and the search stays linear in the article's length whatever the excerpt's.
CLOSEST_CHARS = 200
#: Up to this many words in an article, a suggestion is sought at every word; beyond, only where
#: a word of the excerpt occurs (rarest words first, at most MAX_CANDIDATES places), so that a
#: big article gives its answer in well under a second.
EXHAUSTIVE_STARTS = 20_000
MAX_CANDIDATES = 500

_QUOTE_PAIRS = (
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u201f", '"'), ("\u2033", '"'),
    ("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"), ("\u201b", "'"), ("\u2032", "'"),
)
_SPACE_RUN = re.compile(r"\s+")
_LONG_SPACE_RUN = re.compile(r"\s{2,}")


@dataclass(frozen=True)
class Evidence:
    """A passage of one article: the exact text, its offsets and some context either side."""

    exact: str
    start: int
    end: int
    prefix: str
    suffix: str


def _plain_quotes(text: str) -> str:
    """Curly quotes made straight; one character for one, so offsets stay. Replacing the few that
    occur is faster than translating every character."""
    for curly, straight in _QUOTE_PAIRS:
        if curly in text:
            text = text.replace(curly, straight)
    return text


def normalize(text: str) -> str:
    return _SPACE_RUN.sub(" ", _plain_quotes(text)).strip()


class ArticleText:
    """An article's text, normalized once, so that many excerpts can be found quickly."""

    def __init__(self, text: str):
        self.text = text
        plain = _plain_quotes(text)
        self.normalized = _SPACE_RUN.sub(" ", plain)
        # Only runs of two or more whitespace characters shift the offsets: for each, where its one
        # space stands in the normalized text, and how many characters were dropped up to it and after it.
        self._runs: list[int] = []
        self._before: list[int] = []
        self._after: list[int] = []
        dropped = 0
        for match in _LONG_SPACE_RUN.finditer(plain):
            self._runs.append(match.start() - dropped)
            self._before.append(dropped)
            dropped += match.end() - match.start() - 1
            self._after.append(dropped)

    def _original(self, norm_index: int) -> int:
        run = bisect.bisect_right(self._runs, norm_index) - 1
        if run < 0:
            return norm_index
        if self._runs[run] == norm_index:  # the space that stands for a run: where the run starts
            return norm_index + self._before[run]
        return norm_index + self._after[run]

    def find(self, excerpt: str) -> Evidence | None:
        """The first occurrence of the excerpt, or None."""
        wanted = normalize(excerpt)
        if not wanted:
            return None
        found = self.normalized.find(wanted)
        if found < 0:
            return None
        start = self._original(found)
        end = self._original(found + len(wanted) - 1) + 1
        return Evidence(
            exact=self.text[start:end],
            start=start,
            end=end,
            prefix=self.text[max(0, start - CONTEXT_CHARS) : start],
            suffix=self.text[end : end + CONTEXT_CHARS],
        )

    def find_quote(self, quote: str, within: Evidence | None = None) -> Evidence | None:
        """A direct quote's words, as find() matches them, also when the quote runs over several
        paragraphs: each new paragraph of a quotation reopens its quotation mark, which is not part of
        the quote's text. With `within`, only a match inside that passage (a quote's evidence)."""
        words = normalize(quote).split(" ")
        if not words[0]:
            return None
        pattern = re.compile(" [\"']?".join(map(re.escape, words)))
        for match in pattern.finditer(self.normalized):
            start, end = self._original(match.start()), self._original(match.end() - 1) + 1
            if within is not None and not (within.start <= start and end <= within.end):
                continue
            if all(self._opens_paragraph(index) for index in _reopened(match, words)):
                return Evidence(self.text[start:end], start, end, self.text[max(0, start - CONTEXT_CHARS): start],
                                self.text[end: end + CONTEXT_CHARS])
        return None

    def _opens_paragraph(self, index: int) -> bool:
        """The quotation mark at `index` of the normalized text follows a line break in the article."""
        return "\n" in self.text[self._original(index - 1): self._original(index)]

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def closest(self, excerpt: str) -> tuple[str, int] | None:
        """The passage most like the excerpt and its line, to suggest when the excerpt is not found."""
        wanted = normalize(excerpt)[:CLOSEST_CHARS]
        if not wanted or not self.normalized:
            return None
        width = len(wanted)
        starts = [0] + [m.end() for m in re.finditer(r" ", self.normalized)]
        if len(starts) > EXHAUSTIVE_STARTS:
            starts = self._anchored(wanted)
            if not starts:
                return None
        best, best_ratio = 0, -1.0
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(wanted)
        for start in starts:
            matcher.set_seq1(self.normalized[start : start + width])
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = start, ratio
        # whole words, without the quotation marks around them: a hint, not an excerpt
        end = self.normalized.find(" ", best + width)
        passage = self.normalized[best : end if end >= 0 else len(self.normalized)].strip(" \"'.,;:!?")
        return passage, self.line_of(self._original(best))

    def _anchored(self, wanted: str) -> list[int]:
        """Where the excerpt would start if one of its words were in place: rarest words first."""
        offsets: dict[str, int] = {}
        position = 0
        for word in wanted.split(" "):
            offsets.setdefault(word, position)
            position += len(word) + 1
        found: list[tuple[int, str]] = []
        for word in offsets:
            if len(word) >= 3:
                hits = self.normalized.count(word)
                if 0 < hits <= MAX_CANDIDATES:
                    found.append((hits, word))
        starts: set[int] = set()
        for _, word in sorted(found):
            at = self.normalized.find(word)
            while at != -1 and len(starts) < MAX_CANDIDATES:
                starts.add(max(0, at - offsets[word]))
                at = self.normalized.find(word, at + 1)
        return sorted(starts)


def _reopened(match: re.Match, words: list[str]) -> list[int]:
    """Normalized offsets of the quotation marks a find_quote() match skipped between words."""
    text, position, skipped = match.group(), len(words[0]), []
    for word in words[1:]:
        position += 1
        if not text.startswith(word, position):
            skipped.append(match.start() + position)
            position += 1
        position += len(word)
    return skipped
