"""The blind test set (models/blind_test.jsonl, models/SYNTHETIC.md) is only ever scored: it is in the dev data's
format, pairs one templated and one personal email per situation, shares no pair and no text with the training
pairs, and nothing that trains reads it."""
from collections import Counter
from pathlib import Path

from models.data import TEMPLATE_KINDS, load_synthetic, read_jsonl
from models.evaluate import held_out_kinds

MODELS = Path(__file__).resolve().parent.parent / "models"
ROWS = read_jsonl(MODELS / "blind_test.jsonl")


def test_rows_are_pairs_in_the_dev_format():
    assert len(ROWS) == 1200
    for row in ROWS:
        assert {"id", "text", "label", "group"} <= set(row)
        assert row["text"].startswith("Subject: ") and "\n\n" in row["text"]
        assert row["label"] in ("templated", "personal")
    sides = Counter((row["pair"], row["label"]) for row in ROWS)
    assert set(sides.values()) == {1}
    assert {pair for pair, _ in sides} == {row["pair"] for row in ROWS if row["label"] == "personal"}


def test_every_templated_row_names_one_of_the_issue_kinds():
    kinds = held_out_kinds(ROWS)
    assert set(kinds.values()) == set(TEMPLATE_KINDS)
    assert all(row["kind"] in TEMPLATE_KINDS for row in ROWS if row["label"] == "templated")


def test_nothing_is_shared_with_the_training_pairs():
    training = read_jsonl(MODELS / "synthetic_pairs.jsonl")
    assert not {row["pair"] for row in ROWS} & {pair["pair"] for pair in training}
    training_texts = {pair[side].strip() for pair in training for side in ("templated", "personal")}
    assert not {row["text"].strip() for row in ROWS} & training_texts
    loaded_ids = {e.id.split(":")[0] for e in load_synthetic()}
    assert not loaded_ids & {row["pair"] for row in ROWS}


def test_no_training_code_reads_it():
    for path in (MODELS / "train.py", MODELS / "data.py", MODELS / "prototypes.py"):
        assert "blind_test" not in path.read_text(encoding="utf-8")


def test_the_shipped_model_flags_no_personal_note_and_catches_most_templates(real_scorer):
    """A guard on what the model card reports (0 of 600 notes flagged at 0.7, 0.87 of templates caught, every
    kind at 0.80 or more): a change that costs the mail no model saw fails here, with room for noise."""
    import numpy as np

    from models.data import split_subject
    from models.train import roc_auc
    from server.core.analyze import analyze_many

    scores = np.asarray([a.score for a in analyze_many([split_subject(row["text"])[::-1] for row in ROWS],
                                                       scorer=real_scorer)])
    labels = np.asarray([row["label"] == "templated" for row in ROWS])
    flagged = scores >= 0.7
    assert flagged[~labels].sum() <= 4  # of 600
    assert flagged[labels].mean() >= 0.85
    kinds = np.asarray([row.get("kind", "") for row in ROWS])
    assert {kind: flagged[kinds == kind].mean() >= 0.75 for kind in TEMPLATE_KINDS} == dict.fromkeys(TEMPLATE_KINDS, True)
    assert roc_auc(scores, labels.astype(int)) >= 0.99
