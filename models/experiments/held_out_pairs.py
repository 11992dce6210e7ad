"""Does the draft score nag modern personal writing? `python -m models.experiments.held_out_pairs`.

The dev data's only modern personal mail is one government office's (hrc_state). Here half of the
synthetic pairs (chosen at random, seed 0) leave training and become two scored groups, so their
personal notes, written in the 2020s about everyday situations, are scored out of group like any dev
group. Both ways of pooling the signals are compared on the same out-of-group scores, each calibrated
on the dev groups only: the soft maximum (head-v4) lets one sure signal flag a draft alone, and this
checks that it does not cost modern personal notes more false alarms than the sum did.
"""
from __future__ import annotations

import sys
from dataclasses import replace

import numpy as np

from server.inference import blended, calibrate

from ..data import load_examples, load_synthetic
from ..evaluate import out_of_group_components
from ..train import BLEND_POOL, BLEND_WEIGHTS, blend_stats, fit_platt, roc_auc

PROBE = "probe-"


def split_pairs(synthetic, seed: int = 0):
    """Half of the pairs (both sides of each) renamed into scored probe groups; the rest stay training-only."""
    pairs = sorted({e.id.split(":")[0] for e in synthetic})
    held = set(np.random.default_rng(seed).choice(pairs, len(pairs) // 2, replace=False).tolist())
    return [replace(e, group=PROBE + e.group.split("-", 1)[1]) if e.id.split(":")[0] in held else e for e in synthetic]


def main() -> int:
    components, y, g, _ = out_of_group_components(load_examples() + split_pairs(load_synthetic()))
    g = g.astype(str)
    dev = ~np.char.startswith(g, PROBE)
    stats = blend_stats({k: v[dev] for k, v in components.items()})
    print(f"{int((g == PROBE + 'personal').sum())} personal notes and {int((g == PROBE + 'templated').sum())} "
          "templated emails from held-out synthetic pairs, scored out of group\n")
    for pool in ({"pool": "sum"}, BLEND_POOL):
        pooled = blended(components, {"weights": BLEND_WEIGHTS, "stats": stats, **pool})
        probs = calibrate(pooled, fit_platt(pooled[dev], y[dev]))
        print(f"{pool['pool']:8s} ROC-AUC dev {roc_auc(pooled[dev], y[dev]):.4f}, held-out pairs {roc_auc(pooled[~dev], y[~dev]):.4f}")
        for threshold in (0.6, 0.7):
            flagged = probs >= threshold
            print(f"  at {threshold}: held-out personal notes flagged {flagged[g == PROBE + 'personal'].mean():.3f}, "
                  f"held-out templated caught {flagged[g == PROBE + 'templated'].mean():.3f}, "
                  f"hrc_state flagged {flagged[g == 'hrc_state'].mean():.3f}, all dev personal {flagged[dev & (y == 0)].mean():.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
