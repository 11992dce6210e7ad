"""Request and response shapes of the /v1 API (pydantic), also the source of the OpenAPI document."""
from __future__ import annotations

import json
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from .core.types import NotJudged, PartKind

THREAD_ID_PATTERN = r"^[A-Za-z0-9_.:#\-]{1,200}$"


def json_object(raw: bytes) -> dict | None:
    """The request body as a JSON object, or None if it is anything else: not UTF-8, not JSON, another JSON
    value, or nested too deep for the parser (a RecursionError is a bad body, not a server error)."""
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    return body if isinstance(body, dict) else None


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: StrictStr = Field(description="The whole draft as the writer sees it. Offsets in the answer count its code points.")
    subject: Optional[StrictStr] = Field(default=None, description="Subject line; scored with the draft, never stored.")
    thread_id: Optional[StrictStr] = Field(default=None, pattern=THREAD_ID_PATTERN,
                                           description="Gmail thread id; a thread switched off is not analysed.")
    recipients: Optional[list[StrictStr]] = Field(default=None, description="Addresses the draft goes to; never stored.")


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: StrictStr = Field(min_length=1, description="The sentence the hint was on. Only a keyed hash and the "
                                                      "model's input row are kept, never the text.")
    verdict: Literal["not_templated", "templated"]


class FeedbackOut(BaseModel):
    ok: Literal[True]
    draft_threshold: float
    sentence_threshold: float


class ThreadState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: StrictBool


class ThreadStateOut(BaseModel):
    thread_id: str
    enabled: bool


class SentenceOut(BaseModel):
    start: int
    end: int
    kind: Literal["greeting", "body", "signoff"]
    score: float
    flagged: bool
    reasons: list[str]


class PersonalSpotOut(BaseModel):
    offset: int = Field(description="Code-point offset into the text where a personal line belongs.")
    prompt: str = Field(description="A question only the writer can answer. Sincerely never writes the line.")
    reason: str


class PlaceholderOut(BaseModel):
    start: int
    end: int
    text: str


class IgnoredOut(BaseModel):
    start: int
    end: int
    kind: PartKind


class DisclosureOut(BaseModel):
    policy: Literal["suggest", "require"] = Field(description="Suggest an AI-use line, or require one before sending.")
    line: str = Field(description="The wording the team's admin chose.")


class AnalyzeResponse(BaseModel):
    score: float = Field(ge=0, le=1)
    label: Literal["templated", "personal"]
    sentences: list[SentenceOut]
    personal_spot: Optional[PersonalSpotOut]
    placeholders: list[PlaceholderOut]
    ignored: list[IgnoredOut] = Field(description="Signature, quoted earlier messages and pasted machine output "
                                                  "(a table of figures, a log): not judged.")
    threshold: float = Field(description="The draft threshold applied (stricter for an important recipient).")
    model: str
    care_mode: bool = Field(description="The draft mentions a sensitive topic: fewer, gentler hints.")
    review_nudge: Optional[str] = Field(description="A gentle reminder to reread: the draft goes to someone important.")
    disclosure: Optional[DisclosureOut] = Field(description="The team's AI-use disclosure policy; null when off.")
    not_judged: Optional[NotJudged] = Field(
        default=None, description="Why the verdict is withheld (label personal, no hints but merge fields and list "
        "footers, no spot but care mode's): `too_short`, fewer than five of the writer's words, or "
        "`other_language`, not English, which the model reads only. Null when judged.")
    elapsed_ms: float


class DisabledResponse(BaseModel):
    disabled: Literal[True]


class ErrorResponse(BaseModel):
    ok: Literal[False]
    error: str
    status: int
    field: Optional[str] = None


class Health(BaseModel):
    ok: bool
    model: str
    version: str
