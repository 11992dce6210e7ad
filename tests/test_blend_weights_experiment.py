"""The blend-weight experiment (models/experiments/blend_weights.py) picks a weight on the other groups only:
on made-up signals where only the lexical one tells the labels apart, every held-out group gets the heaviest
lexical weight, the nested scores beat the lightest weight's, and a group's own scores never decide its pick."""
import numpy as np

from models.data import Example
from models.evaluate import calibrated_blend
from models.experiments.blend_weights import nested_choice
from models.train import BLEND_WEIGHTS, roc_auc


def made_up(seed: int = 0, per_group: int = 40):
    rng = np.random.default_rng(seed)
    groups = np.repeat([f"personal_{i}" for i in range(3)] + [f"templated_{i}" for i in range(3)], per_group)
    labels = np.asarray([int(g.startswith("templated")) for g in groups])
    components = {k: rng.normal(size=len(labels)) for k in BLEND_WEIGHTS}
    components["lexical"] = labels * 1.5 + rng.normal(size=len(labels))
    examples = [Example(id=str(i), group=g, label=int(y), subject=None, sentences=("A plain line of text.",))
                for i, (g, y) in enumerate(zip(groups, labels))]
    return components, labels, groups, examples


def test_nested_choice_picks_the_informative_signal_up():
    components, labels, groups, examples = made_up()
    chosen, nested, fixed = nested_choice(components, labels, groups, examples, "lexical", grid=(0.5, 4.0))
    assert set(chosen) == set(groups.tolist())
    assert set(chosen.values()) == {4.0}
    assert roc_auc(nested, labels) > roc_auc(fixed[0.5], labels) + 0.02
    assert np.array_equal(nested, fixed[4.0])


def test_the_calibrated_blend_is_fitted_on_the_fit_rows_only():
    components, labels, groups, examples = made_up(seed=1)
    fit = groups != "templated_0"
    changed = {k: np.where(fit, v, v + 5.0) for k, v in components.items()}  # only the held-out rows move
    assert np.array_equal(calibrated_blend(components, labels, examples, BLEND_WEIGHTS, fit, fit),
                          calibrated_blend(changed, labels, examples, BLEND_WEIGHTS, fit, fit))
    assert not np.allclose(calibrated_blend(components, labels, examples, BLEND_WEIGHTS, fit, ~fit),
                           calibrated_blend(changed, labels, examples, BLEND_WEIGHTS, fit, ~fit))
    everything = np.ones(len(labels), dtype=bool)
    assert not np.array_equal(calibrated_blend(components, labels, examples, BLEND_WEIGHTS, everything, fit),
                              calibrated_blend(changed, labels, examples, BLEND_WEIGHTS, everything, fit))


def test_the_calibrated_blend_by_default_fits_and_scores_every_row():
    components, labels, _, examples = made_up(seed=2)
    everything = np.ones(len(labels), dtype=bool)
    assert np.array_equal(calibrated_blend(components, labels, examples),
                          calibrated_blend(components, labels, examples, BLEND_WEIGHTS, everything, everything))
