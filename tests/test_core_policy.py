"""Team policy in the pure core: important recipients (stricter, a review nudge) and care mode."""
import pytest

from server.core import AnalyzeOptions, analyze
from server.core.reasons import reasons_for
from server.core.policy import CARE_REASON, REVIEW_NUDGE, is_important, mentions_sensitive_topic
from tests.fakes import FakeScorer

TEMPLATED = ("Hi there,\n\nI hope this email finds you well. I wanted to reach out regarding our services. "
             "Please do not hesitate to contact me.\n\nBest regards,\nSam")
SPECIFIC = "Hi Dana,\n\nThe venue in Lyon is booked for Friday the 12th. Can you bring the slides?\n\nSam"


@pytest.mark.parametrize("recipients, important, expected", [
    (["kim@example.com"], ["kim@example.com"], True),
    (["KIM@Example.com"], ["kim@example.com"], True),
    (["Kim Lee <kim@example.com>"], ["example.com"], True),
    (["ann@mail.example.com"], ["example.com"], True),
    (["ann@notexample.com"], ["example.com"], False),
    (["lee@example.com"], ["kim@example.com"], False),
    ([], ["example.com"], False),
    (["kim@example.com"], [], False),
])
def test_is_important(recipients, important, expected):
    assert is_important(recipients, important) is expected


@pytest.mark.parametrize("text, topics, expected", [
    ("I am so sorry to hear about the layoffs.", ("layoff",), True),
    ("Our deepest condolences.", ("condolence",), True),
    ("Note the price  change from May.", ("price change",), True),
    ("The healthy snacks are here.", ("health",), True),  # a word matches its longer forms
    ("The wealth report.", ("health",), False),
    ("父が病気になりました。", ("病気",), True),  # no spaces between words: no boundary to wait for
    ("เขาป่วยหนักมาก", ("ป่วย",), True),
    ("Die Beileidskarte.", ("leid",), False),  # a spaced script still starts a topic at a word
    ("Anything at all.", (), False),
])
def test_mentions_sensitive_topic(text, topics, expected):
    assert mentions_sensitive_topic([text], topics) is expected


def test_important_recipient_lowers_the_threshold_and_adds_a_nudge():
    options = AnalyzeOptions(important_recipients=("board@example.com",), important_draft_threshold=0.3)
    plain = analyze(SPECIFIC, scorer=FakeScorer(), recipients=["kim@other.com"], options=options)
    vip = analyze(SPECIFIC, scorer=FakeScorer(), recipients=["board@example.com"], options=options)
    assert (plain.threshold, plain.label, plain.review_nudge) == (AnalyzeOptions().draft_threshold, "personal", None)
    assert (vip.threshold, vip.label, vip.review_nudge) == (0.3, "templated", REVIEW_NUDGE)
    assert vip.score == plain.score


def test_the_stricter_of_the_two_thresholds_applies():
    options = AnalyzeOptions(draft_threshold=0.2, important_recipients=("example.com",), important_draft_threshold=0.5)
    assert analyze(SPECIFIC, scorer=FakeScorer(), recipients=["a@example.com"], options=options).threshold == 0.2


def test_care_mode_gives_fewer_gentler_hints_and_the_personal_spot():
    options = AnalyzeOptions(sensitive_topics=("condolence", "layoff"))
    calm = analyze(TEMPLATED, scorer=FakeScorer(), options=options)
    care_text = TEMPLATED.replace("our services", "the layoffs")
    care = analyze(care_text, scorer=FakeScorer(), options=options)
    assert not calm.care_mode and care.care_mode
    flagged = [s for s in care.sentences if s.flagged]
    assert 1 == len(flagged) < sum(s.flagged for s in calm.sentences)
    assert flagged[0].reasons[0] == CARE_REASON and len(flagged[0].reasons) == 2  # gentle first, then the one why
    assert flagged[0].reasons[1] == reasons_for(care_text[flagged[0].start:flagged[0].end], "body")[0]
    assert care.personal_spot is not None
    assert care.personal_spot.prompt.startswith("What would you say to them if you were there in person?")
    assert "last conversation" not in care.personal_spot.prompt and "why" not in care.personal_spot.prompt.lower()


def test_care_mode_still_flags_a_merge_field_with_its_reason():
    text = "Hi {{first_name}},\n\nMy condolences on your loss. I hope this email finds you well.\n\nSam"
    result = analyze(text, scorer=FakeScorer(), options=AnalyzeOptions(sensitive_topics=("condolence",)))
    assert result.care_mode
    greeting = result.sentences[0]
    assert greeting.flagged and greeting.reasons[0].startswith("merge field left in")


def test_care_mode_offers_the_personal_spot_even_for_a_personal_draft():
    text = "Hi Dana,\n\nI heard about your father and I am thinking of you. Take all the time you need.\n\nSam"
    plain = analyze(text, scorer=FakeScorer())
    care = analyze(text, scorer=FakeScorer(), options=AnalyzeOptions(sensitive_topics=("thinking of you",)))
    assert care.care_mode and care.personal_spot is not None
    assert plain.personal_spot is None or plain.personal_spot == care.personal_spot


@pytest.mark.parametrize("sentence, care", [
    ("I was so sorry to hear about the passing of your mother.", True),
    ("We are so sorry for your loss.", True),
    ("The funeral is on Thursday at St Anne's.", True),
    ("Chloe was recently diagnosed with dyslexia.", True),
    ("The bill's passing of the Senate surprised everyone.", False),  # "passing of your", not "passing of"
    ("Root cause: diagnosis still open on the build.", False),
    ("I'm so sorry to hear about your cancer diagnosis.", True),
    ("I heard you lost your father last week.", True),
    ("How is your mum doing in hospital?", True),
    ("Get well soon, and rest up after the surgery.", True),
    ("If you lost your list admin password, follow the steps below.", False),
    ("I'm applying to the Master of Public Health programme.", False),  # not "health" any more: healthcare, Public Health
    ("Who handles the Q3 rollout at Brightline Health?", False),
    ("Our hospitality team will meet you at the door.", False),
    ("Please accept my apologies for missing your recital.", True),
    ("I was so sorry to hear about your dad.", True),
    ("My laptop died halfway through the call, sorry.", False),  # "died" alone: phones and batteries die too
    ("Her grandmother died peacefully on Sunday.", True),
    ("The surgery rang to move my appointment to Tuesday.", False),  # a GP's surgery
    ("How are you feeling after the surgery?", True),
    ("No apology needed, these things happen!", False),  # a topic said not to be there
    ("It's not a complaint, just a question about the invoice.", False),
])
def test_the_default_topics_cover_a_death_or_a_diagnosis_without_the_word_condolence(sentence, care):
    from server.settings import load_settings, split_list

    topics = tuple(split_list(load_settings(environ={})["sensitive_topics"]))
    assert analyze(f"Hi Dana,\n\n{sentence}\n\nSam", scorer=FakeScorer(), options=AnalyzeOptions(sensitive_topics=topics)).care_mode is care
