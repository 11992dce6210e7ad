"""What the browser tests and bench/extension.py share: a fake Gmail served over TLS at the real origin
https://mail.google.com (self-signed certificate made with the openssl CLI), the real backend in a
subprocess, and Debian's Chromium with the unpacked extension (recipe: ../shared/docs/e2e-chromium.md)."""
from __future__ import annotations

import http.server
import json
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = Path(os.environ.get("SINCERELY_E2E_EXTENSION") or ROOT / "extension")  # another copy: to see a test fail without a fix
CHROMIUM = "/usr/lib/chromium/chromium"
HERE = Path(__file__).resolve().parent
ARTIFACTS = ROOT / "test-artifacts"


def browser_available() -> bool:
    return Path(CHROMIUM).exists() and shutil.which("openssl") is not None


def make_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", str(key),
         "-out", str(cert), "-subj", "/CN=mail.google.com", "-addext", "subjectAltName=DNS:mail.google.com"],
        check=True, capture_output=True)
    return cert, key


class FakeGmail:
    """https://mail.google.com/mail/u/0/ with a Gmail-like CSP: nonce scripts and Trusted Types required."""

    def __init__(self, directory: Path):
        cert, key = make_certificate(directory)
        page = (HERE / "fake_gmail.html").read_text()
        script = (HERE / "fake_gmail.js").read_bytes()

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path.split("?")[0]
                nonce = secrets.token_urlsafe(16)
                if path.startswith("/mail/"):
                    body = page.replace("{nonce}", nonce).encode()
                    ctype = "text/html; charset=utf-8"
                elif path == "/_/fake_gmail.js":
                    body, ctype = script, "text/javascript"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Security-Policy",
                                 f"script-src 'nonce-{nonce}' 'strict-dynamic' 'report-sample'; object-src 'none'; "
                                 f"base-uri 'self'; style-src 'nonce-{nonce}'; require-trusted-types-for 'script'")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Backend:
    """The real server (`python -m server serve`) on a free port with a temporary data folder."""

    def __init__(self, directory: Path):
        self.data_dir = directory / "data"
        self.log_path = directory / "backend.log"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "SINCERELY_DATA_DIR": str(self.data_dir), "HF_HUB_OFFLINE": "1",
               "TRANSFORMERS_OFFLINE": "1"}
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "server", "serve", "--port", str(self.port)],
                                     cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"backend exited: {self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.token = (self.data_dir / "token").read_text().strip()

    def analyze_requests(self) -> int:
        """How many POST /v1/analyze requests reached the server (its access log, one line each)."""
        return self.log_path.read_text().count("POST /v1/analyze ")

    def call(self, method: str, path: str, payload: dict | None = None) -> dict:
        req = urllib.request.Request(f"{self.url}{path}", method=method,
                                     data=None if payload is None else json.dumps(payload).encode(),
                                     headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


def launch(playwright, profile_dir: Path, gmail_port: int):
    """Chromium with the unpacked extension; returns (context, service worker, extension id)."""
    ctx = playwright.chromium.launch_persistent_context(
        str(profile_dir), executable_path=CHROMIUM, headless=False,
        viewport={"width": 1280, "height": 900},
        args=["--headless=new",
              f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}",
              "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--no-first-run", "--disable-quic",
              f"--host-resolver-rules=MAP mail.google.com 127.0.0.1:{gmail_port}",
              "--ignore-certificate-errors",
              f"--ip-address-space-overrides=127.0.0.1:{gmail_port}=public"])
    sw = ctx.service_workers[0] if ctx.service_workers else ctx.wait_for_event("serviceworker")
    return ctx, sw, sw.url.split("/")[2]


def configure(sw, base_url: str, token: str, default_on: bool = True) -> None:
    """Save settings as the options page would, and drop the service worker's cached copy."""
    sw.evaluate("""async ([baseUrl, token, defaultOn]) => {
        await chrome.storage.local.set({settings: {baseUrl, defaultOn}, 'sincerely:apiToken': token});
        await chrome.storage.session.remove('config');
    }""", [base_url, token, default_on])


GMAIL = "https://mail.google.com/mail/u/0/"


class CraftedBackend:
    """A stand-in server whose analysis carries markup in every string it returns (security.md E5)."""

    PAYLOAD = '<img src=x onerror="window.__pwned=1">'

    def __init__(self):
        payload = self.PAYLOAD

        def respond(request: dict) -> tuple[int, dict]:
            return 200, {"score": 0.9, "label": "templated", "threshold": 0.6, "model": payload, "elapsed_ms": 1,
                         "sentences": [{"start": 0, "end": len(request["text"]), "kind": "body", "score": 0.9,
                                        "flagged": True, "reasons": [payload]}],
                         "personal_spot": {"offset": 0, "prompt": payload, "reason": payload},
                         "placeholders": [], "ignored": []}

        self._server = ScriptedBackend(respond)
        self.url = self._server.url

    def close(self):
        self._server.close()


class SilentBackend:
    """Accepts TCP connections (the kernel's backlog) and never answers: a hung server."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def close(self):
        self.sock.close()


class ScriptedBackend:
    """A stand-in server whose analysis the test writes: `respond(payload) -> (status, body)`; every payload
    received is kept in `requests`. For layout tests that need hints at known places."""

    def __init__(self, respond=None):
        self.respond = respond or (lambda payload: (200, {"score": 0.1, "label": "personal", "sentences": []}))
        self.requests: list[dict] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: dict):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._send(200, {"ok": True, "model": "scripted", "version": "0"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length))
                outer.requests.append(payload)
                self._send(*outer.respond(payload))

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def flag_all(payload: dict, reasons=("stock opener (“I hope this email finds you well”)",), spot_at: str | None = None) -> tuple[int, dict]:
    """An analysis that flags every sentence of the draft (split after . ? ! and at line ends)."""
    import re

    text = payload["text"]
    sentences = [{"start": m.start(), "end": m.end(), "kind": "body", "score": 0.9, "flagged": True,
                  "reasons": list(reasons)} for m in re.finditer(r"[^\s.?!][^\n.?!]*[.?!]?", text)]
    spot = None
    if spot_at is not None and spot_at in text:
        spot = {"offset": text.index(spot_at), "prompt": "What did you talk about last time?",
                "reason": "a line only you could write"}
    return 200, {"score": 0.9, "label": "templated", "threshold": 0.6, "model": "scripted", "elapsed_ms": 1,
                 "sentences": sentences, "personal_spot": spot, "placeholders": [], "ignored": []}
