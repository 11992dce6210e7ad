"""Hand-made features the encoder alone misses: specificity, merge fields, stock phrases.

The same functions feed training (models/train.py) and serving (server/inference.py), so the head
always sees features computed one way.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from .phrases import (
    COMPILED_FAMILIES,
    NUMBER_RE,
    PLACEHOLDER_RE,
    SHARED_CONTEXT_RE,
    TIME_RE,
    WORD_RE,
)

_URL_RE = re.compile(r"https?://|www\.", re.IGNORECASE)
_NOT_NAMES = frozenset(
    "I I'm I've I'll I'd I’m I’ve I’ll I’d OK Ok AI CEO CTO VP HR PR IT FAQ PDF USA US UK EU Q1 Q2 Q3 Q4".split()
)
_FIRST_PERSON = frozenset("i me my mine myself i'm i've i'll i'd i’m i’ve i’ll i’d".split())
_WE = frozenset("we us our ours ourselves we're we've we'll we’re we’ve we’ll".split())
_YOU = frozenset("you your yours yourself you're you've you'll you’re you’ve you’ll".split())


@dataclass(frozen=True)
class PhraseHit:
    family: str
    reason: str
    start: int
    end: int
    text: str


def phrase_hits(sentence: str) -> list[PhraseHit]:
    hits = []
    for family, pattern in COMPILED_FAMILIES:
        m = pattern.search(sentence)
        if m:
            hits.append(PhraseHit(family.key, family.reason, m.start(), m.end(), m.group(0)))
    return hits


def proper_nouns(sentence: str) -> list[str]:
    """Capitalised words that are not the sentence's first word: names, places, products."""
    words = WORD_RE.findall(sentence)
    return [w for w in words[1:] if w[:1].isupper() and w not in _NOT_NAMES and not w.isupper()]


def is_specific(sentence: str) -> bool:
    """Names, numbers, dates or references to a shared past: signs the writer knows the reader."""
    return bool(
        NUMBER_RE.search(sentence)
        or TIME_RE.search(sentence)
        or SHARED_CONTEXT_RE.search(sentence)
        or proper_nouns(sentence)
    )


SENTENCE_FEATURES: tuple[str, ...] = (
    "log_words",
    "placeholder",
    "stock_opener",
    "stock_closer",
    "sales",
    "marketing",
    "support_macro",
    "number",
    "time",
    "shared_context",
    "proper_noun",
    "specific",
    "first_person",
    "we",
    "you",
    "exclamation",
    "question",
    "url",
    "caps_words",
)


def sentence_features(sentence: str) -> list[float]:
    words = WORD_RE.findall(sentence)
    n = max(len(words), 1)
    lower = [w.lower() for w in words]
    families = {h.family for h in phrase_hits(sentence)}
    number = bool(NUMBER_RE.search(sentence))
    time_ = bool(TIME_RE.search(sentence))
    shared = bool(SHARED_CONTEXT_RE.search(sentence))
    proper = bool(proper_nouns(sentence))
    values = {
        "log_words": math.log1p(len(words)) / 4.0,
        "placeholder": float(bool(PLACEHOLDER_RE.search(sentence))),
        "number": float(number),
        "time": float(time_),
        "shared_context": float(shared),
        "proper_noun": float(proper),
        "specific": float(number or time_ or shared or proper),
        "first_person": sum(w in _FIRST_PERSON for w in lower) / n,
        "we": sum(w in _WE for w in lower) / n,
        "you": sum(w in _YOU for w in lower) / n,
        "exclamation": float("!" in sentence),
        "question": float("?" in sentence),
        "url": float(bool(_URL_RE.search(sentence))),
        "caps_words": sum(len(w) > 2 and w.isupper() for w in words) / n,
    }
    for family, _ in COMPILED_FAMILIES:
        values[family.key] = float(family.key in families)
    return [values[name] for name in SENTENCE_FEATURES]


DRAFT_FEATURES: tuple[str, ...] = tuple(f"mean_{n}" for n in SENTENCE_FEATURES) + (
    "log_sentences",
    "any_placeholder",
    "share_specific",
    "no_specific",
)


def draft_features(sentences: Sequence[str], rows: Sequence[Sequence[float]] | None = None) -> list[float]:
    """Draft-level features; pass the sentences' feature rows if they are already computed."""
    if rows is None:
        rows = [sentence_features(s) for s in sentences]
    rows = list(rows) or [[0.0] * len(SENTENCE_FEATURES)]
    means = [sum(col) / len(rows) for col in zip(*rows)]
    spec_idx = SENTENCE_FEATURES.index("specific")
    ph_idx = SENTENCE_FEATURES.index("placeholder")
    share_specific = means[spec_idx]
    return means + [
        math.log1p(len(sentences)) / 3.0,
        float(any(r[ph_idx] for r in rows)),
        share_specific,
        float(share_specific == 0.0),
    ]


_PHRASE_IDX = [SENTENCE_FEATURES.index(n) for n in
               ("placeholder", "stock_opener", "stock_closer", "sales", "marketing", "support_macro")]


def phrase_density(rows: Sequence[Sequence[float]]) -> float:
    """Sentences' stock-phrase families and merge fields, per sentence: a list-based signal that needs no
    training. Reads the sentences' feature rows, so a cached sentence costs no regex work."""
    hits = sum(row[i] for row in rows for i in _PHRASE_IDX)
    return hits / max(1, len(rows)) + 1e-3 * hits


def phrase_score(sentences: Sequence[str]) -> float:
    return phrase_density([sentence_features(s) for s in sentences])
