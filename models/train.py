"""Train the templated-email model: `python -m models.train`.

Data: the dev emails (../shared/data) and the team's paired synthetic emails (models/synthetic_pairs.jsonl:
one situation written as mass mail and as a personal note, blind to the dev data; training only, never
scored).
Sentence score: a logistic head over [MiniLM sentence embedding | hand-made features], trained on the
synthetic pairs' sentences alone (each labelled with its email's label), so it never learns a dev
source's topic or era; Platt-calibrated on the dev sentences.
Draft score: five signals, each standardised on leave-one-group-out predictions and clipped, pooled as a
weighted soft maximum (log-sum-exp: one signal that is sure counts for more than in a sum), then
Platt-calibrated on the pooled out-of-group predictions:
  - a style head: logistic regression over the draft features whose signs are fixed in advance
    (server/core/features.py says which cue may push which way), so no source can teach it backwards,
  - stock-line prototypes: each sentence's MiniLM similarity to the nearest stock line minus that to the
    nearest personal line (models/prototypes.py; nothing fitted), the draft's three highest averaged,
  - the sentence head's three highest sentence logits, averaged,
  - a logistic head over draft features and the mean sentence embedding (shrunk: across sources the
    mean embedding mostly carries topic, and unshrunk it made held-out sources worse),
  - TF-IDF on words and word pairs + logistic regression (exported to server/lexical.py's format), learned
    from the dev templates with the values their slots were filled with masked (data.slots_masked).
Samples are weighted so that each source group counts the same within its label: one big source
cannot teach the model its era or topic. Deterministic: fixed seed, full-batch L-BFGS.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.numpy import save_file
from tqdm import tqdm

from server.core.analyze import EVIDENCE_SCORE_FLOOR, has_evidence
from server.core.phrases import PLACEHOLDER_RE, list_footer
from server.core.features import DRAFT_FEATURE_DIRECTIONS, DRAFT_FEATURES, SENTENCE_FEATURES, phrase_score
from server.lexical import TOKEN_RE, LexicalModel, draft_text, normalised
from server.inference import (
    DEFAULT_MODEL_DIR,
    ENCODER_NAME,
    HEAD_FILE,
    HEAD_META_FILE,
    SentenceEncoder,
    StyleHead,
    as_columns,
    blended,
    calibrate,
    draft_input,
    feature_rows,
    feedback_matrix,
    prototype_contrast,
    sentences_signal,
    top_mean,
)

from .data import SHARED_DATA, TEMPLATE_KINDS, Example, is_synthetic, load_examples, load_synthetic
from .prototypes import PERSONAL, TEMPLATED_KINDS, TEMPLATED_LINES

HEAD_VERSION = "head-v11"
EMBEDDING_SCALE = 0.1
BLEND_WEIGHTS = {"style": 1.0, "prototypes": 1.0, "sentences": 1.0, "features": 0.25, "lexical": 2.0}
BLEND_POOL = {"pool": "soft-or", "temperature": 1.0}  # see server.inference.blended
STYLE_L2 = 0.1  # on standardised features
FEEDBACK_WEIGHT = 5.0  # a writer's explicit verdict on a sentence counts as much as five ordinary sentences
ENCODER_IMPL = "server.minilm"  # part of the embedding cache key: another implementation means new embeddings
SEED = 1234
L2 = 1e-3
LEXICAL_C = 4.0  # inverse L2 strength of the TF-IDF regressions


def set_seed(seed: int = SEED) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


CACHE_DIR = Path(__file__).resolve().parent / ".cache"


def embed_examples(encoder: SentenceEncoder, examples: list[Example], progress: bool = True,
                   cache: bool = True) -> dict[str, np.ndarray]:
    """Embeddings of every sentence and subject of the training data. Cached on disk per encoder (training
    sentences only, never user text), keyed by a hash of each sentence, so new data encodes only what is new."""
    texts = sorted({s for e in examples for s in e.sentences} | {e.subject for e in examples if e.subject})
    encoder_key = hashlib.sha256((encoder.weights_sha256 + str(encoder.max_length) + encoder.dtype + ENCODER_IMPL).encode()).hexdigest()[:20]
    path = CACHE_DIR / f"sentences-{encoder_key}.npz"
    known: dict[bytes, np.ndarray] = {}
    if cache and path.exists():
        with np.load(path) as stored:
            known = dict(zip(stored["keys"].tolist(), stored["vectors"]))
    keys = [hashlib.blake2b(t.encode("utf-8", "surrogatepass"), digest_size=16).digest() for t in texts]
    missing = [i for i, k in enumerate(keys) if k not in known]
    chunk = 512
    for start in tqdm(range(0, len(missing), chunk), desc="encoding sentences", unit="chunk", disable=not progress, file=sys.stderr):
        idx = missing[start:start + chunk]
        for i, vector in zip(idx, encoder.encode([texts[i] for i in idx])):
            known[keys[i]] = vector
    if cache and missing:
        CACHE_DIR.mkdir(exist_ok=True)
        np.savez(path, keys=np.asarray(list(known), dtype="S16"), vectors=np.stack(list(known.values())).astype(np.float32))
    return {t: known[k] for t, k in zip(texts, keys)}


def build_matrices(examples: list[Example], vectors: dict[str, np.ndarray]):
    """Rows for the sentence head and the draft head, with labels, groups and group-balanced weights."""
    s_rows, s_labels, s_groups, s_owner = [], [], [], []
    d_rows, d_labels, d_groups = [], [], []
    dim = len(next(iter(vectors.values())))
    for i, e in enumerate(examples):
        embeddings = np.asarray([vectors[s] for s in e.sentences], dtype=np.float32).reshape(len(e.sentences), dim)
        rows = np.concatenate([embeddings, feature_rows(e.sentences)], axis=1)
        if e.sentences:
            s_rows.append(rows)
            s_labels += [e.label] * len(e.sentences)
            s_groups += [e.group] * len(e.sentences)
            s_owner += [i] * len(e.sentences)
        subject_row = vectors[e.subject] if e.subject else None
        d_rows.append(draft_input(rows if e.sentences else np.zeros((1, rows.shape[1]), np.float32),
                                  e.sentences, subject_row, dim))
        d_labels.append(e.label)
        d_groups.append(e.group)
    return (
        (np.concatenate(s_rows).astype(np.float32), np.asarray(s_labels), np.asarray(s_groups), np.asarray(s_owner)),
        (np.stack(d_rows).astype(np.float32), np.asarray(d_labels), np.asarray(d_groups)),
    )


def balanced_weights(labels: np.ndarray, groups: np.ndarray, owners: np.ndarray | None = None) -> np.ndarray:
    """Training weights: each label weighs half; within a label each group weighs the same; within a draft
    each sentence."""
    w = np.ones(len(labels), dtype=np.float64)
    if owners is not None:
        _, inverse, counts = np.unique(owners, return_inverse=True, return_counts=True)
        w /= counts[inverse]
    for label in (0, 1):
        in_label = labels == label
        label_groups = np.unique(groups[in_label])
        for g in label_groups:
            m = in_label & (groups == g)
            w[m] /= w[m].sum() * len(label_groups)
    return (w / w.mean()).astype(np.float32)


ANY_KIND = "any"  # the one model when no template in the data has a kind (small test data)


def absent_expert(width: int) -> tuple[np.ndarray, float]:
    """A kind with no templates in a fold's training rows: a model that never wins the max."""
    return np.zeros(width, dtype=np.float32), -30.0


