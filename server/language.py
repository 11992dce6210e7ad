"""Which drafts are not in English: the model, its phrase lists and its reasons read English only, so a draft
in another language is not judged (the answer says so instead of calling a Spanish form letter personal).

py3langid (langid.py's model; well under a millisecond for a draft's first 400 characters) is loaded once per process, on first use;
`serve` loads it before it says it is ready.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from functools import lru_cache

# Sure enough to withhold a verdict: English has a chance of at most this. On the 3,974 dev and blind emails and
# the 2,320 synthetic ones (all English but one Turkish spam, 0.0016) the lowest is 0.013, for terse machine
# alerts ("Tunnel: HQ-to-Tulsa … Status: DOWN"); a line of Dutch, Spanish or Italian gets 0.003 or less.
MAX_ENGLISH_CHANCE = 0.005
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# The writer's first words tell the language as well as all of them, and while they type further down a draft
# they stay the same, so the answer is remembered (in memory, by a hash of the words, as embeddings are).
SAMPLE_CHARS = 400


_CACHE_SIZE = 1024
_answers: OrderedDict[bytes, str | None] = OrderedDict()  # hash of the sample -> answer; never the text


def other_language(text: str) -> str | None:
    """The language of the text (an ISO 639 code) when it is surely not English; None for English or unsure."""
    sample = text[:SAMPLE_CHARS]
    key = hashlib.blake2b(sample.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    with _lock:
        if key in _answers:
            _answers.move_to_end(key)
            return _answers[key]
    ranked = _identifier().rank(sample)
    english = next((chance for language, chance in ranked if language == "en"), 0.0)
    answer = ranked[0][0] if ranked[0][0] != "en" and english <= MAX_ENGLISH_CHANCE else None
    with _lock:
        _answers[key] = answer
        while len(_answers) > _CACHE_SIZE:
            _answers.popitem(last=False)
    return answer


def load() -> None:
    """Load the model now (start-up), so that no writer waits for it."""
    _identifier()
