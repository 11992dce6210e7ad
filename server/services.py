"""What a running app holds: settings, store, scorer, gate and token (one place, one lookup)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from .core.types import Scorer
from .gate import Gate
from .store import Store


@dataclass
class Services:
    data_dir: Path
    token: str
    store: Store
    scorer: Scorer
    gate: Gate


def services() -> Services:
    return current_app.extensions["sincerely"]