def expert_kinds(labels: np.ndarray, kinds: np.ndarray) -> tuple[str, ...]:
    """The kinds of template that get their own model: those with templates in the data."""
    present = tuple(k for k in TEMPLATE_KINDS if ((labels == 1) & (kinds == k)).any())
    return present or (ANY_KIND,)


def expert_mask(labels: np.ndarray, kinds: np.ndarray, kind: str) -> np.ndarray:
    """One kind's training rows: all personal mail, that kind's templates, and templates of no listed kind.
    Templates come in kinds that share little wording; one linear model for all of them has to spread its
    weights over sales pitches, newsletters and scam letters at once, and each kind's own model is sharper.
    A draft then reads as templated as its most confident kind says (max over the experts' logits)."""
    if kind == ANY_KIND:
        return np.ones(len(labels), dtype=bool)
    return (labels == 0) | (kinds == kind) | ((labels == 1) & ~np.isin(kinds, TEMPLATE_KINDS))


def per_kind(fit_one, y: np.ndarray, kinds: np.ndarray, experts: tuple[str, ...], width: int) -> tuple[np.ndarray, np.ndarray]:
    """One model per kind of template: fit_one(rows) -> (coef, bias) on that kind's rows (expert_mask); weights
    come back one column per kind. A kind with no templates in these rows (a fold that holds out its only source)
    gets absent_expert."""
    fits = [fit_one(rows) if y[rows].any() else absent_expert(width)
            for rows in (expert_mask(y, kinds, kind) for kind in experts)]
    return np.stack([np.asarray(c) for c, _ in fits], axis=1), np.asarray([b for _, b in fits], dtype=np.float32)


