"""The page head: headline, byline, dateline and section label, recognised by their shape, not by site."""

from __future__ import annotations

import re

from samestory.cleaning.lines import ends_sentence, word_count, words

_NAME_WORD = (
    r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*|(?:de|da|del|della|van|von|der|den|la|le|du|bin|al|el|y|dos|das)(?=\s))"
)
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}}"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+(?:and|und|y|e|et|i|ve|&)\s+){_NAME}){{0,4}}"
# "By MARI YAMAGUCHI", "By Jane Doe and John Roe, Reuters", "Von Max Muster", "Por ...", "By: WCTV News"
_BYLINE = re.compile(
    rf"(?i:by|von|por|par|przez|di|door|av|autor|yazan)\s*:?\s+(?P<names>{_NAMES})"
    rf"(?:\s*(?:,|\||-|–|—)\s*(?P<outlet>{_NAME}))?\.?"
)
_BYLINE_OPENING = re.compile(r"(?i:by|von|por|par|przez|di|door|av|autor|yazan)\b")
_NAME_SEPARATOR = re.compile(r"(\s*[,&]\s*|\s+(?:and|und|y|e|et|i|ve)\s+)")
_AGENCY_SUFFIX = re.compile(r"(?<=[A-Z]{2})(?:Associated Press|Reuters|AFP|Bloomberg)$")

_PLACE = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]*(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]*){0,3}"
_REGION = r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"
_DATE = r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
_AGENCY = r"(?:\s*\([A-Za-z][\w .&/-]{0,24}\))?"
_DASH = r"\s*(?:—|–|--|-)\s*"
# "TOKYO (AP) — ...", "WASHINGTON, July 10 (Reuters) - ...", "DADE CITY — ...", "PORTLAND, Ore. -- ..."
_DATELINE_PREFIX = re.compile(rf"(?P<place>{_PLACE}){_REGION}{_DATE}{_AGENCY}{_DASH}(?=\S)")
# Mixed-case places only with an agency mark: "Berlin (dpa) - ..."
_AGENCY_DATELINE_PREFIX = re.compile(
    rf"(?P<place>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?: [A-ZÀ-ÖØ-Þ][\w'’.-]+){{0,2}}){_REGION}{_DATE}"
    rf"\s*\([A-Za-z][\w .&/-]{{0,24}}\){_DASH}"
)
_LONE_PLACE = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]+(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]+){0,2}"
_LONE_DATELINE = re.compile(rf"(?P<place>{_LONE_PLACE}){_REGION}{_DATE}{_AGENCY}(?:{_DASH})?")

# Section names a page prints above a headline; a lone all-caps line that is one is a label, not a place.
_SECTION_WORDS_TEXT = """
    news local world national international politics business economy finance markets money tech
    technology science health sport sports football entertainment culture arts lifestyle life travel
    opinion opinions editorial editorials analysis commentary crime courts education weather traffic
    obituaries obituary environment climate nation us u.s. region metro state breaking exclusive video
    videos photos live update updates latest featured trending home top nachrichten politik wirtschaft
    panorama kultur welt inland ausland meinung noticias política politica economía economia deportes
    cultura mundo internacional nacional opinión actualités actualites politique économie monde société
    societe culture wiadomości polityka gospodarka świat kraj sport kultura gündem politika ekonomi
    dünya spor
"""
SECTION_WORDS = frozenset(_SECTION_WORDS_TEXT.split())


def parse_byline(text: str) -> str | None:
    """The author names of a byline ("By MARI YAMAGUCHI" -> "Mari Yamaguchi"), or None if it is not one."""
    if word_count(text) > 14 or not _BYLINE_OPENING.match(text):
        return None
    match = _BYLINE.fullmatch(text.strip())
    if not match:
        return None
    names = _AGENCY_SUFFIX.sub("", match.group("names")).strip()
    if names.lower().startswith(("the ", "staff", "our ")):
        names = match.group("names")
    return _title_case_if_shouting(names)


def split_dateline(text: str) -> tuple[str, str] | None:
    """("TOKYO", rest of the sentence) for a line opening with a dateline, else None."""
    match = _DATELINE_PREFIX.match(text) or _AGENCY_DATELINE_PREFIX.match(text)
    if not match:
        return None
    place = match.group("place").strip(" .'’-")
    rest = text[match.end() :]
    if not place or place.lower() in SECTION_WORDS or len(place) < 2:
        return None
    # The text after the dash must start a sentence ("A U.S. envoy ..."), not continue a hyphenated word.
    if not (rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "\"“‘'«"):
        return None
    return place, rest


def lone_dateline(text: str) -> str | None:
    """The place of a line that is only a dateline ("TOKYO", "HOUSTON, Texas (AP) -"), else None."""
    match = _LONE_DATELINE.fullmatch(text)
    if not match:
        return None
    place = match.group("place").strip(" '’-")
    if len(place) < 3 or place.lower() in SECTION_WORDS or not any(char.isalpha() for char in place):
        return None
    return place


def is_section_label(text: str) -> bool:
    """A lone short label above the headline: "politics", "World News", "WIRTSCHAFT"."""
    tokens = words(text)
    if not tokens or len(tokens) > 3 or ends_sentence(text) or not text[:1].isalpha():
        return False
    if text == text.lower():
        return True
    return all(token.lower() in SECTION_WORDS for token in tokens)


def is_title_like(text: str) -> bool:
    """Headline shape: a handful of words, no full stop at the end, not all lower case."""
    count = word_count(text)
    if count < 3 or count > 30 or text == text.lower():
        return False
    return not text.rstrip("\"'”’»)").endswith((".", ",", ";", ":"))


def _title_case_if_shouting(names: str) -> str:
    """Title-case each name written in capitals ("JANE DOE and Tom Roe" -> "Jane Doe and Tom Roe"); a single
    capitalised word is an acronym ("AFP") and stays."""
    return "".join(_title_case_name(part) for part in _NAME_SEPARATOR.split(names))


def _title_case_name(name: str) -> str:
    if len(name.split()) < 2 or name != name.upper():
        return name
    return " ".join(_title_word(word) for word in name.split())


def _title_word(word: str) -> str:
    if word.lower() in {"and", "und", "y", "et", "de", "van", "von", "del", "la", "der"}:
        return word.lower()
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
