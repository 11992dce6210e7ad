"""`python -m server score` throughput on the dev emails (batch-encoded, real model).

    .venv/bin/python -m bench.throughput [--file ../shared/data/emails-dev.jsonl]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import ROOT

TARGET = 25.0
DEFAULT_FILE = ROOT.parent / "shared" / "data" / "emails-dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    args = parser.parse_args()
    n = sum(1 for line in args.file.open() if line.strip())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.jsonl"
        env = {**os.environ, "SINCERELY_DATA_DIR": tmp, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "server", "score", str(args.file), "-o", str(out)], cwd=ROOT,
                              env=env, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        scored = [json.loads(line) for line in out.read_text().splitlines()]
    summary = proc.stderr.strip().splitlines()[-1]
    rate = float(summary.split("(")[1].split()[0])
    print(json.dumps({"emails": n, "scored": len(scored), "emails_per_s": rate,
                      "wall_s_including_model_load": round(wall, 1)}, indent=2))
    print(f"score throughput {rate} emails/s (target >= {TARGET}) {'ok' if rate >= TARGET else 'MISSED'}")
    return 0 if rate >= TARGET and len(scored) == n else 1


if __name__ == "__main__":
    raise SystemExit(main())
