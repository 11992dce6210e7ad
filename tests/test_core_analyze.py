"""The analysis core with a fake scorer: reasons, merge fields, the personal spot, offsets, any Unicode."""
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from server.core import AnalyzeOptions, analyze
from server.core.types import DraftScores
from server.core.analyze import EVIDENCE_SCORE_FLOOR
from server.core.reasons import GENERIC, LIST_FOOTER, NAMELESS_GREETING, reasons_for
from tests.fakes import FakeScorer

SCORER = FakeScorer()

TEMPLATED = (
    "Hi there,\n\nI hope this email finds you well. I'm reaching out because our platform helps "
    "companies like yours grow revenue. Would you be open to a quick call?\n\nBest,\nJordan"
)
PERSONAL = (
    "Hi Priya,\n\nLoved seeing you and Theo at the lake on Saturday. The photo of the canoe is on my fridge now. "
    "Want to do dinner at Rosa's on the 14th?\n\nLove,\nMae"
)


def run(text, **kw):
    return analyze(text, scorer=SCORER, **kw)


def test_templated_draft_flags_sentences_with_reasons():
    result = run(TEMPLATED)
    assert result.label == "templated"
    flagged = {TEMPLATED[s.start:s.end]: s.reasons for s in result.sentences if s.flagged}
    assert any(r.startswith("stock opener") for r in flagged["I hope this email finds you well."])
    pitch = next(k for k in flagged if k.startswith("I'm reaching out"))
    assert any(r.startswith("sales phrasing") for r in flagged[pitch])
    assert NAMELESS_GREETING in flagged["Hi there,"]


@pytest.mark.parametrize("greeting, hinted", [
    ("Hi there,", True), ("Dear Valued Customer,", True), ("Dear Hiring Manager,", True), ("Hello,", True),
    ("Hi team,", False), ("Hi all,", False), ("Hi everyone,", False), ("Dear Choir Members,", False),
])
def test_a_greeting_to_a_group_is_not_hinted_as_nameless(greeting, hinted):
    text = greeting + TEMPLATED.removeprefix("Hi there,")
    result = run(text)
    assert result.label == "templated"
    (greeting_result,) = [s for s in result.sentences if s.kind == "greeting"]
    assert greeting_result.flagged is hinted
    assert (NAMELESS_GREETING in reasons_for(greeting, "greeting")) is hinted


@pytest.mark.parametrize("text", ["Hi,", "Hi there,\n\nEmile says hi", "Sounds good, thanks!", "Dear Sir,\n\nI hope you are"])
def test_a_draft_too_short_to_judge_gets_no_verdict_hint_or_spot(text):
    result = run(text)
    assert result.not_judged == "too_short"
    assert result.label == "personal" and not any(s.flagged for s in result.sentences)
    assert result.personal_spot is None


def test_a_merge_field_or_footer_is_judged_at_any_length():
    result = run("Hi {{first_name}}, quick one")
    assert result.not_judged is None and result.label == "templated"
    assert [s.flagged for s in result.sentences] == [True, False]
    assert run("Click here to unsubscribe.").not_judged is None


def test_care_mode_still_offers_its_question_on_a_short_note():
    result = run("Dana,\n\nSo very sorry.", options=AnalyzeOptions(sensitive_topics=("sorry",)))
    assert result.not_judged == "too_short" and result.care_mode
    assert result.personal_spot.prompt.startswith("What would you say to Dana")


def test_a_draft_in_another_language_is_not_judged_and_english_is():
    spanish = ("Estimado cliente,\n\nLe agradecemos su confianza. No dude en ponerse en contacto con nosotros si tiene "
               "alguna pregunta.\n\nAtentamente,\nEl equipo")
    seen = []

    def language_of(words):
        seen.append(words)
        return "es" if "agradecemos" in words else None

    options = AnalyzeOptions(draft_threshold=0.0, language_of=language_of)  # would read templated if judged
    result = run(spanish, options=options)
    assert result.not_judged == "other_language" and result.label == "personal"
    assert not any(s.flagged for s in result.sentences) and result.personal_spot is None
    assert len(seen) == 1 and "Le agradecemos su confianza. No dude" in seen[0]  # the writer's words, once
    assert run(TEMPLATED, options=options).not_judged is None
    assert run(spanish).not_judged is None  # no language check given: judged as before


