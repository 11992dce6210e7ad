"""Split a draft into greeting, body sentences, sign-off, signature and quoted earlier messages.

Only what the writer is writing now (greeting, body, sign-off) is judged, wherever it sits: above the
quoted mail, or below and between quoted lines (bottom-posting and inline replies). Quoted mail is a
run of ">" lines with the attribution line above it ("On ... wrote:"), or everything after an unmarked
quote (an Outlook header block, "Original Message", an attribution line with no ">" lines under it).
These are the rules reply parsers use; they are applied here line by line because the analysis needs
offsets into the text as sent, and email-reply-parser returns rewritten text (it joins wrapped
attribution lines) without positions.

Machine output pasted into the body (a table of figures, a timestamped log) is set aside too: it is not
the writer's wording, and a program's output reads like an alert to every signal.
"""
from __future__ import annotations

import re
from itertools import groupby

from .phrases import (
    ATTRIBUTION_RE,
    GREETING_RE,
    INLINE_SIGNOFF_RE,
    NAME_ONLY_GREETING_RE,
    QUOTE_TO_END_RE,
    QUOTED_LINE_RE,
    SIGNATURE_DELIMITER_RE,
    SIGNOFF_LINE_RE,
    WORD_RE,
    list_footer,
)
from .sentences import split_sentences
from .types import Segments, Span

_MAX_GREETING_CHARS = 80
_SIGNOFF_SEARCH_LINES = 6
_MAX_SIGNATURE_LINES = 8


SUBJECT_PREFIX = "Subject:"


def leading_subject(text: str) -> tuple[str | None, str]:
    """A draft saved with its "Subject: ..." line first: (the subject, the rest). Otherwise (None, text)."""
    if not text.startswith(SUBJECT_PREFIX):
        return None, text
    first_line, _, rest = text.partition("\n")
    return first_line[len(SUBJECT_PREFIX):].strip(), rest.lstrip("\n")


def segment(text: str) -> Segments:
    quoted = quoted_spans(text)
    regions = _writer_regions(text, quoted)
    if not regions:
        return Segments(greeting=None, body=(), signoff=None, signature=None, quoted=quoted)
    first, last = regions[0], regions[-1]
    signature_start = _signature_start(text, last.start, last.end)
    content_end = signature_start if signature_start is not None else last.end

    greeting = _greeting(text, first.start, content_end if first is last else first.end)
    body_start = greeting.end if greeting else first.start

    signoff, signature_from_signoff = _signoff(text, max(body_start, last.start), content_end)
    if signoff is not None:
        content_end = signoff.start
        if signature_start is None and signature_from_signoff is not None:
            signature_start = signature_from_signoff

    body = []
    for region in regions:
        start = body_start if region is first else region.start
        end = content_end if region is last else region.end
        body.extend(split_sentences(text, start, end))
    if signoff is None and len(body) > 1 and _is_bare_name(body[-1].of(text)) and body[-1].start >= last.start:
        # "...get it to you asap. Kay": a trailing name is the signature, not a sentence
        if signature_start is None:
            signature_start = body[-1].start
        body = body[:-1]
    pasted, pasted_sentences = _pasted_output(text, body)
    body = [s for s in body if s not in pasted_sentences]
    if signature_start is None:
        return Segments(greeting=greeting, body=tuple(body), signoff=signoff, signature=None, quoted=quoted,
                        pasted=pasted)
    footer_start = _list_footer_start(text, signature_start, last.end)
    footer = split_sentences(text, footer_start, last.end) if footer_start is not None else []
    signature = _trimmed(text, signature_start, last.end if footer_start is None else footer_start)
    return Segments(greeting=greeting, body=tuple(body), signoff=signoff, signature=signature, quoted=quoted,
                    footer=tuple(footer), pasted=pasted)


_MIN_TABLE_ROWS = 3  # one line of figures is a phone number or a date; three in a row are a table
_MIN_LOG_TIMESTAMPS = 3
_LOG_TIMESTAMP_RE = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")
_SPACE_RE = re.compile(r"\s")
_DIGIT_RE = re.compile(r"\d")
_LETTER_RE = re.compile(r"[^\W\d_]")


