"""The stock-phrase families: every listed case matches where it should and nowhere in personal mail."""
import json
import re
import time
from pathlib import Path

import pytest

from server.core.features import phrase_hits
from server.core.phrases import COMPILED_FAMILIES, FAMILIES, families_any_case

CASES = json.loads((Path(__file__).parent / "phrase_cases.json").read_text(encoding="utf-8"))
COMPILED = {family.key: pattern for family, pattern in families_any_case()}
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


def test_patterns_are_lower_case_because_they_search_lowered_text():
    for family in FAMILIES:
        for pattern in family.patterns:
            assert not any(c.isupper() for c in re.sub(r"\\[A-Za-z]", "", pattern)), pattern


@pytest.mark.parametrize("sentence, quoted", [
    ("I HOPE THIS EMAIL FINDS YOU WELL.", "I HOPE THIS EMAIL FINDS YOU"),
    ("Hi from İzmir! I Hope This Email Finds You Well.", "I Hope This Email Finds You"),  # İ lowers to two characters
])
def test_a_hit_quotes_the_writer_and_keeps_offsets_in_any_case(sentence, quoted):
    [hit] = [h for h in phrase_hits(sentence) if h.family == "stock_opener"]
    assert hit.text == quoted == sentence[hit.start:hit.end]


def test_lowered_and_case_blind_families_agree():
    for key, cases in CASES.items():
        lowered = dict(COMPILED_FAMILIES)
        for case in cases:
            family = next(f for f in FAMILIES if f.key == key)
            assert bool(lowered[family].search(case["hit"].lower())) == bool(COMPILED[key].search(case["hit"]))


def _can_start_without_a_word_character(items) -> tuple[bool, bool]:
    """From a parsed pattern: (its first character may be a non-word character, it may match empty)."""
    from re import _constants as C

    def word(code: int) -> bool:
        return bool(re.match(r"\w", chr(code)))

    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.LITERAL:
            return not word(av), False
        if op is C.IN:
            return any(not (iop is C.LITERAL and word(iav)
                            or iop is C.RANGE and all(word(c) for c in range(iav[0], iav[1] + 1))
                            or iop is C.CATEGORY and iav in (C.CATEGORY_DIGIT, C.CATEGORY_WORD)) for iop, iav in av), False
        if op is C.SUBPATTERN:
            bad, empty = _can_start_without_a_word_character(av[3])
        elif op is C.BRANCH:
            results = [_can_start_without_a_word_character(branch) for branch in av[1]]
            bad, empty = any(b for b, _ in results), any(e for _, e in results)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            bad, empty = _can_start_without_a_word_character(av[2])
            empty = empty or av[0] == 0
        else:  # any character, a negated literal, a back-reference: assume the worst
            return True, False
        if bad or not empty:
            return bad, False
    return False, True


def test_every_pattern_starts_with_a_word_character():
    """What makes the families' look-ahead (?=\\w) change no match (PhraseFamily.compiled)."""
    from re import _parser

    assert _can_start_without_a_word_character(_parser.parse(r"\$\d+ off")) == (True, False)
    assert _can_start_without_a_word_character(_parser.parse(r"(?:please )?!")) == (True, False)
    assert _can_start_without_a_word_character(_parser.parse(r"x?")) == (False, True)
    assert _can_start_without_a_word_character(_parser.parse(r"(?:please )?(?:do not|don['’]t) hesitate")) == (False, False)
    for family in FAMILIES:
        for pattern in family.patterns:
            assert _can_start_without_a_word_character(_parser.parse(pattern)) == (False, False), (family.key, pattern)


def test_the_look_ahead_changes_no_match():
    sentences = [c["hit"] for cases in CASES.values() for c in cases] + PERSONAL + ["$5 off!!! (today) — “Act now”"]
    for family, pattern in COMPILED_FAMILIES:
        plain = re.compile(r"\b(?:" + "|".join(family.patterns) + r")")
        for sentence in sentences:
            ours, theirs = pattern.search(sentence.lower()), plain.search(sentence.lower())
            assert (ours and ours.span()) == (theirs and theirs.span()), (family.key, sentence)


