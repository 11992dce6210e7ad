"""Helpers for the benchmarks: a 200-word draft, a real server process, percentiles."""
from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "Hi Marcus,",
    "I hope this email finds you well and that the quarter is off to a strong start.",
    "I'm reaching out because our analytics platform helps retail teams like yours turn store data into decisions.",
    "Last month we helped a regional grocer cut inventory waste by nineteen percent in six weeks.",
    "Our dashboards plug into the point-of-sale system you already use, so setup takes an afternoon.",
    "Store managers get a short morning summary instead of another report to dig through.",
    "Finance teams see margin by aisle and by hour without waiting for the month to close.",
    "We also flag unusual refunds, which tends to pay for the tool on its own.",
    "I noticed your new location in Tacoma opened in March, congratulations on the launch.",
    "Would you be open to a quick twenty-minute call next Tuesday or Wednesday?",
    "I can walk you through a live demo with sample data from a store of your size.",
    "If the timing is not right, just let me know and I will follow up next quarter.",
    "Thanks for your time and consideration.",
    "Best regards,",
    "Dana",
]


def draft(variant: int | None = None) -> str:
    """The 200-word draft; a variant number makes every sentence new (nothing cached)."""
    parts = list(SENTENCES)
    if variant is not None:
        parts = [s if i in (0, len(parts) - 2, len(parts) - 1) else f"{s[:-1]} (ref {variant}-{i}){s[-1]}"
                 for i, s in enumerate(parts)]
    greeting, body, signoff, name = parts[0], parts[1:-2], parts[-2], parts[-1]
    return f"{greeting}\n\n" + " ".join(body[:6]) + "\n\n" + " ".join(body[6:]) + f"\n\n{signoff}\n{name}"


def one_word_edit(text: str, i: int) -> str:
    """Change the third word of one body sentence; successive runs walk through the sentences in turn."""
    first, second, third = SENTENCES[1 + i % (len(SENTENCES) - 3)].split()[:3]
    at = text.index(f"{first} {second} {third}") + len(first) + len(second) + 2
    return text[:at] + f"w{i}" + text[at + len(third):]


def words(text: str) -> int:
    return len(text.split())


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def p50(values: list[float]) -> float:
    return statistics.median(values)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m server serve` in its own process, on a free port, with a throwaway data folder."""

    def __init__(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "SINCERELY_DATA_DIR": self.tmp.name, "SINCERELY_LOG_LEVEL": "WARNING",
               "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-m", "server", "serve", "--port", str(self.port)], cwd=ROOT,
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.token: str | None = None
        self._conn: http.client.HTTPConnection | None = None

    def wait_first_answer(self, text: str, timeout: float = 120) -> float:
        """Seconds from process start to the first successful analyze."""
        deadline = time.time() + timeout
        token_file = Path(self.tmp.name) / "token"
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited")
            if token_file.exists():
                try:
                    self.token = token_file.read_text().strip()
                    self.analyze(text)
                    return time.perf_counter() - self.started
                except (OSError, ValueError):
                    pass
            time.sleep(0.02)
        raise TimeoutError("server did not answer")

    def analyze(self, text: str) -> dict:
        """POST /v1/analyze on a kept-alive connection, as a browser's fetch would."""
        if self._conn is None:
            self._conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self._conn.request("POST", "/v1/analyze", body=json.dumps({"text": text}).encode(),
                               headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"})
            resp = self._conn.getresponse()
            body = resp.read()
        except OSError:
            self._conn.close()
            self._conn = None
            raise
        if resp.status != 200:
            raise ValueError(f"status {resp.status}")
        return json.loads(body)

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self.proc.terminate()
        self.proc.wait(timeout=20)
        self.tmp.cleanup()
