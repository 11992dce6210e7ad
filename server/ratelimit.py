"""A per-caller rate limit for team mode (docs/security.md row S9): a token bucket per identity.

Each caller may send a burst of `per_minute` requests, refilled at `per_minute` a minute; past that the
surface answers 429 with Retry-After. The key is the authenticated identity (an API token's user or the
local token's user; the Gmail add-on is not limited, see addon/routes.py), never the token itself and
never a client address:
X-Forwarded-For is not read anywhere (no ProxyFix), so a spoofed header can neither dodge nor split a
caller's budget. In memory, one small entry per identity, so it is per process (LanguageTool's
`requestLimit` is the same idea, keyed by address).
"""
from __future__ import annotations

import math
import threading
import time
from typing import Callable


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"rate limited; retry after {retry_after} s")
        self.retry_after = retry_after


class RateLimiter:
    """Thread-safe token buckets keyed by identity; `per_minute` 0 lets everything through.
    `clock` (monotonic seconds) is injectable so tests can move time without sleeping."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self.clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # identity -> (tokens left, when counted)

    def hit(self, identity: str) -> None:
        """Count one request for `identity`; raises RateLimited when its bucket is empty."""
        if self.per_minute <= 0:
            return
        capacity, rate = float(self.per_minute), self.per_minute / 60.0
        with self._lock:
            now = self.clock()
            tokens, then = self._buckets.get(identity, (capacity, now))
            tokens = min(capacity, tokens + max(0.0, now - then) * rate)
            if tokens < 1.0:
                self._buckets[identity] = (tokens, now)
                raise RateLimited(max(1, math.ceil((1.0 - tokens) / rate)))
            self._buckets[identity] = (tokens - 1.0, now)
            if len(self._buckets) > 10_000:  # identities are authenticated, so few; still, drop the full ones
                self._buckets = {k: v for k, v in self._buckets.items()
                                 if v[0] + (now - v[1]) * rate < capacity}
