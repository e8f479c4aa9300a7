"""Words and runs of capitalized words ("Victor Joseph Dzau", "Ministry of Water"), the raw
material of names. Words inside quotations are left out: a quote names no one for the draft."""

import re
from dataclasses import dataclass

from graph.draft.lexicon import ABBREVIATIONS, CONNECTORS, EVENT_WORDS, ORG_WORDS

NAME_HEADS = ORG_WORDS | EVENT_WORDS
from graph.draft.text import Doc

#: "Bristol-based" is two words: the place is a name of its own.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}(?![A-Za-z])|[A-Z]\.(?=\s[A-Z])|"
                    r"\w+(?:(?:[’'&]|-(?!(?:based|born|headquartered|registered)\b))\w+)*")
_POSSESSIVE = re.compile(r"[’']s$")
#: "al-Saeed", "el-Sisi", "bin-Salman": a lower-case particle joined to a name, a capitalized word
_PREFIXED = re.compile(r"^(?:al|el|ad|as|ash|at|az|an|bin|ibn|abu|ben|d|l)[\-’'][A-Z]")
#: A company's suffix written in lower case ("Firth Banking Group plc"): part of its name
_SUFFIXES = frozenset("plc ltd llc".split())
#: Small words inside a person's name ("bin Rashid", "van der Berg", "de la Cruz"), joined like connectors
NAME_PARTICLES = frozenset("bin ibn bint abu al el van der den de la le du da dos das do di della ter ten von zu af".split())
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z.'’\- ]*[A-Z.])(?:,\s+(?P<region>[A-Z][\w.]*(?: [A-Z][\w.]*)*))?"
    r"(?:,\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?\s*(?:\((?P<pub>[^()\n]{2,60})\))?"
    r"\s*(?:--|—|–|-)\s*")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    sentence: int
    initial: bool  # first word of its sentence, capitalized by position

    @property
    def cap(self) -> bool:
        return capitalized(self.text)

    @property
    def possessive(self) -> bool:
        return bool(_POSSESSIVE.search(self.text)) and len(self.text) > 2

    @property
    def bare(self) -> str:
        """The word without a possessive 's."""
        return _POSSESSIVE.sub("", self.text) if self.possessive else self.text

    @property
    def bare_end(self) -> int:
        return self.end - 2 if self.possessive else self.end


@dataclass
class Run:
    tokens: list[Token]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].bare_end

    @property
    def sentence(self) -> int:
        return self.tokens[0].sentence

    @property
    def words(self) -> list[str]:
        return [t.bare for t in self.tokens]

    @property
    def possessive(self) -> bool:
        return self.tokens[-1].possessive

    def text(self, doc: Doc) -> str:
        return doc.text[self.start:self.end]


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # where the story's first sentence starts
    city: tuple[int, int] | None
    date: tuple[int, int] | None
    publisher: tuple[int, int] | None


def dateline(doc: Doc) -> Dateline | None:
    """'NAIROBI, March 5 (Example Wire) --' at the start of the first or second paragraph."""
    for start, end in doc.paragraphs[1:3]:
        match = _DATELINE.match(doc.text, start, end)
        if match and (match.group("date") or match.group("pub")):
            def span(group):
                return (match.start(group), match.end(group)) if match.group(group) else None
            return Dateline(start, match.end(), span("city"), span("date"), span("pub"))
    return None


def tokens(doc: Doc, line: Dateline | None) -> list[Token]:
    """Every word outside quotations, in order, each knowing its sentence."""
    found: list[Token] = []
    quotes = [(q.start, q.end) for q in doc.quotes]
    q = 0
    for index, sentence in enumerate(doc.sentences):
        first = True
        for match in _TOKEN.finditer(doc.text, sentence.start, sentence.end):
            start, end = match.span()
            while q < len(quotes) and quotes[q][1] <= start:
                q += 1
            if q < len(quotes) and quotes[q][0] <= start < quotes[q][1]:
                first = False
                continue
            word = match.group()
            if word.casefold() in ABBREVIATIONS and doc.text[end:end + 1] == ".":
                end += 1
                word += "."
            initial = first or (line is not None and start == line.end) or _after_colon(doc.text, start)
            found.append(Token(start, end, word, index, initial))
            first = False
    return found


def _after_colon(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start]
    return before.endswith((": ", "-- ", "— "))


def capitalized(word: str) -> bool:
    """A word that can be part of a name: capitalized, or "al-Saeed", or a company's "plc"."""
    return word[:1].isupper() or bool(_PREFIXED.match(word)) or word in _SUFFIXES


def _particle_joins(doc: Doc, words: list[Token], index: int) -> bool:
    """The particle at `index` (one or two: "bin", "van der") is followed, a space apart, by a name's word."""
    after = index + 1
    while after < len(words) and after - index < 2 and words[after].text in NAME_PARTICLES:
        after += 1
    return after < len(words) and words[after].cap and \
        all(doc.text[words[i].end:words[i + 1].start] == " " for i in range(index, after))


def runs(doc: Doc, words: list[Token]) -> list[Run]:
    """Capitalized words next to each other (one space apart), with the small words that join
    the parts of one name between them ("Ministry of Water"); a possessive ends a run."""
    found: list[Run] = []
    current: list[Token] = []

    def close() -> None:
        while current and not current[-1].cap:
            current.pop()
        while current and not current[0].cap:
            current.pop(0)
        if current:
            found.append(Run(list(current)))
        current.clear()

    for index, token in enumerate(words):
        gap = doc.text[current[-1].end:token.start] if current else ""
        joined = bool(current) and token.sentence == current[-1].sentence and \
            (gap in (" ", " & ") or (gap in ("’ ", "' ") and current[-1].text.endswith("s") and token.cap and
                                     token.text in NAME_HEADS))  # "Humber Athletic Supporters’ Trust"
        if token.cap and token.text[:1].isalpha():
            if current and not joined:
                close()
            current.append(token)
        elif joined and token.text in CONNECTORS and current[-1].cap and index + 1 < len(words) and \
                (words[index + 1].cap or (token.text in ("of", "for") and words[index + 1].text == "the")) and doc.text[token.end:words[index + 1].start] == " " and \
                not current[-1].possessive:
            current.append(token)
        elif joined and token.text in NAME_PARTICLES and not current[-1].possessive and _particle_joins(doc, words, index):
            current.append(token)  # "Ahmed bin Rashid", "Pieter van der Berg"
        elif joined and token.text == "the" and current[-1].text in ("of", "for") and index + 1 < len(words) and \
                words[index + 1].cap and doc.text[token.end:words[index + 1].start] == " " and \
                any(t.bare in NAME_HEADS for t in current):
            current.append(token)  # "Tour of the Alps", "Ministry of the Interior": after an organization's word
        else:
            close()
            continue
        if token.possessive:
            close()
    close()
    return found