def with_verdicts(x: np.ndarray, y: np.ndarray, w: np.ndarray, verdicts: tuple[np.ndarray, np.ndarray] | None):
    """Training rows, labels and weights, with the writer's stored verdicts (rows, labels) appended, if any."""
    if verdicts is None or not len(verdicts[1]):
        return x, y, w
    return (np.concatenate([x, verdicts[0]]), np.concatenate([y, verdicts[1]]),
            np.concatenate([w, np.full(len(verdicts[1]), FEEDBACK_WEIGHT, dtype=np.float32)]))


def fit_experts(x: np.ndarray, y: np.ndarray, groups: np.ndarray, kinds: np.ndarray, experts: tuple[str, ...],
                owners: np.ndarray | None = None, verdicts: tuple[np.ndarray, np.ndarray] | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
    """One logistic model per kind of template (columns of the returned weights); a writer's verdicts, if
    given, count for every kind."""
    return per_kind(lambda rows: fit_logistic(*with_verdicts(x[rows], y[rows], balanced_weights(
        y[rows], groups[rows], None if owners is None else owners[rows]), verdicts)), y, kinds, experts, x.shape[1])


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2, iters: int = 200) -> tuple[np.ndarray, float]:
    """Weighted L2 logistic regression, full-batch L-BFGS (deterministic)."""
    xt, yt, wt = torch.from_numpy(x), torch.from_numpy(y.astype(np.float32)), torch.from_numpy(w)
    coef = torch.zeros(x.shape[1], requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([coef, bias], lr=1.0, max_iter=iters, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        logits = xt @ coef + bias
        loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, yt, reduction="none") * wt).mean()
        loss = loss + l2 * (coef ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return coef.detach().numpy().astype(np.float32), float(bias.detach()[0])


def fit_signed_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, signs: np.ndarray, l2: float = STYLE_L2,
                        iters: int = 300) -> tuple[np.ndarray, float]:
    """Weighted L2 logistic regression whose coefficients keep the given signs (+1 at least 0, -1 at most 0,
    0 free): a softplus parametrisation, full-batch L-BFGS (deterministic)."""
    xt, yt, wt = torch.from_numpy(x), torch.from_numpy(y.astype(np.float32)), torch.from_numpy(w)
    st = torch.from_numpy(signs.astype(np.float32))
    raw = torch.zeros(x.shape[1], requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([raw, bias], lr=1.0, max_iter=iters, line_search_fn="strong_wolfe")

    def coef():
        return torch.where(st == 0, raw, st * torch.nn.functional.softplus(raw * 4) / 4)

    def closure():
        opt.zero_grad()
        c = coef()
        loss = (torch.nn.functional.binary_cross_entropy_with_logits(xt @ c + bias, yt, reduction="none") * wt).mean()
        loss = loss + l2 * (c ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return coef().detach().numpy().astype(np.float32), float(bias.detach()[0])


def fit_style(features: np.ndarray, y: np.ndarray, groups: np.ndarray, kinds: np.ndarray,
              experts: tuple[str, ...]) -> StyleHead:
    """The signed style head, one per kind of template (expert_mask), on one standardisation."""
    center = features.mean(axis=0)
    scale = features.std(axis=0) + 1e-6
    x = ((features - center) / scale).astype(np.float32)
    signs = np.asarray(DRAFT_FEATURE_DIRECTIONS)
    coef, bias = per_kind(lambda rows: fit_signed_logistic(x[rows], y[rows], balanced_weights(y[rows], groups[rows]), signs),
                          y, kinds, experts, x.shape[1])
    return StyleHead(center.astype(np.float32), scale.astype(np.float32), coef, bias)


def fit_platt(logits: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling with every scored draft (or sentence) counted once, as the reliability table counts
    them, so that 0.8 means about 80 % templated on the evaluation data. Measured on the pooled
    out-of-group drafts: expected calibration error 0.015 this way, 0.031 with groups balanced within a
    label (small groups then bent the curve: 0.1 high mid-range), and with each calibrator fitted
    without the group it scores, 0.034 and 0.053."""
    a_b, bias = fit_logistic(logits.reshape(-1, 1).astype(np.float32), y, np.ones(len(y), np.float32), l2=0.0, iters=100)
    return float(a_b[0]), bias


def held_out_groups(groups: np.ndarray) -> list[str]:
    """The groups each scored by models that never saw them (synthetic training groups are never held out)."""
    return sorted(g for g in set(groups.tolist()) if not is_synthetic(g))


def scored_mask(groups: np.ndarray) -> np.ndarray:
    """Rows that have out-of-group scores: every row but the synthetic training examples."""
    return np.asarray([not is_synthetic(g) for g in groups.tolist()])


def experts_leave_one_group_out(x, y, groups, kinds, experts, owners=None, progress=True) -> np.ndarray:
    """Out-of-group logits of each kind's model (one column per expert; experts=(ANY_KIND,) for one model for
    all templates): no model saw the group it scores."""
    out = np.zeros((len(y), len(experts)), dtype=np.float32)
    for g in tqdm(held_out_groups(groups), desc="experts leave-one-group-out", disable=not progress, file=sys.stderr):
        train = groups != g
        coef, bias = fit_experts(x[train], y[train], groups[train], kinds[train], experts,
                                 None if owners is None else owners[train])
        out[~train] = x[~train] @ coef + bias
    return out


def evidence_mask(examples: list[Example]) -> np.ndarray:
    """The drafts the server's evidence floor settles (a merge field or a list footer left in)."""
    return np.array([has_evidence(map(list_footer, e.sentences), any(PLACEHOLDER_RE.search(s) for s in e.sentences))
                     for e in examples], dtype=bool)


def floored(probs: np.ndarray, examples: list[Example], evidence: np.ndarray | None = None) -> np.ndarray:
    """The server's evidence floor on out-of-group scores, so the figures are what a writer would see (evidence:
    the examples' evidence_mask, if the caller has it already)."""
    evidence = evidence_mask(examples) if evidence is None else evidence
    return np.where(evidence, np.maximum(probs, EVIDENCE_SCORE_FLOOR), probs)


def fit_draft_calibration(blended: np.ndarray, labels: np.ndarray, examples: list[Example],
                          evidence: np.ndarray | None = None) -> tuple[float, float]:
    """Platt scaling on the drafts the evidence floor leaves to the model: the floor settles the rest, so the
    score should say how often the others are templated (fitted on all drafts, the error was twice as large)."""
    free = ~(evidence_mask(examples) if evidence is None else evidence)
    return fit_platt(blended[free], labels[free])


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """The chance that a templated draft scores above a personal one, a tie counting half (average ranks), so
    the order of the rows never matters: a stock-phrase count ties most drafts at zero."""
    _, inverse, counts = np.unique(np.asarray(scores), return_inverse=True, return_counts=True)
    ranks = (np.cumsum(counts) - (counts - 1) / 2)[inverse.ravel()]
    pos = labels == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)) if n_pos and n_neg else float("nan")


