"""Plain-words reasons for a flagged sentence: say why it reads templated, never accuse."""
from __future__ import annotations

import re

from .features import is_specific, phrase_hits
from .phrases import GREETING_RE, PLACEHOLDER_RE, WORD_RE
from .types import SentenceKind

GENERIC = "could be sent to anyone: no names, dates or specifics"
COMMON_WORDING = "wording close to mass-sent email"
NAMELESS_GREETING = "greeting without a name"
_GENERIC_ADDRESSEES = re.compile(
    r"^(?:there|all|everyone|everybody|team|folks|friends?|guys|y'?all|sir|madam|sir or madam|"
    r"(?:valued )?(?:customer|member|subscriber|user|client|colleague)s?)$",
    re.IGNORECASE,
)
_MIN_WORDS_FOR_GENERIC = 6


def merge_field_reason(field: str) -> str:
    return f"merge field left in: {field}"


def reasons_for(sentence: str, kind: SentenceKind) -> list[str]:
    reasons = [merge_field_reason(m.group(0)) for m in PLACEHOLDER_RE.finditer(sentence)]
    reasons += [f"{h.reason} (“{h.text}”)" for h in phrase_hits(sentence)]
    if kind == "greeting":
        if greeting_name(sentence) is None and not PLACEHOLDER_RE.search(sentence):
            reasons.append(NAMELESS_GREETING)
    elif kind == "body" and len(WORD_RE.findall(sentence)) >= _MIN_WORDS_FOR_GENERIC and not is_specific(sentence):
        reasons.append(GENERIC)
    return reasons or [COMMON_WORDING]


def greeting_name(greeting: str) -> str | None:
    """The name a greeting addresses ("Hi Dana," -> "Dana"), or None for "Hi there," and merge fields."""
    rest = GREETING_RE.sub("", greeting, count=1)
    rest = rest.strip().rstrip(",:;!.—- ").strip()
    if not rest or PLACEHOLDER_RE.search(rest) or _GENERIC_ADDRESSEES.match(rest):
        return None
    words = WORD_RE.findall(rest)
    if not words or len(words) > 4 or not words[0][:1].isupper():
        return None
    if words[0].lower() in {"mr", "mrs", "ms", "dr", "prof"} and len(words) > 1:
        return " ".join(words[:2])
    return words[0]
