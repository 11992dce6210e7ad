"""Plain-words reasons for a flagged sentence: say why it reads templated, never accuse."""
from __future__ import annotations

import itertools
import re
from typing import Sequence

from .features import is_specific, phrase_hits, quoted_span
from .phrases import GREETING_RE, PLACEHOLDER_RE, REGISTER_PATTERNS, WORD_RE, list_footer
from .types import SentenceKind

GENERIC = "could be sent to anyone: no names, dates or specifics"
COMMON_WORDING = "wording close to mass-sent email"
NAMELESS_GREETING = "greeting without a name"
LIST_FOOTER = "mass-mail footer"
_GENERIC_ADDRESSEES = re.compile(
    r"^(?:there|all|everyone|everybody|team|folks|friends?|guys|y'?all|sir|madam|sir or madam|sir\s*/\s*madam|"
    r"(?:all )?(?:staff|employees)|friends and (?:family|neighbou?rs)|neighbou?rs|"
    r"(?:customer |client )?(?:service|support|success|sales|billing)(?: team)?|"
    r"(?:valued )?(?:customer|member|subscriber|user|client|colleague)s?)$",
    re.IGNORECASE,
)
_MIN_WORDS_FOR_GENERIC = 6
# The register cues that point towards mass mail, in words a writer can act on (see phrases.REGISTER_PATTERNS).
REGISTER_REASONS = {
    "outreach": "cold-outreach formula",
    "support": "canned support wording",
    "broadcast": "mass-mailing wording",
    "call_to_action": "call to action",
    "hype": "sales hype",
    "news": "press-release register",
    "our_offer": "talks about “our” product rather than their needs",
    "generic_audience": "addressed to a crowd",
    "formal_vocabulary": "stock business vocabulary",
}
_MAX_REGISTER_REASONS = 2
# Single words that count towards the score but would read as nonsense alone ("mass-mailing wording: list").
_TOO_WEAK_TO_NAME = frozenset({"list", "remove", "removed", "automated", "preferences", "best", "save", "deal",
                               "(s)", "(u)", "(c)", "(sbu)"})


def merge_field_reason(field: str) -> str:
    return f"merge field left in: {field}"


QUOTE_MAX_CHARS = 60  # a footer's whole unsubscribe link, or a scam's sum spelt out, is no reason to read


def quoted(words: str) -> str:
    """The writer's words as a reason quotes them; past QUOTE_MAX_CHARS, cut at a space and marked with "…"."""
    if len(words) > QUOTE_MAX_CHARS:
        cut = words.rfind(" ", 0, QUOTE_MAX_CHARS)
        words = words[:cut if cut > QUOTE_MAX_CHARS // 2 else QUOTE_MAX_CHARS].rstrip() + "…"
    return f"“{words}”"


def reasons_for(sentence: str, kind: SentenceKind) -> list[str]:
    # each field named once ("[Speaker's Name]" three times in a list of speakers); the API's placeholders keep all
    reasons = list(dict.fromkeys(merge_field_reason(m.group(0)) for m in PLACEHOLDER_RE.finditer(sentence)))
    footer = list_footer(sentence)
    named = [(footer.start(), footer.end())] if footer else []
    if footer:
        reasons.append(f"{LIST_FOOTER} ({quoted(footer.group(0).strip())})")
    hits = []
    for hit in phrase_hits(sentence):  # two families, or a footer and a family, on the same words: the first names them
        if not any(hit.start < end and start < hit.end for start, end in named):
            hits.append(hit)
            named.append((hit.start, hit.end))
    reasons += [f"{h.reason} ({quoted(h.text)})" for h in hits]
    if kind == "body":
        reasons += register_reasons(sentence, named)[:_MAX_REGISTER_REASONS]
    if kind == "greeting":
        if greeting_name(sentence) is None and not PLACEHOLDER_RE.search(sentence):
            reasons.append(NAMELESS_GREETING)
    elif kind == "body" and not footer and len(WORD_RE.findall(sentence)) >= _MIN_WORDS_FOR_GENERIC and not is_specific(sentence):
        reasons.append(GENERIC)
    return reasons or [COMMON_WORDING]


def register_reasons(sentence: str, already: Sequence[tuple[int, int]] = ()) -> list[str]:
    """Mass-mail register cues in the sentence, each named with the words that show it; words a stock
    phrase already explains are not explained twice."""
    found = []
    for cue, label in REGISTER_REASONS.items():
        m = REGISTER_PATTERNS[cue].search(sentence)
        if m is None:
            continue
        start, end = quoted_span(sentence, m.start(), m.end())
        words = sentence[start:end]
        if (words.lower() not in _TOO_WEAK_TO_NAME
                and not any(start < named_end and named_start < end for named_start, named_end in already)):
            found.append(f"{label} ({quoted(words)})")
    return found


def greeting_name(greeting: str) -> str | None:
    """The name a greeting addresses ("Hi Dana," -> "Dana"), or None for "Hi there," and merge fields."""
    rest = GREETING_RE.sub("", greeting, count=1)
    rest = rest.strip().rstrip(",:;!.—- ").strip()
    if not rest or PLACEHOLDER_RE.search(rest) or _GENERIC_ADDRESSEES.match(rest):
        return None
    words = WORD_RE.findall(rest)
    if not words or len(words) > 4 or not words[0][:1].isupper():
        return None
    if words[0].lower() in {"mr", "mrs", "ms", "dr", "prof", "madam"} and len(words) > 1:
        if words[1].lower() == "and":  # "Mr. and Mrs. Smith"
            return rest
        title = words[0] + ("." if rest[len(words[0]):].startswith(".") else "")  # "Ms. Alvarez" as written
        names = list(itertools.takewhile(lambda w: w[:1].isupper(), words[1:])) or words[1:2]
        return f"{title} {names[-1]}"  # "Dr. Mary Smith" is Dr. Smith
    return words[0]