def fit_lexical(texts: list[str], labels: np.ndarray, groups: np.ndarray, kinds: np.ndarray | None = None,
                experts: tuple[str, ...] | None = None) -> LexicalModel:
    """TF-IDF + logistic regression; with kinds, one regression per kind of template on one vocabulary (the
    model's logit is then the most confident kind's), without, one for all templates (the baseline)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=TOKEN_RE.pattern,
                                 preprocessor=normalised)
    x = vectorizer.fit_transform(texts)
    vocab = vectorizer.get_feature_names_out()
    index, idf = {t: i for i, t in enumerate(vocab)}, vectorizer.idf_.astype(np.float64)

    def fit_one(rows):
        clf = LogisticRegression(max_iter=3000, C=LEXICAL_C).fit(x[rows], labels[rows],
                                                                 sample_weight=balanced_weights(labels[rows], groups[rows]))
        return clf.coef_[0], clf.intercept_[0]

    if kinds is None:
        coef, intercept = fit_one(np.ones(len(labels), dtype=bool))
        return LexicalModel(index, idf, coef.astype(np.float64), float(intercept))
    coef, intercept = per_kind(fit_one, labels, kinds, experts or expert_kinds(labels, kinds), x.shape[1])
    return LexicalModel(index, idf, coef.astype(np.float64), intercept.astype(np.float64))


def scaled_draft_inputs(dx: np.ndarray, dim: int) -> np.ndarray:
    x = dx.copy()
    x[:, :dim] *= EMBEDDING_SCALE
    return x


def embed_prototypes(encoder: SentenceEncoder) -> tuple[np.ndarray, np.ndarray]:
    return encoder.encode(list(TEMPLATED_LINES)), encoder.encode(list(PERSONAL))


def prototype_scores(examples: list[Example], vectors: dict[str, np.ndarray],
                     prototypes: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    dim = prototypes[0].shape[1]
    columns = [as_columns(lines) for lines in prototypes]
    return np.asarray([
        top_mean(prototype_contrast(np.asarray([vectors[s] for s in e.sentences], np.float32).reshape(-1, dim), *columns))
        for e in examples
    ])


def sentence_training_rows(sg: np.ndarray) -> np.ndarray:
    """The sentence head learns from the synthetic pairs alone when there are any: a dev sentence carries its
    draft's label, and with it its source's topic and era (trained on the dev data it scored 0.67 out of
    group at sentence level; on the pairs alone, never seeing a dev sentence, 0.75)."""
    synthetic = ~scored_mask(sg)
    return synthetic if synthetic.any() else np.ones(len(sg), dtype=bool)


def fit_sentence_head(sx, sy, sg, so, feedback: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, float]:
    rows = sentence_training_rows(sg)
    return fit_logistic(*with_verdicts(sx[rows], sy[rows], balanced_weights(sy[rows], sg[rows], so[rows]), feedback))


def sentence_logits_oof(sx, sy, sg, so, progress: bool = True) -> np.ndarray:
    """Out-of-group sentence logits: one head trained on the synthetic pairs scores every dev sentence (it saw
    none); without the pairs, leave-one-group-out over the dev sentences."""
    if sentence_training_rows(sg).all():
        return experts_leave_one_group_out(sx, sy, sg, np.full(len(sy), ""), (ANY_KIND,), owners=so, progress=progress)[:, 0]
    coef, bias = fit_sentence_head(sx, sy, sg, so)
    return sx @ coef + bias


def fit_sentence_experts(sx, sy, sg, so, sk, experts, feedback: tuple[np.ndarray, np.ndarray] | None = None):
    """The sentence head once per kind of template (for the draft signal; hints use the one head), on the same
    rows as fit_sentence_head. A writer's verdicts count for every kind, as they do for the one head."""
    rows = sentence_training_rows(sg)
    return fit_experts(sx[rows], sy[rows], sg[rows], sk[rows], experts, so[rows], feedback)


