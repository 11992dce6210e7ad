"""Hand-made features the encoder alone misses: specificity, merge fields, stock phrases.

The same functions feed training (models/train.py) and serving (server/inference.py), so the head
always sees features computed one way.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from .memo import TextMemo
from .phrases import (
    COMPILED_FAMILIES,
    NUMBER_RE,
    PLACEHOLDER_RE,
    REGISTER_PATTERNS,
    REGISTER_PATTERNS_LOWERED,
    REGISTER_RATES,
    SHARED_CONTEXT_RE,
    TIME_RE,
    WORD_RE,
    families_any_case,
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


def _family_spans(sentence: str) -> tuple[tuple[int, int, int], ...]:
    """(family index, start, end) of the first match of each family."""
    lowered = sentence.lower()
    # Lowering keeps every offset, except for a few letters that become two (İ): those texts match ignoring case.
    families, text = (COMPILED_FAMILIES, lowered) if len(lowered) == len(sentence) else (families_any_case(), sentence)
    return tuple((i, m.start(), m.end()) for i, (_, pattern) in enumerate(families) if (m := pattern.search(text)))


# Where each family matched in recent sentences (numbers only): one analysis asks about a sentence up to four
# times (features, hint, reasons, spot), and a draft being typed brings the same sentences back on every pause.
_HITS = TextMemo(_family_spans, size=4096)


def phrase_hits(sentence: str) -> list[PhraseHit]:
    """The first stock phrase of each family in the sentence, quoted as the writer typed it (quoted_span)."""
    hits = []
    for i, start, end in _HITS(sentence):
        start, end = quoted_span(sentence, start, end)
        hits.append(PhraseHit(COMPILED_FAMILIES[i][0].key, COMPILED_FAMILIES[i][0].reason, start, end, sentence[start:end]))
    return hits


def quoted_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A match as a reason quotes it: without white space at its ends, and grown to whole words, since a pattern
    may stop inside one ("subscri" of "subscribers", "$50" of "$50mm")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while 0 < start < end and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while start < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


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
    "cold_outreach",
    "automated_notice",
    "bulletin",
    "ai_draft",
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
) + tuple(REGISTER_PATTERNS) + ("title_case", "word_length")
_REGISTER_START = SENTENCE_FEATURES.index(next(iter(REGISTER_PATTERNS)))


def is_title_case(words: Sequence[str]) -> bool:
    """A headline: most longer words capitalised."""
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) / len(long_words) > 0.6


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
    lowered = sentence.lower()
    lowered = lowered if len(lowered) == len(sentence) else None  # see phrase_hits
    for name, pattern in REGISTER_PATTERNS.items():
        text = sentence
        if lowered is not None and name in REGISTER_PATTERNS_LOWERED:
            pattern, text = REGISTER_PATTERNS_LOWERED[name], lowered
        values[name] = len(pattern.findall(text)) / n if name in REGISTER_RATES else float(bool(pattern.search(text)))
    values["title_case"] = float(is_title_case(words))
    values["word_length"] = sum(len(w) for w in words) / n / 10.0
    return [values[name] for name in SENTENCE_FEATURES]


DRAFT_FEATURES: tuple[str, ...] = (
    tuple(f"mean_{n}" for n in SENTENCE_FEATURES)
    + tuple(f"max_{n}" for n in SENTENCE_FEATURES[_REGISTER_START:])
    + ("log_sentences", "any_placeholder", "share_specific", "no_specific",
       "no_first_person", "no_you", "word_variety", "length_spread", "mean_length")
)

# Which way each draft feature may push the score, from what templated and personal mail are known to
# look like: +1 only towards templated, -1 only towards personal, 0 either way (learned). The style
# head keeps these signs when it is trained, so a source that happens to shout, or to name dates, cannot
# teach it the opposite of what the cue means in mail it has not seen.
_TOWARDS_TEMPLATED = frozenset({
    "placeholder", "stock_opener", "stock_closer", "sales", "marketing", "support_macro", "cold_outreach",
    "automated_notice", "bulletin", "ai_draft", "exclamation", "caps_words",
    "url", "third_person", "news", "broadcast", "call_to_action", "hype", "outreach", "support", "formal_vocabulary",
    "generic_audience", "our_offer", "bullet", "label_colon", "title_case", "any_placeholder", "no_first_person",
})
_TOWARDS_PERSONAL = frozenset({"shared_context", "informal", "here_and_now", "request", "hedge", "lowercase_start"})


def _direction(feature: str) -> int:
    cue = feature.split("_", 1)[1] if feature.startswith(("mean_", "max_")) else feature
    return 1 if cue in _TOWARDS_TEMPLATED else -1 if cue in _TOWARDS_PERSONAL else 0


DRAFT_FEATURE_DIRECTIONS: tuple[int, ...] = tuple(_direction(f) for f in DRAFT_FEATURES)


def draft_features(sentences: Sequence[str], rows: Sequence[Sequence[float]] | None = None) -> list[float]:
    """Draft-level features; pass the sentences' feature rows if they are already computed."""
    if rows is None:
        rows = [sentence_features(s) for s in sentences]
    rows = list(rows) or [[0.0] * len(SENTENCE_FEATURES)]
    columns = list(zip(*rows))
    means = [sum(col) / len(rows) for col in columns]
    maxes = [max(col) for col in columns[_REGISTER_START:]]
    share_specific = means[SENTENCE_FEATURES.index("specific")]
    split = [WORD_RE.findall(s) for s in sentences]
    words = [w.lower() for ws in split for w in ws]
    lengths = [len(ws) for ws in split] or [0]
    mean_length = sum(lengths) / len(lengths)
    return means + maxes + [
        math.log1p(len(sentences)) / 3.0,
        float(any(r[SENTENCE_FEATURES.index("placeholder")] for r in rows)),
        share_specific,
        float(share_specific == 0.0),
        float(not any(w in ("i", "me", "my") for w in words)),
        float(not any(w in ("you", "your") for w in words)),
        len(set(words)) / max(1, len(words)) ** 0.5 / 10.0,
        math.sqrt(sum((n - mean_length) ** 2 for n in lengths) / len(lengths)) / 20.0,
        mean_length / 20.0,
    ]


_PHRASE_IDX = [SENTENCE_FEATURES.index(n) for n in ("placeholder", *(family.key for family, _ in COMPILED_FAMILIES))]


def phrase_score(sentences: Sequence[str]) -> float:
    """Stock-phrase families and merge fields per sentence: the stock-phrase-list baseline (no training)."""
    hits = sum(row[i] for row in (sentence_features(s) for s in sentences) for i in _PHRASE_IDX)
    return hits / max(1, len(sentences)) + 1e-3 * hits
