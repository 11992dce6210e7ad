"""text in, Analysis out: the one entry point every surface calls (one draft, or many in a batch)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from .features import phrase_hits
from .phrases import PLACEHOLDER_RE, WORD_RE, list_footer
from .policy import CARE_MAX_HINTS, CARE_REASON, REVIEW_NUDGE, is_important, mentions_sensitive_topic
from .reasons import lacks_a_name, reasons_for
from .segment import segment
from .spot import find_personal_spot
from .types import (Analysis, DraftScores, IgnoredPart, NotJudged, Placeholder, Scorer, Segments, SentenceKind,
                    SentenceResult, Span)

# A merge field or a list footer left in is unambiguous: the draft reads templated whatever the model says.
EVIDENCE_SCORE_FLOOR = 0.95
_MIN_WORDS_TO_FLAG = 4
# Fewer words than this in the writer's sentences is a draft in its first seconds ("Hi,", "Emile says hi"): no
# email in the evaluation is this short (the shortest has 12), so the model's score says nothing about it.
MIN_WORDS_TO_JUDGE = 5
_LONE_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class AnalyzeOptions:
    draft_threshold: float = 0.7
    sentence_threshold: float = 0.6
    max_hints: int = 5
    # Sentences the writer dismissed as not templated: they get no model or phrase hint again
    # (a merge field left in still does).
    dismissed: Callable[[str], bool] | None = None
    # Drafts to these addresses or domains are judged against the stricter threshold and get a review nudge.
    important_recipients: tuple[str, ...] = ()
    important_draft_threshold: float = 0.45
    # A draft that mentions one of these is in care mode: fewer, gentler hints, the personal spot first.
    sensitive_topics: tuple[str, ...] = ()
    # The language of the writer's words when it is surely not English (an ISO code), else None. The model and
    # the phrase lists read English only, so another language is not judged. None here: every draft is judged.
    language_of: Callable[[str], str | None] | None = None


@dataclass(frozen=True)
class Prepared:
    """A draft split and searched, ready for the scorer."""

    text: str
    segments: Segments
    units: tuple[tuple[SentenceKind, Span], ...]
    unit_texts: tuple[str, ...]
    placeholders: tuple[Placeholder, ...]
    ignored: tuple[IgnoredPart, ...]
    footers: tuple[re.Match | None, ...]  # each unit's list-footer words, searched once


def prepare(text: str) -> Prepared:
    # Lone surrogates (possible in JSON) become U+FFFD: same length, so every offset still holds.
    text = _LONE_SURROGATE_RE.sub("\ufffd", text)
    segments = segment(text)
    units = tuple(segments.judged())
    unit_texts = tuple(span.of(text) for _, span in units)
    return Prepared(
        text=text,
        segments=segments,
        units=units,
        unit_texts=unit_texts,
        placeholders=tuple(Placeholder(m.start(), m.end(), m.group(0)) for m in PLACEHOLDER_RE.finditer(text)
                           if not any(q.start <= m.start() < q.end for q in (*segments.quoted, *segments.pasted))),
        ignored=tuple(sorted(
            [IgnoredPart(span.start, span.end, "quoted") for span in segments.quoted]
            + [IgnoredPart(span.start, span.end, "pasted") for span in segments.pasted]
            + ([IgnoredPart(segments.signature.start, segments.signature.end, "signature")] if segments.signature else []),
            key=lambda part: part.start,
        )),
        footers=tuple(map(list_footer, unit_texts)),
    )


def analyze(
    text: str,
    *,
    scorer: Scorer,
    subject: str | None = None,
    recipients: Sequence[str] = (),
    options: AnalyzeOptions = AnalyzeOptions(),
) -> Analysis:
    p = prepare(text)
    scores = scorer.score(p.unit_texts, subject) if p.units else DraftScores(0.0, ())
    return assemble(p, scores, scorer.name, options, recipients)


def analyze_many(
    drafts: Sequence[tuple[str, str | None]], *, scorer: Scorer, options: AnalyzeOptions = AnalyzeOptions()
) -> list[Analysis]:
    """The batch path (CLI `score`): the scorer sees every draft at once and encodes each sentence once."""
    prepared = [prepare(text) for text, _ in drafts]
    scores = scorer.score_many([(p.unit_texts, subject) for p, (_, subject) in zip(prepared, drafts)])
    return [assemble(p, s, scorer.name, options, ()) for p, s in zip(prepared, scores)]


def has_evidence(footers: Iterable[re.Match | None], has_placeholders: bool) -> bool:
    """A merge field or a list footer (`list_footer` of each unit) is left in: the draft is settled whatever the
    model says."""
    return has_placeholders or any(footers)


def floored_score(score: float, footers: Iterable[re.Match | None], has_placeholders: bool) -> float:
    """The model's draft score, raised to the evidence floor when there is evidence (the evaluation applies the
    same rule to the out-of-group scores)."""
    return max(score, EVIDENCE_SCORE_FLOOR) if has_evidence(footers, has_placeholders) else score


def assemble(p: Prepared, scores: DraftScores, model: str, options: AnalyzeOptions, recipients: Sequence[str]) -> Analysis:
    important = is_important(recipients, options.important_recipients)
    if important:
        options = replace(options, draft_threshold=min(options.draft_threshold, options.important_draft_threshold))
    nudge = REVIEW_NUDGE if important else None
    if not p.units:
        return Analysis(0.0, "personal", (), None, p.placeholders, p.ignored, model,
                        threshold=options.draft_threshold, review_nudge=nudge, not_judged="too_short")
    care = mentions_sensitive_topic(p.unit_texts, options.sensitive_topics)
    if care:
        options = replace(options, max_hints=min(options.max_hints, CARE_MAX_HINTS))
    draft_score = floored_score(scores.draft, p.footers, bool(p.placeholders))
    not_judged = None if has_evidence(p.footers, bool(p.placeholders)) else why_not_judged(p, options.language_of)
    templated = draft_score >= options.draft_threshold and not_judged is None
    flagged = _choose_flags(p, scores.sentences, options, templated, judged=not_judged is None)

    def reasons(unit_text: str, kind: SentenceKind) -> tuple[str, ...]:
        found = reasons_for(unit_text, kind)
        if care and not PLACEHOLDER_RE.search(unit_text):
            return (CARE_REASON, *found[:1])  # the gentlest note first, then the one reason that says why
        return tuple(found)

    sentences = tuple(
        SentenceResult(
            start=span.start,
            end=span.end,
            kind=kind,
            score=round(score, 4),
            flagged=i in flagged,
            reasons=reasons(unit_text, kind) if i in flagged else (),
        )
        for i, ((kind, span), unit_text, score) in enumerate(zip(p.units, p.unit_texts, scores.sentences))
    )
    # In care mode the personal spot is always offered: it matters more than any wording hint.
    spot = (find_personal_spot(p.text, p.segments, sentences, templated=templated or care, recipients=recipients, care=care)
            if not_judged is None or care else None)
    return Analysis(
        score=round(draft_score, 4),
        label="templated" if templated else "personal",
        sentences=sentences,
        personal_spot=spot,
        placeholders=p.placeholders,
        ignored=p.ignored,
        model=model,
        threshold=options.draft_threshold,
        care_mode=care,
        review_nudge=nudge,
        not_judged=not_judged,
    )


def why_not_judged(p: Prepared, language_of: Callable[[str], str | None] | None) -> NotJudged | None:
    """Why the model's verdict on this draft means nothing: too few of the writer's words, or not English."""
    body = [t for (kind, _), t in zip(p.units, p.unit_texts) if kind == "body"]
    if sum(len(WORD_RE.findall(t)) for t in body) < MIN_WORDS_TO_JUDGE:
        return "too_short"
    if language_of is not None and language_of(" ".join(body)) is not None:
        return "other_language"
    return None


def _choose_flags(p: Prepared, scores: Sequence[float], options: AnalyzeOptions, templated: bool, *,
                  judged: bool = True) -> set[int]:
    """Sentences that get a hint: merge fields and list footers always; then, highest score first and up to max_hints: in a
    draft that reads templated, sentences the model scores high, stock phrases and a nameless greeting; in a
    draft that reads personal, only sentences the model scores high that also carry a stock phrase other than a
    pleasantry opener ("Hope you're doing well!" before a line about Mom's knee is no nag's business; the spot
    may still offer its question in its place), so the hint names words the writer can change. (Scored high alone, eight personal dev drafts in ten got a vague
    hint: a nag on an honest note; python -m bench.hints.)"""
    must = set()
    candidates = []
    for i, ((kind, _), unit_text, footer, score) in enumerate(zip(p.units, p.unit_texts, p.footers, scores)):
        if footer or PLACEHOLDER_RE.search(unit_text):
            must.add(i)
        elif not judged:
            continue  # only what settles a draft in any language and at any length: a merge field, a list footer
        elif options.dismissed is not None and options.dismissed(unit_text):
            continue
        elif kind == "greeting" and templated and lacks_a_name(unit_text):  # a name is the writer's to keep
            candidates.append((score, i))
        elif kind == "body" and len(WORD_RE.findall(unit_text)) >= _MIN_WORDS_TO_FLAG:
            scored_high = score >= options.sentence_threshold
            hits = phrase_hits(unit_text)
            if (scored_high or hits) if templated else (scored_high and any(h.family != "stock_opener" for h in hits)):
                candidates.append((score, i))
    room = max(options.max_hints - len(must), 0)
    return must | {i for _, i in sorted(candidates, reverse=True)[:room]}
