"""Online story clustering: one article at a time, in publication order, never looking ahead.

For each article: (1) a wire copy of an earlier article joins that article's story as a copy; (2) otherwise
the nearest articles of the time window (hnswlib) name the candidate stories, each is scored by the join model
on pair-judgement-like features, and the article joins the best one if it is likely enough, or starts a new
story; (3) when the article is as likely to belong to a second story as to the first, the two stories were
one and are merged (the second redirects to the first).

State lives inside the object (river style: ``learn_one``); stories whose every member left the window are
dropped from memory, so cost and memory per article stay flat as the archive grows. Such a story is kept
``archive_days`` longer, where a dated article finds it by a street both name (an arrest or trial report
weeks later names the street of the incident) or as the archived story nearest to it (a long-running story
that went quiet for a month), and is dropped then. Archive and lookup are for dated stories and articles only:
without a date, weeks cannot be told from years.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from samestory.stories.copies import COPY_JACCARD, CopyFinder
from samestory.stories.decision import (
    JoinModel,
    day_gap,
    join_features,
    keyed_clashes,
    keyed_shares,
    shipped_model,
)
from samestory.stories.lexical import LEXICAL_FEATURES, WordRow
from samestory.stories.signals import StorySignals
from samestory.stories.window import WindowIndex


@dataclass(frozen=True)
class ClusterParams:
    window_days: int = 30  # how far back a story can still be joined
    # How long after its last member left the window a story (with a dated member) can still be found by a dated
    # article: by a street both name (arrest and trial reports weeks later name the street of the incident) or as the
    # ``archive_neighbours`` archived stories nearest to the article, from ``archive_min_cosine`` up; 0: never.
    archive_days: int = 60
    archive_neighbours: int = 1
    archive_min_cosine: float = 0.5
    neighbours: int = 20  # articles retrieved per query; their stories are the candidates
    # At most this many of those stories, nearest first: the farther ones of 16 on average cost as much to score
    # as the rest and did not change the dev figures (docs/stories.md).
    max_candidates: int = 12
    merge_margin: float = 0.0  # merge the second story too when its probability is within this of the best
    copy_jaccard: float = COPY_JACCARD
    model: JoinModel | None = None  # None: the shipped model of the clusterer's mode (decision.shipped_model)


@dataclass(frozen=True)
class Assignment:
    """Where one article went. ``score`` is the join probability of the chosen story (for a new story, one
    minus the best candidate's; for a copy, the estimated Jaccard with its canonical article).
    ``merged`` lists story ids folded into ``story_id`` because of this article."""

    article_id: str
    story_id: str
    score: float
    new_story: bool
    copy_of: str | None = None
    merged: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    story_id: str
    features: list[float]
    probability: float


class SparseSum:
    """A sum of sparse unit rows as column and value arrays (each column once). Rows added wait aside and are
    summed in one numpy pass when the sum is next read: a story grows one article at a time but is scored as
    a candidate far more often."""

    def __init__(self) -> None:
        self._columns = np.zeros(0, dtype=np.int32)
        self._values = np.zeros(0, dtype=np.float64)
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []
        self._norm = 0.0

    def add_row(self, row: WordRow | None) -> None:
        if row is not None:
            self._pending.append((row.columns, row.values))

    def absorb(self, other: SparseSum) -> None:
        self._pending += [(other._columns, other._values), *other._pending]

    def settled(self) -> tuple[np.ndarray, np.ndarray, float]:
        """(columns, values, L2 norm) of the sum."""
        if self._pending:
            columns = np.concatenate([self._columns, *(columns for columns, _ in self._pending)])
            values = np.concatenate([self._values, *(values for _, values in self._pending)])
            self._columns, position = np.unique(columns, return_inverse=True)
            self._values = np.bincount(position, weights=values, minlength=len(self._columns))
            self._pending = []
            self._norm = math.sqrt(float(self._values @ self._values))
        return self._columns, self._values, self._norm


class RowCosines:
    """Cosines of one sparse unit row to many ``SparseSum``s in one vectorised pass: the row is laid into a
    dense array, every sum's columns are read from it with one gather, and the array is zeroed again. Per-sum
    calls (or a dict lookup per word) cost more in overhead than in arithmetic: they were most of the
    clusterer's time."""

    def __init__(self, width: int) -> None:
        self._dense = np.zeros(width)

    def __call__(self, row: WordRow | None, sums: list[SparseSum]) -> np.ndarray:
        """The cosine of ``row`` to each sum (0 where either is empty)."""
        result = np.zeros(len(sums))
        if row is None or not sums:
            return result
        settled = [total.settled() for total in sums]
        columns = np.concatenate([columns for columns, _, _ in settled])
        values = np.concatenate([values for _, values, _ in settled])
        owner = np.repeat(np.arange(len(sums)), [len(columns) for columns, _, _ in settled])
        self._dense[row.columns] = row.values
        try:
            dots = np.bincount(owner, weights=self._dense[columns] * values, minlength=len(sums))
        finally:
            self._dense[row.columns] = 0.0
        norms = np.array([norm for _, _, norm in settled])
        return np.divide(dots, norms, out=result, where=norms > 0.0)


class WordDocFreq:
    """Document frequencies of the hashed word columns over the window's canonical articles, to weight a text's
    words by idf: two reports of one shooting share its street and victim, two reports of different shootings
    share "police said", and plain word-count cosines could not tell those apart (+0.004 to +0.007 B3 F1 on
    both corpora and modes, docs/stories.md). The counts forget each article as it leaves the window."""

    def __init__(self) -> None:
        self._df: np.ndarray | None = None  # one count per column, allocated on the first row
        self._columns_of: dict[str, np.ndarray] = {}

    def weighted(self, row: WordRow | None) -> WordRow | None:
        """``row`` with each value times its column's idf, back to unit length (None when absent or empty)."""
        if not row:
            return None
        df = self._df[row.columns] if self._df is not None else 0
        data = row.values.astype(np.float64) * (np.log((len(self._columns_of) + 1) / (df + 1.0)) + 1.0)
        return WordRow(row.columns, data / np.linalg.norm(data))

    def add(self, article_id: str, row: WordRow | None) -> None:
        """Count ``row``'s columns (an article with an empty row still counts among the documents)."""
        if row is None or article_id in self._columns_of:
            return
        if self._df is None:
            self._df = np.zeros(LEXICAL_FEATURES, dtype=np.int32)
        columns = self._columns_of[article_id] = row.columns.copy()
        self._df[columns] += 1  # a WordRow holds each column once

    def remove(self, article_id: str) -> None:
        columns = self._columns_of.pop(article_id, None)
        if columns is not None:
            self._df[columns] -= 1


@dataclass
class StoryState:
    """What the clusterer keeps of a story: enough to score a new article against it."""

    id: str
    dim: int
    vector_sum: np.ndarray = field(init=False)
    lexical_sum: SparseSum = field(default_factory=SparseSum)
    title_sum: SparseSum = field(default_factory=SparseSum)
    size: int = 0  # members that carry evidence (copies excluded)
    n_articles: int = 0
    live_members: int = 0  # members still in the time window
    entities: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    streets: Counter[str] = field(default_factory=Counter)
    weekdays: Counter[int] = field(default_factory=Counter)
    first_day: date | None = None
    last_day: date | None = None
    sources: set[str] = field(default_factory=set)
    headline: str | None = None
    _centroid: np.ndarray | None = field(default=None, init=False, repr=False)  # cleared when the sum changes

    def __post_init__(self) -> None:
        self.vector_sum = np.zeros(self.dim, dtype=np.float64)

    @property
    def n_sources(self) -> int:
        return len(self.sources)

    def centroid(self) -> np.ndarray:
        if self._centroid is None:
            norm = np.linalg.norm(self.vector_sum)
            self._centroid = self.vector_sum / norm if norm else self.vector_sum
        return self._centroid

    def add(self, signals: StorySignals, is_copy: bool, lexical: WordRow | None) -> None:
        """``lexical``: the article's idf-weighted word row (``WordDocFreq.weighted``)."""
        self.n_articles += 1
        self.live_members += 1
        if self.headline is None and signals.title:
            self.headline = signals.title
        if signals.day is not None:
            self.first_day = min(self.first_day or signals.day, signals.day)
            self.last_day = max(self.last_day or signals.day, signals.day)
        if is_copy:
            return
        self.size += 1
        self.vector_sum += signals.vector
        self._centroid = None
        self.lexical_sum.add_row(lexical)
        self.title_sum.add_row(signals.title_lexical)
        self.entities.update(signals.entities)
        self.places.update(signals.places)
        self.streets.update(signals.streets)
        self.weekdays.update(signals.weekdays)
        self.sources.add(signals.source or signals.article_id)

    def absorb(self, other: StoryState) -> None:
        self.vector_sum += other.vector_sum
        self._centroid = None
        self.lexical_sum.absorb(other.lexical_sum)
        self.title_sum.absorb(other.title_sum)
        self.size += other.size
        self.n_articles += other.n_articles
        self.live_members += other.live_members
        self.entities.update(other.entities)
        self.places.update(other.places)
        self.streets.update(other.streets)
        self.weekdays.update(other.weekdays)
        self.sources |= other.sources
        days = [d for d in (self.first_day, self.last_day, other.first_day, other.last_day) if d is not None]
        if days:
            self.first_day, self.last_day = min(days), max(days)
        self.headline = self.headline or other.headline


def story_id_for(article_id: str) -> str:
    """A story is named after the article that started it, so re-running the same input gives the same ids."""
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


class StoryClusterer:
    """``fast``: the signals come from fast-mode features (hashed-word vectors), scored by that mode's model."""

    def __init__(self, params: ClusterParams | None = None, *, fast: bool = False) -> None:
        self.params = params or ClusterParams()
        self.model = self.params.model or shipped_model(fast=fast)
        self.stories: dict[str, StoryState] = {}  # stories with a member in the window
        self.redirects: dict[str, str] = {}  # merged story id -> the id it became
        self._merged_into: dict[str, list[str]] = {}  # live story -> ids redirected to it (pruned with it)
        self._story_of: dict[str, str] = {}  # article id in the window -> story id (maybe redirected)
        self._copies = CopyFinder(self.params.copy_jaccard)
        self._index: WindowIndex | None = None
        # idf weights over the window's canonical articles, so this state stays bounded like the rest.
        self._doc_freq: Counter[str] = Counter()  # entity/place key -> window articles naming it
        self._keys_of: dict[str, frozenset[str]] = {}  # canonical window article -> its keys
        self._word_df = WordDocFreq()
        self._cosines = RowCosines(LEXICAL_FEATURES)  # hashed word rows of texts and titles alike
        self._clock: date | None = None
        self._archive: dict[str, StoryState] = {}  # stories gone from the window
        self._by_street: dict[str, set[str]] = {}  # street key -> archived stories naming it
        self._archive_index: WindowIndex | None = None  # archived stories' centroids, by the day they left

    # -- the online interface -------------------------------------------------------------------------------

    def learn_one(self, signals: StorySignals, story_id: str | None = None) -> Assignment:
        """Assign one article (the next in publication order) and update the state.

        With ``story_id`` the assignment is forced (training on labelled streams, or replaying the store)."""
        self._tick(signals.day)
        copy = self._copies.find(signals.minhash)
        if copy is not None and story_id is None:
            canonical, jaccard = copy
            target = self.resolve(self._story_of[canonical])
            self._add(signals, target, copy_of=canonical, lexical=None)
            return Assignment(signals.article_id, target, jaccard, new_story=False, copy_of=canonical)
        # Weighted once, before this article changes the counts: scoring and adding use the same row.
        lexical = self._word_df.weighted(signals.lexical)
        if story_id is not None:
            story_id = self.resolve(story_id)
            copy_of = copy[0] if copy and self.resolve(self._story_of[copy[0]]) == story_id else None
            new = story_id not in self.stories and story_id not in self._archive
            self._add(signals, story_id, copy_of=copy_of, lexical=lexical)
            return Assignment(signals.article_id, story_id, 1.0, new_story=new, copy_of=copy_of)
        candidates = self._scored(signals, lexical)
        best = candidates[0] if candidates else None
        if best is None or best.probability < self.model.threshold:
            new_id = story_id_for(signals.article_id)
            self._add(signals, new_id, copy_of=None, lexical=lexical)
            return Assignment(signals.article_id, new_id, 1.0 - (best.probability if best else 0.0), True)
        merged = tuple(
            c.story_id
            for c in candidates[1:]
            if c.probability >= self.model.threshold
            and best.probability - c.probability <= self.params.merge_margin
        )
        target = best.story_id
        for other in merged:
            self.merge(other, target)
        self._add(signals, target, copy_of=None, lexical=lexical)
        return Assignment(signals.article_id, target, best.probability, False, merged=merged)

    def candidates(self, signals: StorySignals) -> list[Candidate]:
        """The stories of the nearest window articles, scored by the join model, most likely first."""
        return self._scored(signals, self._word_df.weighted(signals.lexical))

    def _scored(self, signals: StorySignals, lexical: WordRow | None) -> list[Candidate]:
        """``candidates`` with the article's idf-weighted word row given."""
        if self._index is None:
            return []
        best_cos: dict[str, float] = {}  # story -> its best retrieved member's cosine (``nearest`` sorts them)
        for article_id, cos in self._index.nearest(signals.vector, self.params.neighbours):
            story = self.resolve(self._story_of[article_id])
            if story not in best_cos and len(best_cos) < self.params.max_candidates:
                best_cos[story] = cos
        # Archived stories that name one of the article's streets or lie nearest to it, for a dated article (an
        # undated one cannot tell weeks from years); no member was retrieved, so their best member cosine is the
        # centroid's.
        if signals.day is not None and self._archive_index is not None:
            archived = set().union(*(self._by_street.get(key, ()) for key in signals.streets))
            for story_id, cos in self._archive_index.nearest(signals.vector, self.params.archive_neighbours):
                if cos >= self.params.archive_min_cosine:
                    archived.add(story_id)
            for story_id in sorted(archived - best_cos.keys()):
                best_cos[story_id] = float(self._archive[story_id].centroid() @ signals.vector)
        if not best_cos:
            return []
        idf = self._idf(signals.entities | signals.places)
        entity_weights = {key: idf[key] for key in signals.entities}
        place_weights = {key: idf[key] for key in signals.places}
        stories = [self.stories.get(story_id) or self._archive[story_id] for story_id in best_cos]
        rows = join_features(
            cos_centroid=np.stack([story.centroid() for story in stories]) @ signals.vector,
            cos_best=list(best_cos.values()),
            lexical_cos=self._cosines(lexical, [story.lexical_sum for story in stories]),
            title_cos=self._cosines(signals.title_lexical, [story.title_sum for story in stories]),
            entity_share=keyed_shares(entity_weights, [story.entities for story in stories]),
            entity_clash=keyed_clashes(signals.entities, [story.entities for story in stories]),
            place_share=keyed_shares(place_weights, [story.places for story in stories]),
            place_clash=keyed_clashes(signals.places, [story.places for story in stories]),
            street_share=keyed_shares(dict.fromkeys(signals.streets, 1.0), [story.streets for story in stories]),
            street_clash=keyed_clashes(signals.streets, [story.streets for story in stories]),
            weekday_clash=keyed_clashes(signals.weekdays, [story.weekdays for story in stories]),
            gap_days=[day_gap(signals.day, story.first_day, story.last_day) for story in stories],
            story_size=[max(story.size, 1) for story in stories],
        )
        probabilities = self.model.probability(rows).tolist()
        scored = [
            Candidate(story_id, row, p) for story_id, row, p in zip(best_cos, rows.tolist(), probabilities, strict=True)
        ]
        return sorted(scored, key=lambda c: -c.probability)

    def merge(self, old_id: str, new_id: str) -> None:
        """Fold story ``old_id`` into ``new_id``; ``old_id`` resolves to ``new_id`` from now on."""
        old_id, new_id = self.resolve(old_id), self.resolve(new_id)
        if old_id == new_id:
            return
        self._revive(old_id)
        self._revive(new_id)
        self.stories[new_id].absorb(self.stories.pop(old_id))
        self.redirects[old_id] = new_id
        self._merged_into.setdefault(new_id, []).extend([old_id, *self._merged_into.pop(old_id, [])])

    def resolve(self, story_id: str) -> str:
        """The current id of a story that may have been merged away (path-compressed)."""
        root = story_id
        while root in self.redirects:
            root = self.redirects[root]
        while story_id != root:
            self.redirects[story_id], story_id = root, self.redirects[story_id]
        return root

    # -- state ---------------------------------------------------------------------------------------------

    def _tick(self, day: date | None) -> None:
        if day is None or (self._clock is not None and day <= self._clock):
            return
        self._clock = day
        if self._index is None:
            return
        left_window: list[tuple[date, str]] = []  # (the day it left the window, story id)
        for article_id in self._index.evict_before(day):
            self._copies.remove(article_id)
            self._forget_keys(article_id)
            story_id = self.resolve(self._story_of.pop(article_id))
            story = self.stories[story_id]
            story.live_members -= 1
            if story.live_members <= 0:
                # As of the day it left the window, not today: after a gap in the stream today can be months
                # later, and the story must not outlive its archive days.
                left_window.append((story.last_day + self._index.window if story.last_day else day, story_id))
        # In order of that day, which the archive index evicts by (stories leaving later come at later ticks).
        # A story with no dated member is not archived: like an undated article, it cannot tell a follow-up
        # weeks later from a like event years apart (ECB+'s undated 2008 title fight drew in the 2012 one).
        for left, story_id in sorted(left_window):
            story = self.stories.pop(story_id)
            if story.last_day is not None and (day - left).days < self.params.archive_days:
                self._archive_story(story, left)
            else:
                self._forget_story(story_id)
        if self._archive_index is not None:
            for story_id in self._archive_index.evict_before(day):
                self._unarchive(story_id)
                self._forget_story(story_id)

    def _archive_story(self, story: StoryState, day: date) -> None:
        self._archive[story.id] = story
        for key in story.streets:
            self._by_street.setdefault(key, set()).add(story.id)
        if self._archive_index is None:
            # One segment per archive span: a query per segment is what an archived story costs every article.
            self._archive_index = WindowIndex(len(story.vector_sum), self.params.archive_days, segments=1)
        self._archive_index.add(story.id, story.centroid(), day)

    def _forget_story(self, story_id: str) -> None:
        """No window article points at this story or at an id merged into it any more."""
        for old_id in self._merged_into.pop(story_id, []):
            self.redirects.pop(old_id, None)

    def _unarchive(self, story_id: str) -> StoryState:
        """Out of the archive's dict and street lookup (its index entry is the caller's)."""
        story = self._archive.pop(story_id)
        for key in story.streets:
            ids = self._by_street[key]
            ids.discard(story_id)
            if not ids:
                del self._by_street[key]
        return story

    def _revive(self, story_id: str) -> None:
        """An archived story back among the window's stories (an article joins it)."""
        if story_id in self._archive:
            self._archive_index.discard(story_id)
            self.stories[story_id] = self._unarchive(story_id)

    def _add(self, signals: StorySignals, story_id: str, copy_of: str | None, lexical: WordRow | None) -> None:
        """``lexical``: the article's idf-weighted word row (a copy's is not used: copies add no evidence)."""
        self._revive(story_id)
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryState(story_id, dim=len(signals.vector))
        story.add(signals, is_copy=copy_of is not None, lexical=lexical)
        self._story_of[signals.article_id] = story_id
        if self._index is None:
            self._index = WindowIndex(len(signals.vector), self.params.window_days)
        self._index.add(signals.article_id, signals.vector, signals.day or self._clock)
        if copy_of is None:
            self._copies.add(signals.article_id, signals.minhash)
            keys = signals.entities | signals.places
            self._keys_of[signals.article_id] = keys
            self._doc_freq.update(keys)
            self._word_df.add(signals.article_id, signals.lexical)

    def _forget_keys(self, article_id: str) -> None:
        self._word_df.remove(article_id)
        for key in self._keys_of.pop(article_id, ()):
            self._doc_freq[key] -= 1
            if self._doc_freq[key] <= 0:
                del self._doc_freq[key]

    def _idf(self, keys: frozenset[str]) -> dict[str, float]:
        n = len(self._keys_of)
        return {k: math.log((n + 1) / (self._doc_freq.get(k, 0) + 1)) + 1.0 for k in keys}
