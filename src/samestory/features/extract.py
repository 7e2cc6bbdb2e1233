"""Compute an article's features: the one entry point other stages call.

``extract_many`` is the fast path: it batches the encoder over all sentences of a batch of articles and runs
spaCy's NER with ``nlp.pipe``. ``fast=True`` skips both models (no entities, no vectors) for a lexical-only
pass (sentences, places, dates, numbers, MinHash). ``sentence_vectors=False`` (what clustering uses) embeds
only title + lead: the document vector is that embedding and ``sentence_vectors`` is left empty, shape
(0, 0), "not computed"; ``ensure_sentence_vectors`` fills them in later for the readers that need them (the
story view, the pair judge), leaving the document vector as it was. ``light=True`` (what ingest stores for
clustering) computes only what the story clusterer reads: no NER (capitalised-name entities instead), no dates,
no numbers; the record is marked ``light`` and ``complete_features`` fills those in when a reader needs them.

What each feature is computed on:
- ``sentences``: the body only; the title is not a sentence (it is a headline, often repeated in the lead).
- ``doc_vector``: the normalised sum of the body's mean sentence vector and an embedding of title + lead (the
  encoder's first 256 tokens). On ECB+ the nearest neighbour is in the same event for 97.0 % of articles with
  it, 96.1 % with title + lead alone, 94.6 % with the sentence mean alone
  (benchmarks/doc_vector_retrieval.py). With ``sentence_vectors=False`` it is the embedding of title + the
  first ``SHORT_LEAD_CHARS`` characters alone (0.960 on the same test).
- entities, places, dates, numbers: title and body; NER reads the first ``NER_MAX_CHARS`` characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from samestory.features.dates import CALENDAR_WORDS, extract_dates
from samestory.features.encoder import get_encoder
from samestory.features.entities import (
    PLACE_LABELS,
    Span,
    display_name,
    entity_mentions,
    fallback_mentions,
    ner_spans,
)
from samestory.features.minhash import minhash_signature
from samestory.features.numbers import extract_numbers
from samestory.features.places import gazetteer, normalise_name, place_mentions, resolve_place, scan_places
from samestory.features.record import ArticleFeatures, Mention
from samestory.features.sentences import split_sentences
from samestory.features.wordlists import spacy_stop_words
from samestory.model import Article

LEAD_CHARS = 1500  # more than the encoder's 256 tokens read; cut early to save tokenising the rest
# Without sentence vectors (clustering) the lead is cut shorter: 500 characters embed ~2x faster than 1500
# (GVA dev) and find same-event neighbours as well on ECB+ (0.960 vs 0.959; see docs/features.md).
SHORT_LEAD_CHARS = 500
NER_MAX_CHARS = 3000  # NER cost grows with length; names that matter appear early in news copy
NER_LANGS = frozenset({"en"})
# Entity spans that veto a gazetteer hit inside them ("Kim" is a town, "Washington Post" a newspaper).
_COMPASS = frozenset({"north", "south", "east", "west"})
_NON_PLACE_LABELS = frozenset({"PERSON", "ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"})


def extract(article: Article, *, sentence_vectors: bool = True) -> ArticleFeatures:
    """Features of one article (the batched ``extract_many`` is much faster per article)."""
    return extract_many([article], sentence_vectors=sentence_vectors)[0]


def extract_many(
    articles: Sequence[Article],
    batch_size: int = 64,
    fast: bool = False,
    *,
    sentence_vectors: bool = True,
    light: bool = False,
) -> list[ArticleFeatures]:
    """Features of each article, in order. ``fast``: no NER and no vectors (empty arrays).
    ``sentence_vectors=False``: embed title + lead only (the document vector); sentence vectors are left
    empty, (0, 0), for ``ensure_sentence_vectors`` to fill in when a reader needs them.
    ``light``: the clustering subset (no NER, dates or numbers), for ``complete_features`` to fill in."""
    features: list[ArticleFeatures] = []
    for start in range(0, len(articles), batch_size):
        features.extend(_extract_batch(articles[start : start + batch_size], fast, sentence_vectors, light))
    return features


def complete_features(features: Sequence[ArticleFeatures], articles: Sequence[Article]) -> bool:
    """Fill in, in place, what ``light`` extraction left out (NER entities, NER-checked places, dates,
    numbers) for the records of ``articles`` (same order) that are light; vectors and MinHash are kept, so
    the record still places the article where clustering did. Returns whether any record changed (then store
    it again). Sentence vectors are ``ensure_sentence_vectors``'s job."""
    todo = [(f, a) for f, a in zip(features, articles, strict=True) if f.light]
    if not todo:
        return False
    full = _extract_batch([a for _, a in todo], fast=False, sentence_vectors=False, light=False, vectors=False)
    for (feature, _), computed in zip(todo, full, strict=True):
        feature.entities, feature.places = computed.entities, computed.places
        feature.dates, feature.numbers = computed.dates, computed.numbers
        feature.light = False
    return True


