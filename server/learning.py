"""Learning from the writer: how dismissed hints move a user's thresholds (only when they opt in)."""
from __future__ import annotations

DISMISSAL_STEP = 0.02
MAX_SHIFT = 0.2
THRESHOLD_CEILING = 0.99
LOCAL_USER = "local"  # one user on a personal server; team mode names users by their API token
ADDON_USER = "gmail-addon"  # the Gmail add-on's requests, which carry no user of ours


def threshold_shift(dismissals: int) -> float:
    return min(MAX_SHIFT, DISMISSAL_STEP * dismissals)


def shifted(threshold: float, dismissals: int) -> float:
    return min(THRESHOLD_CEILING, round(threshold + threshold_shift(dismissals), 4))
