"""Sentence and document embeddings from a bundled ONNX encoder (all-MiniLM-L6-v2, int8), no torch.

The model is loaded from a directory holding ``model.onnx`` and ``tokenizer.json``: the bundled one by
default, or any export of a BERT-style encoder with the same inputs (``SAMESTORY_ENCODER`` or
``Encoder(path)``).
Vectors are mean-pooled over tokens and L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

BUNDLED_MODEL = Path(__file__).resolve().parents[1] / "models" / "minilm"


class Encoder:
    """Embed texts with an ONNX encoder. Threads: ``threads``, else ``$SAMESTORY_ENCODER_THREADS``, else at most
    two (so two processes share two cores)."""

    def __init__(
        self, path: str | Path | None = None, max_tokens: int = 256, threads: int | None = None
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.path = Path(path or os.environ.get("SAMESTORY_ENCODER") or BUNDLED_MODEL)
        model_file, tokenizer_file = self.path / "model.onnx", self.path / "tokenizer.json"
        for needed in (model_file, tokenizer_file):
            if not needed.is_file():
                raise FileNotFoundError(f"encoder file missing: {needed}")
        self.max_tokens = max_tokens
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.enable_padding()
        options = ort.SessionOptions()
        threads = threads or int(os.environ.get("SAMESTORY_ENCODER_THREADS") or 0)
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        # Spinning worker threads halve throughput when other processes share the cores (measured: 63 vs 129
        # sentences/s on 2 busy cores); sleeping costs nothing measurable on idle ones.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
        self._input_names = {i.name for i in self.session.get_inputs()}
        self.dim = int(self.session.get_outputs()[0].shape[-1] or 0) or self.embed(["x"]).shape[1]

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors, one row per text (float32). Empty input gives a (0, dim) array.

        ``batch_size=1`` runs each text alone, unpadded. The int8 model quantises activations with one scale
        per run, so in a batch a text's vector depends on its batch mates and their padding (cosine 0.98-0.99
        to its vector alone); alone it is the same whatever else is embedded, and texts of a hundred tokens
        or more cost less CPU (GVA title + lead, ~125 tokens: 14 vs 20 ms on one thread). Batches suit
        short sentences, where the per-run overhead dominates."""
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        # Sorting by length keeps padding small inside a batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[np.ndarray] = [np.empty(0)] * len(texts)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            vectors = self._embed_batch([texts[i] or " " for i in chunk])
            for row, index in enumerate(chunk):
                out[index] = vectors[row]
        return np.vstack(out).astype(np.float32)

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)


@lru_cache(maxsize=4)
def get_encoder(path: str | None = None) -> Encoder:
    """One shared encoder per model path in a process (loading costs about 0.2 s)."""
    return Encoder(path)
