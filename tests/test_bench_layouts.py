"""bench.robustness re-lays drafts out: each layout changes only the layout, never a word."""
import pytest

from bench.robustness import LAYOUTS, WRAP_COLUMNS, hard_wrapped

DRAFT = ("Hi Dana,\n\nThe chairs finally shipped on Tuesday and the courier says they should land at your place "
         "before the weekend, so don't book the van yet. I'll text you the tracking link tonight, it's "
         "https://example.com/track/0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop.\n\n"
         "- one\n- two\n\nSpeak soon,\nKim")


def words(text):
    return [w.strip("\u00a0") for w in text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split()]


@pytest.mark.parametrize("name", LAYOUTS)
def test_a_layout_keeps_every_word(name):
    assert words(LAYOUTS[name](DRAFT)) == words(DRAFT)


def test_hard_wrapping_breaks_long_lines_at_spaces_and_keeps_short_ones():
    wrapped = hard_wrapped(DRAFT)
    assert wrapped != DRAFT
    assert all(len(line) <= WRAP_COLUMNS or " " not in line for line in wrapped.split("\n"))
    assert wrapped.endswith("\n\n- one\n- two\n\nSpeak soon,\nKim")