def _pasted_output(text: str, body: list[Span]) -> tuple[tuple[Span, ...], set[Span]]:
    """Body sentences that are a program's output (runs of figure rows, a log line of timestamps): the blocks
    they make and the sentences. Set aside only when the writer's own sentences remain around them (a draft of
    figures alone is judged)."""
    sentences = [s.of(text) for s in body]
    pasted: list[bool] = []
    for is_row, run in groupby(map(_is_figure_row, sentences)):
        count = len(list(run))
        pasted += [is_row and count >= _MIN_TABLE_ROWS] * count
    pasted = [p or len(_LOG_TIMESTAMP_RE.findall(s)) >= _MIN_LOG_TIMESTAMPS for p, s in zip(pasted, sentences)]
    if all(pasted):
        return (), set()
    runs = [[s for s, _ in run] for is_pasted, run in groupby(zip(body, pasted), key=lambda pair: pair[1]) if is_pasted]
    return tuple(Span(run[0].start, run[-1].end) for run in runs), {s for run in runs for s in run}


def _is_figure_row(sentence: str) -> bool:
    """ "0.600 0.200 won -66.67%": mostly digits, hardly a word ("1." and a lone price or phone number are too short
    to say, and run on their own)."""
    chars = len(sentence) - len(_SPACE_RE.findall(sentence))
    if chars < 8 or len(_DIGIT_RE.findall(sentence)) < 0.3 * chars:
        return False
    return 3 * len(_LETTER_RE.findall(sentence)) < chars


def _list_footer_start(text: str, start: int, end: int) -> int | None:
    """The first line of a list footer ("To unsubscribe, ...") in the signature, if one is there."""
    for line in _line_spans(text, start, end):
        if list_footer(text[line.start:line.end]):
            return line.start
    return None


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def quoted_spans(text: str) -> tuple[Span, ...]:
    """Every quoted earlier message, in order: '>' runs (with their attribution line) and an unmarked
    quote that runs to the end."""
    to_end = QUOTE_TO_END_RE.search(text)
    writing_end = to_end.start() if to_end else len(text)
    attributions = {m.start(): m.end() for m in ATTRIBUTION_RE.finditer(text, 0, writing_end)}
    spans: list[Span] = []
    pos = 0
    while pos < writing_end:
        line_end = _line_end(text, pos)
        block_start = pos
        if pos in attributions:
            after = _next_nonblank_line(text, _next_line_start(text, attributions[pos]), writing_end)
            if after is None or not QUOTED_LINE_RE.match(text, after):
                writing_end = pos  # "On ... wrote:" over an unmarked quote: the rest is quoted
                break
            pos = after
        if QUOTED_LINE_RE.match(text, pos):
            block_end = _quoted_run_end(text, pos, writing_end)
            spans.append(Span(block_start, block_end))
            pos = _next_line_start(text, block_end)
            continue
        pos = _next_line_start(text, line_end)
    if writing_end < len(text):
        spans.append(Span(writing_end, len(text)))
    return tuple(span for span in (_trimmed(text, s.start, s.end) for s in spans) if span is not None)


def _quoted_run_end(text: str, pos: int, limit: int) -> int:
    """End of the last '>' line of the run starting at pos (blank lines inside the run belong to it)."""
    end = _line_end(text, pos)
    while True:
        following = _next_nonblank_line(text, _next_line_start(text, end), limit)
        if following is None or not QUOTED_LINE_RE.match(text, following):
            return end
        end = _line_end(text, following)


def _next_nonblank_line(text: str, pos: int, limit: int) -> int | None:
    while pos < limit:
        line_end = _line_end(text, pos)
        if text[pos:line_end].strip():
            return pos
        pos = _next_line_start(text, line_end)
    return None


def _writer_regions(text: str, quoted: tuple[Span, ...]) -> list[Span]:
    regions, pos = [], 0
    for span in (*quoted, Span(len(text), len(text))):
        region = _trimmed(text, pos, span.start)
        if region is not None:
            regions.append(region)
        pos = span.end
    return regions


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl == -1 else nl


def _next_line_start(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl == -1 else nl + 1


def _signature_start(text: str, start: int, end: int) -> int | None:
    for m in SIGNATURE_DELIMITER_RE.finditer(text, start, end):
        return m.start()
    return None


def _greeting(text: str, start: int, end: int) -> Span | None:
    first = _trimmed(text, start, end)
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
