"""Are AI-written drafts caught for their wording, or only for the fields left in them?
`python -m models.experiments.filled_fields`.

145 of the 156 alpaca_eval drafts carry a merge field ("[Your Name]"), which floors their score at 0.95,
so their recall could be the floor's. Here every field in those drafts is filled with a plausible value
(the data README asks for exactly this check), the whole leave-one-group-out evaluation is run again,
and the AI drafts' recall at the default threshold is printed beside the usual figure.
"""
from __future__ import annotations

import re
import sys

import numpy as np

from server.core import AnalyzeOptions
from server.core.phrases import PLACEHOLDER_RE

from .. import evaluate
from ..data import load_rows, load_synthetic, to_example
from ..train import roc_auc

AI_GROUP = "llm_alpaca_eval"
FILLS = (("your name", "Jordan Lee"), ("company", "Northwind"), ("date", "March 3"), ("title", "Operations Lead"),
         ("email", "jordan@northwind.example"), ("phone", "555-0142"), ("name", "Sam Patel"))
DEFAULT_FILL = "the plan"


def fill(field: re.Match) -> str:
    """A plausible value for a merge field, by the first word of FILLS its text contains."""
    text = field.group(0).lower()
    return next((value for key, value in FILLS if key in text), DEFAULT_FILL)


def filled(text: str) -> str:
    return PLACEHOLDER_RE.sub(fill, text)


def dev_rows_with_ai_fields_filled() -> list[dict]:
    return [{**row, "text": filled(row["text"])} if row["group"] == AI_GROUP else row for row in load_rows()]


def main() -> int:
    threshold = AnalyzeOptions().draft_threshold
    examples = [to_example(row) for row in dev_rows_with_ai_fields_filled()] + load_synthetic()
    ai = [e for e in examples if e.group == AI_GROUP]
    left = sum(any(PLACEHOLDER_RE.search(s) for s in e.sentences) for e in ai)
    components, labels, groups, scored = evaluate.out_of_group_components(examples)
    kept = [e for e, keep in zip(examples, scored) if keep]
    probs = evaluate.calibrated_blend(components, labels, kept)
    recall, _ = evaluate.recall_at_false_alarms(probs, labels)
    in_ai = groups == AI_GROUP
    print(f"{len(ai)} AI-written drafts, every merge field filled; fields left: {left}")
    print(f"AI-written drafts caught at {threshold}: {np.mean(probs[in_ai] >= threshold):.3f}")
    print(f"All dev mail: ROC-AUC {roc_auc(probs, labels):.4f}, recall at 3% false alarms {recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
