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
