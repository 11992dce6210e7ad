"""What a running app holds: settings, store, scorer, gate, rate limiter and token (one place, one lookup)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app

from .core.types import Scorer
from .gate import Gate
from .ratelimit import RateLimiter
from .store import Store


@dataclass
class Services:
    data_dir: Path
    token: str
    store: Store
    scorer: Scorer
    gate: Gate
    limiter: RateLimiter = field(default_factory=lambda: RateLimiter(0))  # off unless team mode


def services() -> Services:
    return current_app.extensions["sincerely"]