def ensure_sentence_vectors(features: Sequence[ArticleFeatures]) -> bool:
    """Fill in, in place, the sentence vectors of records that lack them (``sentence_vectors=False`` or
    ``fast`` extraction), all in one batched encoder call; the document vector is left as it is. Returns
    whether any record changed (then store it again, ``to_bytes``, to save recomputing it)."""
    todo = [f for f in features if not has_sentence_vectors(f)]
    if not todo:
        return False
    encoder = get_encoder()
    texts = [s for f in todo for s in f.sentences]
    vectors = encoder.embed(texts) if texts else np.zeros((0, encoder.dim), dtype=np.float32)
    offset = 0
    for feature in todo:
        count = len(feature.sentences)
        feature.sentence_vectors = vectors[offset : offset + count].reshape(count, encoder.dim)
        offset += count
    return True


def load_tables(lang: str = "en") -> None:
    """Build now the process-wide tables extraction builds on first use (the gazetteer, ``lang``'s stop words):
    a process that forks workers builds them once for all."""
    gazetteer()
    spacy_stop_words(lang)


def clustering_mentions(features: ArticleFeatures, article: Article) -> tuple[list[Mention], list[Mention]]:
    """(entities, places) as a light record has them: a light record's own; for a complete record (completed
    by a reader, or stored before records were light) recomputed the light way, so the clusterer sees an
    article the same whatever its record holds now."""
    if features.light:
        return features.entities, features.places
    names = _fallback_names(features.sentences, article.title, features.lang)
    return names, _places(_full_text(article), None, set())


def has_sentence_vectors(features: ArticleFeatures) -> bool:
    """Whether the record's sentence vectors were computed (an article without sentences has a (0, dim)
    array; "not computed" is (0, 0))."""
    vectors = features.sentence_vectors
    return vectors.ndim == 2 and vectors.shape[1] > 0 and vectors.shape[0] == len(features.sentences)


def _extract_batch(
    articles: Sequence[Article], fast: bool, sentence_vectors: bool, light: bool, vectors: bool = True
) -> list[ArticleFeatures]:
    langs = [_lang(a) for a in articles]
    sentences = [split_sentences(a.text or "", lang) for a, lang in zip(articles, langs, strict=True)]
    full_texts = [_full_text(a) for a in articles]
    spans = _ner(full_texts, langs) if not (fast or light) else [None] * len(articles)
    features = []
    for article, lang, sents, text, ents in zip(articles, langs, sentences, full_texts, spans, strict=True):
        entities = _entities(ents, text, sents, article.title, lang, fast and not light)
        places = _places(text, ents, {m.key for m in entities if m.label == "PERSON"})
        if ents:  # an "organisation" named exactly like a place the article names is that place, mislabelled
            place_keys = {m.key for m in places}
            entities = [m for m in entities if not (m.label == "ORG" and m.key in place_keys)]
        features.append(
            ArticleFeatures(
                article_id=article.id,
                lang=lang,
                sentences=sents,
                sentence_vectors=np.zeros((0, 0), dtype=np.float32),
                doc_vector=np.zeros(0, dtype=np.float32),
                entities=entities,
                places=places,
                dates=[] if light else extract_dates(text, article.published, lang),
                numbers=[] if light else extract_numbers(text, lang),
                minhash=minhash_signature(article.text or ""),
                light=light,
            )
        )
    if vectors and not fast:
        _add_vectors(features, articles, sentence_vectors)
    return features


def _lang(article: Article) -> str:
    return (article.lang or "en").split("-")[0].lower()


def _full_text(article: Article) -> str:
    """Title and body in one string (the title on its own line, so it stays its own sentence)."""
    title, body = (article.title or "").strip(), article.text or ""
    return f"{title}\n\n{body}" if title else body


def _ner(texts: list[str], langs: list[str]) -> list[list[Span] | None]:
    english = [i for i, lang in enumerate(langs) if lang in NER_LANGS]
    spans: list[list[Span] | None] = [None] * len(texts)
    for index, found in zip(english, ner_spans([texts[i][:NER_MAX_CHARS] for i in english]), strict=True):
        spans[index] = found
    return spans


