"""Run every benchmark and print the figures: `make bench`."""
from __future__ import annotations

import subprocess
import sys


def main() -> int:
    codes = [subprocess.call([sys.executable, "-m", f"bench.{name}"]) for name in ("latency", "throughput", "hints", "robustness")]
    return max(codes)


if __name__ == "__main__":
    raise SystemExit(main())
