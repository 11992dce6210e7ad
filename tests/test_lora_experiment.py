"""The encoder fine-tuning experiment (models/experiments/lora.py, measured and not adopted) still runs:
a few adapter steps move the embeddings, merged deltas keep every matrix's shape, and the adapted encoder
gets its own weights hash so its embeddings never mix with the frozen encoder's in the training cache."""
import numpy as np

from models.experiments.lora import LAYER_MATRICES, fit_adapter, merge, recall_at_held_out_cut, train_adapter
from server.inference import SentenceEncoder

SENTENCES = ["I hope this email finds you well!", "Sorry I missed you at Jess's recital on Sunday.",
             "Unlock exclusive savings today.", "Can we move dinner to the 14th?"]


def test_adapter_trains_and_merges():
    frozen = SentenceEncoder(dtype="float32")
    before = frozen.encode(SENTENCES)
    deltas = train_adapter(SentenceEncoder(dtype="float32"), SENTENCES, [1, 0, 1, 0], rank=2, epochs=2,
                           batch=4, progress=False)
    assert set(deltas) == {(i, m) for i in range(frozen.model.config.num_hidden_layers) for m in LAYER_MATRICES}
    for (i, name), delta in deltas.items():
        assert tuple(delta.shape) == tuple(getattr(frozen.model._fast[i], name).shape)
    assert any(float(d.abs().max()) > 0 for d in deltas.values())  # the B matrices start at zero and moved

    adapted = SentenceEncoder(dtype="float32")
    merge(adapted, deltas, "test")
    after = adapted.encode(SENTENCES)
    assert adapted.weights_sha256 != frozen.weights_sha256
    assert not np.allclose(after, before, atol=1e-6)
    assert np.allclose(np.linalg.norm(after, axis=1), 1.0, atol=1e-4)

    unchanged = SentenceEncoder(dtype="float32")
    merge(unchanged, {k: d * 0 for k, d in deltas.items()}, "zero")
    assert np.allclose(unchanged.encode(SENTENCES), before, atol=1e-5)


def test_weighted_adapter_comes_with_its_head():
    """The draft probe's variant: texts drawn in proportion to their weights, and the head trained with them."""
    deltas, head = fit_adapter(SentenceEncoder(dtype="float32"), SENTENCES, [1, 0, 1, 0], rank=2, epochs=2, batch=4,
                               progress=False, weights=np.array([1.0, 1.0, 0.0, 0.0]))
    assert any(float(d.abs().max()) > 0 for d in deltas.values())
    assert tuple(head.weight.shape) == (1, SentenceEncoder(dtype="float32").dim)


def test_recall_at_held_out_cut():
    """The cut flags 3 % of the held-out personal drafts; each template group's share above it."""
    personal = np.arange(100, dtype=float)  # the cut falls at the 97th percentile, 96.03
    scores = np.concatenate([personal, [97.0, 50.0], [99.5, 120.0, 96.5, 10.0]])
    labels = np.array([0] * 100 + [1] * 6)
    groups = np.array(["p"] * 100 + ["a", "a", "b", "b", "b", "b"])
    assert recall_at_held_out_cut(scores, labels, groups) == {"a": 0.5, "b": 0.75}
