#!/usr/bin/python3
"""Write a tiny random GPT-2 and its reference logits for the golden test.

The model follows GPT-2 (Radford et al. 2019): token and position embeddings,
pre-LayerNorm blocks with causal multi-head attention and a tanh-GELU MLP, a
final LayerNorm and an output head tied to the token embedding. PyTorch
computes the reference in float64 from the same float32 weights that are
saved, so the TypeScript forward pass is checked against an independent
implementation.

Outputs, in tests/fixtures/gpt2-tiny/:
  model.safetensors  weights under the published GPT-2 names, Conv1D layout [in, out]
  config.json        the Hugging Face GPT-2 config keys for this size
  reference.safetensors  "tokens" (I32), "logits" (F32, full causal attention)
                     and "logits_window4" (F32, each query sees its last 4 tokens)

Usage: /usr/bin/python3 scripts/make_gpt2_fixture.py  (Debian's python3, with the python3-torch package)
"""

import json
import math
import struct
from pathlib import Path

import torch

LAYERS = 2
HEADS = 4
HIDDEN = 64
INNER = 4 * HIDDEN
VOCAB = 101
POSITIONS = 32
EPSILON = 1e-5
WINDOW = 4
SEED = 20260

OUT_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "gpt2-tiny"


def random_weights(generator):
    def normal(*shape, std=0.2):
        return torch.randn(*shape, generator=generator, dtype=torch.float32) * std

    weights = {
        "wte.weight": normal(VOCAB, HIDDEN, std=0.5),
        "wpe.weight": normal(POSITIONS, HIDDEN, std=0.3),
    }
    for layer in range(LAYERS):
        prefix = f"h.{layer}."
        weights[prefix + "ln_1.weight"] = 1 + normal(HIDDEN, std=0.1)
        weights[prefix + "ln_1.bias"] = normal(HIDDEN, std=0.1)
        weights[prefix + "attn.c_attn.weight"] = normal(HIDDEN, 3 * HIDDEN)
        weights[prefix + "attn.c_attn.bias"] = normal(3 * HIDDEN, std=0.1)
        weights[prefix + "attn.c_proj.weight"] = normal(HIDDEN, HIDDEN)
        weights[prefix + "attn.c_proj.bias"] = normal(HIDDEN, std=0.1)
        weights[prefix + "ln_2.weight"] = 1 + normal(HIDDEN, std=0.1)
        weights[prefix + "ln_2.bias"] = normal(HIDDEN, std=0.1)
        weights[prefix + "mlp.c_fc.weight"] = normal(HIDDEN, INNER)
        weights[prefix + "mlp.c_fc.bias"] = normal(INNER, std=0.1)
        weights[prefix + "mlp.c_proj.weight"] = normal(INNER, HIDDEN, std=0.1)
        weights[prefix + "mlp.c_proj.bias"] = normal(HIDDEN, std=0.1)
        # The published checkpoint also stores each block's causal mask buffer; readers ignore it.
        weights[prefix + "attn.bias"] = torch.tril(torch.ones(POSITIONS, POSITIONS)).view(1, 1, POSITIONS, POSITIONS)
    weights["ln_f.weight"] = 1 + normal(HIDDEN, std=0.1)
    weights["ln_f.bias"] = normal(HIDDEN, std=0.1)
    return weights


def gelu_tanh(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x.pow(3))))


def reference_logits(weights, tokens, window=None):
    w = {name: tensor.double() for name, tensor in weights.items()}
    count = tokens.shape[0]
    head_dim = HIDDEN // HEADS
    x = w["wte.weight"][tokens] + w["wpe.weight"][:count]

    query = torch.arange(count).view(-1, 1)
    key = torch.arange(count).view(1, -1)
    allowed = key <= query
    if window is not None:
        allowed = allowed & (key > query - window)

    for layer in range(LAYERS):
        p = f"h.{layer}."
        h = torch.nn.functional.layer_norm(x, (HIDDEN,), w[p + "ln_1.weight"], w[p + "ln_1.bias"], EPSILON)
        qkv = h @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]
        q, k, v = qkv.split(HIDDEN, dim=1)
        q = q.view(count, HEADS, head_dim).transpose(0, 1)
        k = k.view(count, HEADS, head_dim).transpose(0, 1)
        v = v.view(count, HEADS, head_dim).transpose(0, 1)
        scores = (q @ k.transpose(1, 2)) / math.sqrt(head_dim)
        scores = scores.masked_fill(~allowed, float("-inf"))
        attended = (torch.softmax(scores, dim=-1) @ v).transpose(0, 1).reshape(count, HIDDEN)
        x = x + attended @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]

        h = torch.nn.functional.layer_norm(x, (HIDDEN,), w[p + "ln_2.weight"], w[p + "ln_2.bias"], EPSILON)
        h = gelu_tanh(h @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"])
        x = x + h @ w[p + "mlp.c_proj.weight"] + w[p + "mlp.c_proj.bias"]

    x = torch.nn.functional.layer_norm(x, (HIDDEN,), w["ln_f.weight"], w["ln_f.bias"], EPSILON)
    return x @ w["wte.weight"].T


DTYPES = {torch.float32: "F32", torch.int32: "I32"}


def save_safetensors(path, tensors, metadata):
    """Write tensors in the safetensors layout: header length (u64 LE), JSON header, data."""
    header = {"__metadata__": metadata}
    offset = 0
    blobs = []
    for name, tensor in tensors.items():
        data = tensor.contiguous().numpy().tobytes()
        header[name] = {"dtype": DTYPES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # pad so that the data starts 8-byte aligned
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)))
        file.write(text)
        for blob in blobs:
            file.write(blob)


def main():
    generator = torch.Generator().manual_seed(SEED)
    weights = random_weights(generator)
    tokens = torch.randint(0, VOCAB, (20,), generator=generator, dtype=torch.int64)

    logits = reference_logits(weights, tokens).float()
    logits_window = reference_logits(weights, tokens, window=WINDOW).float()

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    save_safetensors(OUT_DIR / "model.safetensors", weights, {"format": "pt"})
    save_safetensors(
        OUT_DIR / "reference.safetensors",
        {"tokens": tokens.to(torch.int32), "logits": logits, f"logits_window{WINDOW}": logits_window},
        {"reference": f"PyTorch {torch.__version__}, float64", "seed": str(SEED)},
    )
    config = {
        "model_type": "gpt2",
        "activation_function": "gelu_new",
        "n_layer": LAYERS,
        "n_head": HEADS,
        "n_embd": HIDDEN,
        "n_inner": None,
        "n_positions": POSITIONS,
        "n_ctx": POSITIONS,
        "vocab_size": VOCAB,
        "layer_norm_epsilon": EPSILON,
    }
    (OUT_DIR / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    print(f"wrote {OUT_DIR} ({len(weights)} tensors, {tokens.shape[0]} reference tokens)")


if __name__ == "__main__":
    main()
