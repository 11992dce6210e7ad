"""The stock-phrase families: every listed case matches where it should and nowhere in personal mail."""
import json
import re
import time
from pathlib import Path

import pytest

from server.core.features import phrase_hits
from server.core.phrases import COMPILED_FAMILIES, FAMILIES

CASES = json.loads((Path(__file__).parent / "phrase_cases.json").read_text(encoding="utf-8"))
COMPILED = {family.key: pattern for family, pattern in COMPILED_FAMILIES}
PERSONAL = [c["miss"] for cases in CASES.values() for c in cases] + [
    "Thanks for dinner last night, Ana loved the pie.",
    "Can you send me the invoice from the plumber? I need it for taxes.",
    "My order from the bike shop finally came, the wheel is perfect.",
    "I noticed you left your jacket at our place.",
    "Hope the move went ok, call me when you're settled.",
]


def test_every_case_belongs_to_a_shipped_family():
    patterns = {family.key: set(family.patterns) for family in FAMILIES}
    for key, cases in CASES.items():
        assert {c["pattern"] for c in cases} <= patterns[key], key


@pytest.mark.parametrize("key, case", [(k, c) for k, cases in CASES.items() for c in cases],
                         ids=lambda v: v if isinstance(v, str) else v["pattern"][:40])
def test_a_family_finds_its_templated_sentence(key, case):
    assert COMPILED[key].search(case["hit"]), case["hit"]
    assert key in {h.family for h in phrase_hits(case["hit"])}


@pytest.mark.parametrize("sentence", PERSONAL)
def test_no_family_fires_on_a_personal_sentence(sentence):
    assert phrase_hits(sentence) == []


def test_the_families_stay_fast_on_hostile_input():
    hostile = ["a " * 10000, "your " * 4000, "x" * 20000, "on " * 6000 + "wrote", "1" * 20000 + "%"]
    start = time.perf_counter()
    for text in hostile:
        for _, pattern in COMPILED_FAMILIES:
            pattern.search(text)
    assert time.perf_counter() - start < 2.0


def test_every_family_has_a_reason_a_writer_can_read():
    for family in FAMILIES:
        assert family.reason and not re.search(r"\b(?:ai|spam|bot)\b", family.reason, re.IGNORECASE), family.reason
