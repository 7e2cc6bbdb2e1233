"""The time-windowed nearest-neighbour index: eviction by day and early removal."""

from __future__ import annotations

from datetime import date

import numpy as np

from samestory.stories.window import WindowIndex


def _unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_discarded_items_are_neither_found_nor_evicted_again() -> None:
    index = WindowIndex(dim=3, window_days=10)
    index.add("a", _unit(1, 0, 0), date(2020, 1, 1))
    index.add("b", _unit(1, 0.1, 0), date(2020, 1, 2))
    index.add("c", _unit(0, 1, 0), date(2020, 1, 20))
    index.discard("b")
    index.discard("b")  # twice, or an unknown id: nothing
    index.discard("zzz")
    assert [item for item, _ in index.nearest(_unit(1, 0.1, 0), 3)] == ["a", "c"]
    assert len(index) == 2
    assert index.evict_before(date(2020, 1, 25)) == ["a"]  # "b" left already
    assert len(index) == 1 and len(index._segments) == 1
    index.discard("c")  # the last item of its segment: the segment goes
    assert len(index) == 0 and index._segments == {} and index.nearest(_unit(0, 1, 0), 1) == []
