"""An approximate nearest-neighbour index (hnswlib, inner product on unit vectors) over the articles of a
sliding time window: articles older than the window are deleted and their slots reused, so the index, and the
cost of a query, stay the same size however long the archive grows."""

from __future__ import annotations

from collections import deque
from datetime import date, timedelta

import hnswlib
import numpy as np

INITIAL_CAPACITY = 1024
EF_CONSTRUCTION = 100
LINKS = 16


class WindowIndex:
    def __init__(self, dim: int, window_days: int, ef: int = 64) -> None:
        self.dim = dim
        self.window = timedelta(days=window_days)
        self.ef = ef
        self._index: hnswlib.Index | None = None
        self._capacity = 0
        self._ids: dict[int, str] = {}  # hnswlib label -> article id
        self._order: deque[tuple[date | None, int]] = deque()  # (day, label) in insertion order
        self._next_label = 0
        self._first_day: date | None = None  # stands for the day of articles that arrived before any date

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, article_id: str, vector: np.ndarray, day: date | None) -> None:
        if self._index is None:
            self._index = hnswlib.Index(space="ip", dim=self.dim)
            self._index.init_index(INITIAL_CAPACITY, EF_CONSTRUCTION, LINKS, allow_replace_deleted=True)
            self._index.set_ef(self.ef)
            self._capacity = INITIAL_CAPACITY
        if len(self._ids) >= self._capacity:
            self._capacity *= 2
            self._index.resize_index(self._capacity)
        label = self._next_label
        self._next_label += 1
        self._index.add_items(vector.reshape(1, -1), [label], replace_deleted=True)
        self._ids[label] = article_id
        self._order.append((day, label))

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Up to ``k`` (article id, cosine) pairs, most similar first."""
        k = min(k, len(self._ids))
        if k == 0 or self._index is None:
            return []
        while True:
            try:
                labels, distances = self._index.knn_query(vector.reshape(1, -1), k=k)
                break
            except RuntimeError:  # too few undeleted neighbours reachable for this k
                k //= 2
                if k == 0:
                    return []
        return [
            (self._ids[int(lab)], 1.0 - float(dist))
            for lab, dist in zip(labels[0], distances[0], strict=True)
        ]

    def evict_before(self, today: date) -> list[str]:
        """Delete the articles dated before the window that ends ``today``; returns their ids.

        Insertion is in publication order, so the oldest are at the front. The caller stamps an undated
        article with its stream clock; one that came before any date counts as from the first day seen."""
        if self._first_day is None or today < self._first_day:
            self._first_day = today
        cutoff = today - self.window
        evicted: list[str] = []
        while self._order and (self._order[0][0] or self._first_day) < cutoff:
            _, label = self._order.popleft()
            self._index.mark_deleted(label)  # type: ignore[union-attr]
            evicted.append(self._ids.pop(label))
        return evicted
