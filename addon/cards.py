"""Card builders for the Gmail add-on: pure functions from plain data to card JSON (dicts). No Flask.

Every piece of email text shown in a card is HTML-escaped (card text allows a little HTML). The add-on
never writes the personal line: it shows where one belongs and what it could pick up.
"""
from __future__ import annotations

from html import escape as _escape

from server.core.policy import CARE_NOTE

TITLE = "Sincerely"


def escape(text: str) -> str:
    """Card text allows a little HTML: email text is shown as text (quotes stay as typed)."""
    return _escape(text, quote=False)


MARKER = "[✎ your personal line: {prompt}]"
GENERIC_PROMPT = "something only you would say to them"
_CONTEXT = 60  # characters shown either side of the personal spot


def _text(text: str) -> dict:
    return {"textParagraph": {"text": text}}


def _button(label: str, url: str) -> dict:
    return {"text": label, "onClick": {"action": {"function": url}}}


def card(subtitle: str, sections: list[dict], name: str = "sincerely") -> dict:
    return {"name": name, "header": {"title": TITLE, "subtitle": subtitle}, "sections": sections}


def push(c: dict) -> dict:
    """A trigger's answer."""
    return {"action": {"navigations": [{"pushCard": c}]}}


def render_update(c: dict) -> dict:
    """A button callback's answer that replaces the card on screen."""
    return {"renderActions": {"action": {"navigations": [{"updateCard": c}]}}}


def verdict_words(label: str, care_mode: bool) -> str:
    if label == "templated":
        words = "Reads templated: it could have been sent to anyone."
    else:
        words = "Reads personal enough."
    if care_mode:
        words += " " + CARE_NOTE
    return words


def home_card(compose_help: bool = True) -> dict:
    lines = ["Sincerely reads how templated an email sounds and points to where a personal line belongs. "
             "It never writes that line for you."]
    if compose_help:
        lines.append("Open a message to see what the other person said that a reply could pick up. "
                     "While writing, use the Sincerely compose action to check a draft.")
    return card("Keep the human in your email", [{"widgets": [_text(escape(line)) for line in lines]}], name="home")


def error_card(message: str) -> dict:
    return card("Could not do that", [{"widgets": [_text(escape(message))]}], name="error")


def _spot_context(text: str, spot: dict) -> str:
    offset = max(0, min(int(spot["offset"]), len(text)))
    before = text[max(0, offset - _CONTEXT):offset].replace("\n", " ")
    after = text[offset:offset + _CONTEXT].replace("\n", " ")
    return f"…{escape(before)}<b>▸ here ◂</b>{escape(after)}…"


def analysis_sections(text: str, analysis: dict) -> list[dict]:
    """The same analysis as the API, in words: verdict, flagged sentences with reasons, the spot and its prompt."""
    verdict = [_text(f"<b>{escape(verdict_words(analysis['label'], analysis.get('care_mode', False)))}</b> "
                     f"(score {analysis['score']:.2f}, threshold {analysis['threshold']:.2f})")]
    if analysis.get("review_nudge"):
        verdict.append(_text(escape(str(analysis["review_nudge"]))))
    sections = [{"header": "Verdict", "widgets": verdict}]
    flagged = [s for s in analysis["sentences"] if s["flagged"]]
    if flagged:
        widgets = []
        for s in flagged:
            reasons = "; ".join(s["reasons"]) or "reads like a stock phrase"
            widgets.append(_text(f"“{escape(text[s['start']:s['end']])}”<br><i>{escape(reasons)}</i>"))
        sections.append({"header": "Sentences that read templated", "widgets": widgets})
    for p in analysis.get("placeholders", []):
        sections.append({"header": "Left-in merge field", "widgets": [_text(escape(str(p.get("text", p))))]})
    spot = analysis.get("personal_spot")
    if spot:
        sections.append({"header": "Where a personal line belongs", "widgets": [
            _text(_spot_context(text, spot)),
            _text(f"<i>{escape(spot['prompt'])}</i>"),
            _text("Write it yourself: Sincerely does not write it for you."),
        ]})
    return sections


def compose_card(analyze_url: str, marker_url: str, draft: str = "", analysis: dict | None = None) -> dict:
    box = {"textInput": {"name": "draft", "label": "Paste your draft here", "type": "MULTIPLE_LINE",
                         "value": draft}}
    buttons = {"buttonList": {"buttons": [_button("Check this draft", analyze_url),
                                          _button("Mark where my personal line goes", marker_url)]}}
    sections = [{"widgets": [
        _text("Gmail does not show add-ons the draft itself: paste it here to check it."), box, buttons]}]
    if analysis is not None:
        sections += analysis_sections(draft, analysis)
    return card("Check a draft", sections, name="compose")


def marker_text(prompt: str | None) -> str:
    return MARKER.format(prompt=prompt or GENERIC_PROMPT)


def insert_marker(prompt: str | None) -> dict:
    """Insert a visible marker at the cursor of the open draft, for the writer to replace."""
    return {"renderActions": {"hostAppAction": {"gmailAction": {"updateDraftActionMarkup": {"updateBody": {
        "insertContents": [{"content": marker_text(prompt), "contentType": "TEXT"}],
        "type": "IN_PLACE_INSERT"}}}}}}


def open_card(prompts: list[str], reply: tuple[str, dict] | None) -> dict:
    sections = []
    if reply is not None:
        text, analysis = reply
        sections.append({"header": "Your last reply in this thread", "widgets": [
            _text(escape(verdict_words(analysis["label"], analysis.get("care_mode", False)))
                  + f" (score {analysis['score']:.2f})")]})
    else:
        sections.append({"header": "Your last reply in this thread",
                         "widgets": [_text("Not visible in this message.")]})
    if prompts:
        widgets = [_text("Things they said that a personal line could pick up (quoted from their message):")]
        widgets += [_text(f"“{escape(p)}”") for p in prompts]
    else:
        widgets = [_text("Nothing in their message stood out to pick up: ask them something only they could answer.")]
    sections.append({"header": "Relationship prompts", "widgets": widgets})
    return card("This conversation", sections, name="open")
