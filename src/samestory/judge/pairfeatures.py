"""Numbers that describe how alike two articles are, computed from their stored features.

Every feature is symmetric in (a, b) — per-side figures enter as their min and max — so ``judge(a, b)`` equals
``judge(b, a)``. Missing inputs (no sentences, no entities, no dates) give defined values, never NaN.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

import numpy as np

from samestory.features.record import ArticleFeatures

# Sentence-pair cosines above these count as "the other side says this too" (MiniLM and e5 scales differ, so
# several levels are given and the model picks).
MATCH_LEVELS = (0.6, 0.7, 0.8)

FEATURE_NAMES: tuple[str, ...] = (
    "doc_cosine",
    "lead_cosine",
    "best_match_mean_min",
    "best_match_mean_max",
    *(f"matched_share_{int(level * 100)}_{side}" for level in MATCH_LEVELS for side in ("min", "max")),
    "best_pair_cosine",
    "top3_pair_cosine",
    "word_jaccard",
    "word_containment_max",
    "char_ngram_cosine",
    "name_jaccard",
    "name_containment_max",
    "number_jaccard",
    "entity_jaccard",
    "person_shared",
    "place_jaccard",
    "place_shared",
    "date_jaccard",
    "date_gap_log_days",
    "log_sentences_min",
    "log_sentences_max",
    "log_length_ratio",
    "same_language",
    "both_english",
)

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def pair_features(a: ArticleFeatures, b: ArticleFeatures) -> np.ndarray:
    """One row of ``len(FEATURE_NAMES)`` float64 values for the pair."""
    sims = sentence_similarities(a, b)
    best_a = sims.max(axis=1) if sims.size else np.zeros(1)
    best_b = sims.max(axis=0) if sims.size else np.zeros(1)
    text_a, text_b = " ".join(a.sentences), " ".join(b.sentences)
    words_a, words_b = _content_words(text_a), _content_words(text_b)
    names_a, names_b = _names(a.sentences), _names(b.sentences)
    flat = np.sort(sims.ravel())[::-1] if sims.size else np.zeros(1)
    values = [
        _cosine(a.doc_vector, b.doc_vector),
        float(sims[0, 0]) if sims.size else 0.0,
        *_min_max(best_a.mean(), best_b.mean()),
        *(v for level in MATCH_LEVELS for v in _min_max((best_a > level).mean(), (best_b > level).mean())),
        float(flat[0]),
        float(flat[:3].mean()),
        _jaccard(words_a, words_b),
        _containment(words_a, words_b),
        _char_ngram_cosine(text_a, text_b),
        _jaccard(names_a, names_b),
        _containment(names_a, names_b),
        _jaccard(set(_NUMBER.findall(text_a)), set(_NUMBER.findall(text_b))),
        _known_jaccard({m.key for m in a.entities}, {m.key for m in b.entities}),
        len(_keys(a, "PERSON") & _keys(b, "PERSON")),
        _known_jaccard({m.key for m in a.places}, {m.key for m in b.places}),
        len({m.key for m in a.places} & {m.key for m in b.places}),
        _known_jaccard(set(a.dates), set(b.dates)),
        _date_gap(a.dates, b.dates),
        *_min_max(np.log1p(len(a.sentences)), np.log1p(len(b.sentences))),
        abs(np.log1p(len(text_a)) - np.log1p(len(text_b))),
        float(_lang(a) == _lang(b)),
        float(_lang(a) == _lang(b) == "en"),
    ]
    return np.nan_to_num(np.asarray(values, dtype=np.float64))


def sentence_similarities(a: ArticleFeatures, b: ArticleFeatures) -> np.ndarray:
    """Cosine of every sentence of ``a`` (rows) with every sentence of ``b`` (columns)."""
    va, vb = np.asarray(a.sentence_vectors), np.asarray(b.sentence_vectors)
    if va.size == 0 or vb.size == 0 or va.shape[1] != vb.shape[1]:
        return np.zeros((0, 0), dtype=np.float32)
    return va @ vb.T


def _lang(features: ArticleFeatures) -> str:
    return (features.lang or "").lower()[:2]


def _cosine(u: np.ndarray, v: np.ndarray) -> float:
    u, v = np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64)
    if u.size == 0 or u.shape != v.shape:
        return 0.0
    norm = float(np.linalg.norm(u) * np.linalg.norm(v))
    return float(u @ v) / norm if norm > 0 else 0.0


def _min_max(x: float, y: float) -> tuple[float, float]:
    return (float(min(x, y)), float(max(x, y)))


def _jaccard(x: set, y: set) -> float:
    union = len(x | y)
    return len(x & y) / union if union else 0.0


def _known_jaccard(x: set, y: set) -> float:
    """Jaccard, or -1 when a side found nothing: "no names found" must not read as "no names shared"."""
    return _jaccard(x, y) if x and y else -1.0


def _date_gap(dates_a: list[str], dates_b: list[str]) -> float:
    """log(1 + days) between the closest mentioned days of the two sides; -1 when a side mentions none."""
    days_a, days_b = _days(dates_a), _days(dates_b)
    if not days_a or not days_b:
        return -1.0
    return float(np.log1p(min(abs(x - y) for x in days_a for y in days_b)))


def _days(dates: list[str]) -> list[int]:
    days = []
    for value in dates:
        try:
            days.append(date.fromisoformat(value[:10]).toordinal())
        except ValueError:
            continue
    return days


def _keys(features: ArticleFeatures, label: str) -> set[str]:
    return {m.key for m in features.entities if m.label == label}


def _containment(x: set, y: set) -> float:
    """Share of the smaller set found in the other: high when one article retells part of the other."""
    smaller = min(len(x), len(y))
    return len(x & y) / smaller if smaller else 0.0


def _content_words(text: str) -> set[str]:
    # Four letters or more drops most function words in every language the data holds, without stop lists.
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 4 and not w.isdigit()}


def _names(sentences: Iterable[str]) -> set[str]:
    """Capitalised words not opening a sentence: a language-independent stand-in for names (works across
    languages because names are mostly spelt alike). German capitalises nouns, which only adds noise."""
    names: set[str] = set()
    for sentence in sentences:
        words = _WORD.findall(sentence)
        names.update(w.lower() for w in words[1:] if len(w) > 1 and w[0].isupper())
    return names


def _char_ngram_cosine(x: str, y: str, n: int = 4) -> float:
    """Cosine of character n-gram counts: catches shared phrasing and spelling variants."""
    cx, cy = _char_ngrams(x, n), _char_ngrams(y, n)
    if not cx or not cy:
        return 0.0
    dot = sum(count * cy.get(gram, 0) for gram, count in cx.items())
    norm = np.sqrt(sum(c * c for c in cx.values()) * sum(c * c for c in cy.values()))
    return float(dot / norm)


def _char_ngrams(text: str, n: int) -> Counter[str]:
    text = " ".join(text.lower().split())
    return Counter(text[i : i + n] for i in range(max(0, len(text) - n + 1)))
