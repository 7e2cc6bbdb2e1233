"""MinHash signatures over word 5-shingles: two wire copies of one agency story share most shingles, two
outlets' own reports of the same event share 1-3 %, so the signature finds copies, not stories."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> list[bytes]:
    """Word n-grams of the lower-cased text; a text shorter than ``size`` words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)]


def minhash_signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """``num_perm`` uint64 hash values, or None for a text without words (its MinHash would match every
    other empty text)."""
    grams = shingles(text)
    if not grams:
        return None
    template = _template(num_perm)
    sketch = MinHash(num_perm=num_perm, seed=1, permutations=template.permutations, scheme=template.scheme)
    sketch.update_batch(grams)
    return sketch.hashvalues.astype(np.uint64)


def as_minhash(signature: np.ndarray) -> MinHash:
    """A datasketch MinHash holding ``signature`` (what LSH indexes), sharing the cached permutations."""
    template = _template(len(signature))
    return MinHash(seed=1, hashvalues=signature, permutations=template.permutations, scheme=template.scheme)


@lru_cache(maxsize=4)
def _template(num_perm: int) -> MinHash:
    """An empty MinHash whose permutations every signature reuses: drawing them costs more than hashing a
    typical article's shingles."""
    return MinHash(num_perm=num_perm, seed=1)
