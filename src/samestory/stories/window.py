"""An approximate nearest-neighbour index (hnswlib, inner product on unit vectors) over the articles of a
sliding time window, so the index, and the cost of a query, stay the same size however long the archive grows.

The window is cut into segments of ``window_days / SEGMENTS_PER_WINDOW`` days, one hnswlib index each. An
article older than the window is marked deleted in its segment; a segment whose articles have all left is
dropped whole. Slots are never reused: hnswlib's ``replace_deleted`` repairs the links of every neighbour of
the replaced node, which made each insert ~8x dearer once the first window had filled (the scaling
benchmark, ``benchmarks/cluster_scale.py``). Queries go to every live segment (at most
``SEGMENTS_PER_WINDOW + 1``) and their hits are merged. An item can also leave early (``discard``): the
clusterer's archive of stories holds each until it expires or is joined again.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta

import hnswlib
import numpy as np

INITIAL_CAPACITY = 1024
# A segment holds a few thousand items, where 40 candidates per insert already link the graph as well as 100:
# the same assignments on both dev corpora, and the clusterer's CPU -6 % (docs/stories.md).
EF_CONSTRUCTION = 40
LINKS = 16
SEGMENTS_PER_WINDOW = 2


@dataclass
class _Segment:
    index: hnswlib.Index
    capacity: int
    ids: dict[int, str] = field(default_factory=dict)  # live hnswlib labels -> article ids


class WindowIndex:
    def __init__(self, dim: int, window_days: int, ef: int = 64, segments: int = SEGMENTS_PER_WINDOW) -> None:
        """``segments`` per window: more hold fewer deleted items in memory, fewer cost fewer queries."""
        self.dim = dim
        self.window = timedelta(days=window_days)
        self.segment_days = max(1, window_days // segments)
        self.ef = ef
        self._segments: dict[int, _Segment] = {}  # segment number (day ordinal // segment_days) -> index
        self._order: deque[tuple[date | None, int, int]] = deque()  # (day, segment, label), insertion order
        self._next_label = 0
        self._first_day: date | None = None  # stands for the day of articles that arrived before any date
        self._where: dict[str, tuple[int, int]] = {}  # live item id -> (segment, label)

    def __len__(self) -> int:
        return sum(len(segment.ids) for segment in self._segments.values())

    def add(self, article_id: str, vector: np.ndarray, day: date | None) -> None:
        number = self._segment_number(day)
        segment = self._segments.get(number) or self._new_segment(number)
        if segment.index.get_current_count() >= segment.capacity:
            segment.capacity *= 2
            segment.index.resize_index(segment.capacity)
        label = self._next_label
        self._next_label += 1
        segment.index.add_items(vector.reshape(1, -1), [label])
        segment.ids[label] = article_id
        self._where[article_id] = (number, label)
        self._order.append((day, number, label))

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Up to ``k`` (article id, cosine) pairs, most similar first."""
        hits: list[tuple[str, float]] = []
        for segment in self._segments.values():
            hits.extend(_query(segment, vector, min(k, len(segment.ids))))
        return sorted(hits, key=lambda hit: -hit[1])[:k]

    def evict_before(self, today: date) -> list[str]:
        """Delete the articles dated before the window that ends ``today``; returns their ids.

        Insertion is in publication order, so the oldest are at the front. The caller stamps an undated
        article with its stream clock; one that came before any date counts as from the first day seen."""
        if self._first_day is None or today < self._first_day:
            self._first_day = today
        cutoff = today - self.window
        evicted: list[str] = []
        while self._order and (self._order[0][0] or self._first_day) < cutoff:
            _, number, label = self._order.popleft()
            segment = self._segments.get(number)
            if segment is not None and label in segment.ids:  # not discarded already
                evicted.append(self._remove(number, segment, label))
        return evicted

    def discard(self, item_id: str) -> None:
        """Remove one item before its time (nothing when it is not in the index)."""
        if (where := self._where.get(item_id)) is not None:
            self._remove(where[0], self._segments[where[0]], where[1])

    def _remove(self, number: int, segment: _Segment, label: int) -> str:
        item_id = segment.ids.pop(label)
        del self._where[item_id]
        if segment.ids:
            segment.index.mark_deleted(label)
        else:
            del self._segments[number]  # all its items left: drop the whole index
        return item_id

    def _segment_number(self, day: date | None) -> int:
        day = day or self._first_day
        return day.toordinal() // self.segment_days if day else 0

    def _new_segment(self, number: int) -> _Segment:
        index = hnswlib.Index(space="ip", dim=self.dim)
        index.init_index(INITIAL_CAPACITY, EF_CONSTRUCTION, LINKS)
        index.set_ef(self.ef)
        index.set_num_threads(1)  # one vector per call: thread start-up would cost more than the work
        segment = self._segments[number] = _Segment(index, INITIAL_CAPACITY)
        return segment


def _query(segment: _Segment, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
    while k > 0:
        try:
            labels, distances = segment.index.knn_query(vector.reshape(1, -1), k=k)
            break
        except RuntimeError:  # too few undeleted neighbours reachable for this k
            k //= 2
    else:
        return []
    ids = segment.ids
    return [(ids[label], 1.0 - dist) for label, dist in zip(labels[0].tolist(), distances[0].tolist(), strict=True)]