def sentence_experts_oof(sx, sy, sg, so, sk, experts, progress: bool = True) -> np.ndarray:
    """Out-of-group sentence logits of each kind's sentence head, as sentence_logits_oof does for the one head."""
    if sentence_training_rows(sg).all():
        return experts_leave_one_group_out(sx, sy, sg, sk, experts, owners=so, progress=progress)
    coef, bias = fit_sentence_experts(sx, sy, sg, so, sk, experts)
    return sx @ coef + bias


def kinds_of(examples: list[Example]) -> np.ndarray:
    return np.asarray([e.kind for e in examples])


def draft_components_oof(examples: list[Example], vectors: dict[str, np.ndarray], sentence_matrix, draft_matrix,
                         dim: int, prototypes: tuple[np.ndarray, np.ndarray], progress: bool = True) -> dict[str, np.ndarray]:
    """Out-of-group scores of each draft signal: every group scored by models that never saw it. The trained
    signals are each a set of per-kind models (expert_mask) and score a draft by its most confident kind."""
    (sx, sy, sg, so), (dx, dy, dg) = sentence_matrix, draft_matrix
    dk = kinds_of(examples)
    experts = expert_kinds(dy, dk)
    style = np.zeros(len(examples))
    for g in tqdm(held_out_groups(dg), desc="style leave-one-group-out", disable=not progress, file=sys.stderr):
        train_mask = dg != g
        style[~train_mask] = fit_style(dx[train_mask, dim:], dy[train_mask], dg[train_mask], dk[train_mask],
                                       experts).logits(dx[~train_mask, dim:])
    sentence_logits = sentence_experts_oof(sx, sy, sg, so, dk[so], experts, progress)
    features = experts_leave_one_group_out(scaled_draft_inputs(dx, dim), dy, dg, dk, experts, progress=progress)
    return {
        "style": style,
        "prototypes": prototype_scores(examples, vectors, prototypes),
        "sentences": np.asarray([sentences_signal(sentence_logits[so == i]) for i in range(len(examples))]),
        "features": features.max(axis=1),
        "lexical": lexical_oof(examples, dy, dg, progress, by_kind=True),
        "phrases": np.asarray([phrase_score(e.sentences) for e in examples]),
    }


