"""Numbers that describe how alike two articles are, computed from their stored features.

Every feature is symmetric in (a, b) — per-side figures enter as their min and max — so ``judge(a, b)`` equals
``judge(b, a)``. Missing inputs (no sentences, no entities, no dates) give defined values, never NaN.

Besides similarity, "clash" features tell a different event of the same kind (two envoys' visits to two
capitals): both sides name people, places or numbers and share none, weighted by how often each side names them
and, for places, by how specific they are (a shared city says more than a shared country).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

import numpy as np

from samestory.features.places import gazetteer, strip_accents
from samestory.features.record import ArticleFeatures, Mention

# Sentence-pair cosines above these count as "the other side says this too" (MiniLM and e5 scales differ, so
# several levels are given and the model picks).
MATCH_LEVELS = (0.6, 0.7, 0.8)
ENGLISH_SEMANTIC = ("doc_cosine", "lead_cosine", "best_match_mean_min", "best_match_mean_max", "top3_pair_cosine")
ENGLISH_LEXICAL = ("word_jaccard", "word_containment_max", "char_ngram_cosine", "name_jaccard")
# How much a shared place says about the event, by kind (cities and other places 1).
COUNTRY_WEIGHT, STATE_WEIGHT = 0.25, 0.5
TOP_PEOPLE, TOP_ENTITIES, TOP_CITIES, TOP_NAMES = 3, 5, 2, 5
LONG_NUMBER_CHARS = 3  # "2020", "145": rarer by chance than "2" or "10"

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
    # Clash: -1 when a side names nothing of the kind, so "none named" is not "none shared".
    "person_weighted_jaccard",
    "person_top_found",
    "entity_weighted_jaccard",
    "entity_top_found",
    "place_specific_jaccard",
    "city_jaccard",
    "city_top_found",
    "number_unit_jaccard",
    "name_weighted_jaccard",
    "name_top_found",
    # Translation-robust: names spelt alike up to accents or endings ("Tokio"/"Tokyo" share "tok"), digits.
    "name_prefix5_found",
    "name_prefix4_found",
    "digit_jaccard",
    "long_number_jaccard",
    # MiniLM figures for English pairs only (-1 otherwise): MiniLM cosines mean something only in English, and
    # lexical overlap between two English texts is on another scale than across languages. In multilingual
    # mode these come from the MiniLM vectors beside the e5 ones.
    *(f"english_{name}" for name in ENGLISH_SEMANTIC),
    *(f"english_{name}" for name in ENGLISH_LEXICAL),
)

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def pair_features(
    a: ArticleFeatures,
    b: ArticleFeatures,
    minilm_a: ArticleFeatures | None = None,
    minilm_b: ArticleFeatures | None = None,
) -> np.ndarray:
    """One row of ``len(FEATURE_NAMES)`` float64 values for the pair.

    ``a``/``b`` carry the judge encoder's vectors; ``minilm_a``/``minilm_b`` the same articles with their MiniLM
    vectors when those differ (multilingual mode), for the English-only features.
    """
    semantic = _semantic(a, b)
    text_a, text_b = " ".join(a.sentences), " ".join(b.sentences)
    words_a, words_b = _content_words(text_a), _content_words(text_b)
    names_a, names_b = _name_counts(a.sentences), _name_counts(b.sentences)
    numbers_a, numbers_b = set(_NUMBER.findall(text_a)), set(_NUMBER.findall(text_b))
    lexical = {
        "word_jaccard": _jaccard(words_a, words_b),
        "word_containment_max": _containment(words_a, words_b),
        "char_ngram_cosine": _char_ngram_cosine(text_a, text_b),
        "name_jaccard": _jaccard(set(names_a), set(names_b)),
    }
    people_a, people_b = _counts(a.entities, "PERSON"), _counts(b.entities, "PERSON")
    entities_a, entities_b = _counts(a.entities), _counts(b.entities)
    places_a, places_b = _counts(a.places), _counts(b.places)
    cities_a = Counter({k: n for k, n in places_a.items() if _place_weight(k) == 1.0})
    cities_b = Counter({k: n for k, n in places_b.items() if _place_weight(k) == 1.0})
    english = _lang(a) == _lang(b) == "en"
    english_semantic = _semantic(minilm_a or a, minilm_b or b) if english else {}
    values = [
        semantic["doc_cosine"],
        semantic["lead_cosine"],
        semantic["best_match_mean_min"],
        semantic["best_match_mean_max"],
        *semantic["matched_shares"],
        semantic["best_pair_cosine"],
        semantic["top3_pair_cosine"],
        lexical["word_jaccard"],
        lexical["word_containment_max"],
        lexical["char_ngram_cosine"],
        lexical["name_jaccard"],
        _containment(set(names_a), set(names_b)),
        _jaccard(numbers_a, numbers_b),
        _known_jaccard({m.key for m in a.entities}, {m.key for m in b.entities}),
        len(set(people_a) & set(people_b)),
        _known_jaccard(set(places_a), set(places_b)),
        len(set(places_a) & set(places_b)),
        _known_jaccard(set(a.dates), set(b.dates)),
        _date_gap(a.dates, b.dates),
        *_min_max(np.log1p(len(a.sentences)), np.log1p(len(b.sentences))),
        abs(np.log1p(len(text_a)) - np.log1p(len(text_b))),
        float(_lang(a) == _lang(b)),
        float(english),
        _weighted_jaccard(people_a, people_b),
        _top_found(people_a, people_b, TOP_PEOPLE),
        _weighted_jaccard(entities_a, entities_b),
        _top_found(entities_a, entities_b, TOP_ENTITIES),
        _weighted_jaccard(places_a, places_b, _place_weight),
        _known_jaccard(set(cities_a), set(cities_b)),
        _top_found(cities_a, cities_b, TOP_CITIES),
        _known_jaccard(set(a.numbers), set(b.numbers)),
        _weighted_jaccard(names_a, names_b),
        _top_found(names_a, names_b, TOP_NAMES),
        _prefix_found(set(names_a), set(names_b), 5),
        _prefix_found(set(names_a), set(names_b), 4),
        _known_jaccard(numbers_a, numbers_b),
        _known_jaccard(_long(numbers_a), _long(numbers_b)),
        *(english_semantic.get(name, -1.0) for name in ENGLISH_SEMANTIC),
        *(lexical[name] if english else -1.0 for name in ENGLISH_LEXICAL),
    ]
    return np.nan_to_num(np.asarray(values, dtype=np.float64))


def _semantic(a: ArticleFeatures, b: ArticleFeatures) -> dict:
    """Vector-based figures: document cosine, sentence alignment each way, best pairs."""
    sims = sentence_similarities(a, b)
    best_a = sims.max(axis=1) if sims.size else np.zeros(1)
    best_b = sims.max(axis=0) if sims.size else np.zeros(1)
    flat = np.sort(sims.ravel())[::-1] if sims.size else np.zeros(1)
    low, high = _min_max(best_a.mean(), best_b.mean())
    return {
        "doc_cosine": _cosine(a.doc_vector, b.doc_vector),
        "lead_cosine": float(sims[0, 0]) if sims.size else 0.0,
        "best_match_mean_min": low,
        "best_match_mean_max": high,
        "matched_shares": [
            v for level in MATCH_LEVELS for v in _min_max((best_a > level).mean(), (best_b > level).mean())
        ],
        "best_pair_cosine": float(flat[0]),
        "top3_pair_cosine": float(flat[:3].mean()),
    }


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


def _containment(x: set, y: set) -> float:
    """Share of the smaller set found in the other: high when one article retells part of the other."""
    smaller = min(len(x), len(y))
    return len(x & y) / smaller if smaller else 0.0


def _content_words(text: str) -> set[str]:
    # Four letters or more drops most function words in every language the data holds, without stop lists.
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 4 and not w.isdigit()}


def _name_counts(sentences: Iterable[str]) -> Counter[str]:
    """Capitalised words not opening a sentence, accent-stripped and lower-cased, with how often each occurs: a
    language-independent stand-in for names (works across languages because names are mostly spelt alike).
    German capitalises nouns, which only adds noise."""
    names: Counter[str] = Counter()
    for sentence in sentences:
        words = _WORD.findall(sentence)
        names.update(strip_accents(w).lower() for w in words[1:] if len(w) > 1 and w[0].isupper())
    return names


def _counts(mentions: Iterable[Mention], label: str | None = None) -> Counter[str]:
    """Mentions per key (of one label, or all)."""
    counts: Counter[str] = Counter()
    for mention in mentions:
        if label is None or mention.label == label:
            counts[mention.key] += max(1, mention.count)
    return counts


def _weighted_jaccard(x: Counter[str], y: Counter[str], weight: Callable[[str], float] | None = None) -> float:
    """Jaccard on mention counts (often-named keys weigh more), optionally weighted per key; -1 when a side is
    empty."""
    if not x or not y:
        return -1.0
    keys = set(x) | set(y)
    weights = {k: weight(k) if weight else 1.0 for k in keys}
    shared = sum(weights[k] * min(x[k], y[k]) for k in keys)
    return shared / sum(weights[k] * max(x[k], y[k]) for k in keys)


def _top_found(x: Counter[str], y: Counter[str], k: int) -> float:
    """Share of each side's ``k`` most-named keys that the other side names at all, the lower of the two; -1 when
    a side is empty. Low when the main actors of one report are absent from the other."""
    if not x or not y:
        return -1.0
    top_x, top_y = {key for key, _ in x.most_common(k)}, {key for key, _ in y.most_common(k)}
    return min(len(top_x & set(y)) / len(top_x), len(top_y & set(x)) / len(top_y))


def _prefix_found(x: set[str], y: set[str], n: int) -> float:
    """Share of the smaller side's name prefixes (first ``n`` letters) found on the other side: matches names
    across inflection and transliteration ("Moskau"/"Moscow" share "mos"); -1 when a side has none."""
    if not x or not y:
        return -1.0
    prefixes_x, prefixes_y = {w[:n] for w in x}, {w[:n] for w in y}
    return len(prefixes_x & prefixes_y) / min(len(prefixes_x), len(prefixes_y))


def _long(numbers: set[str]) -> set[str]:
    return {n for n in numbers if len(n) >= LONG_NUMBER_CHARS}


def _place_weight(key: str) -> float:
    places = gazetteer()
    return COUNTRY_WEIGHT if key in places.countries else STATE_WEIGHT if key in places.states else 1.0


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