def test_case_blind_register_cues_read_lowered_text_the_same_way():
    from server.core.features import SENTENCE_FEATURES, sentence_features
    from server.core.phrases import REGISTER_PATTERNS, REGISTER_PATTERNS_LOWERED

    for name, pattern in REGISTER_PATTERNS_LOWERED.items():
        assert not any(c.isupper() for c in re.sub(r"\\[A-Za-z]", "", pattern.pattern)), name
    shouting = "WE HELPED TEAMS LIKE YOURS UNLOCK GROWTH. CLICK TO SUBSCRIBE TODAY! They SAID so."
    features = dict(zip(SENTENCE_FEATURES, sentence_features(shouting)))
    for name in REGISTER_PATTERNS_LOWERED:
        assert (features[name] > 0) == bool(REGISTER_PATTERNS[name].search(shouting)), name
    assert features["outreach"] and features["call_to_action"] and features["news"]


def test_phrase_hits_are_remembered_by_hash_only_and_stay_bounded():
    from server.core.features import _family_spans
    from server.core.memo import TextMemo

    memo = TextMemo(_family_spans, size=3)
    sentences = [f"I hope this email finds you well, Dana {i}." for i in range(5)]
    first = [memo(s) for s in sentences]
    assert first == [memo(s) for s in sentences]  # the same answer from the memo
    assert len(memo) == 3
    for key, spans in memo._answers.items():  # a 16-byte digest and numbers: no text of the sentence is kept
        assert isinstance(key, bytes) and len(key) == 16
        assert all(isinstance(n, int) for span in spans for n in span)
    [hit] = phrase_hits("Hi! I HOPE THIS EMAIL FINDS YOU WELL.")
    assert hit.text == "I HOPE THIS EMAIL FINDS YOU" and phrase_hits("Hi! I HOPE THIS EMAIL FINDS YOU WELL.") == [hit]


@pytest.mark.parametrize("written, spread", [
    ("(?:exclusive|special) offer", ["exclusive offer", "special offer"]),
    ("(?:as )?per our call", ["as per our call", "per our call"]),  # optional: with it first, as the engine tries
    (r"\b(?:contact|write) you\b", [r"contact you\b", r"write you\b"]),
    ("(?:(?:a|b)c|d)e", ["ace", "bce", "de"]),
    (r"(?:[(]x|\(y|z)w", [r"[(]xw", r"\(yw", "zw"]),  # a class or an escape holding a parenthesis
    ("(?:a|b)* c", ["(?:a|b)* c"]),  # repeated, lazy or counted groups stay as written
    ("(?:a|b)?? c", ["(?:a|b)?? c"]),
    ("(?:a|b){0,3}c", ["(?:a|b){0,3}c"]),
    ("(?:a|b)(?:c|d)(?:e|f)", ["a(?:c|d)(?:e|f)", "b(?:c|d)(?:e|f)"]),  # only the leading group is spread
])
def test_leading_groups_are_spread_in_the_order_the_engine_tries_them(written, spread):
    from server.core.phrases import _spread_leading_group

    assert _spread_leading_group(written) == spread


def test_a_group_that_would_spread_too_far_stays_as_written():
    from server.core.phrases import _spread_leading_group

    wide = "(?:" + "|".join(f"w{i}" for i in range(70)) + ") x"
    assert _spread_leading_group(wide) == [wide]


def test_rewritten_alternatives_find_what_the_written_ones_find():
    """_by_first_letter on random alternatives (literal starts, shared first letters, optional first letters,
    classes, digits, prefixes of each other) and random text: every search finds the same span."""
    import random

    from server.core.phrases import _by_first_letter

    pieces = ["a", "ab", "abc", "ac", "(?:a|b)c", "(?:x )?a", "(?:b|a)b", "[ab]c", r"\d", r"\d+a", "b+", "a?b",
              "ba", "b", "x a", r"\ba", "(?:ab|a)c?"]
    rng = random.Random(7)
    for _ in range(400):
        written = rng.sample(pieces, rng.randint(2, 7))
        plain = re.compile(r"\b(?=\w)(?:" + "|".join(written) + ")")
        ours = re.compile(r"\b(?=\w)(?:" + "|".join(_by_first_letter(written)) + ")")
        for _ in range(25):
            text = "".join(rng.choice("abcx 1") for _ in range(rng.randint(1, 12)))
            found, expected = ours.search(text), plain.search(text)
            assert (found and found.span()) == (expected and expected.span()), (written, text)
