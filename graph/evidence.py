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

_QUOTES = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    }
)
_SPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class Evidence:
    """A passage of one article: the exact text, its offsets and some context either side."""

    exact: str
    start: int
    end: int
    prefix: str
    suffix: str


def normalize(text: str) -> str:
    return _SPACE_RUN.sub(" ", text.translate(_QUOTES)).strip()


class ArticleText:
    """An article's text, normalized once, so that many excerpts can be found quickly."""

    def __init__(self, text: str):
        self.text = text
        pieces: list[str] = []
        self._norm_starts: list[int] = []
        self._orig_starts: list[int] = []
        self._is_space: list[bool] = []
        translated = text.translate(_QUOTES)
        position = norm = 0
        for match in _SPACE_RUN.finditer(translated):
            if match.start() > position:
                self._add(pieces, translated[position : match.start()], norm, position, False)
                norm += match.start() - position
            self._add(pieces, " ", norm, match.start(), True)
            norm += 1
            position = match.end()
        if position < len(translated):
            self._add(pieces, translated[position:], norm, position, False)
        self.normalized = "".join(pieces)

    def _add(self, pieces: list[str], piece: str, norm: int, orig: int, space: bool) -> None:
        pieces.append(piece)
        self._norm_starts.append(norm)
        self._orig_starts.append(orig)
        self._is_space.append(space)

    def _original(self, norm_index: int) -> int:
        segment = bisect.bisect_right(self._norm_starts, norm_index) - 1
        if self._is_space[segment]:
            return self._orig_starts[segment]
        return self._orig_starts[segment] + norm_index - self._norm_starts[segment]

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
        passage = self.normalized[best : best + width]
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