@pytest.mark.parametrize("sentence, named, not_named", [
    ("Are you free for a 15-minute chat on Thursday?", [], ["sales hype"]),  # free to meet, not free of charge
    ("Get it FREE today and save!", ["sales hype (“FREE”)"], []),
    ("A member of our team can join too.", [], ["addressed to a crowd", "call to action"]),
    ("Join now and get started in minutes.", ["call to action (“Join”)"], []),
    ("Your order #48213 has shipped!", [], ["call to action"]),
    ("Order now while stocks last.", ["call to action (“Order”)"], []),
    ("Congrats on the new place!", [], ["cold-outreach formula"]),
    ("Congrats on the recent round, curious if you are hiring.", ["cold-outreach formula (“curious if”)"], []),
    ("See you at our annual Community Gala.", [], ["addressed to a crowd"]),
    ("Our community of subscribers is growing.", ["addressed to a crowd (“community”)"], []),
    ("INFORMATION FOR SUBSCRIBERS", ["addressed to a crowd (“SUBSCRIBERS”)"], []),
    ("We meet at the community centre on Elm Street.", [], ["addressed to a crowd"]),
    ("About the order you placed with us last week.", [], ["call to action"]),
])
def test_a_cue_word_in_another_sense_is_not_named_as_the_reason(sentence, named, not_named):
    from server.core.reasons import register_reasons

    reasons = register_reasons(sentence)
    assert all(r in reasons for r in named), reasons
    assert not any(r.startswith(prefix) for r in reasons for prefix in not_named), reasons


def test_a_pleasantry_in_a_personal_note_is_not_hinted_but_a_stock_line_is():
    note = ("Hey Mom,\n\nHope you're doing well! Did the physio help your knee at all? Dad said you walked to "
            "the bakery on Sunday. Please do not hesitate to contact me if you need anything.\n\nLove,\nSam")
    result = run(note, options=AnalyzeOptions(draft_threshold=0.99))  # reads personal whatever the scores
    assert result.label == "personal"
    scores = {note[s.start:s.end]: s for s in result.sentences}
    assert scores["Hope you're doing well!"].score >= 0.6 and not scores["Hope you're doing well!"].flagged
    assert scores["Please do not hesitate to contact me if you need anything."].flagged  # a stock line, not a greeting


def test_personal_draft_reads_personal_and_needs_no_spot():
    result = run(PERSONAL)
    assert result.label == "personal"
    assert not any(s.flagged for s in result.sentences)
    assert result.personal_spot is None


def test_generic_sentence_reason():
    text = "We would be glad to help your team with anything at all, so feel free to reach out."
    result = run(text)
    reasons = [r for s in result.sentences for r in s.reasons]
    assert GENERIC in reasons
    assert any(r.startswith("stock closing line") for r in reasons)


def test_merge_fields_are_found_flagged_and_floor_the_score():
    text = "Hi {{first_name}},\n\nI loved your post about [Topic] at %COMPANY%. Can we talk on Friday?\n\nBest,\n[Your Name]"
    result = run(text)
    found = [p.text for p in result.placeholders]
    assert found == ["{{first_name}}", "[Topic]", "%COMPANY%", "[Your Name]"]
    for p in result.placeholders:
        assert text[p.start:p.end] == p.text
    assert result.score >= 0.95 and result.label == "templated"
    flagged_reasons = [r for s in result.sentences for r in s.reasons]
    assert "merge field left in: {{first_name}}" in flagged_reasons
    assert "merge field left in: [Topic]" in flagged_reasons


def test_a_field_for_several_names_is_a_merge_field():
    text = "Dear [Friends' names],\n\nThank you all for coming to [Event]."
    assert [p.text for p in run(text).placeholders] == ["[Friends' names]", "[Event]"]


def test_saved_reply_capitals_are_merge_fields():
    text = "Thanks! This duplicates #NUMBER, see https://github.com/acme/REPONAME/issues; ping @USERNAME there."
    assert [p.text for p in run(text).placeholders] == ["#NUMBER", "REPONAME", "@USERNAME"]


@pytest.mark.parametrize(
    "text",
    ["[1] see the footnote.", "Call me at <dana@example.com>.", "The array a[i] is fine.", "Use {} for sets.",
     "Type your USERNAME and PASSWORD again.", "The FIRST_NAME column is empty.", "Fixed in issue #123.",
     "The spec has %{name}-%{version} and {enabled}.", "[x] tests pass"],
)
def test_not_merge_fields(text):
    assert run(text).placeholders == ()