def lexical_training_text(e: Example) -> str:
    """What the word models learn from: the draft's text, with a dev template's filled-in slots masked
    (models/data.py: slots_masked). They score the text as written."""
    return e.lexical_text or draft_text(e.sentences, e.subject)


def lexical_oof(examples: list[Example], dy: np.ndarray, dg: np.ndarray, progress: bool = True,
                by_kind: bool = False) -> np.ndarray:
    """Out-of-group logits of the TF-IDF + logistic regression model: one for all templates (the baseline), or
    by_kind, one per kind of template (the blend's lexical signal)."""
    training_texts = [lexical_training_text(e) for e in examples]
    texts = [draft_text(e.sentences, e.subject) for e in examples]
    dk = kinds_of(examples) if by_kind else None
    experts = expert_kinds(dy, dk) if by_kind else None
    out = np.zeros(len(examples))
    for g in tqdm(held_out_groups(dg), desc="lexical leave-one-group-out", disable=not progress, file=sys.stderr):
        train_mask = dg != g
        model = fit_lexical([t for t, m in zip(training_texts, train_mask) if m], dy[train_mask], dg[train_mask],
                            None if dk is None else dk[train_mask], experts)
        out[~train_mask] = [model.logit(t) for t, m in zip(texts, train_mask) if not m]
    return out


def blend_stats(components: dict[str, np.ndarray]) -> dict[str, list[float]]:
    return {k: [float(np.median(v)), float(v.std() or 1.0)] for k, v in components.items()}


@dataclass(frozen=True)
class DraftBlend:
    """How the draft signals become the score the server shows: each standardised (stats), pooled (weights, pool),
    Platt-calibrated (calibration), then the evidence floor. Training writes it into head.json; the evaluation
    fits it on out-of-group signals the same way."""
    stats: dict[str, list[float]]
    calibration: tuple[float, float]
    weights: dict[str, float]
    pool: dict

    def pooled(self, components: dict[str, np.ndarray]) -> np.ndarray:
        return blended(components, {"weights": self.weights, "stats": self.stats, **self.pool})

    def probabilities(self, components: dict[str, np.ndarray], examples: list[Example],
                      evidence: np.ndarray | None = None) -> np.ndarray:
        return floored(calibrate(self.pooled(components), self.calibration), examples, evidence)


def fit_blend(components: dict[str, np.ndarray], labels: np.ndarray, examples: list[Example],
              evidence: np.ndarray | None = None, weights: dict[str, float] = BLEND_WEIGHTS,
              pool: dict = BLEND_POOL) -> DraftBlend:
    """Standardisation (a median and a spread per signal) and calibration (2 numbers) fitted on these drafts'
    signals; the calibration skips the drafts the evidence floor settles (fit_draft_calibration)."""
    unfitted = DraftBlend(blend_stats(components), (1.0, 0.0), weights, pool)
    calibration = fit_draft_calibration(unfitted.pooled(components), labels, examples, evidence)
    return DraftBlend(unfitted.stats, calibration, weights, pool)


