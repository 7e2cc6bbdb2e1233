"""What one sentence states in comparable form: content words, names, numbers, days and quoted words.
Alignment uses the words and names to confirm a vector match; conflict detection compares the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass

from samestory.features.dates import extract_dates
from samestory.features.numbers import numbers_in
from samestory.features.record import ArticleFeatures, Mention

# Function words carry no content; short ones are caught by the length rule below.
_FUNCTION_WORDS = (
    "the and for are but not you all any can had her was one our out has him his how its may new now old "
    "see two way who did get let put say she too use that with have this will your from they been were "
    "said what when which their there would could should about after before other into than then them "
    "these those also some such only over very just more most while where being because during against "
    "between through under again further once here both each few own same yet since until upon per via "
    "amid among"
)
_STOPWORDS = frozenset(_FUNCTION_WORDS.split())
_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
_QUOTE = re.compile(r"[“\"«„]([^”\"»“]{3,}?)[”\"»“]")
_NAME_LABELS = frozenset({"PERSON", "ORG"})
# Nationality words ("Japanese") are left to the places, whose keys already map them to the country.
_SKIPPED_LABELS = frozenset({"NORP"})


@dataclass(frozen=True)
class SentenceFacts:
    words: frozenset[str]  # content words, lower case, plural -s dropped
    names: frozenset[str]  # keys of the entities (not nationalities) and places the sentence mentions
    people: frozenset[str]  # keys of people named in it
    numbers: tuple[str, ...]  # canonical "<value> <unit>"
    dates: frozenset[str]  # ISO days
    quotes: tuple[str, ...]  # quoted spans as written


def content_words(text: str) -> frozenset[str]:
    words = set()
    for word in _WORD.findall(text.lower()):
        word = word.strip("'’-")
        if len(word) < 3 or word in _STOPWORDS:
            continue
        words.add(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return frozenset(words)


def sentence_facts(sentence: str, features: ArticleFeatures, published: str | None) -> SentenceFacts:
    mentioned = [
        m
        for m in (*features.entities, *features.places)
        if m.label not in _SKIPPED_LABELS and _mentions(sentence, m)
    ]
    return SentenceFacts(
        words=content_words(sentence),
        names=frozenset(m.key for m in mentioned),
        people=frozenset(m.key for m in mentioned if m.label == "PERSON"),
        numbers=tuple(numbers_in(sentence, features.lang)),
        dates=frozenset(extract_dates(sentence, published, features.lang)),
        quotes=tuple(q.strip() for q in _QUOTE.findall(sentence)),
    )


def _mentions(sentence: str, mention: Mention) -> bool:
    """A sentence names an entity by its full form or, for people and organisations, its last word
    ("Biegun" after "Stephen Biegun")."""
    if mention.text in sentence:
        return True
    last = mention.text.split()[-1] if mention.text.split() else ""
    return (
        mention.label in _NAME_LABELS
        and len(last) > 2
        and re.search(rf"\b{re.escape(last)}\b", sentence) is not None
    )