@pytest.mark.parametrize("text", [
    "Hi all,\n\nThe spring schedule is attached, with every route and time.\n\nTo unsubscribe, reply STOP.",
    "Embassy staff are safe and accounted for.\nAutomatic electronic distribution to: S, D, P, E.",
    "You are receiving this because you follow the project. Manage your preferences at any time.",
    "Read the full story on our site.\nhttp://news.example.com/unsubscribe.cfm?id=42",
])
def test_a_list_footer_settles_the_draft_like_a_merge_field(text):
    result = analyze(text, scorer=constant_draft(0.05))
    assert result.score >= EVIDENCE_SCORE_FLOOR and result.label == "templated"
    footer_reasons = [r for s in result.sentences if s.flagged for r in s.reasons if r.startswith(LIST_FOOTER)]
    assert footer_reasons
    # the footer is the reason; "could be sent to anyone" beside it would say less
    assert not any(GENERIC in s.reasons for s in result.sentences if any(r.startswith(LIST_FOOTER) for r in s.reasons))


@pytest.mark.parametrize("text", [
    "How do I unsubscribe from this list? The digest is too much for me.",
    "I unsubscribed from that list last week, so forward anything good.",
    "I'm trying to unsubscribe from that gym newsletter, it fills my inbox.",
    "Please unsubscribe me from this list, I have changed jobs.",
    "Can you opt out of the dental plan before March?",
    "Kim, the patch fixes the locale crash; tests pass on 3.12.\n\n--\nYou received this message because you are "
    "subscribed to the Google Groups \"tooling-dev\" group. To unsubscribe from this group and stop receiving emails "
    "from it, send an email to tooling-dev+unsubscribe@googlegroups.com.",
    "Thanks Ana, merged.\n\nTo unsubscribe or change your options, visit https://lists.example.org/mailman/listinfo/dev",
    "The build writes %{name}-%{version} into the spec and {enabled} into the config.",
    "Counts look like {{1 hit}} in the log; [x] means the check passed.",
])
def test_talk_about_lists_and_code_is_no_evidence(text):
    result = analyze(text, scorer=constant_draft(0.05))
    assert result.score == 0.05 and result.placeholders == ()
    assert not any(s.flagged for s in result.sentences)


class FixedScores:
    """A draft score chosen by the test, and one score for every sentence."""
    name = "fixed"

    def __init__(self, draft, sentence):
        self.draft, self.sentence = draft, sentence

    def score(self, sentences, subject=None):
        return DraftScores(self.draft, tuple(self.sentence for _ in sentences))


def constant_draft(draft):  # every sentence scored low
    return FixedScores(draft, 0.05)


def every_sentence_high(draft):  # every sentence scored 0.9, above the sentence threshold
    return FixedScores(draft, 0.9)


NOTE_WITH_A_STOCK_LINE = ("Dana, the chairs finally shipped and should land on Tuesday. "
                          "Let me know if you have any questions about the assembly.")


@pytest.mark.parametrize("draft_score, expected", [
    # reads personal: only the sentence with a stock phrase, which names words the writer can change
    (0.1, ["Let me know if you have any questions about the assembly."]),
    # reads templated: every sentence the model scores high
    (0.9, ["Dana, the chairs finally shipped and should land on Tuesday.",
           "Let me know if you have any questions about the assembly."]),
])
def test_a_personal_draft_gets_hints_only_where_a_stock_phrase_shows_why(draft_score, expected):
    result = analyze(NOTE_WITH_A_STOCK_LINE, scorer=every_sentence_high(draft_score))
    hinted = [NOTE_WITH_A_STOCK_LINE[s.start:s.end] for s in result.sentences if s.flagged]
    assert hinted == expected


def test_quoted_text_is_never_judged_nor_searched():
    text = "Sounds good, see you at 6 on Friday.\n\nOn Mon, Kim <k@example.com> wrote:\n> I hope this email finds you well. [First Name]\n"
    result = run(text)
    assert result.placeholders == ()
    assert [k.kind for k in result.ignored] == ["quoted"]
    assert all(s.end <= result.ignored[0].start for s in result.sentences)
    assert SCORER.seen[-1] == ["Sounds good, see you at 6 on Friday."]


