"""Counted things a text states ("12 dead", "magnitude 6.1", "$3 million"), as canonical strings
``"<value> <unit>"`` so that two reports' figures can be compared: the value is written without grouping
("1200", "6.1", "3000000"), the unit is the lower-cased word after the number, or the word before it for
measures written first ("magnitude 6.1" -> "6.1 magnitude"). Currency amounts use ISO codes ("3000000 usd").
Years, clock times, days of a date and ordinals ("18th century") are skipped. English number words ("twelve")
are read too.
"""

from __future__ import annotations

import re

from samestory.features.dates import MONTHS

_SMALL = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "a dozen": 12,
    "dozen": 12,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000,
    "m": 1_000_000,
    "k": 1_000,
    "millionen": 1_000_000,
    "milliarden": 1_000_000_000,
    "millones": 1_000_000,
    "millions": 1_000_000,
    "milliards": 1_000_000_000,
    "mln": 1_000_000,
    "mld": 1_000_000_000,
    "milyon": 1_000_000,
    "milyar": 1_000_000_000,
}
_CURRENCIES = {
    "$": "usd",
    "us$": "usd",
    "€": "eur",
    "£": "gbp",
    "¥": "jpy",
    "dollars": "usd",
    "dollar": "usd",
    "euros": "eur",
    "euro": "eur",
    "pounds": "gbp",
    "yen": "jpy",
    "won": "krw",
    "yuan": "cny",
}
# Measures named before their figure.
_UNIT_BEFORE = frozenset(
    {
        "magnitude",
        "aged",
        "age",
        "no",
        "number",
        "level",
        "category",
        "route",
        "highway",
        "interstate",
        "flight",
        "room",
        "article",
        "section",
        "chapter",
        "grade",
        "phase",
    }
)
# Words after a number that are no unit ("one of them", "two in Seoul").
_NOT_UNITS = frozenset(
    {
        "them",
        "us",
        "you",
        "it",
        "those",
        "these",
        "who",
        "which",
        "that",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "a",
        "an",
        "as",
    }
)
# Words between a number and its noun that say nothing about the noun ("14 other people").
_SKIP_AFTER = frozenset(
    {
        "other",
        "more",
        "of",
        "the",
        "additional",
        "further",
        "than",
        "about",
        "some",
        "were",
        "are",
        "was",
        "is",
        "have",
        "had",
        "people's",
        "new",
        "de",
        "des",
        "der",
        "die",
        "du",
    }
)

_WORD_NUMBER = "|".join(sorted([*_SMALL, *_TENS], key=len, reverse=True))
_NUMBER = re.compile(
    r"(?P<currency>US\$|[$€£¥])?\s?"
    r"(?P<value>\d{1,3}(?:[,\u00a0 ]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
    rf"|\b(?:{_WORD_NUMBER})(?:[- ](?:{'|'.join(_SMALL)}))?\b)"
    r"(?:\s?(?P<scale>hundred|thousand|millionen|milliarden|millones|millions|milliards|million|billion"
    r"|trillion|bn|mln|mld|milyon|milyar|m|k)\b)?",
    re.I,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.I)  # "18th century", "the 21st floor": a rank, not a count
_CLOCK = re.compile(r"^\s*(?::\d\d|[ap]\.?m\.?\b|o'clock|uhr|h\d\d)", re.I)


def numbers_in(text: str, lang: str | None = None) -> list[str]:
    """Canonical "<value> <unit>" strings in order of mention (duplicates kept: a sentence may repeat one)."""
    found: list[str] = []
    for match in _NUMBER.finditer(text):
        value = _value(match)
        if value is None or _ORDINAL.match(text, match.end()) or _is_date_or_time(text, match, value):
            continue
        currency = _CURRENCIES.get((match.group("currency") or "").lower())
        unit = currency or _unit(text, match)
        if unit:
            found.append(f"{_format(value)} {unit}")
    return found


def extract_numbers(text: str, lang: str | None = None) -> list[str]:
    """Unique canonical numbers of a whole text in order of first mention."""
    return list(dict.fromkeys(numbers_in(text, lang)))


def _value(match: re.Match[str]) -> float | None:
    raw = match.group("value").lower()
    if raw[0].isdigit():
        if re.fullmatch(r"\d{1,3}(?:[,\u00a0 ]\d{3})+(?:\.\d+)?", raw):
            number = float(re.sub(r"[,\u00a0 ]", "", raw))
        else:
            number = float(raw.replace(",", "."))
    else:
        number = 0.0
        for part in re.split(r"[- ]", raw):
            number += _SMALL.get(part, 0) + _TENS.get(part, 0)
        if raw in _SMALL:
            number = _SMALL[raw]
    scale = match.group("scale")
    if scale:
        if scale in ("m", "k") and not match.group("currency"):
            return number  # "5 m" is a distance, "5 k" a race; only "$5m" is money
        number *= _SCALES[scale.lower()]
    return number


def _is_date_or_time(text: str, match: re.Match[str], value: float) -> bool:
    raw = match.group("value")
    if raw[0].isdigit() and not match.group("currency") and not match.group("scale"):
        if len(raw) == 4 and 1900 <= value <= 2100:
            return True
        if _CLOCK.match(text, match.end()):
            return True
        if (
            re.match(r"[./:-]\d", text[match.end() : match.end() + 2])
            or text[match.start() - 1 : match.start()] == ":"
        ):
            return True
        before = _WORD.findall(text[max(0, match.start() - 12) : match.start()])
        after = _WORD.match(
            text, match.end() + 1 if text[match.end() : match.end() + 1] in " ." else match.end()
        )
        if (before and before[-1].lower().rstrip(".") in MONTHS) or (
            after and after.group().lower() in MONTHS
        ):
            return True
    return False


def _unit(text: str, match: re.Match[str]) -> str | None:
    before = _WORD.findall(text[max(0, match.start() - 20) : match.start()])
    if before and before[-1].lower() in _UNIT_BEFORE:
        return before[-1].lower()
    if text[match.end() : match.end() + 2].strip()[:1] == "%":
        return "percent"
    previous_end = match.end()
    for word in _WORD.finditer(text, match.end(), min(len(text), match.end() + 40)):
        lowered = word.group().lower().strip("'’-")
        if text[previous_end : word.start()].strip(" -"):
            return None  # punctuation between the number and the word: no unit
        previous_end = word.end()
        if lowered in _SKIP_AFTER:
            continue
        if lowered in _NOT_UNITS:
            return None
        return _CURRENCIES.get(lowered) or lowered
    return None


def _format(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"
