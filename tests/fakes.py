"""A scorer with no model: stock phrases and merge fields read templated, specifics read personal."""
from __future__ import annotations

import threading
import time
from typing import Sequence

from server.core.features import is_specific, phrase_hits
from server.core.phrases import PLACEHOLDER_RE
from server.core.types import DraftScores


class FakeScorer:
    name = "fake-scorer"

    def __init__(self, delay: float = 0.0, fail: bool = False):
        self.delay = delay
        self.fail = fail
        self.calls = 0
        self.seen: list[list[str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    def sentence_score(self, sentence: str) -> float:
        if PLACEHOLDER_RE.search(sentence) or phrase_hits(sentence):
            return 0.95
        return 0.2 if is_specific(sentence) else 0.55

    def score(self, sentences: Sequence[str], subject: str | None = None) -> DraftScores:
        with self._lock:
            self.calls += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.seen.append(list(sentences))
        try:
            if self.delay:
                time.sleep(self.delay)
            if self.fail:
                raise RuntimeError("scorer exploded on: " + " ".join(sentences))
            scores = tuple(self.sentence_score(s) for s in sentences)
            return DraftScores(sum(scores) / len(scores) if scores else 0.0, scores)
        finally:
            with self._lock:
                self.in_flight -= 1

    def score_many(self, drafts):
        return [self.score(s, subj) for s, subj in drafts]

    def feedback_row(self, sentence: str) -> bytes:
        return bytes([round(self.sentence_score(sentence) * 100)])
