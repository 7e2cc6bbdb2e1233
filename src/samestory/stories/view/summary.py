"""A short extractive summary: the claims most outlets make, in reading order, each sentence citing them."""

from __future__ import annotations

from samestory.stories.view.records import Claim, SummarySentence, Support

SUMMARY_SENTENCES = 4


def summarise(
    agreed: list[Claim],
    representative: dict[int, Support],
    lead: list[Support],
    limit: int = SUMMARY_SENTENCES,
) -> list[SummarySentence]:
    """The ``limit`` agreed claims with the most outlets (earlier sentences first on ties), told in the order
    the articles tell them, each in the wording of its ``representative`` support. A story with no agreed
    claim is summarised by ``lead``: the first sentences of its most central article."""
    if not agreed:
        return [SummarySentence(s.sentence, s.article_id, [s.article_id]) for s in lead[:limit]]
    chosen: list[Claim] = []
    quoted: set[str] = set()
    for claim in sorted(agreed, key=lambda c: (-len(c.supports), _position(c))):
        if len(chosen) < limit and representative[claim.id].sentence not in quoted:
            chosen.append(claim)
            quoted.add(representative[claim.id].sentence)
    chosen.sort(key=_position)
    return [
        SummarySentence(representative[c.id].sentence, representative[c.id].article_id, c.article_ids)
        for c in chosen
    ]


def _position(claim: Claim) -> float:
    return sum(s.sentence_index for s in claim.supports) / len(claim.supports)