def test_a_reply_below_the_quote_is_judged_and_the_quote_is_not():
    text = ("On Mon, Kim <k@example.com> wrote:\n> I hope this email finds you well. [First Name]\n\n"
            "Friday at 6 is perfect, [Name] from the gym is coming too.\n")
    result = run(text)
    assert [p.text for p in result.placeholders] == ["[Name]"]
    assert [(k.kind, text[k.start:k.end][:7]) for k in result.ignored] == [("quoted", "On Mon,")]
    assert SCORER.seen[-1] == ["Friday at 6 is perfect, [Name] from the gym is coming too."]


@pytest.mark.parametrize("text, reason", [
    ("Sounds good, that works for me. See you then.", None),  # generic, but it reads personal: no ✎ on it
    ("I hope you are well! Sounds good, that works for me.", "in place of a stock opener"),
])
def test_a_draft_that_reads_personal_gets_a_spot_only_in_place_of_a_stock_opener(text, reason):
    spot = analyze(text, scorer=every_sentence_high(0.1)).personal_spot
    assert (spot.reason if spot else None) == reason


def test_spot_replaces_a_stock_opener_and_uses_the_name():
    text = "Hi Dana,\n\nI hope you're doing well. We have a new pricing plan for teams. Can we talk?"
    spot = run(text).personal_spot
    assert spot.offset == text.index("I hope")
    assert spot.reason == "in place of a stock opener"
    assert "Dana" in spot.prompt and spot.prompt.endswith("?")


@pytest.mark.parametrize("text, question", [
    # a pleasantry: news since they last heard from you
    ("Hi Dana,\n\nI hope you're doing well. We have a new pricing plan for teams. Can we talk?",
     "what has happened since you last heard from Dana?"),
    # a pleasantry that opens a cold introduction: the introduction decides
    ("Hi Jordan,\n\nI hope this email finds you well. I came across your profile and liked your team's work. "
     "Would you be open to a call?", "why are you writing to Jordan in particular, and not to anyone else?"),
    # a macro's thanks for their message, to nobody by name
    ("Dear Customer,\n\nThank you for your inquiry. Our team will reply within two business days.",
     "what did they ask or tell you that you are answering here?"),
    ("Hi Sam,\n\nJust following up on my last note about the renewal. Any update?",
     "what has changed since you last wrote to Sam?"),
    ("Dear Mr. Ortiz,\n\nI am writing to inform you that the account terms will change next month.",
     "what do you most want Mr. Ortiz to know, in your own words?"),
    ("Dear Dr Okafor,\n\nI am writing to inform you that the results are in.",
     "what do you most want Dr Okafor to know, in your own words?"),
])
def test_spot_prompt_fits_what_the_stock_opener_stood_in_for(text, question):
    spot = analyze(text, scorer=every_sentence_high(0.9)).personal_spot
    assert spot.reason == "in place of a stock opener"
    assert spot.prompt == "Instead of the stock opener: " + question


def test_spot_after_greeting_when_opening_is_generic():
    text = "Hello Sam,\n\nOur new plan lowers costs for every team. Would you like a demo?"
    spot = analyze(text, scorer=every_sentence_high(0.9)).personal_spot  # a draft that reads templated
    assert spot.offset == text.index("Our new plan")
    assert spot.reason.startswith("right after the greeting")


def test_spot_before_the_ask_when_opening_is_specific():
    text = "Hi Lee,\n\nI read your March post on Postgres vacuum tuning. We build monitoring tools for databases. Would you try a demo?"
    result = run(text, options=AnalyzeOptions(draft_threshold=0.3))
    spot = result.personal_spot
    assert spot.offset == text.index("Would you")
    assert spot.reason.startswith("just before your ask")


def test_please_know_is_no_ask_for_the_spot():
    text = ("Dear Mr. Patel,\n\nPlease accept our deepest condolences on the loss of your wife. Our claims team "
            "has paused all correspondence on the policy. Could you call us when you are ready?\n\nKind regards,\nAnn")
    spot = run(text, options=AnalyzeOptions(draft_threshold=0.3)).personal_spot
    assert spot is not None and not text[spot.offset:].startswith("Please accept")


def test_spot_in_a_reply_asks_about_their_message():
    text = "Thanks for your email. We will look into it.\n\nOn Mon, Kim <k@example.com> wrote:\n> The export fails.\n"
    spot = run(text).personal_spot
    assert spot.offset == 0
    assert spot.prompt.startswith("What did they say in their last message")  # nobody named: "they", not "them"


