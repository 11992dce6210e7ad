"""The splitter and the segmenter: what is judged, with offsets into the text as sent."""
import pytest

from server.core.segment import segment
from server.core.sentences import split_sentences


def texts(text, spans):
    return [s.of(text) for s in spans]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One thing. Two things! Three?", ["One thing.", "Two things!", "Three?"]),
        ("We met Mr. Lee at 3 p.m. Then we left.", ["We met Mr. Lee at 3 p.m.", "Then we left."]),
        ("Ask J. Smith, e.g. by phone. Done.", ["Ask J. Smith, e.g. by phone.", "Done."]),
        ("It costs 3.50 dollars. Fine.", ["It costs 3.50 dollars.", "Fine."]),
        ("List:\n- first item\n- second item", ["List:", "- first item", "- second item"]),
        ("Para one\n\nPara two", ["Para one", "Para two"]),
        # a list number starts its item, whether a capital follows it or it opens the sentence after a colon
        ("Top picks\n\n1. Canon G2\n\n2. Nikon D1", ["Top picks", "1. Canon G2", "2. Nikon D1"]),
        ("Is that right? 2. In Section 3 the rate rises.", ["Is that right?", "2. In Section 3 the rate rises."]),
        ("As follows: 1. The rate stays.", ["As follows: 1. The rate stays."]),
        # a number ending a sentence still ends it
        ("He is out until Nov. 29. Call me.", ["He is out until Nov. 29.", "Call me."]),
        ("The score is 3. The bar is 5.", ["The score is 3.", "The bar is 5."]),
        ("회의는 금요일입니다. 감사합니다!", ["회의는 금요일입니다.", "감사합니다!"]),
        ("شكرا لك. أراك غدا.", ["شكرا لك.", "أراك غدا."]),
        ("Ship it 🚀. Then celebrate 🎉!", ["Ship it 🚀.", "Then celebrate 🎉!"]),
        ("He said \"wait.\" Then left.", ["He said \"wait.\"", "Then left."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split_sentences(text, expected):
    assert texts(text, split_sentences(text)) == expected


def test_hard_wrapped_lines_join_into_one_sentence():
    text = ("This paragraph was wrapped by an old mail client at seventy\n"
            "two columns, so the line break is not the end of a sentence.")
    assert texts(text, split_sentences(text)) == [text]


def test_segment_parts():
    text = (
        "Hi Dana,\n\nThanks for the notes on the Q3 plan. We can ship Friday.\n\n"
        "Best,\nSam\nSam Lee | Acme\n\n"
        "On Tue, Mar 3, 2026 at 10:00 AM Dana <dana@example.com> wrote:\n> Can you ship Friday?\n"
    )
    seg = segment(text)
    assert seg.greeting.of(text) == "Hi Dana,"
    assert texts(text, seg.body) == ["Thanks for the notes on the Q3 plan.", "We can ship Friday."]
    assert seg.signoff.of(text) == "Best,"
    assert seg.signature.of(text) == "Sam\nSam Lee | Acme"
    assert [q.of(text)[:13] for q in seg.quoted] == ["On Tue, Mar 3"]
    assert [k for k, _ in seg.judged()] == ["greeting", "body", "body", "signoff"]


@pytest.mark.parametrize(
    "text, greeting, first_body",
    [
        ("Hi Gregg, Here is the new draft.", "Hi Gregg,", "Here is the new draft."),
        ("Dear Ms. Ortiz,\nThank you for the tour.", "Dear Ms. Ortiz,", "Thank you for the tour."),
        ("Arturo--\n\nI spoke with him.", "Arturo--", "I spoke with him."),
        ("Hello there 👋🏽, we ship today.", "Hello there 👋🏽,", "we ship today."),
        ("Here is the draft.", None, "Here is the draft."),
    ],
)
def test_greetings(text, greeting, first_body):
    seg = segment(text)
    assert (seg.greeting.of(text) if seg.greeting else None) == greeting
    assert seg.body[0].of(text) == first_body


@pytest.mark.parametrize(
    "text, signoff, signature",
    [
        ("We can ship Friday.\n\nThanks,\nKay", "Thanks,", "Kay"),
        ("I'll pass on what I hear. Regards, Johnnie", "Regards, Johnnie", None),
        ("Get it to you asap. Kay", None, "Kay"),
        ("See you there.\n-- \nBob Jones\nAcme", None, "-- \nBob Jones\nAcme"),
        ("See you there.\n\nSent from my iPhone", None, "Sent from my iPhone"),
    ],
)
def test_signoffs_and_signatures(text, signoff, signature):
    seg = segment(text)
    assert (seg.signoff.of(text) if seg.signoff else None) == signoff
    assert (seg.signature.of(text) if seg.signature else None) == signature


@pytest.mark.parametrize(
    "quote",
    [
        "On Mon, Jan 5, 2026 at 9:00 AM Kim <kim@example.com> wrote:\n> old text\n",
        "-----Original Message-----\nFrom: Kim\nSent: Monday\nold text\n",
        "From: Kim <kim@example.com>\nSent: Monday, January 5, 2026\nTo: me\nold text\n",
        "> old text\n> more old text\n",
        "On Mon, Jan 5, 2026 at 9:00 AM Kimberly Longname-Example <\nkim@example.com> wrote:\n\n> old text\n",
        "On Mon, Jan 5, 2026, Kim wrote:\nold text pasted without quote marks\n",
        "________________________________\nFrom: Kim <kim@example.com>\nSent: Monday\nold text\n",
        "Le lun. 5 janv. 2026 à 09:00, Kim <kim@example.com> a écrit :\n> old text\n",
    ],
)
def test_quoted_messages_are_not_judged(quote):
    text = "Thanks Kim, that works for me.\n\n" + quote
    seg = segment(text)
    judged = " ".join(span.of(text) for _, span in seg.judged())
    assert "old text" not in judged
    assert "that works for me" in judged
    assert len(seg.quoted) == 1 and "old text" in seg.quoted[0].of(text)


@pytest.mark.parametrize("text", ["Mr.\n\nHi Dana,회의\nThanks!", "e.g.회의Mr.\nBest,회의 \nBest,\n\n"])
def test_signature_never_overlaps_a_judged_sentence(text):
    seg = segment(text)
    for _, span in seg.judged():
        if seg.signature:
            assert span.end <= seg.signature.start or span.start >= seg.signature.end


def judged_text(text):
    return [span.of(text) for _, span in segment(text).judged()]


def test_a_reply_written_below_the_quote_is_judged():
    text = ("On Mon, Jan 5, 2026 at 9:00 AM Kim <kim@example.com> wrote:\n> Can you do Friday?\n> It would help.\n\n"
            "Friday works. I'll bring the slides from Tuesday.\n\nThanks,\nCat\n")
    seg = segment(text)
    assert judged_text(text) == ["Friday works.", "I'll bring the slides from Tuesday.", "Thanks,"]
    assert [q.of(text) for q in seg.quoted] == [
        "On Mon, Jan 5, 2026 at 9:00 AM Kim <kim@example.com> wrote:\n> Can you do Friday?\n> It would help."]
    assert seg.signature.of(text) == "Cat"


def test_an_inline_reply_judges_every_answer_and_no_quoted_line():
    text = ("Hi Kim,\n\n> Can you do Friday?\n\nYes, after lunch.\n\n> And the budget?\n>\n> We need it by May.\n\n"
            "I sent it to Lou this morning.\n\nBest,\nCat")
    seg = segment(text)
    assert seg.greeting.of(text) == "Hi Kim,"
    assert judged_text(text) == ["Hi Kim,", "Yes, after lunch.", "I sent it to Lou this morning.", "Best,"]
    assert [q.of(text) for q in seg.quoted] == ["> Can you do Friday?", "> And the budget?\n>\n> We need it by May."]


def test_decoration_is_not_mistaken_for_a_quote():
    rule = "_" * 60
    text = f"Subject line\n\n{rule}\n\nTHE WEEKLY BULLETIN\n{rule}\nGive a gift subscription today. Click below."
    assert segment(text).quoted == ()
    assert any("Give a gift subscription today." in judged for judged in judged_text(text))


def test_a_mirrored_banner_is_decoration_not_a_quote():
    text = ("Hello readers,\n\n >> MINI NEWS << time for a snooze\nThe fair opens Friday.\n\n"
            ">>> SPECIAL OFFER <<<\nHalf price on tickets.")
    assert segment(text).quoted == ()
    assert "Half price on tickets." in judged_text(text)
    for reply in ("Fine by me.\n\n> is a < b here?\n> yes", "Fine by me.\n\n> FYI <http://example.com>",
                  "Fine by me.\n\n>> std::cout << x;"):
        assert len(segment(reply).quoted) == 1, reply


def test_a_mail_that_is_all_quote_has_nothing_to_judge():
    text = "> old text\n> more old text\n"
    seg = segment(text)
    assert seg.judged() == [] and [q.of(text) for q in seg.quoted] == ["> old text\n> more old text"]


@pytest.mark.parametrize("text, subject, rest", [
    ("Subject: Following up\n\nDear Ann,", "Following up", "Dear Ann,"),
    ("Subject:  Lunch?\nSure, noon works.", "Lunch?", "Sure, noon works."),
    ("Re: lunch\n\nSure.", None, "Re: lunch\n\nSure."),  # only an explicit "Subject:" line is taken
    ("Hi Ann, Subject: the budget.", None, "Hi Ann, Subject: the budget."),
])
def test_a_leading_subject_line(text, subject, rest):
    from server.core.segment import leading_subject

    assert leading_subject(text) == (subject, rest)


@pytest.mark.parametrize("text, footer, signature", [
    ("Hi all,\n\nThe spring sale starts Monday.\n\nBest,\nThe Acme Team\n\nTo unsubscribe, click here.",
     ["To unsubscribe, click here."], "The Acme Team"),
    ("Hi all,\n\nThe spring sale starts Monday.\n\nBest,\nAcme\n--\nAcme Inc, 1 Main St\n"
     "You are receiving this because you signed up. Unsubscribe | Manage preferences",
     ["You are receiving this because you signed up.", "Unsubscribe | Manage preferences"], "--\nAcme Inc, 1 Main St"),
    ("Hi Dana,\n\nSee you Friday.\n\nBest,\nMae\n--\nMae Lin | 555-1234", [], "--\nMae Lin | 555-1234"),
])
def test_a_list_footer_below_the_signoff_is_judged_not_hidden_in_the_signature(text, footer, signature):
    seg = segment(text)
    assert [s.of(text) for s in seg.footer] == footer
    assert seg.signature.of(text) == signature
    judged = judged_text(text)
    assert judged[len(judged) - len(footer):] == footer  # judged last, after the sign-off
    test_signature_never_overlaps_a_judged_sentence(text)


RESULTS_TABLE = (
    "Here are the numbers from last night's run, before and after your patch:\n\n"
    " 0.600 0.200 won -66.67%\n"
    " 0.200 0.000 won -100.00%\n"
    " 0.800 0.400 won -50.00%\n"
    " 0.400 0.200 won -50.00%\n\n"
    "So the headers help a lot. Can you rerun it on your spam folder?"
)


def test_a_pasted_table_of_figures_is_set_aside_as_one_block():
    seg = segment(RESULTS_TABLE)
    assert texts(RESULTS_TABLE, seg.pasted) == [RESULTS_TABLE[RESULTS_TABLE.index("0.600"):RESULTS_TABLE.index("\n\nSo")]]
    assert texts(RESULTS_TABLE, seg.body) == [
        "Here are the numbers from last night's run, before and after your patch:",
        "So the headers help a lot.", "Can you rerun it on your spam folder?"]


def test_a_pasted_log_line_of_timestamps_is_set_aside():
    log = " ".join(f"18:51:{s} lists/l-k has {n} msgs in unseen" for s, n in ((25, 57), (25, 56), (26, 55)))
    text = f"It is still slow, this is what the log shows.\n\n{log}\n\nAny idea what it waits for?"
    seg = segment(text)
    assert texts(text, seg.pasted) == [log]
    assert texts(text, seg.body) == ["It is still slow, this is what the log shows.", "Any idea what it waits for?"]


@pytest.mark.parametrize("text", [
    # two rows are not yet a table, and a lone number is a phone number or a price
    "Call me on this one:\n\n(555) 309-7720\n(555) 309-7721\n\nThanks!",
    # "1." list markers are too short to count as rows of figures
    "Two things:\n1.\nthe flights\n2.\nthe hotel\n3.\nthe car",
    # a receipt's lines carry words: they are the message
    "Thanks for your order.\nSubtotal .... $192.00\nShipping .... $8.00\nTotal .... $200.00\nSee you soon.",
    # one or two timestamps are a writer's times, not a log
    "The call moved from 10:30:00 to 11:00:00, sorry.",
])
def test_figures_a_writer_types_are_judged(text):
    seg = segment(text)
    assert seg.pasted == ()


def test_a_draft_of_figures_alone_is_judged():
    text = "0.600 0.200 won -66.67%\n0.200 0.000 won -100.00%\n0.800 0.400 won -50.00%"
    seg = segment(text)
    assert seg.pasted == ()
    assert len(seg.body) == 3
