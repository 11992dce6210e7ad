"""How often the personal-line spot agrees with a careful writer: `python -m models.spots`.

models/spot_labels.jsonl holds 100 dev drafts labelled by hand (ids and offsets only; see
models/SPOT_LABELS.md): the offsets a careful writer would accept, and whether no spot is fine.
The tool's spot agrees when it is one of them, or the same position up to white space (the end of
a greeting and the start of the next sentence are one place), or when it gives no spot and none is fine.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from server.core import AnalyzeOptions, Scorer, analyze

from .data import SHARED_DATA, load_rows, read_jsonl, split_subject

LABELS_FILE = Path(__file__).resolve().parent / "spot_labels.jsonl"


@dataclass(frozen=True)
class SpotCase:
    id: str
    rule: int
    label: str
    acceptable: tuple[int, ...]
    none_ok: bool
    subject: str | None
    body: str


def load_cases(labels_file: Path = LABELS_FILE, data_dir: Path = SHARED_DATA) -> list[SpotCase]:
    texts = {row["id"]: row["text"] for row in load_rows(data_dir)}
    cases = []
    for lab in read_jsonl(labels_file):
        subject, body = split_subject(texts[lab["id"]])
        cases.append(SpotCase(lab["id"], lab["rule"], lab["label"], tuple(lab["acceptable"]), lab["none_ok"], subject, body))
    return cases


def agrees(case: SpotCase, offset: int | None) -> bool:
    if offset is None:
        return case.none_ok
    return any(not case.body[min(offset, a):max(offset, a)].strip() for a in case.acceptable)


def evaluate_spots(cases: list[SpotCase], scorer: Scorer, options: AnalyzeOptions | None = None) -> dict:
    options = options or AnalyzeOptions()
    by_rule: dict[int, list[bool]] = defaultdict(list)
    by_label: dict[str, list[bool]] = defaultdict(list)
    misses = []
    placed: list[bool] = []  # where the tool offered a spot: was it an acceptable place?
    withheld = 0  # a spot was wanted, but the draft did not read templated, so none was offered
    for case in cases:
        spot = analyze(case.body, scorer=scorer, subject=case.subject, options=options).personal_spot
        ok = agrees(case, None if spot is None else spot.offset)
        by_rule[case.rule].append(ok)
        by_label[case.label].append(ok)
        if spot is not None:
            placed.append(ok)
        elif not case.none_ok:
            withheld += 1
        if not ok:
            misses.append({"id": case.id, "rule": case.rule, "tool": None if spot is None else spot.offset,
                           "acceptable": list(case.acceptable), "none_ok": case.none_ok})
    share = lambda v: round(sum(v) / len(v), 3)  # noqa: E731
    return {
        "cases": len(cases),
        "agreement": share([ok for v in by_rule.values() for ok in v]),
        "by_rule": {r: {"n": len(v), "agreement": share(v)} for r, v in sorted(by_rule.items())},
        "by_label": {k: {"n": len(v), "agreement": share(v)} for k, v in sorted(by_label.items())},
        "offered": {"n": len(placed), "agreement": share(placed) if placed else None},
        "withheld": withheld,
        "misses": misses,
    }


RULES = {1: "in place of a stock opener", 2: "after the greeting / at the top", 3: "before the ask", 4: "no spot needed"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m models.spots", description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    from server.inference import TransformerScorer

    report = evaluate_spots(load_cases(), TransformerScorer())
    print(f"Personal-line spot agrees with the hand labels on {report['agreement']:.1%} of {report['cases']} drafts")
    for rule, r in report["by_rule"].items():
        print(f"  rule {rule} ({RULES[rule]}): {r['agreement']:.1%} of {r['n']}")
    for label, r in report["by_label"].items():
        print(f"  {label} drafts: {r['agreement']:.1%} of {r['n']}")
    print(f"  where a spot was offered, it was an acceptable place in {report['offered']['agreement']:.1%} of "
          f"{report['offered']['n']}; {report['withheld']} drafts wanted one but read personal, so got none")
    if args.show_misses:
        for m in report["misses"]:
            print("  miss:", json.dumps(m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