def test_spot_prompt_never_writes_the_line():
    for text in (TEMPLATED, "Dear Customer,\n\nThank you for your inquiry."):
        spot = run(text).personal_spot
        assert spot is not None and spot.prompt.rstrip().endswith("?")


def test_empty_and_blank_text_give_an_empty_analysis():
    for text in ("", "   \n\n "):
        result = run(text)
        assert (result.score, result.label, result.sentences, result.personal_spot) == (0.0, "personal", (), None)


def test_max_hints_caps_flags_but_keeps_merge_fields():
    text = " ".join(["I hope this email finds you well."] * 6 + ["Hi [First Name] again."])
    result = run(text, options=AnalyzeOptions(max_hints=2))
    flagged = [s for s in result.sentences if s.flagged]
    assert len(flagged) == 2
    assert any("[First Name]" in text[s.start:s.end] for s in flagged)


def test_offsets_count_code_points_with_emoji_and_korean():
    text = "안녕 👋🏽 Dana,\n\nI hope this email finds you well 🙂. 회의는 금요일입니다."
    result = run(text)
    for s in result.sentences:
        assert text[s.start:s.end] == text[s.start:s.end].strip()
    opener = next(s for s in result.sentences if "hope" in text[s.start:s.end])
    assert text[opener.start:opener.end] == "I hope this email finds you well 🙂."


def test_lone_surrogates_do_not_break_offsets():
    text = "Bad \ud800 char here. I hope this email finds you well."
    result = run(text)
    assert result.sentences[-1].end == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_consistent_analysis(text):
    a = run(text)
    assert 0.0 <= a.score <= 1.0
    last_end = 0
    for s in a.sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last_end
        last_end = s.end
        assert s.flagged == bool(s.reasons)
    if a.personal_spot:
        assert 0 <= a.personal_spot.offset <= len(text)
    for p in a.placeholders:
        assert text[p.start:p.end] == p.text
    assert run(text) == a


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Hi Dana,", "\n", "\n\n", "I hope you are well.", " ", "We met on 3 May.",
                                 "[Name]", "Best,", "Thanks!", "> quoted", "-- ", "🙂", "회의", "e.g.", "Mr."]), max_size=25))
def test_email_like_text_keeps_offsets_in_order(parts):
    text = "".join(parts)
    a = run(text)
    spans = [(s.start, s.end) for s in a.sentences] + [(p.start, p.end) for p in a.ignored]
    spans.sort()
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2


def test_stock_phrases_are_flagged_in_a_templated_draft_even_when_the_model_scores_them_low():
    class LowSentences(FakeScorer):
        def score(self, sentences, subject=None):
            s = super().score(sentences, subject)
            return type(s)(0.9, tuple(0.1 for _ in s.sentences))

    text = "Hi there,\n\nI hope this email finds you well. Our product ships on time."
    result = analyze(text, scorer=LowSentences())
    flagged = [text[s.start:s.end] for s in result.sentences if s.flagged]
    assert flagged == ["Hi there,", "I hope this email finds you well."]
    personal = analyze(text, scorer=LowSentences(), options=AnalyzeOptions(draft_threshold=0.95))
    assert not any(s.flagged for s in personal.sentences)


def test_to_dict_is_asdict_without_the_copies():
    from dataclasses import asdict

    for text in (TEMPLATED, PERSONAL, "", "Hi {{name}},\n\nOn Mon, Kim <k@example.com> wrote:\n> x\n"):
        result = run(text)
        expected = asdict(result)
        for key in ("sentences", "placeholders", "ignored"):
            expected[key] = [dict(item, **({"reasons": list(item["reasons"])} if "reasons" in item else {}))
                             for item in expected[key]]
        assert result.to_dict() == expected


def test_spot_finds_a_stock_opener_after_a_specific_header_line():
    text = "Issue 42, March 2026. I hope this email finds you well. Our new plan lowers costs for every team."
    spot = run(text, options=AnalyzeOptions(draft_threshold=0.5)).personal_spot
    assert spot.offset == text.index("I hope") and spot.reason == "in place of a stock opener"


def test_a_generic_first_sentence_is_the_opening_even_before_a_stock_phrase():
    text = "Our product ships to every team. I hope this email finds you well. Would you like a demo?"
    spot = run(text).personal_spot
    assert spot.offset == 0


