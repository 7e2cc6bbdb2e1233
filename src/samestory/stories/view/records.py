"""The story view as plain dataclasses; ``StoryView.to_dict()`` is the JSON that ``samestory story --json``
prints and the reports render."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Outlet:
    """One independent source: its canonical article and the wire copies that repeat it."""

    article_id: str
    source: str
    title: str | None
    published: str | None
    url: str | None
    lang: str | None
    copies: list[str] = field(default_factory=list)  # article ids of its copies


@dataclass
class KeyEntity:
    """A person, organisation or place named by the members, with the roles the texts give it."""

    name: str
    label: str
    roles: list[str]
    sources: list[str]  # article ids of the outlets that name it
    mentions: int


@dataclass
class Support:
    """One outlet's sentence in a claim."""

    article_id: str
    source: str
    sentence_index: int
    sentence: str


@dataclass
class Claim:
    """Aligned sentences across outlets, at most one per outlet. ``score`` is the weakest alignment in it.
    A unique claim has one support; when that sentence also supports an agreed claim, ``only_here`` names
    what it adds that no other outlet gives (people, organisations, places, figures)."""

    id: int
    supports: list[Support]
    score: float
    only_here: list[str] = field(default_factory=list)

    @property
    def article_ids(self) -> list[str]:
        return [s.article_id for s in self.supports]


@dataclass
class Difference:
    """One fact two aligned sentences state differently: ``kind`` is number, date, name or quote."""

    kind: str
    versions: dict[str, list[str]]  # article id -> what that sentence says


@dataclass
class Conflict:
    claim: Claim
    differences: list[Difference]


@dataclass
class SummarySentence:
    text: str
    article_id: str  # the outlet whose wording is quoted
    cites: list[str]  # every outlet that supports it


@dataclass
class TimelineDay:
    day: str
    article_ids: list[str]
    new_claims: list[int]  # ids of claims first reported that day


@dataclass
class StoryView:
    headline: str
    first_published: str | None
    last_published: str | None
    languages: list[str]
    outlets: list[Outlet]
    people: list[KeyEntity]
    organisations: list[KeyEntity]
    places: list[KeyEntity]
    agreed: list[Claim]
    unique: dict[str, list[Claim]]  # article id -> claims only that outlet makes
    conflicts: list[Conflict]
    summary: list[SummarySentence]
    timeline: list[TimelineDay]
    story_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; claims also list their outlets' article ids for quick filtering."""
        record = asdict(self)
        for claim_record, claim in zip(record["agreed"], self.agreed, strict=True):
            claim_record["article_ids"] = claim.article_ids
        return record
