"""`python -m server ...`: serve, check, score, token, create-admin, settings-doc."""
from __future__ import annotations

import argparse
import contextlib
import getpass
import ipaddress
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from .settings import load_settings, resolve_data_dir, settings_markdown

SCORE_CHUNK = 256
MIN_PASSWORD_LENGTH = 12
MIN_SECRET_KEY_LENGTH = 16
WEAK_SECRET_KEYS = {"dev", "secret", "changeme", "change-me"}


def team_secret_problem(secret_key: str) -> str | None:
    """Why a team server must not start with this secret key, or None (docs/security.md D1)."""
    if not secret_key:
        return "set SINCERELY_SECRET_KEY (e.g. python -c 'import secrets; print(secrets.token_hex(32))')"
    if secret_key.lower() in WEAK_SECRET_KEYS or len(secret_key) < MIN_SECRET_KEY_LENGTH:
        return f"SINCERELY_SECRET_KEY is a placeholder or shorter than {MIN_SECRET_KEY_LENGTH} characters"
    return None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    values = load_settings()
    host = args.host or values["host"]
    port = args.port or values["port"]
    if not is_loopback(host) and not args.public:
        print(f"refusing to listen on {host}: that exposes the server beyond this machine. "
              "Use --public for a team server (and set SINCERELY_TRUSTED_HOSTS).", file=sys.stderr)
        return 2
    if args.public and (problem := team_secret_problem(values["secret_key"])):
        print(f"refusing to start a team server: {problem}.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    from waitress import serve

    from . import create_app
    from .auth import token_path

    app = create_app(public=args.public)
    data_dir = app.extensions["sincerely"].data_dir
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    print(
        f"Sincerely {app.extensions['sincerely'].scorer.name} ready in {time.perf_counter() - started:.1f} s\n"
        f"  Serving on   {url}   (health: {url}/healthz, API: {url}/v1, docs: {url}/v1/openapi.json)\n"
        f"  Your token   {token_path(data_dir)}   (print it with: python -m server token)\n"
        f"  Admin        {url}/admin   (make the account with: python -m server create-admin)\n"
        f"  Next         paste the URL and token into the extension's options page, or try:\n"
        f"               .venv/bin/python -m server check - <<< 'Hi there, I hope this email finds you well.'\n"
        f"  Stop         Ctrl+C",
        flush=True,
    )
    # Each request passes waitress's I/O thread, a worker and an inference thread; a shorter GIL switch
    # interval (default 5 ms) hands it between them sooner. Measured by bench/latency.py.
    sys.setswitchinterval(0.0005)
    serve(app, host=host, port=port, threads=values["wsgi_threads"], ident="sincerely")
    return 0


def cmd_token(_args: argparse.Namespace) -> int:
    from .auth import load_or_create_token

    print(load_or_create_token(resolve_data_dir(load_settings())))
    return 0


def _scorer():
    from .inference import scorer_from_settings

    values = load_settings()
    return values, scorer_from_settings(values)


def _options(values: dict):
    """The settings' options, as the extension's answers use them (no user: nothing dismissed, no shift)."""
    from .options import settings_options

    return settings_options(values)


def cmd_check(args: argparse.Namespace) -> int:
    from .core import analyze
    from .core.segment import leading_subject
    from .render import render_analysis

    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    subject = args.subject
    if subject is None:  # a draft saved with its "Subject:" line: that line is the subject, not a sentence
        subject, text = leading_subject(text)
    values, scorer = _scorer()
    result = analyze(text, scorer=scorer, subject=subject, options=_options(values))
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        print(render_analysis(text, result, color=color))
    return 0


def _read_jsonl(stream: TextIO) -> Iterator[tuple[int, dict]]:
    for n, line in enumerate(stream, 1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                raise SystemExit(f"line {n}: not valid JSON")
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise SystemExit(f"line {n}: expected an object with a string \"text\"")
            yield n, row


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def cmd_score(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .core import analyze_many

    if args.input == "-":
        rows = list(_read_jsonl(sys.stdin))
    else:
        with open(args.input, encoding="utf-8") as source:
            rows = list(_read_jsonl(source))
    values, scorer = _scorer()
    options = _options(values)
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        out = sys.stdout if args.output in (None, "-") else stack.enter_context(open(args.output, "w", encoding="utf-8"))
        bar = stack.enter_context(tqdm(total=len(rows), desc="scoring", unit="email", file=sys.stderr, disable=args.quiet))
        for chunk in _chunks(rows, SCORE_CHUNK):
            drafts = [(row["text"], row["subject"] if isinstance(row.get("subject"), str) else None) for _, row in chunk]
            for (_, row), result in zip(chunk, analyze_many(drafts, scorer=scorer, options=options)):
                out.write(json.dumps({"id": row.get("id"), "score": result.score, "label": result.label}) + "\n")
            bar.update(len(chunk))
    elapsed = time.perf_counter() - started
    if not args.quiet:
        print(f"scored {len(rows)} emails in {elapsed:.1f} s ({len(rows) / max(elapsed, 1e-9):.1f} emails/s)", file=sys.stderr)
    return 0


def cmd_create_admin(args: argparse.Namespace) -> int:
    from werkzeug.security import generate_password_hash

    from .auth import ensure_data_dir
    from .store import Store, sqlite_url

    if not re.fullmatch(r"[A-Za-z0-9._@+-]{1,64}", args.username):
        print("error: the username takes letters, digits and . _ @ + - only (at most 64)", file=sys.stderr)
        return 2
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Again: "):
            print("error: the two passwords differ", file=sys.stderr)
            return 2
    if len(password) < MIN_PASSWORD_LENGTH:
        print(f"error: the password must have at least {MIN_PASSWORD_LENGTH} characters", file=sys.stderr)
        return 2
    values = load_settings()
    store = Store(values["database_url"] or sqlite_url(ensure_data_dir(resolve_data_dir(values).resolve())))
    try:
        store.set_admin(args.username, generate_password_hash(password))
        store.audit("cli", "admin account set", None, args.username)
    finally:
        store.close()
    print(f"admin {args.username!r} saved; log in at /admin/login")
    return 0


def cmd_settings_doc(_args: argparse.Namespace) -> int:
    sys.stdout.write(settings_markdown())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m server", description="Sincerely: keep the human in your email.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="serve the API with waitress (loopback unless --public)")
    p.add_argument("--host", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8765)")
    p.add_argument("--public", action="store_true", help="allow a non-loopback address (team server)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("check", help="print the hints for one draft")
    p.add_argument("file", help="a text file with the draft, or - for standard input")
    p.add_argument("--subject", help="the subject line")
    p.add_argument("--json", action="store_true", help="print the analysis as JSON")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("score", help="score {id, text} JSON lines, write {id, score, label} lines")
    p.add_argument("input", help="JSON-lines file, or - for standard input")
    p.add_argument("-o", "--output", help="output file (default standard output)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("token", help="print the API token (made on first use)")
    p.set_defaults(func=cmd_token)

    p = sub.add_parser("create-admin", help="create the admin account (or set its password)")
    p.add_argument("--username", default="admin", help="login name (default admin)")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input (scripts)")
    p.set_defaults(func=cmd_create_admin)

    p = sub.add_parser("settings-doc", help="print docs/settings.md from the settings table")
    p.set_defaults(func=cmd_settings_doc)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except ValueError as exc:  # a bad setting value
        print(f"error: {exc}", file=sys.stderr)
        return 2
