"""Evaluate the templated-email model the way a sceptic would: `python -m models.evaluate`.

Leave-one-source-group-out: every group is scored by a model that never saw that group, for our
model and for two baselines measured on the same splits (TF-IDF + logistic regression on words and
bigrams; a stock-phrase list). Pooled out-of-group scores give ROC-AUC, recall at <= 3 % false alarms
on personal mail, a reliability table, and per-group / per-kind figures at the default threshold.

`python -m models.evaluate --held-out FILE.jsonl` instead scores a labelled file the models never saw
(same fields as the dev data) with the shipped model, exactly as the server does, beside the two
baselines trained on all the dev data: the same figures, for a held-out set from other sources.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

from server.core import AnalyzeOptions

from .data import GROUP_KINDS, SHARED_DATA, Example, load_examples, load_synthetic, read_jsonl, split_subject, to_example, unix_newlines
from .train import (
    BLEND_POOL,
    BLEND_WEIGHTS,
    build_matrices,
    draft_components_oof,
    embed_examples,
    embed_prototypes,
    evidence_mask,
    fit_blend,
    lexical_oof,
    roc_auc,
    scored_mask,
)

KINDS = GROUP_KINDS  # what kind of template each templated dev group is (the list of kinds)
MODERN_PERSONAL = "hrc_state"
MAX_FALSE_ALARMS = 0.03
# The two baselines the issue asks to beat, by the names the report gives them.
TFIDF_BASELINE = "TF-IDF + logistic regression"
PHRASE_BASELINE = "stock-phrase list"
BASELINES = (TFIDF_BASELINE, PHRASE_BASELINE)


def recall_at_false_alarms(scores: np.ndarray, labels: np.ndarray, max_fa: float = MAX_FALSE_ALARMS) -> tuple[float, float]:
    """Best templated recall with at most max_fa of personal mail flagged, and the threshold used."""
    neg = np.sort(scores[labels == 0])
    k = int(np.floor(max_fa * len(neg)))
    threshold = neg[len(neg) - k - 1] if k < len(neg) else -np.inf  # flag strictly above this
    return float((scores[labels == 1] > threshold).mean()), float(threshold)


BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 1234


def bootstrap_interval(scores: np.ndarray, labels: np.ndarray, statistic, resamples: int = BOOTSTRAP_RESAMPLES,
                       level: float = 0.95, seed: int = BOOTSTRAP_SEED) -> list[float]:
    """A `level` interval for statistic(scores, labels) over the emails resampled with replacement within each
    label (each resample keeps both labels' counts): how much a figure measured on this many emails could move
    by chance. It does not say how far a new source may differ (the per-group table does)."""
    rng = np.random.default_rng(seed)
    templated, personal = np.flatnonzero(labels == 1), np.flatnonzero(labels == 0)
    values = [statistic(scores[rows], labels[rows]) for rows in
              (np.concatenate([rng.choice(templated, len(templated)), rng.choice(personal, len(personal))])
               for _ in range(resamples))]
    low, high = np.quantile(values, [(1 - level) / 2, (1 + level) / 2])
    return [round(float(low), 4), round(float(high), 4)]


def recall_at_3pct(scores: np.ndarray, labels: np.ndarray) -> float:
    return recall_at_false_alarms(scores, labels)[0]


def reliability(probs: np.ndarray, labels: np.ndarray, bins: int = 10) -> list[dict]:
    edges = np.linspace(0, 1, bins + 1)
    rows = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (probs >= lo) & ((probs < hi) if hi < 1 else (probs <= hi))
        if m.any():
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(m.sum()), "mean_score": round(float(probs[m].mean()), 3),
                         "templated_share": round(float(labels[m].mean()), 3)})
    return rows


THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.9)


def threshold_table(probs: np.ndarray, labels: np.ndarray, groups: np.ndarray) -> list[dict]:
    """What each candidate default threshold costs in false alarms (all personal mail, and each personal group)
    and buys in templated recall."""
    rows = []
    for t in THRESHOLDS:
        flagged = probs >= t
        row = {"threshold": t, "personal_flagged": round(float(flagged[labels == 0].mean()), 4)}
        for g in sorted(set(groups[labels == 0])):
            row[g] = round(float(flagged[groups == g].mean()), 4)
        row["templated_recall"] = round(float(flagged[labels == 1].mean()), 4)
        rows.append(row)
    return rows


ROC_FALSE_ALARMS = (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)


def roc_points(scores: np.ndarray, labels: np.ndarray) -> list[list[float]]:
    """[false-alarm budget, best templated recall within it]: the ROC curve at the budgets a user feels."""
    return [[fa, round(recall_at_false_alarms(scores, labels, fa)[0], 4)] for fa in ROC_FALSE_ALARMS]


def _share(mask: np.ndarray) -> float | None:
    return round(float(mask.mean()), 4) if mask.size else None


def summarise(name: str, scores: np.ndarray, labels: np.ndarray, groups: np.ndarray, flagged: np.ndarray,
              kinds_of: dict[str, str] = KINDS, modern_personal: np.ndarray | None = None) -> dict:
    """The report's figures for one model. Kinds are looked up by group; modern personal mail is the
    hrc_state group unless a mask says which rows it is."""
    both = (labels == 0).any() and (labels == 1).any()
    recall, _ = recall_at_false_alarms(scores, labels) if both else (None, None)
    per_group = {g: round(float((flagged[groups == g] == labels[groups == g]).mean()), 3) for g in sorted(set(groups))}
    kinds: dict[str, list[bool]] = {}
    for g, kind in kinds_of.items():
        kinds.setdefault(kind, []).extend(flagged[groups == g].tolist())
    modern = groups == MODERN_PERSONAL if modern_personal is None else modern_personal
    return {
        "name": name,
        "roc_auc": round(roc_auc(scores, labels), 4) if both else None,
        "roc_auc_95": bootstrap_interval(scores, labels, roc_auc) if both else None,
        "recall_at_3pct_false_alarms": round(recall, 4) if both else None,
        "recall_at_3pct_95": bootstrap_interval(scores, labels, recall_at_3pct) if both else None,
        "modern_personal_flagged": _share(flagged[modern]),
        "personal_flagged": _share(flagged[labels == 0]),
        "templated_recall": _share(flagged[labels == 1]),
        "per_group_correct": per_group,
        "per_kind_recall": {k: round(float(np.mean(v)), 3) for k, v in kinds.items() if v},
        "roc": roc_points(scores, labels) if both else [],
    }


def flag_at_rate(scores: np.ndarray, labels: np.ndarray, rate: float) -> np.ndarray:
    """A baseline flags the same share of personal mail as ours (its highest-scored): a like-for-like comparison."""
    cut = np.quantile(scores[labels == 0], 1 - rate) if rate > 0 else np.inf
    return scores > cut


# The dev data's README defines personal mail as written by one person to specific people, automated senders
# dropped; a few automated mailings kept that label: use Perl's daily digests and IDG's "send this story to a
# friend" pages. Found by reading the personal mail scored highest, after the fact: the headline figures keep
# them, and the report gives the figure without them beside, as a check on how much the label noise costs.
AUTOMATED_PERSONAL_RE = re.compile(
    r"^(?:Stories|Headlines) for \d{4}-\d\d-\d\d$"
    r"|^use Perl Daily (?:Newsletter|Headline Mailer)$"
    r"|^This message was sent to you from http://www\.idg\.net$"
)


def automated_personal(examples: list[Example]) -> np.ndarray:
    """Personal-labelled examples that are automated mailings by AUTOMATED_PERSONAL_RE (subject or a line)."""
    return np.asarray([e.label == 0 and any(AUTOMATED_PERSONAL_RE.search(t.strip()) for t in (e.subject or "", *e.sentences))
                       for e in examples], dtype=bool)


def label_noise_check(examples: list[Example], labels: np.ndarray, flagged: np.ndarray,
                      scores: dict[str, np.ndarray]) -> dict:
    """Each model's recall at 3 % false alarms, and our flagged share, without the automated mailings labelled
    personal."""
    keep = ~automated_personal(examples)
    return {
        "personal_left_out": int((~keep).sum()),
        "personal_flagged": _share(flagged[keep & (labels == 0)]),
        "recall_at_3pct_false_alarms": {name: round(recall_at_3pct(s[keep], labels[keep]), 4) for name, s in scores.items()},
        "recall_at_3pct_95": {name: bootstrap_interval(s[keep], labels[keep], recall_at_3pct) for name, s in scores.items()},
    }


def out_of_group_components(examples: list[Example], progress: bool = True):
    """Every draft signal for every scored example, each from models that never saw its group, with the
    scored examples' labels and groups and the mask that picked them (synthetic examples are never scored)."""
    from server.inference import SentenceEncoder  # looked up at call time: an experiment may swap the encoder

    encoder = SentenceEncoder()
    vectors = embed_examples(encoder, examples, progress)
    sentence_matrix, (dx, dy, dg) = build_matrices(examples, vectors)
    components = draft_components_oof(examples, vectors, sentence_matrix, (dx, dy, dg), encoder.dim,
                                      embed_prototypes(encoder), progress)
    scored = scored_mask(dg)
    return {k: v[scored] for k, v in components.items()}, dy[scored], dg[scored], scored


def calibrated_blend(components: dict[str, np.ndarray], labels: np.ndarray, examples: list[Example],
                     weights: dict[str, float] = BLEND_WEIGHTS, fit: np.ndarray | None = None,
                     apply: np.ndarray | None = None, *, pool: dict = BLEND_POOL,
                     evidence: np.ndarray | None = None) -> np.ndarray:
    """The blend the server uses, on out-of-group signals: standardised and calibrated (14 numbers) on the `fit`
    rows, then the evidence floor, for the `apply` rows (both: every row). Experiments change the weights, the
    pool or the rows it is fitted on; `evidence` is the examples' evidence_mask, computed here if not given."""
    everything = np.ones(len(labels), dtype=bool)
    fit = everything if fit is None else fit
    apply = everything if apply is None else apply
    evidence = evidence_mask(examples) if evidence is None else evidence

    def rows_of(mask: np.ndarray) -> list[Example]:
        return [e for e, keep in zip(examples, mask) if keep]

    draft_blend = fit_blend({k: v[fit] for k, v in components.items()}, labels[fit], rows_of(fit), evidence[fit],
                            weights, pool)
    return draft_blend.probabilities({k: v[apply] for k, v in components.items()}, rows_of(apply), evidence[apply])


def evaluate(examples: list[Example], threshold: float = AnalyzeOptions().draft_threshold, progress: bool = True,
             kinds_of: dict[str, str] = KINDS) -> dict:
    """Ours is the blend the server uses; the baselines are its lexical part alone (TF-IDF + logistic
    regression) and its phrase part alone (the stock-phrase list), on the same splits. The blend's
    standardisation and calibration are fitted on the pooled out-of-group scores (14 numbers). `kinds_of`
    says which kind of template each group is."""
    components, dy, dg, scored = out_of_group_components(examples, progress)
    # The TF-IDF baseline as a sceptic would build it: trained on the dev data alone.
    dev_only = [e for e, keep in zip(examples, scored) if keep]
    tfidf_dev_only = lexical_oof(dev_only, dy, dg, progress)  # one model for all templates (ours has one per kind)
    probs = calibrated_blend(components, dy, dev_only)
    ours_flagged = probs >= threshold
    fa_rate = ours_flagged[dy == 0].mean()

    alone = {TFIDF_BASELINE: tfidf_dev_only,
             "TF-IDF + LR per kind" + ("" if scored.all() else ", with synthetic pairs"): components["lexical"],
             PHRASE_BASELINE: components["phrases"],
             "features + MiniLM head alone": components["features"],
             "style head alone": components["style"],
             "stock-line prototypes alone": components["prototypes"],
             "sentence head alone (top 3)": components["sentences"]}
    return {
        "examples": int(scored.sum()),
        "synthetic_training_examples": int((~scored).sum()),
        "threshold": threshold,
        "models": [summarise("sincerely (blend)", probs, dy, dg, ours_flagged, kinds_of)]
                  + [summarise(name, scores, dy, dg, flag_at_rate(scores, dy, fa_rate), kinds_of) for name, scores in alone.items()],
        "label_noise": label_noise_check(dev_only, dy, ours_flagged, {"sincerely (blend)": probs, TFIDF_BASELINE: tfidf_dev_only}),
        "reliability": reliability(probs, dy),
        "thresholds": threshold_table(probs, dy, dg),
        "groups": {g: {"n": int((dg == g).sum()), "label": "templated" if dy[dg == g][0] else "personal"} for g in sorted(set(dg))},
    }


MODERN_YEAR = 2014  # the dev data's personal mail ends in 2013
HELD_OUT = "held-out file, shipped model"


def is_held_out(report: dict) -> bool:
    return report.get("evaluation") == HELD_OUT


def held_out_kinds(rows: list[dict]) -> dict[str, str]:
    """Each templated group's kind: the row's `kind` if it has one, the dev kind of a dev group, else its subtype."""
    kinds = {}
    for row in rows:
        if row["label"] == "templated":
            group = row.get("group") or "held-out"
            kinds.setdefault(group, row.get("kind") or KINDS.get(group) or row.get("subtype") or group)
    return kinds


def evaluate_held_out(rows: list[dict], dev: list[Example], threshold: float = AnalyzeOptions().draft_threshold,
                      scorer=None) -> dict:
    """Score rows the models never saw with the shipped model, through the server's own analysis (segmenting,
    evidence floor, calibration), beside the two baselines trained on all of `dev`."""
    from server.core.analyze import analyze_many
    from server.core.features import phrase_score
    from server.inference import TransformerScorer
    from server.lexical import draft_text

    from .train import fit_lexical, lexical_training_text

    # a file written on Windows (CRLF) reads like the dev data: same subject line, same paragraphs
    rows = [{**row, "group": row.get("group") or "held-out", "text": unix_newlines(row["text"])} for row in rows]
    examples = [to_example(row) for row in rows]
    subjects_and_bodies = [split_subject(row["text"]) for row in rows]
    analyses = analyze_many([(body, subject) for subject, body in subjects_and_bodies],
                            scorer=scorer or TransformerScorer(), options=AnalyzeOptions(draft_threshold=threshold))
    probs = np.array([a.score for a in analyses])
    labels = np.array([e.label for e in examples])
    groups = np.array([e.group for e in examples])
    modern = np.array([row["label"] == "personal" and int(row.get("year") or 0) >= MODERN_YEAR for row in rows])
    dev_labels, dev_groups = np.array([e.label for e in dev]), np.array([e.group for e in dev])
    lexical = fit_lexical([lexical_training_text(e) for e in dev], dev_labels, dev_groups)
    baselines = {TFIDF_BASELINE: np.array([lexical.logit(draft_text(e.sentences, e.subject)) for e in examples]),
                 PHRASE_BASELINE: np.array([phrase_score(e.sentences) for e in examples])}
    ours = probs >= threshold
    kinds = held_out_kinds(rows)
    fa_rate = ours[labels == 0].mean() if (labels == 0).any() else None

    def baseline_flags(scores):
        if fa_rate is None:  # no personal mail to match a false-alarm rate on: the baselines get no cut
            return np.zeros(len(scores), dtype=bool)
        return flag_at_rate(scores, labels, fa_rate)

    return {
        "evaluation": HELD_OUT,
        "examples": len(rows),
        "threshold": threshold,
        "models": [summarise("sincerely (shipped)", probs, labels, groups, ours, kinds, modern)]
                  + [summarise(name, s, labels, groups, baseline_flags(s), kinds, modern) for name, s in baselines.items()],
        "reliability": reliability(probs, labels),
        "groups": {g: {"n": int((groups == g).sum()), "label": "templated" if labels[groups == g][0] else "personal"}
                   for g in sorted(set(groups))},
    }


def print_report(report: dict) -> None:
    models = report["models"]
    names = [m["name"] for m in models]
    how = "A held-out file, scored by the shipped model," if is_held_out(report) else "Leave-one-source-group-out"
    print(f"{how} on {report['examples']} emails; our threshold {report['threshold']}; "
          f"baselines cut at the same false-alarm rate.\n")
    rows = [("ROC-AUC", "roc_auc"), ("  95% interval (bootstrap)", "roc_auc_95"),
            ("recall at <=3% false alarms", "recall_at_3pct_false_alarms"), ("  95% interval (bootstrap)", "recall_at_3pct_95"),
            ("personal mail flagged", "personal_flagged"), ("modern personal flagged", "modern_personal_flagged"),
            ("templated recall", "templated_recall")]
    print(f"{'':30s}" + "".join(f"{n[:28]:>30s}" for n in names))
    for label, key in rows:
        print(f"{label:30s}" + "".join(f"{_figure(m.get(key)):>30}" for m in models))
    print("\nPer group (share judged correctly" + ("):" if is_held_out(report) else " when held out):"))
    for g, info in report["groups"].items():
        print(f"  {g:32s} {info['label']:9s} n={info['n']:4d}" + "".join(f"{m['per_group_correct'][g]:>10.3f}" for m in models))
    print("\nPer kind of template (recall" + ("):" if is_held_out(report) else " when held out):"))
    for kind in models[0]["per_kind_recall"]:
        print(f"  {kind:32s}" + "".join(f"{m['per_kind_recall'][kind]:>10.3f}" for m in models))
    if is_held_out(report):
        _print_reliability(report)
        return
    _print_label_noise(report)
    print("\nCandidate default thresholds (share flagged, out of group):")
    columns = list(report["thresholds"][0])
    print("  " + "".join(f"{c[:22]:>24s}" for c in columns))
    for r in report["thresholds"]:
        print("  " + "".join(f"{r[c]:>24}" for c in columns))
    _print_reliability(report)


def _figure(value) -> str:
    if value is None:
        return "-"
    return f"{value[0]:.4f}-{value[1]:.4f}" if isinstance(value, list) else str(value)


def _print_label_noise(report: dict) -> None:
    noise = report.get("label_noise")
    if not noise or not noise["personal_left_out"]:
        return
    print(f"\nLabel noise (a check, not the figure above): without the {noise['personal_left_out']} automated mailings "
          f"labelled personal (use Perl digests, IDG send-to-a-friend pages):")
    for name, recall in noise["recall_at_3pct_false_alarms"].items():
        low, high = noise["recall_at_3pct_95"][name]
        print(f"  {name:32s} recall at <=3% false alarms {recall:.4f} ({low:.4f}-{high:.4f})")
    print(f"  personal mail flagged at our threshold: {noise['personal_flagged']}")


def _print_reliability(report: dict) -> None:
    print("\nReliability of our calibrated score" + (":" if is_held_out(report) else " (pooled out-of-group):"))
    print(f"  {'score bin':10s} {'n':>5s} {'mean score':>11s} {'templated share':>16s}")
    for r in report["reliability"]:
        print(f"  {r['bin']:10s} {r['n']:5d} {r['mean_score']:11.3f} {r['templated_share']:16.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m models.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=SHARED_DATA)
    parser.add_argument("--threshold", type=float, default=AnalyzeOptions().draft_threshold,
                        help="the threshold for flagged shares (default: the product's default)")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    parser.add_argument("--no-synthetic", action="store_true", help="train every fold on the dev data only")
    parser.add_argument("--plot", type=Path, help="also draw the report (ROC, per kind, reliability) as a PNG here "
                        "(needs matplotlib, in requirements-dev.txt)")
    parser.add_argument("--held-out", type=Path, nargs="+", metavar="FILE",
                        help="score these labelled JSON-lines files (fields as in the dev data) with the shipped model instead")
    args = parser.parse_args(argv)
    if args.held_out:
        rows = [row for path in args.held_out for row in read_jsonl(path)]
        report = evaluate_held_out(rows, load_examples(args.data_dir), args.threshold)
    else:
        report = evaluate(load_examples(args.data_dir) + ([] if args.no_synthetic else load_synthetic()), args.threshold)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    if args.plot:
        from .plots import plot_report

        plot_report(report, args.plot)
        print(f"\ndrew {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
