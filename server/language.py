"""Which drafts are not in English: the model, its phrase lists and its reasons read English only, so a draft
in another language is not judged (the answer says so instead of calling a Spanish form letter personal).

py3langid (langid.py's model; well under a millisecond for a draft's first 400 characters) is loaded once per process, on first use;
`serve` loads it before it says it is ready.
"""
from __future__ import annotations

from functools import lru_cache

from .core.memo import TextMemo

# Sure enough to withhold a verdict: English has a chance of at most this. On the 3,974 dev and blind emails and
# the 2,320 synthetic ones (all English but one Turkish spam, 0.0016; the first 400 characters of each) the lowest
# is 0.012, for a newsletter in capitals and terse machine alerts ("Tunnel: HQ-to-Tulsa … Status: DOWN"); a line
# of Dutch, Spanish or Italian gets 0.003 or less.
MAX_ENGLISH_CHANCE = 0.005


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# The writer's first words tell the language as well as all of them, and while they type further down a draft
# they stay the same, so the answer is remembered (in memory, by a hash of the words, as embeddings are).
SAMPLE_CHARS = 400


def other_language(text: str) -> str | None:
    """The language of the text (an ISO 639 code) when it is surely not English; None for English or unsure."""
    return _answers(text[:SAMPLE_CHARS])


def _other_language(sample: str) -> str | None:
    ranked = _identifier().rank(sample)
    english = next((chance for language, chance in ranked if language == "en"), 0.0)
    return ranked[0][0] if ranked[0][0] != "en" and english <= MAX_ENGLISH_CHANCE else None


_answers = TextMemo(_other_language, size=1024)


def load() -> None:
    """Load the model now (start-up), so that no writer waits for it."""
    _identifier()
