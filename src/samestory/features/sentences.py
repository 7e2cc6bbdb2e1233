"""A rule-based multilingual sentence splitter.

Line breaks (paragraphs) are hard boundaries. Inside a paragraph a sentence ends at ``. ! ? …`` (plus closing
quotes/brackets) before whitespace and a character that is not lower case, unless the word before the stop is
a known abbreviation, an initial ("J."), a dotted acronym ("U.S.") not followed by a typical sentence opener,
or a day-of-month ordinal ("am 10. Juli") in languages that write ordinals with a period.
CJK full stops end a sentence without needing a space.
"""

from __future__ import annotations

import re

# Lower-cased, without the final period. Shared across languages: a false "abbreviation" only merges two
# sentences, which costs less than cutting one in half.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "st",
        "mt",
        "ft",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cpl",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "supt",
        "insp",
        "det",
        "atty",
        "messrs",
        "mme",
        "mlle",
        "mm",
        "sra",
        "srta",
        "dra",
        "ud",
        "uds",
        "hr",
        "hrn",
        "frau",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "dept",
        "univ",
        "assn",
        "ave",
        "blvd",
        "rd",
        "approx",
        "fig",
        "cf",
        "ca",
        "bzw",
        "usw",
        "vgl",
        "z.b",
        "d.h",
        "u.a",
        "s.a",
        "o.ä",
        "ggf",
        "inkl",
        "evtl",
        "sog",
        "ul",
        "np",
        "tj",
        "tzn",
        "mgr",
        "inż",
        "św",
        "av",
        "cad",
        "pág",
        "apt",
    ]
)
# Words that also end sentences ("Apple Inc. The ..."): a boundary only before a typical sentence opener.
SENTENCE_FINAL_ABBREVIATIONS = frozenset(
    ["inc", "co", "corp", "ltd", "llc", "plc", "bros", "jr", "sr", "etc", "al", "cía"]
)
# Abbreviations only before a number ("No. 5"), plain words otherwise ("He said no.").
NUMBER_ABBREVIATIONS = frozenset(["no", "nos", "nr", "núm", "art", "vol"])

# After a dotted acronym ("U.S.") or a sentence-final abbreviation, a new sentence is assumed only when one of
# these words follows.
SENTENCE_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "after",
        "before",
        "in",
        "on",
        "at",
        "for",
        "as",
        "however",
        "meanwhile",
        "officials",
        "police",
        "authorities",
    ]
)

# Languages that write ordinals as "10." ("am 10. Juli", "10. lipca", "10. Temmuz").
ORDINAL_PERIOD_LANGS = frozenset(
    {"de", "pl", "tr", "cs", "sk", "da", "no", "nb", "fi", "hu", "hr", "sl", "sr"}
)

_BOUNDARY = re.compile(r"""([.!?…؟]+|\.\.\.)(["'”’»)\]]*)(\s+)(?=["'“‘«(\[¿¡]*(\S))""")
_CJK_BOUNDARY = re.compile(r"([。！？]+[」』”’]*)")
_INITIAL = re.compile(r"^[(\[\"'“]?[A-ZÀ-ÖØ-Þ]$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD = re.compile(r"""["'“‘«(\[¿¡]*([\w'’-]+)""")


def split_sentences(text: str, lang: str | None = None) -> list[str]:
    """Sentences of ``text`` in order, stripped, none empty. Line breaks always end a sentence."""
    sentences: list[str] = []
    for paragraph in _paragraphs(text):
        for piece in _CJK_BOUNDARY.split(paragraph):
            if piece:
                sentences.extend(_split_paragraph(piece, lang))
    return _join_cjk_stops([s for s in (s.strip() for s in sentences) if s])


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _join_cjk_stops(sentences: list[str]) -> list[str]:
    """`_CJK_BOUNDARY.split` keeps the stop as its own piece; glue it back to the sentence it ends."""
    joined: list[str] = []
    for sentence in sentences:
        if joined and _CJK_BOUNDARY.fullmatch(sentence):
            joined[-1] += sentence
        else:
            joined.append(sentence)
    return joined


def _split_paragraph(paragraph: str, lang: str | None) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        next_char = match.group(4)
        if next_char.islower():
            continue
        stop, end = match.group(1), match.end(2)
        if (
            stop == "."
            and not match.group(2)
            and _is_abbreviation(paragraph, match.start(1), match.end(), lang)
        ):
            continue
        pieces.append(paragraph[start:end])
        start = match.end()
    pieces.append(paragraph[start:])
    return pieces


def _is_abbreviation(paragraph: str, stop_at: int, next_at: int, lang: str | None) -> bool:
    """Whether the period at ``stop_at`` belongs to the word before it rather than ending the sentence."""
    # The word before the stop: scanned back from it (a regex search anchored at the end retried from every
    # position of the paragraph, quadratic in its length).
    start = stop_at
    while start and not paragraph[start - 1].isspace():
        start -= 1
    if start == stop_at:
        return False
    word = paragraph[start:stop_at]
    bare = word.lstrip("([\"'“‘«").lower()
    if bare in ABBREVIATIONS or _INITIAL.match(word):
        return True
    if bare in NUMBER_ABBREVIATIONS:
        return paragraph[next_at : next_at + 1].isdigit()
    if _DOTTED_ACRONYM.match(bare) or bare in SENTENCE_FINAL_ABBREVIATIONS:
        following = _NEXT_WORD.match(paragraph, next_at)
        return not (following and following.group(1).lower() in SENTENCE_OPENERS)
    return bool(bare.isdigit() and len(bare) <= 2 and (lang or "")[:2] in ORDINAL_PERIOD_LANGS)
