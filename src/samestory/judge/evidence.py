"""Why two articles were judged alike or not: shared and one-sided names (with roles), dates, the best aligned
sentence pairs, and the sentences nothing on the other side supports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from samestory.features.record import ArticleFeatures, Mention
from samestory.judge.pairfeatures import sentence_similarities

# Cosine at which the other side "says the same": the encoders differ in scale (e5 puts unrelated text near
# 0.75), so each has its own level, chosen by reading aligned pairs of the dev data.
SUPPORT_LEVEL = {"minilm": 0.6, "multilingual": 0.86}
MAX_ALIGNED = 5
MAX_UNSUPPORTED = 8


@dataclass
class Name:
    """An entity or place as the evidence shows it; roles as each side states them."""

    name: str
    label: str
    role_a: str | None = None
    role_b: str | None = None

    def describe(self) -> str:
        roles = [r for r in dict.fromkeys((self.role_a, self.role_b)) if r]
        return f"{self.name} — {' / '.join(roles)}" if roles else self.name


@dataclass
class AlignedPair:
    a: str
    b: str
    similarity: float


@dataclass
class Evidence:
    names_both: list[Name] = field(default_factory=list)
    names_only_a: list[Name] = field(default_factory=list)
    names_only_b: list[Name] = field(default_factory=list)
    published_a: str | None = None
    published_b: str | None = None
    dates_both: list[str] = field(default_factory=list)
    dates_only_a: list[str] = field(default_factory=list)
    dates_only_b: list[str] = field(default_factory=list)
    aligned: list[AlignedPair] = field(default_factory=list)
    unsupported_a: list[str] = field(default_factory=list)
    unsupported_b: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_evidence(
    a: ArticleFeatures,
    b: ArticleFeatures,
    published_a: str | None,
    published_b: str | None,
    encoder: str,
) -> Evidence:
    sims = sentence_similarities(a, b)
    level = SUPPORT_LEVEL.get(encoder, SUPPORT_LEVEL["minilm"])
    both, only_a, only_b = compare_names(a.entities + a.places, b.entities + b.places)
    dates_a, dates_b = set(a.dates), set(b.dates)
    evidence = Evidence(
        names_both=both,
        names_only_a=only_a,
        names_only_b=only_b,
        published_a=published_a,
        published_b=published_b,
        dates_both=sorted(dates_a & dates_b),
        dates_only_a=sorted(dates_a - dates_b),
        dates_only_b=sorted(dates_b - dates_a),
        aligned=align_sentences(a.sentences, b.sentences, sims, level),
        unsupported_a=unsupported(a.sentences, sims.max(axis=1) if sims.size else None, level),
        unsupported_b=unsupported(b.sentences, sims.max(axis=0) if sims.size else None, level),
    )
    evidence.notes = input_notes(a, b, published_a, published_b, encoder)
    return evidence


def compare_names(a: list[Mention], b: list[Mention]) -> tuple[list[Name], list[Name], list[Name]]:
    """Mentions matched by key: (in both, only in a, only in b), most mentioned first."""
    by_key_a, by_key_b = _by_key(a), _by_key(b)
    both = [Name(m.text, m.label, m.role, by_key_b[key].role) for key, m in by_key_a.items() if key in by_key_b]
    only_a = [Name(m.text, m.label, role_a=m.role) for key, m in by_key_a.items() if key not in by_key_b]
    only_b = [Name(m.text, m.label, role_b=m.role) for key, m in by_key_b.items() if key not in by_key_a]
    return _distinct(both), _distinct(only_a), _distinct(only_b)


def _distinct(names: list[Name]) -> list[Name]:
    """One entry per shown name: an entity and a place can share a surface form ("North Korean")."""
    kept: dict[str, Name] = {}
    for name in names:
        kept.setdefault(name.name.lower(), name)
    return list(kept.values())


def _by_key(mentions: list[Mention]) -> dict[str, Mention]:
    ranked = sorted(mentions, key=lambda m: (-m.count, m.text))
    first: dict[str, Mention] = {}
    for mention in ranked:
        kept = first.setdefault(mention.key, mention)
        if kept.role is None and mention.role:
            first[mention.key] = Mention(kept.text, kept.label, kept.key, kept.count, mention.role)
    return first


def align_sentences(
    sentences_a: list[str], sentences_b: list[str], sims: np.ndarray, level: float
) -> list[AlignedPair]:
    """Best one-to-one sentence pairs at or above ``level``, most similar first (greedy on the cosine matrix)."""
    if sims.size == 0:
        return []
    pairs: list[AlignedPair] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for flat in np.argsort(-sims, axis=None):
        i, j = divmod(int(flat), sims.shape[1])
        if sims[i, j] < level or len(pairs) == MAX_ALIGNED:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append(AlignedPair(sentences_a[i], sentences_b[j], round(float(sims[i, j]), 3)))
    return pairs


def unsupported(sentences: list[str], best: np.ndarray | None, level: float) -> list[str]:
    """Sentences whose best match on the other side stays below ``level``, in text order."""
    if best is None:
        return sentences[:MAX_UNSUPPORTED]
    return [s for s, score in zip(sentences, best, strict=False) if score < level][:MAX_UNSUPPORTED]


def input_notes(
    a: ArticleFeatures, b: ArticleFeatures, published_a: str | None, published_b: str | None, encoder: str
) -> list[str]:
    """What about the input makes the judgement less certain, in words."""
    notes = []
    for side, features in (("A", a), ("B", b)):
        if not features.sentences:
            notes.append(f"{side} has no text: scores rest on nothing and lean to 'dissimilar'.")
        elif len(features.sentences) == 1:
            notes.append(f"{side} is a single sentence: the scores are less certain.")
    if a.sentences and a.sentences == b.sentences:
        notes.append("The two texts are identical.")
    lang_a, lang_b = (a.lang or "?")[:2], (b.lang or "?")[:2]
    if lang_a != lang_b:
        advice = " with the English encoder; use --encoder multilingual" if encoder == "minilm" else ""
        notes.append(f"Different languages ({lang_a}, {lang_b}): sentence similarity is weaker{advice}.")
    if not (published_a and published_b):
        notes.append("Publication date missing on one side or both: no publication gap to compare.")
    return notes
