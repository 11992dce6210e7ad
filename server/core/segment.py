"""Split a draft into greeting, body sentences, sign-off, signature and quoted earlier messages.

Only what the writer is writing now (greeting, body, sign-off) is judged. Quoted replies are found
with email-reply-parser plus the header forms it misses (Outlook blocks, "Original Message").
"""
from __future__ import annotations

import re

from email_reply_parser import EmailReplyParser

from .phrases import (
    GREETING_RE,
    INLINE_SIGNOFF_RE,
    NAME_ONLY_GREETING_RE,
    QUOTE_HEADER_RE,
    SIGNATURE_DELIMITER_RE,
    SIGNOFF_LINE_RE,
    WORD_RE,
)
from .sentences import split_sentences
from .types import Segments, Span

_MAX_GREETING_CHARS = 80
_SIGNOFF_SEARCH_LINES = 6
_MAX_SIGNATURE_LINES = 8


def segment(text: str) -> Segments:
    quote_start = _quote_start(text)
    writer_end = quote_start
    signature_start = _signature_start(text, 0, writer_end)
    content_end = signature_start if signature_start is not None else writer_end

    greeting = _greeting(text, content_end)
    body_start = greeting.end if greeting else 0

    signoff, signature_from_signoff = _signoff(text, body_start, content_end)
    if signoff is not None:
        content_end = signoff.start
        if signature_start is None and signature_from_signoff is not None:
            signature_start = signature_from_signoff

    body = split_sentences(text, body_start, content_end)
    if signoff is None and len(body) > 1 and _is_bare_name(body[-1].of(text)):
        # "...get it to you asap. Kay": a trailing name is the signature, not a sentence
        if signature_start is None:
            signature_start = body[-1].start
        content_end = body[-1].start
        body = body[:-1]
    signature = _trimmed(text, signature_start, writer_end) if signature_start is not None else None
    quoted = _trimmed(text, quote_start, len(text)) if quote_start < len(text) else None
    return Segments(
        greeting=greeting,
        body=tuple(body),
        signoff=signoff,
        signature=signature,
        quoted=quoted,
    )


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _quote_start(text: str) -> int:
    """Offset where quoted earlier messages begin (len(text) if none)."""
    candidates = [len(text)]
    m = QUOTE_HEADER_RE.search(text)
    if m:
        candidates.append(m.start())
    reply = EmailReplyParser.parse_reply(text) if text.strip() else ""
    if reply and len(reply) < len(text.strip()):
        tail = reply.rstrip()[-60:]
        found = text.find(tail) if tail else -1
        if found != -1:
            cut = found + len(tail)
            rest = text[cut:]
            # the parser also hides signatures; only a cut before quoted mail counts as a quote here
            if re.search(r"^\s*>|wrote:\s*$", rest, re.MULTILINE):
                candidates.append(_next_line_start(text, cut))
    start = min(candidates)
    return 0 if not text[:start].strip() and start < len(text) and text[start:].lstrip().startswith(">") else start


def _next_line_start(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl == -1 else nl + 1


def _signature_start(text: str, start: int, end: int) -> int | None:
    for m in SIGNATURE_DELIMITER_RE.finditer(text, start, end):
        return m.start()
    return None


def _greeting(text: str, end: int) -> Span | None:
    first = _trimmed(text, 0, end)
    if first is None:
        return None
    nl = text.find("\n", first.start, end)
    line_end = end if nl == -1 else nl
    line = text[first.start:line_end]
    stripped_end = first.start + len(line.rstrip())
    if GREETING_RE.match(line):
        # "Hi Gregg, Here is a new draft..." : the greeting ends at its first comma or colon
        head = line[:_MAX_GREETING_CHARS]
        cut = re.search(r"[,:!—]|\s-\s", head)
        if cut and text[first.start + cut.end():line_end].strip():
            return Span(first.start, first.start + cut.end())
        if len(line) <= _MAX_GREETING_CHARS:
            return Span(first.start, stripped_end)
        return None
    if NAME_ONLY_GREETING_RE.match(line) and len(line) <= 40:
        return Span(first.start, stripped_end)
    return None


def _signoff(text: str, start: int, end: int) -> tuple[Span | None, int | None]:
    """Find a sign-off line near the end; the short lines after it are the signature."""
    lines = _line_spans(text, start, end)
    nonblank = [ls for ls in lines if text[ls.start:ls.end].strip()]
    if not nonblank:
        return None, None
    for idx in range(len(nonblank) - 1, max(-1, len(nonblank) - 1 - _SIGNOFF_SEARCH_LINES), -1):
        line = nonblank[idx]
        after = nonblank[idx + 1:]
        if len(after) > _MAX_SIGNATURE_LINES or any(_word_count(text[a.start:a.end]) > 8 for a in after):
            break
        if SIGNOFF_LINE_RE.match(text[line.start:line.end]):
            signoff = _trimmed(text, line.start, line.end)
            signature = after[0].start if after else None
            return signoff, signature
    last = nonblank[-1]
    m = INLINE_SIGNOFF_RE.search(text, last.start, last.end)
    if m:
        return Span(m.start(1), m.end(1)), None
    return None, None


def _line_spans(text: str, start: int, end: int) -> list[Span]:
    spans = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        spans.append(Span(pos, line_end))
        pos = line_end + 1
    return spans


def _is_bare_name(s: str) -> bool:
    words = s.split()
    return 0 < len(words) <= 2 and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words)


def _word_count(s: str) -> int:
    return len(WORD_RE.findall(s))