def _entities(
    spans: list[Span] | None, text: str, sentences: list[str], title: str | None, lang: str, skip: bool
) -> list:
    if skip:
        return []
    if spans is not None:
        return entity_mentions(spans, text)
    return _fallback_names(sentences, title, lang)


def _fallback_names(sentences: list[str], title: str | None, lang: str) -> list[Mention]:
    """Capitalised names of the body, or of the title when the body has no sentence: a one-sentence brief whose
    sentence cleaning took as its headline would otherwise name nobody. Not the title always: title-case
    headlines capitalise every word."""
    return fallback_mentions(sentences or split_sentences(title or "", lang), _name_stop_words(lang))


@lru_cache(maxsize=16)
def _name_stop_words(lang: str) -> frozenset[str]:
    """Words never taken as (part of) a name: ``lang``'s stop words and the days and months."""
    return spacy_stop_words(lang) | CALENDAR_WORDS


def _places(text: str, spans: list[Span] | None, people: set[str]) -> list:
    """Gazetteer hits, minus those inside a person/organisation name ("Washington Post"), plus NER places it
    does not know (small towns) unless they are a person's name in this article ("Biegun" tagged GPE). An
    organisation that is just the place's name ("Puno", "Arequipa's") is the NER model's mislabel: not a veto."""
    hits = scan_places(text)
    if spans:
        # (start, end, the name an organisation span gives; None for the other labels, which always veto)
        blocked = [
            (s.start, s.end, display_name(s.text) if s.label == "ORG" else None)
            for s in spans
            if s.label in _NON_PLACE_LABELS
        ]
        hits = [h for h in hits if not any(a <= h[0] and h[1] <= b and name != h[2] for a, b, name in blocked)]
        covered = [(h[0], h[1]) for h in hits]
        for span in spans:
            if span.label in PLACE_LABELS and not any(a < span.end and span.start < b for a, b in covered):
                key = resolve_place(span.text) or normalise_name(span.text).removeprefix("the ")
                if _looks_like_place_name(span.text) and key not in people:
                    hits.append((span.start, span.end, span.text, key))
        hits.sort()
    return place_mentions(hits)


def _looks_like_place_name(text: str) -> bool:
    """Capitalised, at least three letters, not "the North" or a contraction the model mistook."""
    words = text.removeprefix("the ").split()
    if not words or words[0].lower() in _COMPASS or "’" in text or "'" in text:
        return False
    return words[0][:1].isupper() and sum(c.isalpha() for c in text) >= 3


def _add_vectors(
    features: list[ArticleFeatures], articles: Sequence[Article], sentence_vectors: bool = True
) -> None:
    """Embed every sentence of the batch and each article's title + lead in one encoder call. The document
    vector is the normalised sum of the sentence mean and the title + lead vector (zeros with no text).
    Without ``sentence_vectors`` only title + lead are embedded and the document vector is that vector."""
    encoder = get_encoder()
    counts = [len(f.sentences) if sentence_vectors else 0 for f in features]
    cut = LEAD_CHARS if sentence_vectors else SHORT_LEAD_CHARS
    leads = [f"{a.title or ''}\n{(a.text or '')[:cut]}".strip() for a in articles]
    with_lead = [i for i, lead in enumerate(leads) if lead]
    texts = [s for f in features if sentence_vectors for s in f.sentences] + [leads[i] for i in with_lead]
    # Leads alone (clustering) run one per encoder call: cheaper for ~125-token texts, and each vector then
    # depends on its article only, so worker processes reproduce the single-process path exactly.
    batch = 32 if sentence_vectors else 1
    vectors = encoder.embed(texts, batch) if texts else np.zeros((0, encoder.dim), dtype=np.float32)
    lead_vectors = dict(zip(with_lead, vectors[sum(counts) :], strict=True))
    offset = 0
    for index, (feature, count) in enumerate(zip(features, counts, strict=True)):
        if sentence_vectors:
            feature.sentence_vectors = vectors[offset : offset + count]
        offset += count
        doc = np.zeros(encoder.dim, dtype=np.float32)
        if count:
            doc += _unit(feature.sentence_vectors.mean(axis=0))
        if index in lead_vectors:
            doc += lead_vectors[index]
        feature.doc_vector = _unit(doc)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm > 0 else vector).astype(np.float32)
