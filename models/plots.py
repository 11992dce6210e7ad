"""The evaluation report as one picture (`python -m models.evaluate --plot models/evaluation.png`):
where a reader would rather look than read. Drawn from the report dict alone, so it never sees an email."""
from __future__ import annotations

from pathlib import Path

from .evaluate import BASELINES, MAX_FALSE_ALARMS, is_held_out  # the first model in a report is ours, the baselines beside it


def plot_report(report: dict, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")  # files only: no display on a server or in CI
    from matplotlib import pyplot as plt

    ours = report["models"][0]
    baselines = [m for m in report["models"] if m["name"] in BASELINES]
    fig, (roc_ax, kind_ax, rel_ax) = plt.subplots(1, 3, figsize=(17, 5.2), gridspec_kw={"width_ratios": [1, 1.25, 1]})
    fig.suptitle(f"Leave-one-source-group-out on {report['examples']} dev emails "
                 f"(every group scored by a model that never saw it)" if not is_held_out(report) else
                 f"A held-out file of {report['examples']} emails, scored by the shipped model", fontsize=12)

    for model, style in zip([ours, *baselines], ["-o", "--s", ":^"]):
        fa, recall = zip(*model["roc"])
        roc_ax.plot(fa, recall, style, label=f"{model['name']} (AUC {model['roc_auc']:.3f})", markersize=4)
    roc_ax.axvline(MAX_FALSE_ALARMS, color="grey", linewidth=0.8)
    roc_ax.annotate(f"{MAX_FALSE_ALARMS:.0%} budget", (MAX_FALSE_ALARMS, 0.97), xytext=(4, 0), textcoords="offset points",
                    fontsize=8, color="grey")
    roc_ax.set_xscale("symlog", linthresh=0.01)
    roc_ax.set(xlim=(0, 1), ylim=(0, 1.02), xlabel="personal mail flagged (false alarms, log scale above 1%)",
               ylabel="templated mail flagged (recall)", title="Recall at each false-alarm budget")
    roc_ax.set_xticks([0, 0.01, 0.03, 0.1, 0.3, 1.0])
    roc_ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    roc_ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    roc_ax.legend(fontsize=8, loc="lower right")
    roc_ax.grid(alpha=0.3)

    kinds = list(ours["per_kind_recall"])
    width = 0.8 / (1 + len(baselines))
    for i, model in enumerate([ours, *baselines]):
        kind_ax.barh([k + (i - len(baselines) / 2) * width for k in range(len(kinds))],
                     [model["per_kind_recall"].get(kind, 0) for kind in kinds], height=width, label=model["name"])
    kind_ax.axvline(0.85, color="grey", linewidth=0.8, linestyle="--", label="target 0.85")
    kind_ax.set(yticks=range(len(kinds)), yticklabels=kinds, xlim=(0, 1), xlabel="share of held-out templates flagged",
                title=f"Recall per kind at threshold {report['threshold']} (baselines at the same false alarms)")
    kind_ax.invert_yaxis()
    kind_ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)

    bins = report["reliability"]
    means = [b["mean_score"] for b in bins]
    rel_ax.plot([0, 1], [0, 1], color="grey", linewidth=0.8, label="perfectly calibrated")
    rel_ax.plot(means, [b["templated_share"] for b in bins], "-o", label="our calibrated score")
    for b in bins:
        rel_ax.annotate(f"n={b['n']}", (b["mean_score"], b["templated_share"]), xytext=(4, -10),
                        textcoords="offset points", fontsize=7, color="grey")
    rel_ax.set(xlim=(0, 1), ylim=(0, 1), xlabel="score (mean in bin)", ylabel="share of those drafts that are templated",
               title="Reliability: does 0.8 mean 80%?")
    rel_ax.legend(fontsize=8, loc="upper left")
    rel_ax.grid(alpha=0.3)

    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
