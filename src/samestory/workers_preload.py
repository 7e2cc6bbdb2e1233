"""Imported by the fork server of ``samestory cluster``'s worker pool (``workers.start_pool``): the feature code
and its tables are loaded here once, before the workers are forked from the server, and the workers share them
(copy on write) instead of each loading them again (the gazetteer alone: 0.06 s from the cache folder, 0.8 s
to build)."""

import contextlib

import samestory.workers  # noqa: F401  (the tasks' functions, and through them the feature code)
from samestory.features.extract import load_tables

# A table that fails to load here fails again in a worker's first task, whose error reaches the caller.
with contextlib.suppress(Exception):
    load_tables()
