"""Team policy applied to one draft: important recipients (stricter, with a review nudge) and sensitive
topics (care mode: fewer, gentler hints, focused on the personal spot). Pure: lists in, decisions out."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

REVIEW_NUDGE = "This goes to someone important: a last read before sending is worth it."
CARE_MAX_HINTS = 1
CARE_REASON = "a personal word here may matter more than usual"
CARE_NOTE = "It touches a sensitive topic, so only the gentlest hint is shown."


def is_important(recipients: Sequence[str], important: Sequence[str]) -> bool:
    """An entry with an @ names one address; without, a domain (and its subdomains)."""
    if not important:
        return False
    addresses = {e.lower() for e in important if "@" in e}
    domains = tuple(e.lower().lstrip(".") for e in important if "@" not in e)
    for recipient in recipients:
        address = recipient.strip().lower()
        if address.endswith(">") and "<" in address:
            address = address[address.rindex("<") + 1:-1]
        domain = address.rpartition("@")[2]
        if address in addresses or any(domain == d or domain.endswith("." + d) for d in domains):
            return True
    return False


@lru_cache(maxsize=32)
def _topics_re(topics: tuple[str, ...]) -> re.Pattern | None:
    words = [re.escape(t.strip()).replace(r"\ ", r"\s+") for t in topics if t.strip()]
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\w*", re.IGNORECASE)


def mentions_sensitive_topic(texts: Sequence[str], topics: tuple[str, ...]) -> bool:
    pattern = _topics_re(topics)
    return pattern is not None and any(pattern.search(t) for t in texts)