def test_register_cues_explain_a_flag_in_plain_words_once():
    from server.core.reasons import reasons_for

    # Written for this test.
    assert reasons_for("We helped a clinic in Leeds halve its waiting list.", "body") == ["cold-outreach formula (“We helped”)"]
    worth = reasons_for("Worth a quick chat next week?", "body")
    assert worth == ["sales phrasing (“Worth a quick chat”)"]  # the stock phrase already names these words
    assert reasons_for("Sign up before Friday to see the new range.", "body") == ["call to action (“Sign up”)"]
    assert reasons_for("Click below to see the new range.", "body")[0] == "mass-mailing phrasing (“Click below”)"
    assert reasons_for("Hi Dana,", "greeting") == ["wording close to mass-sent email"]  # greetings: no register cues
    assert not any("mass-mailing" in r for r in reasons_for("We are on the waiting list for the flat.", "body"))
    # two families on the same words: named once, by the first
    thanks = reasons_for("Thank you for your time and consideration.", "body")
    assert [r for r in thanks if "“" in r] == ["stock closing line (“Thank you for your time”)"]


def test_a_reason_quotes_whole_words_and_not_too_many():
    """Sums and percentages are quoted whole ("$1,400", "12.5%"), not their last digit, and words whole; what the
    features count is unchanged (one match per amount either way). A long match is cut, with an ellipsis."""
    from server.core.reasons import QUOTE_MAX_CHARS, quoted, reasons_for

    assert "sales hype (“30%”)" in reasons_for("Sign-ups grew 30% in May alone.", "body")
    assert "sales phrasing (“cut churn by up to 30%”)" in reasons_for("We cut churn by up to 30% within a quarter.", "body")
    assert "sales phrasing (“Plans start at $49”)" in reasons_for("Plans start at $49 per month.", "body")
    # a pattern that stops inside a word is quoted with the whole word
    assert "mass-mailing wording (“subscribers”)" in reasons_for("Only our subscribers get the early tickets.", "body")
    assert "sales hype (“$50K”)" in reasons_for("The pilot paid back $50K in the first year.", "body")
    # a long match is quoted up to a space, with an ellipsis
    long = reasons_for("Please reply to this email within 5 business days to reopen the ticket if needed.", "body")
    assert "canned support wording (“reply to this email within 5 business days to reopen the…”)" in long
    link = "http://news.example.com/unsubscribe.cfm?email=someone@example.org&list=weekly-digest"
    assert quoted(link) == f"“{link[:QUOTE_MAX_CHARS]}…”"  # no space to cut at
    assert quoted("Unsubscribe here") == "“Unsubscribe here”"
    # a pattern's optional tail ends on a space: the quote does not
    assert "sales phrasing (“helped companies”)" in reasons_for("We've helped companies like Zendesk grow.", "body")
    assert "sales hype (“12.5%”)" in reasons_for("Returns rose 12.5% for the pilot stores.", "body")
    assert "sales hype (“$1,400”)" in reasons_for("It comes to $1,400 a year per seat.", "body")


def test_a_merge_field_left_in_twice_is_named_once_and_placed_twice():
    text = "Our speakers, [Speaker Name], [Speaker Name] and [Topic], will be there."
    result = run(text)
    assert result.sentences[0].reasons[:2] == ("merge field left in: [Speaker Name]", "merge field left in: [Topic]")
    assert [p.text for p in result.placeholders] == ["[Speaker Name]", "[Speaker Name]", "[Topic]"]


def test_a_named_greeting_is_never_flagged():
    from server.core import analyze

    text = "Hi Priya,\n\nI hope this email finds you well. Click here to claim your exclusive offer today.\n\nBest,\nTom"
    result = analyze(text, scorer=FakeScorer(), options=AnalyzeOptions(draft_threshold=0.5))
    assert result.label == "templated"
    greeting = next(s for s in result.sentences if s.kind == "greeting")
    assert not greeting.flagged


def test_pasted_machine_output_is_neither_judged_nor_searched_for_merge_fields():
    table = "\n".join(f"{{{{N}}}} 0.{n}00 0.{n}50 won -{n}0.00%" for n in range(1, 5))  # "{{N}}": a merge field elsewhere
    text = f"The run finished, the table is below.\n\n{table}\n\nLooks better than Tuesday's."
    result = run(text)
    assert [(k.kind, text[k.start:k.end]) for k in result.ignored] == [("pasted", table)]
    assert result.placeholders == ()
    assert SCORER.seen[-1] == ["The run finished, the table is below.", "Looks better than Tuesday's."]


