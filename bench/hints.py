"""How often honest mail gets a hint: the shipped model on the dev data's personal emails.

    .venv/bin/python -m bench.hints

For each personal source: the share the draft score reads as templated (the shipped draft heads were
trained on these emails, so this share is in-sample and low; the held-out figure is in
models/evaluation.json), and the shares of the emails read as personal that still show any sentence
hint (the sentence head never saw a dev email) or a ✎ personal-line spot. A hint or a spot on an
honest note is a nag; the aim is that at most one personal email in ten shows either.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict

AIM = 0.10


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from models.data import load_rows, split_subject
    from server.core.analyze import analyze_many
    from server.inference import TransformerScorer

    emails = [row for row in load_rows() if row["label"] == "personal"]
    results = analyze_many([split_subject(row["text"])[::-1] for row in emails], scorer=TransformerScorer())  # (body, subject)
    by_source: dict[str, list] = defaultdict(list)
    for row, result in zip(emails, results):
        by_source[row["id"].split("/")[0].split("-")[0]].append(result)
    by_source["all personal"] = results
    figures = {}
    for source, rs in by_source.items():
        read_personal = [r for r in rs if r.label == "personal"]
        hinted = [r for r in read_personal if any(s.flagged for s in r.sentences)]
        spotted = [r for r in read_personal if r.personal_spot is not None]
        figures[source] = {"emails": len(rs), "read_templated": round(1 - len(read_personal) / len(rs), 4),
                           "read_personal_with_a_hint": round(len(hinted) / max(1, len(read_personal)), 4),
                           "read_personal_with_a_spot": round(len(spotted) / max(1, len(read_personal)), 4),
                           "hints_per_hinted_email": round(sum(s.flagged for r in hinted for s in r.sentences)
                                                           / max(1, len(hinted)), 2)}
    print(json.dumps(figures, indent=2))
    missed = 0
    for what in ("hint", "spot"):
        share = figures["all personal"][f"read_personal_with_a_{what}"]
        missed += share > AIM
        print(f"personal emails read personal that still show a {what} {share:.3f} (aim <= {AIM}) {'ok' if share <= AIM else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
