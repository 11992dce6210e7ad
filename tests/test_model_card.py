"""The model card says what the shipped files hold: its head is the one the server loads, and its headline
figures are the ones `python -m models.evaluate --json models/evaluation.json` wrote."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from models.train import HEAD_VERSION

MODELS = Path(__file__).resolve().parents[1] / "models"
CARD = (MODELS / "MODEL_CARD.md").read_text(encoding="utf-8")
EVALUATION = json.loads((MODELS / "evaluation.json").read_text(encoding="utf-8"))
OURS = next(m for m in EVALUATION["models"] if m["name"] == "sincerely (blend)")


def first_figure_cell(row_start: str) -> str:
    """The first figure cell of the card's table row that begins with `row_start` (the column of the shipped head)."""
    rows = [line for line in CARD.splitlines() if line.startswith(f"| {row_start}")]
    assert rows, f"no row starting {row_start!r} in the model card"
    return rows[0].split("|")[2]


def percent(share: float) -> str:
    return f"{share * 100:.1f} %"


def test_the_card_describes_the_head_that_ships():
    shipped = json.loads((MODELS / "head.json").read_text(encoding="utf-8"))["head_version"]
    assert shipped == HEAD_VERSION
    assert CARD.startswith(f"# Model card: Sincerely templated-email scorer ({shipped})")
    assert f"| ours ({shipped}) |" in CARD


def test_headline_figures_are_the_evaluation_files():
    assert f"({OURS['roc_auc']:.4f})" in first_figure_cell("ROC-AUC |")
    low, high = OURS["roc_auc_95"]
    assert f"{low:.3f}–{high:.3f}" in first_figure_cell("95 % interval")
    assert f"{OURS['recall_at_3pct_false_alarms']:.3f}" in first_figure_cell("templated recall at ≤ 3 %")
    flagged = first_figure_cell("at the default: personal flagged")
    assert percent(OURS["personal_flagged"]) in flagged
    assert percent(OURS["modern_personal_flagged"]) in flagged
    assert f"{OURS['templated_recall']:.3f}" in first_figure_cell("at the default: templated recall")


@pytest.mark.parametrize("kind", sorted(OURS["per_kind_recall"]))
def test_each_kinds_recall_is_the_evaluation_files(kind):
    assert f"{OURS['per_kind_recall'][kind]:.3f}" in first_figure_cell(f"{kind} (")


def test_the_label_noise_figure_is_the_evaluation_files():
    noise = EVALUATION["label_noise"]
    recall = noise["recall_at_3pct_false_alarms"]["sincerely (blend)"]
    low, high = noise["recall_at_3pct_95"]["sincerely (blend)"]
    assert re.search(rf"\*\*{recall:.3f}\*\* \({low:.3f}–{high:.3f}\)", CARD)
    assert f"{noise['personal_left_out']} automated mailings" in CARD


def test_the_threshold_setting_quotes_the_evaluation():
    from server.settings import BY_NAME

    assert f"flags about {percent(OURS['modern_personal_flagged'])} of modern personal mail" in BY_NAME["draft_threshold"].help
