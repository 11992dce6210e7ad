"""The lexical part of the draft score: TF-IDF on words and word pairs + a linear model.

Trained with scikit-learn (models/train.py) and exported as plain arrays; this module reproduces
`TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)` exactly (a test compares the two), so the
server needs neither scikit-learn nor a pickle. Text is tokenised in memory and never kept.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

LEXICAL_VOCAB_FILE = "lexical.json"
LEXICAL_WEIGHTS_FILE = "lexical.safetensors"
TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
# A year is one word, whichever year: the dev data's personal mail is from 2000 to 2013 and its templates mostly
# from 2015 on, so "2002" or "2025" would teach the word models the era, not the style. (Any other number from
# 1900 to 2099, "2000 km", reads as a year too.)
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
YEAR_WORD = "yyyy"


def normalised(text: str) -> str:
    """The text as the word models read it: lower case, every year the same word (scikit-learn's preprocessor)."""
    return YEAR_RE.sub(YEAR_WORD, text.lower())


def draft_text(sentences: Sequence[str], subject: str | None) -> str:
    """What the lexical model reads: the subject and the judged sentences, one per line."""
    return "\n".join(([subject] if subject else []) + list(sentences))


def terms(text: str) -> list[str]:
    words = TOKEN_RE.findall(normalised(text))
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True)
class LexicalModel:
    """TF-IDF weights and a linear model: one (coef a vector, intercept a number), or one per kind of template
    (coef terms x kinds, intercept one per kind), which scores a text by its most confident kind."""

    index: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float | np.ndarray

    @classmethod
    def load(cls, model_dir: Path) -> "LexicalModel":
        from safetensors.numpy import load_file

        vocab = json.loads((model_dir / LEXICAL_VOCAB_FILE).read_text(encoding="utf-8"))["vocabulary"]
        arrays = load_file(str(model_dir / LEXICAL_WEIGHTS_FILE))
        coef, intercept = arrays["coef"].astype(np.float64), arrays["intercept"].astype(np.float64)
        return cls({t: i for i, t in enumerate(vocab)}, arrays["idf"].astype(np.float64), coef,
                   intercept if coef.ndim == 2 else float(intercept[0]))

    def save(self, model_dir: Path) -> None:
        from safetensors.numpy import save_file

        vocab = sorted(self.index, key=self.index.get)
        (model_dir / LEXICAL_VOCAB_FILE).write_text(json.dumps({"vocabulary": vocab}, ensure_ascii=False) + "\n",
                                                    encoding="utf-8")
        save_file({"idf": self.idf.astype(np.float32), "coef": self.coef.astype(np.float32),
                   "intercept": np.atleast_1d(np.asarray(self.intercept, dtype=np.float32))}, str(model_dir / LEXICAL_WEIGHTS_FILE))

    def logit(self, text: str) -> float:
        counts = Counter(t for t in terms(text) if t in self.index)
        if not counts:
            return float(np.max(self.intercept))
        idx = np.fromiter((self.index[t] for t in counts), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64, count=len(counts))
        values = tf * self.idf[idx]  # smoothed idf is at least 1, so the norm is never 0
        return float(np.max(values @ self.coef[idx] / np.linalg.norm(values) + self.intercept))
