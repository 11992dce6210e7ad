"""A bounded concurrency gate: at most N requests use the model, at most Q wait, none waits forever.

Full queue or a wait past the budget raises Busy, which the API answers with 503 and Retry-After
instead of letting requests pile up (the LanguageTool server does the same with maxWorkQueueSize).
Admitted work runs on N long-lived inference threads rather than on whichever web thread took the
request: torch keeps one OpenMP team per calling thread, and a steady team is measurably faster.
"""
from __future__ import annotations

import math
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")


class Busy(Exception):
    def __init__(self, retry_after: int, reason: str):
        super().__init__(reason)
        self.retry_after = retry_after
        self.reason = reason


class Gate:
    def __init__(self, concurrency: int, queue: int, timeout: float):
        self._slots = threading.BoundedSemaphore(concurrency)
        self._workers = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="inference")
        self._lock = threading.Lock()
        self._waiting = 0
        self.queue = queue
        self.timeout = timeout

    @property
    def waiting(self) -> int:
        return self._waiting

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._slots.acquire(blocking=False):
            with self._lock:
                if self._waiting >= self.queue:
                    raise Busy(1, "the model is busy with other drafts")
                self._waiting += 1
            try:
                acquired = self._slots.acquire(timeout=self.timeout)
            finally:
                with self._lock:
                    self._waiting -= 1
            if not acquired:
                raise Busy(max(1, math.ceil(self.timeout)), "the model did not free up in time")
        try:
            yield
        finally:
            self._slots.release()

    def run(self, work: Callable[[], T]) -> T:
        """Run `work` on an inference thread once admitted; raises Busy when the gate is full."""
        with self.slot():
            return self._workers.submit(work).result()

    def close(self) -> None:
        self._workers.shutdown(wait=False)
