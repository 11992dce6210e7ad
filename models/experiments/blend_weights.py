"""Is one signal's blend weight worth changing? `python -m models.experiments.blend_weights [--signal lexical]`.

Scores every weight on a grid for one signal (the others as shipped) on the pooled out-of-group signals,
as `models.evaluate` does. A weight picked that way has seen every group, so the script also checks the
picking itself, nested: for each held-out group, the weight with the best recall at 3 % false alarms on
the other groups, the blend's standardisation and calibration fitted on those groups too, then that group
scored. The nested picks are compared with each fixed weight under the same protocol (each group then has
its own calibration, so these figures are lower than the pooled ones; compare them with each other).
"""
from __future__ import annotations

import argparse
import sys

import numpy as np

from .. import evaluate
from ..data import load_examples, load_synthetic
from ..evaluate import calibrated_blend
from ..train import BLEND_WEIGHTS, evidence_mask, held_out_groups, roc_auc

GRID = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0)


def nested_choice(components: dict[str, np.ndarray], labels: np.ndarray, groups: np.ndarray, examples: list,
                  signal: str, grid=GRID) -> tuple[dict[str, float], np.ndarray, dict[float, np.ndarray]]:
    """Per held-out group: the weight picked on the other groups, the nested scores, and each fixed weight's
    scores under the same protocol."""
    def weights(w: float) -> dict[str, float]:
        return {**BLEND_WEIGHTS, signal: w}

    chosen, nested = {}, np.zeros(len(labels))
    fixed = {w: np.zeros(len(labels)) for w in grid}
    evidence = evidence_mask(examples)
    for g in held_out_groups(groups):
        fit, apply = groups != g, groups == g
        chosen[g] = max(grid, key=lambda w: evaluate.recall_at_false_alarms(
            calibrated_blend(components, labels, examples, weights(w), fit, fit, evidence=evidence), labels[fit])[0])
        nested[apply] = calibrated_blend(components, labels, examples, weights(chosen[g]), fit, apply, evidence=evidence)
        for w in grid:
            fixed[w][apply] = calibrated_blend(components, labels, examples, weights(w), fit, apply, evidence=evidence)
    return chosen, nested, fixed


def summary(probs: np.ndarray, labels: np.ndarray, groups: np.ndarray, threshold: float) -> str:
    recall, _ = evaluate.recall_at_false_alarms(probs, labels)
    modern = groups == evaluate.MODERN_PERSONAL
    return (f"ROC-AUC {roc_auc(probs, labels):.4f}  recall at 3% {recall:.3f}  at {threshold}: personal flagged "
            f"{(probs[labels == 0] >= threshold).mean():.2%}, modern {(probs[modern] >= threshold).mean():.2%}, "
            f"templated recall {(probs[labels == 1] >= threshold).mean():.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signal", default="lexical", choices=sorted(BLEND_WEIGHTS))
    args = parser.parse_args(argv)
    threshold = evaluate.AnalyzeOptions().draft_threshold
    examples = load_examples() + load_synthetic()
    components, labels, groups, scored = evaluate.out_of_group_components(examples)
    kept = [e for e, keep in zip(examples, scored) if keep]
    print(f"Weight of the {args.signal} signal (shipped: {BLEND_WEIGHTS[args.signal]}), pooled out of group:")
    evidence = evidence_mask(kept)
    for w in GRID:
        probs = calibrated_blend(components, labels, kept, {**BLEND_WEIGHTS, args.signal: w}, evidence=evidence)
        print(f"  {w:>4}: {summary(probs, labels, groups, threshold)}")
    chosen, nested, fixed = nested_choice(components, labels, groups, kept, args.signal)
    print("\nPicked on the other groups, for each held-out group:")
    for g, w in chosen.items():
        print(f"  {g:32s} {w}")
    print("\nEach group calibrated without it (compare these rows with each other):")
    print(f"  nested: {summary(nested, labels, groups, threshold)}")
    for w, probs in fixed.items():
        print(f"  {w:>6}: {summary(probs, labels, groups, threshold)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