def test_the_list_footer_check_skips_only_sentences_that_cannot_match(monkeypatch):
    """list_footer settles ASCII sentences without any LIST_FOOTER_WORDS before searching: every alternative of the
    pattern names one of them, and on every sentence of the synthetic pairs and the blind test set, and on mixed
    case and non-ASCII footers, the answer is what the full search gives."""
    import re

    from models.data import read_jsonl, without_quotes
    from server.core import phrases
    from server.core.phrases import LIST_FOOTER_RE, LIST_FOOTER_WORDS, _top_level_alternatives, list_footer

    for alternative in _top_level_alternatives(LIST_FOOTER_RE.pattern):
        assert any(word in alternative for word in LIST_FOOTER_WORDS), alternative

    root = Path(__file__).resolve().parent.parent / "models"
    texts = [without_quotes(r[side]) for r in read_jsonl(root / "synthetic_pairs.jsonl") for side in ("templated", "personal")]
    texts += [r["text"] for r in read_jsonl(root / "blind_test.jsonl")]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n", t) if s.strip()]
    sentences += ["TO UNSUBSCRIBE, REPLY STOP.", "Pour vous désabonner : unsubscribe ici.", "Click to Unsubscribe",
                  "Manage Your Preferences", "View this email in your browser", "Opt-out of future mailings"]
    assert len(sentences) > 10000
    checked = [list_footer(s) for s in sentences]
    monkeypatch.setattr(phrases, "LIST_FOOTER_WORDS", ("",))  # every sentence holds "": the full search each time
    searched = [list_footer(s) for s in sentences]
    for sentence, ours, theirs in zip(sentences, checked, searched):
        assert (ours and ours.span()) == (theirs and theirs.span()), sentence
    assert sum(m is not None for m in searched) >= 10  # the comparison includes footers, not only sentences without one


@pytest.mark.parametrize("greeting, name", [
    ("Hi Dana,", "Dana"),
    ("Dear Ms. Alvarez,", "Ms. Alvarez"),  # the title as written
    ("Dear Dr Smith,", "Dr Smith"),
    ("Dear Prof. Anna Berg,", "Prof. Berg"),  # a title goes with the family name
    ("Dear Dr. Smith and team,", "Dr. Smith"),
    ("Dear Mr. and Mrs. Smith,", "Mr. and Mrs. Smith"),
    ("Madam Secretary,", "Madam Secretary"),
    ("Hi there,", None),
    ("Dear Sir/Madam,", None),
    ("Dear Customer Service Team,", None),
    ("All Staff,", None),
    ("Dear Friends and Neighbours,", None),
    ("Dear Professor Whitman,", "Professor Whitman"),  # every title, not only Mr, Ms, Dr and Prof
    ("Dear Sen. Warren,", "Sen. Warren"),
    ("Hi Aunt Gloria,", "Aunt Gloria"),
    ("Dear Professor,", None),  # a title alone names no one
    ("Dear Hiring Manager,", None),  # a role or a group is no one's name
    ("Dear Admissions Committee,", None),
    ("Dear Members of the Board,", None),
    ("Dear Parents and Guardians,", None),
    ("Dear Members and Friends,", None),
    ("Hi Mary-Kate,", "Mary-Kate"),  # a hyphen or an accent is part of the name
    ("Dear Dr Maria Fernández-López,", "Dr Fernández-López"),
    ("Hi Anna and Ben,", "Anna and Ben"),  # both of them
    ("Hi Ana, Ben & Carl,", "Ana, Ben and Carl"),
    ("Hi Sam and the team,", "Sam"),
    ("Querida Elena,", "Elena"),  # a salutation in another language, or an informal one, is not the name
    ("Olá Ricardo,", "Ricardo"),
    ("G'day Bruce,", "Bruce"),
    ("Hi Cara,", "Cara"),  # but a name that is also a salutation elsewhere stays a name
    ("Dear Dr. Maria de la Cruz,", "Dr. de la Cruz"),  # the small words of a family name are part of it
    ("Dear Mr. van der Berg,", "Mr. van der Berg"),
    ("Dear Ms. Ó Súilleabháin,", "Ms. Ó Súilleabháin"),
    ("Hi Coach,", "Coach"),  # a title some people are called by alone
    ("Dear Pastor,", "Pastor"),
])
def test_the_name_a_greeting_addresses(greeting, name):
    from server.core.reasons import greeting_name

    assert greeting_name(greeting) == name
