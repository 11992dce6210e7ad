"""The CLI: serve refuses public hosts, token, check and score (with the real model), and a real
waitress server answering over HTTP."""
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from server import cli
from tests.conftest import CANARY
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
TEMPLATED = ("Hi {{first_name}},\n\nI hope this email finds you well. I'm reaching out because our platform "
             "helps companies like yours boost revenue. Would you be open to a quick call this week?\n\nBest,\nJordan")


def env_for(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SINCERELY_")}
    env.update(SINCERELY_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONPATH=str(ROOT))
    return env


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.com", "::"])
def test_serve_refuses_non_loopback_without_public(host, capsys):
    assert cli.main(["serve", "--host", host]) == 2
    assert "--public" in capsys.readouterr().err


@pytest.mark.parametrize("host, ok", [("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True),
                                      ("0.0.0.0", False), ("10.0.0.1", False)])
def test_is_loopback(host, ok):
    assert cli.is_loopback(host) is ok


def test_token_is_stable_and_private(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SINCERELY_DATA_DIR", str(tmp_path))
    cli.main(["token"])
    first = capsys.readouterr().out.strip()
    cli.main(["token"])
    assert capsys.readouterr().out.strip() == first
    assert len(first) >= 40 and (tmp_path / "token").stat().st_mode & 0o777 == 0o600


@pytest.fixture
def cli_with_real_model(monkeypatch, real_scorer, tmp_path):
    from server.settings import load_settings

    monkeypatch.setenv("SINCERELY_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(cli, "_scorer", lambda: (load_settings(), real_scorer))


@pytest.mark.real_model
def test_check_prints_hints_without_colour_when_piped(cli_with_real_model, tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(TEMPLATED)
    assert cli.main(["check", str(draft)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Reads templated")
    assert "merge field left in: {{first_name}}" in out
    assert "stock opener" in out
    assert "[✎ your line here]" in out
    assert "\033[" not in out


@pytest.mark.real_model
def test_check_json(cli_with_real_model, monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Hi Ana,\n\nThe ferry to Vis leaves at 7:40 on Saturday; I kept your blue scarf."))
    assert cli.main(["check", "-", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["label"] == "personal" and body["personal_spot"] is None


@pytest.mark.real_model
def test_check_uses_the_settings_care_mode_topics(cli_with_real_model, tmp_path, capsys):
    """The terminal check answers as the extension would: a condolence note is in care mode, one gentle hint at most."""
    from server.core.policy import CARE_NOTE

    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Carla,\n\nI was so sorry to hear about your father. Please accept my deepest condolences "
                     "during this difficult time. If there is anything I can do, please don't hesitate to reach out.\n\nJen")
    assert cli.main(["check", str(draft), "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["care_mode"] is True and sum(s["flagged"] for s in body["sentences"]) <= 1
    assert cli.main(["check", str(draft)]) == 0
    assert CARE_NOTE in capsys.readouterr().out


@pytest.mark.real_model
def test_check_says_when_a_draft_is_not_judged(cli_with_real_model, tmp_path, capsys):
    from server.core.policy import NOT_JUDGED_NOTES

    draft = tmp_path / "draft.txt"
    for text, why in (("Emile says hi", "too_short"),
                      ("Sehr geehrte Damen und Herren, bei Fragen stehen wir Ihnen jederzeit gerne zur Verfügung.",
                       "other_language")):
        draft.write_text(text)
        assert cli.main(["check", str(draft)]) == 0
        out = capsys.readouterr().out
        assert out.startswith(NOT_JUDGED_NOTES[why]) and "Reads " not in out


@pytest.mark.real_model
def test_score_writes_one_line_per_email(cli_with_real_model, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    rows = [{"id": "t1", "text": TEMPLATED},
            {"id": "p1", "text": "Hi Ana,\n\nThe ferry to Vis leaves at 7:40 on Saturday; I kept your blue scarf. Bring Luka's bike?"},
            {"id": 3, "text": ""}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "out.jsonl"
    assert cli.main(["score", str(src), "-o", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [row["id"] for row in lines] == ["t1", "p1", 3]
    assert lines[0]["label"] == "templated" and lines[1]["label"] == "personal"
    assert all(0 <= row["score"] <= 1 and set(row) == {"id", "score", "label"} for row in lines)
    err = capsys.readouterr().err
    assert "scoring" in err and "emails/s" in err


def test_score_rejects_bad_lines(tmp_path, cli_with_real_model):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": 1, "text": "ok"}\n{"id": 2}\n')
    with pytest.raises(SystemExit, match="line 2"):
        cli.main(["score", str(src), "-q"])


@pytest.mark.real_model
@pytest.mark.slow
def test_serve_with_waitress_and_the_real_model(tmp_path):
    """`python -m server serve` over real HTTP: health, token auth, analyze, and no text in its output."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "server", "serve", "--port", str(port)], cwd=ROOT,
                            env=env_for(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1) as resp:
                    health = json.load(resp)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise AssertionError("server did not start")
                time.sleep(0.1)
        assert health["ok"] is True and health["model"].startswith("all-MiniLM-L6-v2")
        token = (tmp_path / "token").read_text().strip()
        body = json.dumps({"text": TEMPLATED.replace("Jordan", CANARY)}).encode()
        req = urllib.request.Request(base + "/v1/analyze", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.headers["Server"] == "sincerely"
            result = json.load(resp)
        assert result["label"] == "templated"
        from datetime import date

        from server.store import Store, sqlite_url

        store = Store(sqlite_url(tmp_path))  # waitress closed the response: the usage count is stored
        deadline = time.time() + 5
        while not store.usage(date.today()) and time.time() < deadline:
            time.sleep(0.05)
        assert [row["drafts"] for row in store.usage(date.today())] == [1]
        store.close()
        req = urllib.request.Request(base + "/v1/analyze", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=5)
        assert err.value.code == 401
        err.value.close()
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0]
    assert f"http://127.0.0.1:{port}" in output and str(tmp_path / "token") in output
    assert output.count("POST /v1/analyze 200") == 1  # one access-log line per request, not two
    assert CANARY not in output and token not in output


@pytest.mark.parametrize("secret, ok", [(None, False), ("", False), ("dev", False), ("DEV", False), ("short", False),
                                        ("a" * 32, True)])
def test_team_mode_needs_a_real_secret_key(secret, ok):
    problem = cli.team_secret_problem(secret or "")
    assert (problem is None) is ok


def test_serve_public_refuses_to_start_without_a_secret_key(monkeypatch, capsys):
    monkeypatch.delenv("SINCERELY_SECRET_KEY", raising=False)
    assert cli.main(["serve", "--host", "0.0.0.0", "--public"]) == 2
    assert "SINCERELY_SECRET_KEY" in capsys.readouterr().err
    monkeypatch.setenv("SINCERELY_SECRET_KEY", "dev")
    assert cli.main(["serve", "--host", "0.0.0.0", "--public"]) == 2


def test_create_admin_hashes_the_password_and_refuses_short_ones(tmp_path):
    from werkzeug.security import check_password_hash

    from server.store import Store, sqlite_url

    def create(password: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "server", "create-admin", "--username", "boss", "--password-stdin"],
                              input=password + "\n", capture_output=True, text=True, cwd=ROOT, env=env_for(tmp_path))

    bad_name = subprocess.run([sys.executable, "-m", "server", "create-admin", "--username", "a b", "--password-stdin"],
                              input="a long enough password\n", capture_output=True, text=True, cwd=ROOT,
                              env=env_for(tmp_path))
    assert bad_name.returncode == 2 and "username" in bad_name.stderr
    short = create("short")
    assert short.returncode == 2 and "at least 12" in short.stderr
    done = create("a long enough password")
    assert done.returncode == 0, done.stderr
    store = Store(sqlite_url(tmp_path))
    stored = store.admin_password_hash("boss")
    store.close()
    assert stored != "a long enough password" and check_password_hash(stored, "a long enough password")


@pytest.mark.real_model
def test_check_reads_a_leading_subject_line_as_the_subject(cli_with_real_model, tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text("Subject: Following up\n\nDear Mr. Thompson,\n\nI hope this message finds you well.\n\nBest regards,\nJo")
    assert cli.main(["check", str(draft), "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert [s["kind"] for s in body["sentences"]][0] == "greeting"
    assert "Mr. Thompson" in body["personal_spot"]["prompt"]
