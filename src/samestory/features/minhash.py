"""MinHash signatures over word 5-shingles: two wire copies of one agency story share most shingles, two
outlets' own reports of the same event share 1-3 %, so the signature finds copies, not stories.

Hashing is vectorised with numpy (no per-shingle call into Python): the lower-cased words are joined by single
spaces into one byte string, whose prefix sums of ``byte * B**position`` (mod 2**64) give the polynomial hash
of any slice in two array operations; a shingle is the slice from its first word's start to its fifth word's
end, so it hashes as the text " ".join(words[i:i+5]) would. A splitmix64 finaliser spreads the bits, and each
of the ``NUM_PERM`` hash functions is a random odd multiplier plus offset (mod 2**64) of that value. A third of
the CPU of datasketch's sha1 per shingle on GVA articles; the signatures are not datasketch's (FEATURES_VERSION 2).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")
_BASE = 0x100000001B3  # the FNV prime: odd, so invertible mod 2**64
_SEED = 1
_SPACE = ord(" ")


def minhash_signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """``num_perm`` uint64 hash values, or None for a text without words (its MinHash would match every
    other empty text)."""
    hashes = shingle_hashes(text)
    if hashes is None:
        return None
    multipliers, offsets = _permutations(num_perm)
    values = np.multiply.outer(hashes, multipliers)  # (shingles, num_perm), wrapping mod 2**64
    values += offsets
    return values.min(axis=0)


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray | None:
    """One uint64 hash per word ``size``-gram of the lower-cased text (a text of ``size`` words or fewer is
    one shingle), equal for equal shingles wherever they stand; None for a text without words."""
    words = _WORD.findall(text.lower())
    if not words:
        return None
    data = np.frombuffer(" ".join(words).encode("utf-8", "surrogatepass"), dtype=np.uint8)
    powers, inverse_powers = _powers(len(data) + 1)
    prefix = np.zeros(len(data) + 1, dtype=np.uint64)
    np.cumsum(data * powers[: len(data)], out=prefix[1:])
    # Words contain no spaces (nor, in UTF-8, any byte equal to one), so the spaces are the word breaks.
    breaks = np.flatnonzero(data == _SPACE)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(data)]))
    count = max(len(words) - size + 1, 1)
    first, last = starts[:count], ends[min(size, len(words)) - 1 :]
    return _mix((prefix[last] - prefix[first]) * inverse_powers[first])


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every output bit depends on every input bit."""
    values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


@lru_cache(maxsize=8)
def _power_table(size: int) -> tuple[np.ndarray, np.ndarray]:
    base = np.full(size, _BASE, dtype=np.uint64)
    base[0] = 1
    inverse = np.full(size, pow(_BASE, -1, 2**64), dtype=np.uint64)
    inverse[0] = 1
    return np.cumprod(base), np.cumprod(inverse)  # uint64 products wrap: arithmetic mod 2**64


def _powers(length: int) -> tuple[np.ndarray, np.ndarray]:
    """B**k and B**-k mod 2**64 for k < ``length`` (at least), from a table grown in powers of two."""
    return _power_table(max(4096, 1 << (length - 1).bit_length()))


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The hash functions' odd multipliers and offsets: fixed by the seed, so signatures compare across runs
    and processes."""
    # splitmix64's sequence (numpy's generators do not promise the same stream across versions)
    states = np.arange(1, 2 * num_perm + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(_SEED)
    values = _mix(states)
    return values[:num_perm] | np.uint64(1), values[num_perm:]
