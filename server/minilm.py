"""MiniLM-L6 (a 6-layer BERT) as a plain torch module, plus its fast tokenizer.

Why not `transformers.BertModel`: importing transformers costs 2.0 to 2.7 s on this 2-core machine
(it pulls in torch._dynamo and torch.distributed), which alone breaks the 5 s start-up budget. The
forward pass of an encoder-only BERT is small and fixed, so it lives here, with parameter names that
mirror BertModel's so the safetensors file loads strictly, key by key; a test checks tokens and
embeddings against transformers itself (tests/test_minilm.py).

Fail closed: only `model_type: bert` with absolute positions and exact GELU is accepted, never a
config that asks for remote code, and every tensor in the file must be one this module expects.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

_IGNORED_KEYS = ("pooler.", "embeddings.position_ids")


class UnsupportedModel(ValueError):
    """The files describe a model this module does not implement (or one that wants remote code)."""


@dataclass(frozen=True)
class BertConfig:
    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int
    type_vocab_size: int
    layer_norm_eps: float

    @classmethod
    def from_file(cls, path: Path) -> "BertConfig":
        raw = json.loads(path.read_text())
        if raw.get("auto_map") or raw.get("trust_remote_code"):
            raise UnsupportedModel("the model config asks for custom code; refusing to load it")
        checks = {"model_type": "bert", "hidden_act": "gelu", "position_embedding_type": "absolute"}
        for key, expected in checks.items():
            if raw.get(key, expected) != expected:
                raise UnsupportedModel(f"unsupported {key}: {raw.get(key)!r} (expected {expected!r})")
        return cls(**{f: raw[f] for f in cls.__dataclass_fields__})


class _Embeddings(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        x = self.word_embeddings(input_ids) + self.position_embeddings(positions) + self.token_type_embeddings.weight[0]
        return self.LayerNorm(x)


class _SelfAttention(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)



class _DenseNorm(nn.Module):
    def __init__(self, n_in: int, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(n_in, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)


class _Attention(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.self = _SelfAttention(c)
        self.output = _DenseNorm(c.hidden_size, c)


class _Intermediate(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)


class _Layer(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.attention = _Attention(c)
        self.intermediate = _Intermediate(c)
        self.output = _DenseNorm(c.intermediate_size, c)


class _Encoder(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.layer = nn.ModuleList(_Layer(c) for _ in range(c.num_hidden_layers))


@dataclass(frozen=True)
class _FastLayer:
    qkv_w: torch.Tensor
    qkv_b: torch.Tensor
    out_w: torch.Tensor
    out_b: torch.Tensor
    norm1: tuple[torch.Tensor, torch.Tensor]
    up_w: torch.Tensor
    up_b: torch.Tensor
    down_w: torch.Tensor
    down_b: torch.Tensor
    norm2: tuple[torch.Tensor, torch.Tensor]


class MiniLM(nn.Module):
    """BERT encoder: token ids and attention mask in, last hidden states out.

    The submodules mirror BertModel's parameter names (for strict loading); the forward pass runs on
    plain tensors with Q, K and V fused into one matrix: a draft's single edited sentence is a tiny
    input, where per-call overhead, not arithmetic, is most of the cost.
    """

    def __init__(self, config: BertConfig):
        super().__init__()
        self.config = config
        self.embeddings = _Embeddings(config)
        self.encoder = _Encoder(config)
        self._fast: list[_FastLayer] = []

    def _prepare_fast_path(self) -> None:
        self._fast = []
        for layer in self.encoder.layer:
            sa, ao = layer.attention.self, layer.attention.output
            self._fast.append(_FastLayer(
                qkv_w=torch.cat([sa.query.weight, sa.key.weight, sa.value.weight]).detach(),
                qkv_b=torch.cat([sa.query.bias, sa.key.bias, sa.value.bias]).detach(),
                out_w=ao.dense.weight.detach(), out_b=ao.dense.bias.detach(),
                norm1=(ao.LayerNorm.weight.detach(), ao.LayerNorm.bias.detach()),
                up_w=layer.intermediate.dense.weight.detach(), up_b=layer.intermediate.dense.bias.detach(),
                down_w=layer.output.dense.weight.detach(), down_b=layer.output.dense.bias.detach(),
                norm2=(layer.output.LayerNorm.weight.detach(), layer.output.LayerNorm.bias.detach()),
            ))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        c = self.config
        b, t = input_ids.shape
        h, heads, eps = c.hidden_size, c.num_attention_heads, c.layer_norm_eps
        keep = attention_mask[:, None, None, :].bool()  # attend to real tokens only
        x = self.embeddings(input_ids)
        for L in self._fast:
            q, k, v = F.linear(x, L.qkv_w, L.qkv_b).view(b, t, 3, heads, h // heads).permute(2, 0, 3, 1, 4)
            attended = F.scaled_dot_product_attention(q, k, v, attn_mask=keep).transpose(1, 2).reshape(b, t, h)
            x = F.layer_norm(F.linear(attended, L.out_w, L.out_b) + x, (h,), *L.norm1, eps)
            y = F.linear(F.gelu(F.linear(x, L.up_w, L.up_b)), L.down_w, L.down_b)
            x = F.layer_norm(y + x, (h,), *L.norm2, eps)
        return x

    @classmethod
    def from_dir(cls, model_dir: Path, dtype: torch.dtype = torch.float32) -> "MiniLM":
        from safetensors.torch import load_file

        weights = model_dir / "model.safetensors"
        if not weights.exists():
            raise UnsupportedModel(f"no model.safetensors in {model_dir} (only safetensors weights are loaded)")
        model = cls(BertConfig.from_file(model_dir / "config.json"))
        state = {k: v for k, v in load_file(str(weights)).items() if not k.startswith(_IGNORED_KEYS)}
        missing, unexpected = model.load_state_dict(state, strict=False)
        if missing or unexpected:
            raise UnsupportedModel(f"weights do not match a BERT encoder: missing {missing[:3]}, unexpected {unexpected[:3]}")
        model = model.to(dtype).eval()
        model._prepare_fast_path()
        return model


def load_tokenizer(model_dir: Path, max_length: int):
    """The model's own fast tokenizer (tokenizer.json), truncating, padding left to the batcher."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer
