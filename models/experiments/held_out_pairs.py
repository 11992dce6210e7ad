"""Does the draft score nag modern personal writing? `python -m models.experiments.held_out_pairs`.

The dev data's only modern personal mail is one government office's (hrc_state). Here half of the
synthetic pairs (chosen at random, seed 0) leave training and become two scored groups, so their
personal notes, written in the 2020s about everyday situations, are scored out of group like any dev
group. Both ways of pooling the signals are compared on the same out-of-group scores, each calibrated
on the dev groups only: the soft maximum (head-v4) lets one sure signal flag a draft alone, and this
checks that it does not cost modern personal notes more false alarms than the sum did.

It also gives the only per-kind figure for transactional mail, which no dev group holds: the held-out
templated side is counted by the issue's kinds of template.
"""
from __future__ import annotations

import sys
from dataclasses import replace

import numpy as np

from ..data import OTHER_KIND, SYNTHETIC_FILE, TEMPLATE_KINDS, load_examples, load_synthetic, pair_kind, read_jsonl
from ..evaluate import calibrated_blend, out_of_group_components
from ..train import BLEND_POOL, BLEND_WEIGHTS, roc_auc

PROBE = "probe-"


def issue_kind_of_pairs(path=SYNTHETIC_FILE) -> dict[str, str]:
    """Pair id -> the issue's kind of template ("other" for kinds outside the list, e.g. form-letter kits)."""
    return {row["pair"]: pair_kind(row["kind"]) for row in read_jsonl(path)}


def split_pairs(synthetic, seed: int = 0):
    """Half of the pairs (both sides of each) renamed into scored probe groups; the rest stay training-only."""
    pairs = sorted({e.id.split(":")[0] for e in synthetic})
    held = set(np.random.default_rng(seed).choice(pairs, len(pairs) // 2, replace=False).tolist())
    return [replace(e, group=PROBE + e.group.split("-", 1)[1]) if e.id.split(":")[0] in held else e for e in synthetic]


def main() -> int:
    examples = load_examples() + split_pairs(load_synthetic())
    components, y, g, scored = out_of_group_components(examples)
    g = g.astype(str)
    scored_examples = [e for e, keep in zip(examples, scored) if keep]
    kind_of_pair = issue_kind_of_pairs()
    kinds = np.array([kind_of_pair.get(e.id.split(":")[0], "") for e in scored_examples])
    dev = ~np.char.startswith(g, PROBE)
    print(f"{int((g == PROBE + 'personal').sum())} personal notes and {int((g == PROBE + 'templated').sum())} "
          "templated emails from held-out synthetic pairs, scored out of group\n")
    for pool in ({"pool": "sum"}, BLEND_POOL):
        probs = calibrated_blend(components, y, scored_examples, BLEND_WEIGHTS, fit=dev, pool=pool)
        print(f"{pool['pool']:8s} ROC-AUC dev {roc_auc(probs[dev], y[dev]):.4f}, held-out pairs {roc_auc(probs[~dev], y[~dev]):.4f}")
        for threshold in (0.6, 0.7):
            flagged = probs >= threshold
            print(f"  at {threshold}: held-out personal notes flagged {flagged[g == PROBE + 'personal'].mean():.3f}, "
                  f"held-out templated caught {flagged[g == PROBE + 'templated'].mean():.3f}, "
                  f"hrc_state flagged {flagged[g == 'hrc_state'].mean():.3f}, all dev personal {flagged[dev & (y == 0)].mean():.3f}")
            if pool is BLEND_POOL and threshold == 0.7:
                held_templated = g == PROBE + "templated"
                print("    held-out templated caught, by kind: " + ", ".join(
                    f"{kind} {flagged[held_templated & (kinds == kind)].mean():.2f} (n={int((held_templated & (kinds == kind)).sum())})"
                    for kind in (*TEMPLATE_KINDS, OTHER_KIND)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
