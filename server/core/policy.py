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
# What a surface says instead of a verdict when the analysis withholds one (Analysis.not_judged).
NOT_JUDGED_NOTES = {
    "too_short": "Too short to judge yet: a few more words and Sincerely can tell.",
    "other_language": "Sincerely reads English only, so this draft is not judged.",
}


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


# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese): a topic in them
# starts wherever it is found, as there is no word boundary to wait for ("父が病気になりました" holds 病気).
_SPACELESS_RE = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


# "No apology needed", "not a complaint", "without complaint": a topic said not to be there is not there.
_NOT_NEGATED = r"(?<!\bno )(?<!\bnot )(?<!\bnever )(?<!\bwithout )(?<!\bnot a )(?<!\bnot an )"


@lru_cache(maxsize=32)
def _topics_re(topics: tuple[str, ...]) -> re.Pattern | None:
    words = sorted((t.strip() for t in topics if t.strip()), key=len, reverse=True)
    if not words:
        return None
    alternatives = [("" if _SPACELESS_RE.match(w) else r"\b") + re.escape(w).replace(r"\ ", r"\s+") for w in words]
    return re.compile(_NOT_NEGATED + r"(?:" + "|".join(alternatives) + r")\w*", re.IGNORECASE)


def mentions_sensitive_topic(texts: Sequence[str], topics: tuple[str, ...]) -> bool:
    pattern = _topics_re(topics)
    return pattern is not None and any(pattern.search(t) for t in texts)
