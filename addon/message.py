"""Read the open Gmail message and pick relationship prompts from it: pure functions, no network.

Prompts are sentences quoted verbatim from the other person's new text (not the quoted history):
questions they asked, first-person news ("I just…", "we moved…", "I'm starting…"), and dates or
deadlines. Nothing is invented or reworded.
"""
from __future__ import annotations

import base64
import re

from email_reply_parser import EmailReplyParser

MAX_PROMPTS = 4
MAX_PROMPT_CHARS = 240

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_NEWS = re.compile(
    r"\b(?:I|we)(?:'m| am| are|'ve| have|'ll| will| just| finally| recently)?\s+"
    r"(?:just\s+|finally\s+|recently\s+)?"
    r"(?:moved|started|starting|start|got|getting|joined|joining|left|leaving|bought|had|having|back|heading|"
    r"going|off|travel(?:l)?ing|visiting|flying|became|been|finished|launched|welcomed|married|engaged|"
    r"new)\b", re.IGNORECASE)
_DATE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next week|this week|"
    r"end of (?:the )?(?:day|week|month)|deadline|due|by (?:eod|cob)|"
    r"jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b", re.IGNORECASE)


def decode_body(payload: object) -> str:
    """The text/plain body of a Gmail API message payload (format=full); '' when there is none."""
    if not isinstance(payload, dict):
        return ""
    if payload.get("mimeType") == "text/plain":
        data = (payload.get("body") or {}).get("data") if isinstance(payload.get("body"), dict) else None
        if isinstance(data, str):
            try:
                return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode("utf-8", "replace")
            except (ValueError, TypeError):
                return ""
        return ""
    parts = payload.get("parts")
    if isinstance(parts, list):
        for part in parts:
            text = decode_body(part)
            if text:
                return text
    return ""


def split_reply(text: str) -> tuple[str, str]:
    """(their new text, the quoted history) of a message body."""
    fragments = EmailReplyParser.read(text).fragments
    new = "\n".join(f.content for f in fragments if not f.quoted and not f.signature and not f.hidden).strip()
    quoted = "\n".join(f.content for f in fragments if f.quoted).strip()
    return new, quoted


def unquote(text: str) -> str:
    """Quoted history without its '>' markers and the 'On … wrote:' line."""
    lines = []
    for line in text.splitlines():
        if re.match(r"^\s*On .+wrote:\s*$", line):
            continue
        lines.append(re.sub(r"^(?:\s*>)+ ?", "", line))
    return "\n".join(lines).strip()


def relationship_prompts(text: str) -> list[str]:
    """Sentences of `text`, verbatim, that a personal line could pick up: questions, news, dates."""
    chosen: list[str] = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if len(sentence) < 8 or len(sentence) > MAX_PROMPT_CHARS or sentence in chosen:
            continue
        if sentence.endswith("?") or _NEWS.search(sentence) or _DATE.search(sentence):
            chosen.append(sentence)
        if len(chosen) >= MAX_PROMPTS:
            break
    return chosen
