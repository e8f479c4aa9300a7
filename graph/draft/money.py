"""Sums of money ("$2 billion", "350 million euros", "EUR 120.5 million", "a $6 million grant")
as a value and an ISO 4217 currency code."""

import re
from dataclasses import dataclass
from decimal import Decimal

from graph.draft.lexicon import CURRENCIES, SCALES

_SCALE = r"(?:\s+(?P<scale>" + "|".join(SCALES) + r")|(?P<short>bn|m)\b)?"
_NUMBER = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WORDS = sorted((k for k in CURRENCIES if k[0].isalpha() and len(k) > 3 or " " in k), key=len, reverse=True)
_CODES = sorted((k.upper() for k in CURRENCIES if k.isalpha() and len(k) == 3), key=len, reverse=True)
_SIGNS = sorted((k for k in CURRENCIES if not k.isalpha()), key=len, reverse=True)
_PATTERNS = (
    re.compile(r"(?P<sign>" + "|".join(re.escape(s) for s in _SIGNS) + r")\s?" + _NUMBER + _SCALE, re.IGNORECASE),
    re.compile(r"\b(?P<code>" + "|".join(_CODES) + r")\s?" + _NUMBER + _SCALE),
    re.compile(r"(?<![\w$€£¥])" + _NUMBER + _SCALE + r"\s+(?P<word>" + "|".join(_WORDS) + r")\b", re.IGNORECASE),
)


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    value: str
    currency: str


def find(text: str, start: int, end: int) -> list[Money]:
    found: list[Money] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            groups = match.groupdict()
            key = (groups.get("sign") or groups.get("code") or groups.get("word") or "").casefold()
            currency = CURRENCIES.get(key)
            if currency is None:
                continue
            number = Decimal(groups["n"].replace(",", ""))
            scale = groups.get("scale")
            if scale:
                number *= SCALES[scale.casefold()]
            elif groups.get("short"):
                number *= 1_000_000_000 if groups["short"].casefold() == "bn" else 1_000_000
            value = format(number.normalize(), "f")
            if "." in value:
                value = value.rstrip("0").rstrip(".")
            found.append(Money(match.start(), match.end(), value, currency))
    return sorted(found, key=lambda m: m.start)
