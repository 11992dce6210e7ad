"""The dev templates' slots were filled from one pool of names, companies and topics shared by every template
source; the word models must learn the templates' own words, not that pool (models/data.py: slots_masked)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from models.data import SLOT_MASK, load_rows, slots_masked, to_example
from models.experiments.word_bias import NAMED_GREETING_RE, full_greeting_shift, full_name_shifts, greeted_notes, name_shifts
from models.train import fit_lexical, lexical_training_text
from server.core.types import DraftScores
from server.lexical import LexicalModel, draft_text

RAW = "Subject: {{Company}} and [topic]\n\nHi [First Name],\n\nSaw {{Company}} just raised. Worth a chat about [topic]?\n\n[Sender]"
FILLED = "Subject: Zyxcorp and pipeline reporting\n\nHi Sarah,\n\nSaw Zyxcorp just raised. Worth a chat about pipeline reporting?\n\nTom"


def test_the_filled_values_are_masked_and_the_templates_words_kept():
    masked = slots_masked(RAW, FILLED)
    assert masked == (f"Subject: {SLOT_MASK} and {SLOT_MASK}\n\nHi {SLOT_MASK},\n\nSaw {SLOT_MASK} just raised. "
                      f"Worth a chat about {SLOT_MASK}?\n\n{SLOT_MASK}")


def test_no_mask_without_slots_or_when_the_text_left_the_template():
    assert slots_masked("Hi Dana, thanks!", "Hi Dana, thanks!") is None
    assert slots_masked(RAW, FILLED.replace("just raised", "closed a round")) is None


def test_a_slot_filled_with_nothing_stays_empty():
    assert slots_masked("Hi [First Name], hello", "Hi , hello") == "Hi , hello"


def test_word_models_learn_from_the_masked_text_and_score_the_text_as_written():
    example = to_example({"id": "t", "group": "tmpl_x", "label": "templated", "text": FILLED, "text_raw": RAW})
    assert example.sentences[1] == "Saw Zyxcorp just raised."  # the draft itself is untouched
    assert "zyxcorp" not in lexical_training_text(example).lower()
    assert "sarah" not in lexical_training_text(example).lower()
    plain = to_example({"id": "p", "group": "g", "label": "personal", "text": "Hi Dana,\n\nLunch at noon?"})
    assert lexical_training_text(plain) == draft_text(plain.sentences, plain.subject)


def test_a_word_model_trained_on_filled_templates_never_learns_the_pool():
    personal = [f"Hi Dana,\n\nThe {w} notes are in the shared folder, see you at noon." for w in ("budget", "offsite", "audit")]
    rows = ([{"id": f"t{i}", "group": "tmpl_x", "label": "templated", "text": FILLED, "text_raw": RAW} for i in range(3)]
            + [{"id": f"p{i}", "group": "g", "label": "personal", "text": t} for i, t in enumerate(personal)])
    examples = [to_example(r) for r in rows]
    labels, groups = np.array([e.label for e in examples]), np.array([e.group for e in examples])
    model = fit_lexical([lexical_training_text(e) for e in examples], labels, groups)
    assert "worth" in model.index and "just raised" in model.index  # the template's own words are learned
    assert not {"zyxcorp", "sarah", "pipeline", "tom"} & set(model.index)  # its fills never are
    unmasked = fit_lexical([draft_text(e.sentences, e.subject) for e in examples], labels, groups)
    assert {"zyxcorp", "sarah", "pipeline"} <= set(unmasked.index)  # what the masking keeps out


def test_every_filled_dev_template_follows_its_raw_text():
    filled = [row for row in load_rows() if row.get("text_raw") and row["text_raw"] != row["text"]]
    assert len(filled) > 300
    assert all(slots_masked(row["text_raw"], row["text"]) is not None for row in filled)


def test_the_shipped_word_model_does_not_read_the_pools_names_as_templated():
    """head-v10 learned them: writing "Hi Sarah," instead of "Hi Dana," added 0.73 to its word logit, 0.20 on
    average over the twenty names filled most often. Masked, they are names like any other."""
    shifts = list(name_shifts(LexicalModel.load(Path(__file__).resolve().parents[1] / "models")).values())
    assert abs(sum(shifts) / len(shifts)) < 0.1


class ScoresByWord:
    """A draft score of 0.8 when a sentence has the word, 0.5 otherwise."""
    name = "by-word"

    def __init__(self, word: str):
        self.word = word

    def score_many(self, drafts):
        return [DraftScores(0.8 if any(self.word in s.split() for s in sentences) else 0.5, tuple(0.5 for _ in sentences))
                for sentences, _ in drafts]


def test_the_whole_analysis_probe_rewrites_only_the_greeting():
    """word_bias --full: a scorer that reads "Robert" templated moves by logit(0.8) - logit(0.5) for Robert and
    not at all for another pool name; one that reads "Hi" so moves the greeting figure by as much."""
    notes = greeted_notes(limit=12)
    assert len(notes) == 12 and all(NAMED_GREETING_RE.match(body) for _, body in notes)
    shifts = full_name_shifts(ScoresByWord("Robert,"), notes, names=("Robert", "Aisha"), controls=("Dana", "Hugo"))
    assert abs(shifts["Robert"] - np.log(4)) < 1e-3 and abs(shifts["Aisha"]) < 1e-9
    mixed = [(None, "Hi Dana,\n\nSee you Friday."), (None, "Hey Sam,\n\nSee you Friday."),
             (None, "Dear Lee,\n\nSee you Friday.")]  # "Dear" is left out of the greeting figure
    assert abs(full_greeting_shift(ScoresByWord("Hi"), mixed) - np.log(4) / 2) < 1e-3