def data_fingerprint(examples: list[Example]) -> str:
    h = hashlib.sha256()
    for e in examples:
        h.update(e.id.encode())
    return h.hexdigest()[:16]


def usable_feedback(rows: list[tuple[str, bytes]], width: int) -> tuple[np.ndarray, np.ndarray, int]:
    """The stored verdicts this model can learn from: rows as wide as its sentence input, their labels, and how
    many were skipped (stored by a model with other features; no text is kept, so they cannot be recomputed)."""
    fitting = [(verdict, row) for verdict, row in rows if len(row) == width * np.dtype(np.float16).itemsize]
    labels = np.asarray([int(verdict == "templated") for verdict, _ in fitting], dtype=int)
    matrix = feedback_matrix([row for _, row in fitting]) if fitting else np.zeros((0, width), dtype=np.float32)
    return matrix, labels, len(rows) - len(fitting)


def load_feedback(width: int) -> tuple[np.ndarray, np.ndarray, int]:
    """The writer's verdicts stored by this install (settings say where), as usable_feedback returns them."""
    from server.settings import load_settings, resolve_data_dir
    from server.store import Store, sqlite_url

    values = load_settings()
    store = Store(values["database_url"] or sqlite_url(resolve_data_dir(values)))
    try:
        rows = store.feedback_rows()
    finally:
        store.close()
    return usable_feedback(rows, width)


