"""Answers about a piece of text remembered by a hash of it, never the text (security.md S10): a draft being
typed brings the same sentences back on every pause, and one analysis asks about a sentence several times."""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


def text_key(text: str) -> bytes:
    """A 16-byte digest of the text (lone surrogates allowed, as JSON may carry them)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class TextMemo(Generic[T]):
    """compute(text), remembered for the `size` texts asked about most recently, keyed by text_key."""

    def __init__(self, compute: Callable[[str], T], size: int):
        self.compute = compute
        self.size = size
        self._answers: OrderedDict[bytes, T] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, text: str) -> T:
        key = text_key(text)
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        answer = self.compute(text)
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer

    def __len__(self) -> int:
        return len(self._answers)
