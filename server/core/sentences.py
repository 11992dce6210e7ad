"""Split a region of a draft into sentences, keeping code-point offsets into the original text.

Rules: a blank line always ends a sentence; a single line break ends one only where the line is
short, ends in punctuation, or the next line starts a list item (mail is often hard-wrapped at
72 columns); inside a line, terminal punctuation followed by space and a capital, digit or
non-Latin letter ends one, except after common abbreviations, initials and a list number ("1. The
rate", "as follows: 2. The term").
"""
from __future__ import annotations

import re

from .types import Span

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g eg i.e ie inc ltd co corp jan feb mar apr jun jul aug sep sept oct "
    "nov dec u.s u.k approx dept est fig no vol cf al re fyi".split()
)
_TERMINAL = ".!?。！？…"
_CLOSERS = "\"'”’)]»"
_LIST_ITEM_RE = re.compile(r"\s*(?:[-*•·▪◦]|\d{1,2}[.)]|[a-z][.)])\s")
_BLANK_LINE_RE = re.compile(r"\n[ \t\r]*\n")
_SHORT_LINE = 45  # a wrapped line is longer than this; a short line stands alone


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    end = len(text) if end is None else end
    spans: list[Span] = []
    for para_start, para_end in _paragraphs(text, start, end):
        for line_start, line_end in _logical_lines(text, para_start, para_end):
            spans.extend(_split_line(text, line_start, line_end))
    return spans


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for m in _BLANK_LINE_RE.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _logical_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Join hard-wrapped lines; keep short lines, punctuated lines and list items apart."""
    lines: list[tuple[int, int]] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        lines.append((pos, line_end))
        if nl == -1:
            break
        pos = nl + 1
    out: list[tuple[int, int]] = []
    for ls, le in lines:
        if not text[ls:le].strip():
            continue
        if out:
            prev_s, prev_e = out[-1]
            prev_line = text[prev_s:prev_e]
            last_line = prev_line[prev_line.rfind("\n") + 1:].rstrip()
            joins = (
                len(last_line) > _SHORT_LINE
                and last_line[-1:] not in _TERMINAL + ":"
                and not _LIST_ITEM_RE.match(text, ls)
            )
            if joins:
                out[-1] = (prev_s, le)
                continue
        out.append((ls, le))
    return out


def _split_line(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    seg_start = start
    i = start
    while i < end:
        ch = text[i]
        if ch in _TERMINAL:
            j = i + 1
            while j < end and (text[j] in _TERMINAL or text[j] in _CLOSERS):
                j += 1
            if _is_boundary(text, seg_start, i, j, end):
                spans.append(Span(seg_start, j))
                seg_start = j
            i = j
            continue
        i += 1
    spans.append(Span(seg_start, end))
    return [s for s in (_trim(text, s) for s in spans) if s is not None]


def _is_boundary(text: str, seg_start: int, punct: int, after: int, end: int) -> bool:
    if after >= end:
        return True
    if not text[after].isspace():
        return False
    k = after
    while k < end and text[k].isspace():
        k += 1
    if k >= end:
        return True
    nxt = text[k]
    if text[punct] in "。！？":
        return True
    if text[punct] == ".":
        word_start = punct
        while word_start > seg_start and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start:punct].lstrip("(\"'“‘")
        is_initial = len(word) == 1 and word.isupper()
        if word.lower() in _ABBREVIATIONS or is_initial:
            return False
        if _LIST_NUMBER_RE.fullmatch(word) and _opens_list(text[seg_start:word_start]):
            return False  # "1. Canon PowerShot G2", "as follows: 1. The rate": a list number, not a sentence's end
    if nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘([<*-•":
        return True
    # letters without case (Korean, Chinese, Arabic, Hebrew...) start a sentence too
    return nxt.isalpha() and not nxt.islower()


_LIST_NUMBER_RE = re.compile(r"\d{1,2}")


def _opens_list(before: str) -> bool:
    """What comes before a number and its period in this sentence: nothing (the number starts it) or a colon."""
    before = before.rstrip()
    return not before or before.endswith(":")


def _trim(text: str, span: Span) -> Span | None:
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e) if e > s else None
