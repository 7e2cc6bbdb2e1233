"""The feature record of one article (plain data; serialisable for the store)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Mention:
    """A named entity as the text gives it: ``label`` is PERSON, ORG, GPE, LOC, NORP or EVENT;
    ``key`` is the normalised form used to match mentions across articles (e.g. surname-aware lower case);
    ``role`` is what the text says the entity is ("Foreign Minister"), when it says so."""

    text: str
    label: str
    key: str
    count: int = 1
    role: str | None = None


@dataclass
class ArticleFeatures:
    article_id: str
    lang: str
    sentences: list[str]
    sentence_vectors: np.ndarray  # (len(sentences), dim) unit rows
    doc_vector: np.ndarray  # (dim,) unit vector of the whole article (title + body)
    entities: list[Mention] = field(default_factory=list)  # people, organisations, groups, events
    places: list[Mention] = field(default_factory=list)  # GPE/LOC, key = gazetteer name ("tokyo", "japan")
    dates: list[str] = field(default_factory=list)  # ISO days the text mentions, resolved against publication
    numbers: list[str] = field(
        default_factory=list
    )  # numbers with their unit word ("12 dead", "4.5 magnitude")
    minhash: np.ndarray | None = None  # MinHash values (uint64, features.minhash), for wire-copy detection
    # Computed for clustering only (``extract_many(light=True)``): entities are capitalised names, places are
    # unchecked gazetteer hits, no dates or numbers; ``complete_features`` fills them in.
    light: bool = False
