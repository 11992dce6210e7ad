"""Where a personal line belongs, and a one-line prompt only the writer can answer.

Order of preference, from what careful writers do:
1. in place of a stock opener ("I hope this finds you well") among the first sentences;
2. right after the greeting when the opening could be sent to anyone;
3. just before the ask (within the first sentences), when the opening is already specific but the
   draft still reads templated; otherwise at the top.
A draft that reads personal gets a spot only in place of a stock opener: a ✎ on an honest note that
merely names nothing specific ("Sounds good, see you then.") is a nag.
Measured against 100 hand-labelled drafts by `python -m models.spots`.
Never writes the line itself.
"""
from __future__ import annotations

import re
from typing import Sequence

from .features import is_specific, phrase_hits
from .reasons import greeting_name
from .types import PersonalSpot, Segments, SentenceResult

_ASK_RE = re.compile(
    r"\?|\b(?:would you|could you|can you|can we|could we|will you|are you (?:free|available|open)|"
    r"let me know|please(?! (?:know|accept|find|note|be aware)\b)|i(?:'|’)d (?:love|like) to|do you have time)\b",
    re.IGNORECASE,
)
# A personal line belongs near the top: a stock opener counts as the opening within the first few
# sentences (after a header line, say), and an ask deep in a long mailing is no place for it.
_OPENING_SENTENCES = 3
_ASK_WITHIN = 6
_NAME_FROM_ADDRESS_RE = re.compile(r"^([a-z]{2,})[._]([a-z]{2,})@", re.IGNORECASE)
# What the writer can put in place of a stock opener depends on what the opener stands in for: a pleasantry
# (the prompt for any opener not listed), an answer to their message, a reason to write to a stranger, news
# since the last message, or the point itself. Tried in order on the words of the stock openers among the first
# sentences ("I hope you're well. I came across your profile..." is a cold introduction); {who} is the
# addressee, {they} the same as a subject ("they" for "them").
_OPENER_PROMPTS = (
    (re.compile(r"\bthank", re.IGNORECASE), "what did {they} ask or tell you that you are answering here?"),
    (re.compile(r"reaching out|came across|introduce|my name is|contacting|emailing you|quick question", re.IGNORECASE),
     "why are you writing to {who} in particular, and not to anyone else?"),
    (re.compile(r"follow|touch base|circl|check|bump|\bper\b", re.IGNORECASE),
     "what has changed since you last wrote to {who}?"),
    (re.compile(r"writing", re.IGNORECASE), "what do you most want {who} to know, in your own words?"),
)
_PLEASANTRY_PROMPT = "what has happened since you last heard from {who}?"
# On a sensitive topic (a loss, an illness, an apology, a layoff) small talk and "why them" are the wrong
# questions: what matters is what the writer would say in person.
_CARE_PROMPT = "What would you say to {who} if you were there in person? One line in your own words matters most here."


def find_personal_spot(
    text: str,
    segments: Segments,
    sentences: Sequence[SentenceResult],
    *,
    templated: bool,
    recipients: Sequence[str] = (),
    care: bool = False,
) -> PersonalSpot | None:
    spot = _find_spot(text, segments, sentences, templated=templated, recipients=recipients)
    if spot is None or not care:
        return spot
    return PersonalSpot(spot.offset, _CARE_PROMPT.format(who=_addressee(text, segments, recipients)), spot.reason)


def _find_spot(
    text: str, segments: Segments, sentences: Sequence[SentenceResult], *, templated: bool, recipients: Sequence[str]
) -> PersonalSpot | None:
    body = [s for s in sentences if s.kind == "body"]
    if not body and segments.greeting is None:
        return None
    body_texts = [text[s.start:s.end] for s in body]
    opener_words = {i: words for i, t in enumerate(body_texts[:_OPENING_SENTENCES])
                    if (words := [h.text for h in phrase_hits(t) if h.family == "stock_opener"])}
    openers = [body[i] for i in opener_words]
    if not templated and not openers:
        return None  # a note that reads personal gets a spot only in place of a stock opener

    who = _addressee(text, segments, recipients)
    is_reply = bool(segments.quoted)
    if not body:
        return PersonalSpot(segments.greeting.end, _opening_prompt(who, is_reply), "right after the greeting")
    first, first_text = body[0], body_texts[0]
    where = "right after the greeting" if segments.greeting else "at the start"
    # A generic first sentence is the opening, even when a listed stock phrase only comes after it.
    if openers and (openers[0] is first or is_specific(first_text)):
        return PersonalSpot(
            openers[0].start,
            _opener_prompt(who, [w for words in opener_words.values() for w in words]) if not is_reply
            else _opening_prompt(who, is_reply),
            "in place of a stock opener",
        )
    if not is_specific(first_text):
        return PersonalSpot(first.start, _opening_prompt(who, is_reply), f"{where}, before the message gets to business")
    for s, t in zip(body[:_ASK_WITHIN], body_texts[:_ASK_WITHIN]):
        if _ASK_RE.search(t):
            return PersonalSpot(
                s.start,
                f"Why are you asking {who} in particular? Say it in one line of your own before the ask.",
                "just before your ask, so it doesn't land cold",
            )
    return PersonalSpot(first.start, _opening_prompt(who, is_reply), where)


def _opener_prompt(who: str, openers: Sequence[str]) -> str:
    """The question for the writer in place of these stock openers (their words as written)."""
    question = next((prompt for pattern, prompt in _OPENER_PROMPTS if any(pattern.search(o) for o in openers)),
                    _PLEASANTRY_PROMPT)
    return "Instead of the stock opener: " + question.format(who=who, they=_as_subject(who))


def _as_subject(who: str) -> str:
    """The addressee as the subject of a question: "what did they say", not "what did them say"."""
    return "they" if who == "them" else who


def _opening_prompt(who: str, is_reply: bool) -> str:
    if is_reply:
        return f"What did {_as_subject(who)} say in their last message that you can answer or pick up on?"
    return f"What do you know about {who} (your last conversation, their work, something you share) that belongs here?"


def _addressee(text: str, segments: Segments, recipients: Sequence[str]) -> str:
    if segments.greeting is not None:
        name = greeting_name(segments.greeting.of(text))
        if name:
            return name
    if len(recipients) == 1:
        m = _NAME_FROM_ADDRESS_RE.match(recipients[0].strip())
        if m:
            return m.group(1).capitalize()
    return "them" if len(recipients) != 1 else "this person"
