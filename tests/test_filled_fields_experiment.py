"""The filled-fields check (models/experiments/filled_fields.py) leaves no merge field behind and fills each
with a value that reads like one, so the AI drafts it scores carry nothing for the merge-field floor."""
from models.experiments.filled_fields import DEFAULT_FILL, filled
from server.core.phrases import PLACEHOLDER_RE

DRAFT = ("Dear [Recipient Name],\n\nThank you for meeting with me on [Date] to discuss the role at [Company Name]. "
         "I enjoyed hearing about [specific project].\n\nBest regards,\n[Your Name]\n[Your Phone Number]")


def test_every_field_is_filled_with_a_plausible_value():
    assert len(PLACEHOLDER_RE.findall(DRAFT)) == 6
    text = filled(DRAFT)
    assert not PLACEHOLDER_RE.search(text)
    assert "Dear Sam Patel," in text
    assert "on March 3 to discuss the role at Northwind." in text
    assert f"hearing about {DEFAULT_FILL}." in text
    assert text.endswith("Jordan Lee\n555-0142")


def test_text_without_fields_is_unchanged():
    note = "Sorry I missed you at the recital on Sunday. Can we move dinner to the 14th?"
    assert filled(note) == note
