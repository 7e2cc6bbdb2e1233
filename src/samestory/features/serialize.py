"""A compact, safe byte form of ArticleFeatures for the store (no pickle: nothing in it can run code).

Layout: ``b"SSF"``, one version byte, a 4-byte big-endian length, a zlib-compressed JSON header (texts,
mentions, dates, numbers, array shapes), then the raw arrays: sentence vectors and document vector as
float16 (halves the size; cosines move by less than 1e-3) and MinHash values as uint64. The header key
``light`` is written only for light records: bytes written before it existed read as complete records, so
the version did not change. Version 2: MinHash values from ``features.minhash``'s own hashing (version 1 held
datasketch's, which no longer compare with new ones).
"""

from __future__ import annotations

import json
import struct
import zlib

import numpy as np

from samestory.features.record import ArticleFeatures, Mention

FEATURES_VERSION = 2
_MAGIC = b"SSF"
_VECTOR_DTYPE = np.dtype("<f2")
_MINHASH_DTYPE = np.dtype("<u8")


class FeaturesFormatError(ValueError):
    """Bytes that are not features written by this version of samestory."""


def to_bytes(features: ArticleFeatures) -> bytes:
    """Serialise ``features``; ``from_bytes`` reads it back."""
    vectors = np.ascontiguousarray(features.sentence_vectors, dtype=_VECTOR_DTYPE)
    doc = np.ascontiguousarray(features.doc_vector, dtype=_VECTOR_DTYPE)
    minhash = (
        None if features.minhash is None else np.ascontiguousarray(features.minhash, dtype=_MINHASH_DTYPE)
    )
    header = {
        "article_id": features.article_id,
        "lang": features.lang,
        "sentences": features.sentences,
        "entities": [vars(m) for m in features.entities],  # flat records: asdict's deep copy is slow
        "places": [vars(m) for m in features.places],
        "dates": features.dates,
        "numbers": features.numbers,
        "vectors_shape": list(vectors.shape),
        "doc_shape": list(doc.shape),
        "minhash_len": None if minhash is None else len(minhash),
    }
    if features.light:
        header["light"] = True
    packed = zlib.compress(json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode(), 1)
    parts = [
        _MAGIC,
        bytes([FEATURES_VERSION]),
        struct.pack(">I", len(packed)),
        packed,
        vectors.tobytes(),
        doc.tobytes(),
    ]
    if minhash is not None:
        parts.append(minhash.tobytes())
    return b"".join(parts)


def from_bytes(data: bytes) -> ArticleFeatures:
    """Read bytes written by ``to_bytes``; raises FeaturesFormatError on anything else."""
    if data[:3] != _MAGIC or len(data) < 8:
        raise FeaturesFormatError("not samestory features")
    if data[3] != FEATURES_VERSION:
        raise FeaturesFormatError(f"features version {data[3]}, this samestory reads {FEATURES_VERSION}")
    (length,) = struct.unpack(">I", data[4:8])
    try:
        header = json.loads(zlib.decompress(data[8 : 8 + length]))
    except (zlib.error, ValueError) as exc:
        raise FeaturesFormatError(f"damaged features header: {exc}") from exc
    offset = 8 + length
    vectors, offset = _read_array(data, offset, header["vectors_shape"], _VECTOR_DTYPE)
    doc, offset = _read_array(data, offset, header["doc_shape"], _VECTOR_DTYPE)
    minhash = None
    if header["minhash_len"] is not None:
        minhash, offset = _read_array(data, offset, [header["minhash_len"]], _MINHASH_DTYPE)
    if offset != len(data):
        raise FeaturesFormatError("features bytes have the wrong length")
    return ArticleFeatures(
        article_id=header["article_id"],
        lang=header["lang"],
        sentences=header["sentences"],
        sentence_vectors=vectors.astype(np.float32),
        doc_vector=doc.astype(np.float32),
        entities=[Mention(**m) for m in header["entities"]],
        places=[Mention(**m) for m in header["places"]],
        dates=header["dates"],
        numbers=header["numbers"],
        minhash=None if minhash is None else minhash.astype(np.uint64),
        light=bool(header.get("light", False)),
    )


def _read_array(data: bytes, offset: int, shape: list[int], dtype: np.dtype) -> tuple[np.ndarray, int]:
    size = int(np.prod(shape)) * dtype.itemsize
    if offset + size > len(data):
        raise FeaturesFormatError("features bytes are truncated")
    return np.frombuffer(data, dtype=dtype, count=int(np.prod(shape)), offset=offset).reshape(
        shape
    ), offset + size
