"""samestory: which news reports describe the same event, the stories they form, and what sources agree on.

The public API is imported lazily so that ``import samestory`` stays cheap (the models load on first use).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from samestory.model import Article, InputError, ReadFailure, SamestoryError

__version__ = "0.1.0"

_LAZY = {
    "read": "samestory.pipeline",
    "clean": "samestory.cleaning",
    "Store": "samestory.store",
    "Engine": "samestory.engine",
    "compare": "samestory.judge",
    "PairJudgement": "samestory.judge",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'samestory' has no attribute {name!r}")


__all__ = ["Article", "InputError", "ReadFailure", "SamestoryError", "__version__", *_LAZY]
