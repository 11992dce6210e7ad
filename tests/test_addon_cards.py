"""Card JSON snapshots for the Gmail add-on (addon/cards.py, pure functions).

Regenerate after a deliberate change: `SINCERELY_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_addon_cards.py`
and review the diff under tests/snapshots/.
"""
import json
import os
from pathlib import Path

import pytest

from addon import cards
from addon.message import relationship_prompts
from server.core import AnalyzeOptions, analyze
from tests.fakes import FakeScorer

SNAPSHOTS = Path(__file__).parent / "snapshots"
URL = "https://sincerely.example.com"
DRAFT = ("Hi Sam,\n\nI hope this email finds you well. I wanted to reach out regarding our services. "
         "Please let me know if you have any questions <soon> & more.\n\nBest regards")


def check_snapshot(name: str, value: dict) -> None:
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("SINCERELY_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with SINCERELY_UPDATE_SNAPSHOTS=1"
    assert path.read_text(encoding="utf-8") == text, f"{path.name} changed: review, then regenerate"


def _analysis(text):
    # A threshold of our own (the fake scorer's form letter scores 0.72) keeps the snapshots off the product default.
    return analyze(text, scorer=FakeScorer(), recipients=["sam@example.com"],
                   options=AnalyzeOptions(draft_threshold=0.6)).to_dict()


CASES = {
    "home": lambda: cards.push(cards.home_card()),
    "error": lambda: cards.push(cards.error_card("Sincerely could not use this request: paste a draft first.")),
    "compose_empty": lambda: cards.push(cards.compose_card(f"{URL}/addon/analyze", f"{URL}/addon/insert-marker")),
    "compose_analysed": lambda: cards.render_update(cards.compose_card(
        f"{URL}/addon/analyze", f"{URL}/addon/insert-marker", DRAFT, _analysis(DRAFT))),
    "compose_error": lambda: cards.render_update_with_notice(cards.compose_card(
        f"{URL}/addon/analyze", f"{URL}/addon/insert-marker", DRAFT, error="Sincerely is busy: try again in a moment."),
        "Sincerely is busy: try again in a moment."),
    "insert_marker": lambda: cards.insert_marker("what has happened since you last heard from Sam?"),
    "insert_marker_generic": lambda: cards.insert_marker(None),
    "open_with_reply": lambda: cards.push(cards.open_card(
        relationship_prompts("We just moved to Lisbon. Are you free on Friday? Thanks."), (DRAFT, _analysis(DRAFT)))),
    "open_nothing": lambda: cards.push(cards.open_card([], None)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_card_snapshot(name):
    check_snapshot(f"addon_{name}", CASES[name]())


def _paragraphs(node):
    if isinstance(node, dict):
        if "textParagraph" in node:
            yield node["textParagraph"]["text"]
        for value in node.values():
            yield from _paragraphs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _paragraphs(value)


def test_cards_escape_email_text():
    paragraphs = list(_paragraphs(CASES["compose_analysed"]()))
    assert any("&lt;soon&gt; &amp; more" in p for p in paragraphs)
    assert not any("<soon>" in p for p in paragraphs)


def _fake_analysis(label="templated", care_mode=False, disclosure=None, **extra):
    return {"label": label, "score": 0.8, "threshold": 0.6, "care_mode": care_mode, "review_nudge": None,
            "sentences": [], "placeholders": [], "personal_spot": None, "disclosure": disclosure, **extra}


def _verdict(card_sections):
    return card_sections[0]["widgets"][0]["textParagraph"]["text"]


def test_care_mode_verdict_is_gentle_not_blunt():
    blunt = _verdict(cards.analysis_sections("x", _fake_analysis()))
    assert "sent to anyone" in blunt  # outside care mode the verdict says it plainly
    for label in ("templated", "personal"):
        gentle = _verdict(cards.analysis_sections("x", _fake_analysis(label, care_mode=True)))
        assert "anyone" not in gentle and "Reads templated" not in gentle
        assert "sensitive topic" in gentle
    assert "anyone" not in cards.verdict_words("templated", True)


@pytest.mark.parametrize("disclosure, draft, note", [
    ({"policy": "require", "line": "AI helped me write this."}, "Hi Sam",
     "Your team asks you to say how AI helped: AI helped me write this."),
    ({"policy": "suggest", "line": "AI helped me write this."}, "Hi Sam",
     "Your team suggests saying how AI helped, e.g.: AI helped me write this."),
    ({"policy": "require", "line": "  "}, "Hi Sam", "Your team asks you to say how AI helped."),
    ({"policy": "suggest", "line": ""}, "Hi Sam", "Your team suggests saying how AI helped."),
    ({"policy": "require", "line": "AI helped me write this."}, "Hi Sam,\n\nai  helped me\nwrite this.",
     "AI-use line included ✓"),
    ({"policy": "suggest", "line": "AI helped me write this."}, "Hi Sam. AI helped me write this.", None),
    (None, "Hi Sam", None),
])
def test_disclosure_policy_is_shown_like_the_extension(disclosure, draft, note):
    assert cards.disclosure_note(disclosure, draft) == note
    text = json.dumps(cards.analysis_sections(draft, _fake_analysis(disclosure=disclosure)), ensure_ascii=False)
    if note is None:
        assert "AI helped" not in text.replace("AI helped me write this", "") and "AI-use" not in text
    else:
        assert note in text


def test_disclosure_line_is_escaped():
    text = json.dumps(cards.analysis_sections("x", _fake_analysis(
        disclosure={"policy": "require", "line": "<b>AI</b> & me"})), ensure_ascii=False)
    assert "&lt;b&gt;AI&lt;/b&gt; &amp; me" in text and "<b>AI</b>" not in text


@pytest.mark.parametrize("text, offset, expected", [
    ("Hi Sam,\n\nI hope you are well.", 9, "Hi Sam, <b>▸ here ◂</b> I hope you are well."),
    ("I hope you are well.", 0, "<b>▸ here ◂</b> I hope you are well."),
    ("Thanks, Sam.", 12, "Thanks, Sam. <b>▸ here ◂</b>"),
    ("a" * 100 + " " + "b" * 100, 101, "…" + "a" * 59 + " <b>▸ here ◂</b> " + "b" * 60 + "…"),
    ("Tom & <Jerry>\n\n\nbye", 16, "Tom &amp; &lt;Jerry&gt; <b>▸ here ◂</b> bye"),
])
def test_spot_context_marks_only_cut_ends_and_spaces_the_marker(text, offset, expected):
    assert cards._spot_context(text, {"offset": offset}) == expected


def test_placeholders_share_one_section():
    sections = cards.analysis_sections("Hi {{first_name}}, about [Company]", _fake_analysis(placeholders=[
        {"start": 3, "end": 17, "text": "{{first_name}}"}, {"start": 25, "end": 34, "text": "[Company]"}]))
    merge = [s for s in sections if "merge field" in s.get("header", "")]
    assert len(merge) == 1 and merge[0]["header"] == "Left-in merge fields"
    assert [w["textParagraph"]["text"] for w in merge[0]["widgets"]] == ["{{first_name}}", "[Company]"]
    (one,) = [s for s in cards.analysis_sections("Hi {{x}}", _fake_analysis(placeholders=[
        {"start": 3, "end": 8, "text": "{{x}}"}])) if "merge field" in s.get("header", "")]
    assert one["header"] == "Left-in merge field"
