"""Shapes shared by every surface: what an analysis is made of.

Offsets are Python string indices, i.e. Unicode code points of the text the client sent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, Sequence

SentenceKind = Literal["greeting", "body", "signoff"]
PartKind = Literal["signature", "quoted", "pasted"]
NotJudged = Literal["too_short", "other_language"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True)
class Segments:
    """Where each part of a draft lies. Only greeting, body and sign-off are the writer's words now."""

    greeting: Span | None
    body: tuple[Span, ...]
    signoff: Span | None
    signature: Span | None
    quoted: tuple[Span, ...]  # every quoted earlier message, in order
    # Sentences of a list footer below the sign-off ("To unsubscribe, ..."): not the writer's signature, and
    # judged like the body, so the footer that settles the score is also the line that gets the hint.
    footer: tuple[Span, ...] = ()
    # Machine output pasted into the body (a table of figures, a log): not the writer's wording, not judged.
    pasted: tuple[Span, ...] = ()

    def judged(self) -> list[tuple[SentenceKind, Span]]:
        units: list[tuple[SentenceKind, Span]] = []
        if self.greeting:
            units.append(("greeting", self.greeting))
        units.extend(("body", s) for s in self.body)
        if self.signoff:
            units.append(("signoff", self.signoff))
        units.extend(("body", s) for s in self.footer)
        return units


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SentenceResult:
    start: int
    end: int
    kind: SentenceKind
    score: float
    flagged: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PersonalSpot:
    offset: int
    prompt: str
    reason: str


@dataclass(frozen=True)
class IgnoredPart:
    start: int
    end: int
    kind: PartKind


@dataclass(frozen=True)
class Analysis:
    score: float
    label: Literal["templated", "personal"]
    sentences: tuple[SentenceResult, ...]
    personal_spot: PersonalSpot | None
    placeholders: tuple[Placeholder, ...]
    ignored: tuple[IgnoredPart, ...]
    model: str
    threshold: float | None = None  # the draft threshold applied (stricter for important recipients)
    care_mode: bool = False
    review_nudge: str | None = None
    not_judged: NotJudged | None = None  # the verdict is withheld: "too_short" or "other_language"

    def to_dict(self) -> dict:
        """The JSON shape of the API (what dataclasses.asdict gives, without its deep copies)."""
        spot = self.personal_spot
        return {
            "score": self.score,
            "label": self.label,
            "sentences": [
                {"start": s.start, "end": s.end, "kind": s.kind, "score": s.score, "flagged": s.flagged,
                 "reasons": list(s.reasons)}
                for s in self.sentences
            ],
            "personal_spot": None if spot is None else {"offset": spot.offset, "prompt": spot.prompt, "reason": spot.reason},
            "placeholders": [{"start": p.start, "end": p.end, "text": p.text} for p in self.placeholders],
            "ignored": [{"start": i.start, "end": i.end, "kind": i.kind} for i in self.ignored],
            "model": self.model,
            "threshold": self.threshold,
            "care_mode": self.care_mode,
            "review_nudge": self.review_nudge,
            "not_judged": self.not_judged,
        }


@dataclass(frozen=True)
class DraftScores:
    draft: float
    sentences: tuple[float, ...]


class Scorer(Protocol):
    """Scores the writer's sentences and the whole draft for how templated they read (0..1)."""

    name: str

    def score(self, sentences: Sequence[str], subject: str | None = None) -> DraftScores: ...

    def score_many(self, drafts: Sequence[tuple[Sequence[str], str | None]]) -> list[DraftScores]: ...

    def feedback_row(self, sentence: str) -> bytes | None:
        """The sentence's model input as bytes (kept for retraining instead of the text), or None."""
        ...
