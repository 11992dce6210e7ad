"""Card builders for the Gmail add-on: pure functions from plain data to card JSON (dicts). No Flask.

Every piece of email text shown in a card is HTML-escaped (card text allows a little HTML). The add-on
never writes the personal line: it shows where one belongs and what it could pick up.
"""
from __future__ import annotations

from html import escape as _escape

from server.core.policy import CARE_NOTE, NOT_JUDGED_NOTES

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


def render_update_with_notice(c: dict, notice: str) -> dict:
    """Replace the card on screen with `c` and show `notice` (plain text) in Gmail's notification bar.
    An error answers this way with the same compose card, so what the user pasted stays in the box."""
    return {"renderActions": {"action": {"navigations": [{"updateCard": c}], "notification": {"text": notice}}}}


def verdict_words(label: str, care_mode: bool, not_judged: str | None = None) -> str:
    """The verdict in words; in care mode (a sensitive topic) gentle ones, never "it could have been sent to anyone";
    for a draft not judged (too short, not English) why there is none."""
    if not_judged in NOT_JUDGED_NOTES:
        return NOT_JUDGED_NOTES[not_judged] + (" " + CARE_NOTE if care_mode else "")
    if care_mode:
        words = ("A line in your own words would help here." if label == "templated"
                 else "Reads personal.")
        return words + " " + CARE_NOTE
    if label == "templated":
        return "Reads templated: it could have been sent to anyone."
    return "Reads personal enough."


def _verdict_line(analysis: dict, *, bold: bool, threshold: bool) -> str:
    """The verdict in words (HTML), with its score (and the threshold) unless the draft was not judged."""
    words = escape(verdict_words(analysis["label"], analysis.get("care_mode", False), analysis.get("not_judged")))
    if analysis.get("not_judged"):
        figures = ""
    elif threshold:
        figures = f" (score {analysis['score']:.2f}, threshold {analysis['threshold']:.2f})"
    else:
        figures = f" (score {analysis['score']:.2f})"
    return (f"<b>{words}</b>" if bold else words) + figures


INCLUDED_NOTE = "AI-use line included ✓"


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def disclosure_note(disclosure: dict | None, draft: str) -> str | None:
    """The team's AI-use disclosure policy as the extension words it (extension/src/helpers/notes.js): asked or
    suggested with the team's line, or "included" once a required line is in the draft. Only shown, never written."""
    if not isinstance(disclosure, dict) or disclosure.get("policy") not in ("suggest", "require"):
        return None
    line = disclosure.get("line").strip() if isinstance(disclosure.get("line"), str) else ""
    require = disclosure["policy"] == "require"
    if line and _normalise(line) in _normalise(draft):
        return INCLUDED_NOTE if require else None
    if require:
        return f"Your team asks you to say how AI helped: {line}" if line else "Your team asks you to say how AI helped."
    return f"Your team suggests saying how AI helped, e.g.: {line}" if line else "Your team suggests saying how AI helped."


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
    """Up to _CONTEXT characters either side of the spot, whitespace folded, the marker spaced off from both;
    an ellipsis only where the text goes on beyond what is shown."""
    offset = max(0, min(int(spot["offset"]), len(text)))
    start, end = max(0, offset - _CONTEXT), min(len(text), offset + _CONTEXT)
    before = " ".join(text[start:offset].split())
    after = " ".join(text[offset:end].split())
    lead, tail = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    parts = [lead + escape(before)] if lead or before else []
    parts.append("<b>▸ here ◂</b>")
    if after or tail:
        parts.append(escape(after) + tail)
    return " ".join(parts)


def analysis_sections(text: str, analysis: dict) -> list[dict]:
    """The same analysis as the API, in words: verdict, flagged sentences with reasons, the spot and its prompt."""
    verdict = [_text(_verdict_line(analysis, bold=True, threshold=True))]
    if analysis.get("review_nudge"):
        verdict.append(_text(escape(str(analysis["review_nudge"]))))
    note = disclosure_note(analysis.get("disclosure"), text)
    if note:
        verdict.append(_text(escape(note)))
    sections = [{"header": "Verdict", "widgets": verdict}]
    flagged = [s for s in analysis["sentences"] if s["flagged"]]
    if flagged:
        widgets = []
        for s in flagged:
            reasons = "; ".join(s["reasons"]) or "reads like a stock phrase"
            widgets.append(_text(f"“{escape(text[s['start']:s['end']])}”<br><i>{escape(reasons)}</i>"))
        sections.append({"header": "Sentences that read templated", "widgets": widgets})
    placeholders = analysis.get("placeholders") or []
    if placeholders:
        sections.append({"header": "Left-in merge field" + ("s" if len(placeholders) > 1 else ""),
                         "widgets": [_text(escape(str(p.get("text", p) if isinstance(p, dict) else p)))
                                     for p in placeholders]})
    spot = analysis.get("personal_spot")
    if spot:
        sections.append({"header": "Where a personal line belongs", "widgets": [
            _text(_spot_context(text, spot)),
            _text(f"<i>{escape(spot['prompt'])}</i>"),
            _text("Write it yourself: Sincerely does not write it for you."),
        ]})
    return sections


def compose_card(analyze_url: str, marker_url: str, draft: str = "", analysis: dict | None = None,
                 error: str | None = None) -> dict:
    """The paste box (holding `draft`), its buttons, an error from the last try if any, then the analysis."""
    box = {"textInput": {"name": "draft", "label": "Paste your draft here", "type": "MULTIPLE_LINE",
                         "value": draft}}
    buttons = {"buttonList": {"buttons": [_button("Check this draft", analyze_url),
                                          _button("Mark where my personal line goes", marker_url)]}}
    widgets = [_text("Gmail does not show add-ons the draft itself: paste it here to check it."), box, buttons]
    if error:
        widgets.insert(1, _text(f"<b>{escape(error)}</b>"))
    sections = [{"widgets": widgets}]
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
            _text(_verdict_line(analysis, bold=False, threshold=False))]})
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
