"""MinHash signatures hashed with numpy and the banded LSH index that finds wire copies with them."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from samestory.features.minhash import NUM_PERM, minhash_signature, shingle_hashes
from samestory.stories.copies import COPY_JACCARD, CopyFinder, lsh_bands

TEXT = (
    "Two people were shot outside a bar on West 89th Street early Sunday, police said. Both were taken to a "
    "hospital in stable condition and no arrests have been made, according to a police spokesman."
)


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 5]) for i in range(max(len(words) - 4, 1))}


def _edited(text: str, edits: int, rng: random.Random) -> str:
    words = text.split()
    for _ in range(edits):
        words[rng.randrange(len(words))] = f"word{rng.randrange(10**6)}"
    return " ".join(words)


def test_signature_values_are_fixed() -> None:
    """Stored features hold these values: a change here must come with a new FEATURES_VERSION."""
    signature = minhash_signature(TEXT)
    assert signature is not None and signature.dtype == np.uint64 and signature.shape == (NUM_PERM,)
    assert signature[:3].tolist() == [807893011972195266, 838518652805107633, 140126744083017017]


def test_texts_without_words_have_no_signature() -> None:
    assert minhash_signature("") is None
    assert minhash_signature(" -- !! ") is None


def test_a_shingle_hashes_the_same_wherever_it_stands() -> None:
    hashes = shingle_hashes("a b c d e f")
    assert hashes is not None and len(hashes) == 2
    moved = shingle_hashes("x y z a b c d e")
    assert moved is not None and hashes[0] in moved.tolist()
    assert len(shingle_hashes("Short text.")) == 1  # fewer words than a shingle: one shingle of them all
    assert shingle_hashes("A B c").tolist() == shingle_hashes("a b C").tolist()  # lower-cased


def test_signatures_estimate_the_jaccard_of_shingles() -> None:
    rng = random.Random(7)
    base = " ".join([TEXT] * 4)
    errors = []
    for edits in range(0, 40, 2):
        copy = _edited(base, edits, rng)
        a, b = _shingles(base), _shingles(copy)
        estimate = float(np.mean(minhash_signature(base) == minhash_signature(copy)))
        errors.append(estimate - len(a & b) / len(a | b))
    assert abs(float(np.mean(errors))) < 0.03
    assert max(abs(e) for e in errors) < 0.15  # 128 permutations: standard error at most ~0.045


def test_copy_finder_finds_an_edited_copy_and_not_another_report() -> None:
    finder = CopyFinder()
    finder.add("original", minhash_signature(TEXT * 3))
    finder.add("other", minhash_signature("A fire destroyed a market in Lagos on Monday, officials said." * 3))
    found = finder.find(minhash_signature(TEXT * 3 + " Reporting by staff."))
    assert found is not None and found[0] == "original" and found[1] >= COPY_JACCARD
    assert finder.find(minhash_signature("Two people were shot in Chicago on Sunday, police said.")) is None
    finder.remove("original")
    assert finder.find(minhash_signature(TEXT * 3)) is None and len(finder) == 1


def test_of_equally_similar_originals_the_first_indexed_wins() -> None:
    finder = CopyFinder()
    signature = minhash_signature(TEXT)
    for key in ("b", "a", "c"):
        finder.add(key, signature)
    assert finder.find(signature) == ("b", 1.0)


@pytest.mark.parametrize("num_perm", [64, 128, 256])
def test_bands_are_datasketchs_choice(num_perm: int) -> None:
    lsh = pytest.importorskip("datasketch.lsh")
    for threshold in (0.3, 0.5, 0.7, COPY_JACCARD, 0.9, 0.95):
        assert lsh_bands(threshold, num_perm) == lsh._optimal_param(threshold, num_perm, 0.5, 0.5)
