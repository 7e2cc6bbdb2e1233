"""Align sentences across outlets and group them into claims.

Two sentences from different outlets align when their MiniLM vectors are close and the words confirm it: a
very close pair needs nothing more; a looser pair needs shared informative words or names (rare in the story,
so "Korea" in a Korea story proves little). Each sentence keeps only its best partner per other outlet, and a
pair is kept when either side picks the other, so a sentence that carries two facts can align with two
sentences of one outlet.

Claims are grown greedily from the strongest pair down, at most one sentence per outlet in a claim. When a
sentence's claim already holds that outlet, the pair starts a new claim that reuses the sentence: one
sentence may support several claims.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from samestory.stories.view.facts import SentenceFacts

# Measured on the seeds and hand-labelled ECB+ dev pairs (benchmarks/alignment_precision.py).
STRONG_COSINE = 0.80  # aligned on the vectors alone
MIN_COSINE = 0.55  # below this no amount of shared words makes two sentences one claim
EVIDENCE_AT_MIN_COSINE = 2.0  # idf-weighted shared words/names needed at MIN_COSINE ...
EVIDENCE_SLOPE = 5.0  # ... and 0.5 less for every 0.1 of cosine above it


@dataclass(frozen=True)
class SentenceRef:
    outlet: int  # index into the outlets
    index: int  # sentence index in that outlet's features


@dataclass
class AlignedPair:
    a: SentenceRef
    b: SentenceRef
    cosine: float
    evidence: float


@dataclass
class ClaimGroup:
    members: dict[int, int]  # outlet -> sentence index
    score: float  # weakest cosine that joined it


def word_weights(facts: list[list[SentenceFacts]]) -> dict[str, float]:
    """Inverse sentence frequency over the whole story: words every outlet repeats prove little."""
    counts: Counter[str] = Counter()
    total = 0
    for outlet in facts:
        for sentence in outlet:
            counts.update(sentence.words | sentence.names)
            total += 1
    return {word: math.log((1 + total) / (1 + n)) / math.log(1 + total) for word, n in counts.items()}


def evidence(a: SentenceFacts, b: SentenceFacts, weights: dict[str, float]) -> float:
    shared = (a.words & b.words) | (a.names & b.names)
    return sum(weights.get(word, 1.0) for word in shared)


def is_aligned(cosine: float, shared: float) -> bool:
    if cosine >= STRONG_COSINE:
        return True
    if cosine < MIN_COSINE:
        return False
    return shared >= EVIDENCE_AT_MIN_COSINE - (cosine - MIN_COSINE) * EVIDENCE_SLOPE


def align(vectors: list[np.ndarray], facts: list[list[SentenceFacts]]) -> list[AlignedPair]:
    """Aligned sentence pairs between every two outlets, strongest first."""
    weights = word_weights(facts)
    pairs: list[AlignedPair] = []
    for first in range(len(vectors)):
        for second in range(first + 1, len(vectors)):
            if not len(vectors[first]) or not len(vectors[second]):
                continue
            cosines = vectors[first] @ vectors[second].T
            best_in_second = cosines.argmax(axis=1)
            best_in_first = cosines.argmax(axis=0)
            candidates = {(i, int(j)) for i, j in enumerate(best_in_second)}
            candidates |= {(int(i), j) for j, i in enumerate(best_in_first)}
            for i, j in candidates:
                cosine = float(cosines[i, j])
                if cosine < MIN_COSINE or not facts[first][i].words or not facts[second][j].words:
                    continue  # a stray quote mark or dateline matches its twin but states nothing
                shared = evidence(facts[first][i], facts[second][j], weights)
                if is_aligned(cosine, shared):
                    pairs.append(AlignedPair(SentenceRef(first, i), SentenceRef(second, j), cosine, shared))
    pairs.sort(key=lambda p: (-p.cosine, p.a.outlet, p.a.index, p.b.outlet, p.b.index))
    return pairs


def group_claims(pairs: list[AlignedPair]) -> list[ClaimGroup]:
    """Claims of two or more outlets, grown from the strongest pairs (see the module docstring)."""
    claims: list[ClaimGroup] = []
    home: dict[SentenceRef, int] = {}  # the claim a sentence first joined
    for pair in pairs:
        a_claim, b_claim = home.get(pair.a), home.get(pair.b)
        if a_claim is None and b_claim is None:
            home[pair.a] = home[pair.b] = _new_claim(claims, pair)
        elif a_claim is not None and b_claim is not None:
            if a_claim != b_claim and _can_merge(claims[a_claim], claims[b_claim]):
                _merge(claims, home, keep=a_claim, drop=b_claim, score=pair.cosine)
        else:
            placed, loose = (pair.a, pair.b) if a_claim is not None else (pair.b, pair.a)
            claim = claims[home[placed]]
            if loose.outlet not in claim.members:
                claim.members[loose.outlet] = loose.index
                claim.score = min(claim.score, pair.cosine)
                home[loose] = home[placed]
            else:
                home[loose] = _new_claim(claims, pair)
    return [claim for claim in claims if claim.members]


def _new_claim(claims: list[ClaimGroup], pair: AlignedPair) -> int:
    claims.append(ClaimGroup({pair.a.outlet: pair.a.index, pair.b.outlet: pair.b.index}, pair.cosine))
    return len(claims) - 1


def _can_merge(first: ClaimGroup, second: ClaimGroup) -> bool:
    return not (first.members.keys() & second.members.keys())


def _merge(
    claims: list[ClaimGroup], home: dict[SentenceRef, int], keep: int, drop: int, score: float
) -> None:
    kept, dropped = claims[keep], claims[drop]
    kept.members.update(dropped.members)
    kept.score = min(kept.score, dropped.score, score)
    for ref, claim_index in home.items():
        if claim_index == drop:
            home[ref] = keep
    dropped.members = {}