def train(examples: list[Example], out_dir: Path, *, encoder: SentenceEncoder | None = None, progress: bool = True,
          evaluate: bool = True, cache: bool = True, feedback: tuple[np.ndarray, np.ndarray] | None = None) -> dict:
    set_seed()
    started = time.time()
    encoder = encoder or SentenceEncoder()
    dim = encoder.dim
    vectors = embed_examples(encoder, examples, progress, cache=cache)
    (sx, sy, sg, so), (dx, dy, dg) = build_matrices(examples, vectors)
    prototypes = embed_prototypes(encoder)

    scored, s_scored = scored_mask(dg), scored_mask(sg)
    ey, eg = dy[scored], dg[scored]
    s_logits = sentence_logits_oof(sx, sy, sg, so, progress)
    components = {k: v[scored] for k, v in draft_components_oof(examples, vectors, (sx, sy, sg, so), (dx, dy, dg), dim,
                                                                 prototypes, progress).items()}
    scored_examples = [e for e, keep in zip(examples, scored) if keep]
    evidence = evidence_mask(scored_examples)
    draft_blend = fit_blend(components, ey, scored_examples, evidence)
    d_prob = draft_blend.probabilities(components, scored_examples, evidence)  # as the server scores
    report: dict = {"logo_draft_auc": round(roc_auc(d_prob, ey), 4),
                    **{f"logo_{k}_auc": round(roc_auc(v, ey), 4) for k, v in components.items()}}
    s_cal = fit_platt(s_logits[s_scored], sy[s_scored])
    report["logo_sentence_auc"] = round(roc_auc(s_logits[s_scored], sy[s_scored]), 4)
    if evaluate:
        report["logo_per_group"] = {
            g: {"n": int((eg == g).sum()), "label": "templated" if ey[eg == g][0] else "personal",
                "correct_at_0.5": round(float(((d_prob[eg == g] >= 0.5) == ey[eg == g]).mean()), 4)}
            for g in held_out_groups(eg)
        }

    dk = kinds_of(examples)
    experts = expert_kinds(dy, dk)
    d_coef, d_bias = fit_experts(scaled_draft_inputs(dx, dim), dy, dg, dk, experts)
    style = fit_style(dx[:, dim:], dy, dg, dk, experts)
    d_coef[:dim] *= EMBEDDING_SCALE  # fold the shrinkage into the weights: the server feeds raw inputs
    used_feedback = 0
    if feedback is not None and len(feedback[1]):
        if feedback[0].shape[1] != sx.shape[1]:
            raise ValueError(f"stored feedback rows have {feedback[0].shape[1]} columns, this model {sx.shape[1]}: "
                             "they were stored by another model version")
        used_feedback = len(feedback[1])
    s_coef, s_bias = fit_sentence_head(sx, sy, sg, so, feedback)
    se_coef, se_bias = fit_sentence_experts(sx, sy, sg, so, dk[so], experts, feedback)
    lexical = fit_lexical([lexical_training_text(e) for e in examples], dy, dg, dk, experts)
    out_dir.mkdir(parents=True, exist_ok=True)
    save_file(
        {"sentence_w": s_coef, "sentence_b": np.asarray([s_bias], dtype=np.float32),
         "sentence_experts_w": se_coef, "sentence_experts_b": se_bias,
         "draft_w": d_coef, "draft_b": d_bias,
         "style_w": style.coef, "style_b": style.bias,
         "style_center": style.center, "style_scale": style.scale,
         "prototypes_templated": prototypes[0].astype(np.float32), "prototypes_personal": prototypes[1].astype(np.float32)},
        str(out_dir / HEAD_FILE),
    )
    lexical.save(out_dir)
    meta = {
        "head_version": HEAD_VERSION,
        "encoder": ENCODER_NAME,
        "encoder_sha256": encoder.weights_sha256,
        "encoder_dtype": encoder.dtype,
        "sentence_features": list(SENTENCE_FEATURES),
        "draft_features": list(DRAFT_FEATURES),
        "sentence_calibration": list(s_cal),
        "draft_calibration": list(draft_blend.calibration),
        "blend": {"weights": draft_blend.weights, "stats": draft_blend.stats, **draft_blend.pool,
                  "embedding_scale": EMBEDDING_SCALE},
        "experts": list(experts),
        "sentence_head_trained_on": "synthetic pairs" if not sentence_training_rows(sg).all() else "dev data",
        "style_l2": STYLE_L2,
        "prototypes": {"templated": len(TEMPLATED_LINES), "personal": len(PERSONAL),
                       "templated_kinds": sorted(set(TEMPLATED_KINDS))},
        "lexical_terms": len(lexical.index),
        "feedback_rows": used_feedback,
        "trained_on": {"examples": len(examples), "groups": sorted(set(dg)), "fingerprint": data_fingerprint(examples)},
        "seed": SEED,
        "l2": L2,
        "report": report,
        "train_seconds": round(time.time() - started, 1),
    }
    (out_dir / HEAD_META_FILE).write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m models.train", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=SHARED_DATA, help="folder with emails-dev*.jsonl")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="where the head files go")
    parser.add_argument("--limit", type=int, default=None, help="train on a small slice keeping every group")
    parser.add_argument("--no-eval", action="store_true", help="skip leave-one-group-out figures")
    parser.add_argument("--no-synthetic", action="store_true",
                        help="train on the dev data only, without the team's paired emails (models/synthetic_pairs.jsonl)")
    parser.add_argument("--with-feedback", action="store_true",
                        help="fold the writer's dismissed and confirmed hints stored by this install into the sentence head")
    args = parser.parse_args(argv)
    examples = load_examples(args.data_dir, limit=args.limit) + ([] if args.no_synthetic else load_synthetic())
    encoder = SentenceEncoder()
    feedback = None
    if args.with_feedback:
        matrix, labels, skipped = load_feedback(encoder.dim + len(SENTENCE_FEATURES))
        feedback = (matrix, labels)
        print(f"folding in {len(labels)} stored verdicts ({int((labels == 0).sum())} dismissed as not templated)")
        if skipped:
            print(f"skipped {skipped} verdicts stored by an older model (other features): they still keep their "
                  "sentences from being hinted again, but cannot teach this one")
    try:
        meta = train(examples, args.out, encoder=encoder, evaluate=not args.no_eval, feedback=feedback)
    except ValueError as exc:  # stored feedback from another model version
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = meta["report"]
    parts = ", ".join(f"{k} {report[f'logo_{k}_auc']}" for k in BLEND_WEIGHTS)
    print(f"leave-one-group-out ROC-AUC: draft {report['logo_draft_auc']} ({parts}), "
          f"sentence {report.get('logo_sentence_auc', '-')}")
    if "logo_per_group" in report:
        for g, r in report["logo_per_group"].items():
            print(f"  {g:32s} {r['label']:9s} n={r['n']:4d}  correct at 0.5: {r['correct_at_0.5']:.3f}")
    print(f"wrote {args.out / HEAD_FILE} and {args.out / HEAD_META_FILE} in {meta['train_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
