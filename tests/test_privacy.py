"""S3 and S10: no email text and no token in any log line or any file of the data folder."""
import logging
import threading

from tests.conftest import CANARY, auth_for
from tests.fakes import FakeScorer


def all_bytes_under(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_canary_never_logged_or_stored(make_app, data_dir, caplog):
    caplog.set_level(logging.DEBUG)
    ok_app = make_app(FakeScorer())
    token = ok_app.extensions["sincerely"].token
    auth = {"Authorization": f"Bearer {token}"}
    c = ok_app.test_client()
    text = f"Hi Dana,\n\nI hope this finds you well. {CANARY} is the plan for Friday.\n\nBest,\nSam"
    requests = [
        ("POST", "/v1/analyze", {"text": text, "subject": CANARY, "recipients": [f"{CANARY}@example.com"]}),
        ("POST", "/v1/analyze", {"text": text, "thread_id": "thread-a"}),
        ("PUT", "/v1/threads/thread-a", {"enabled": False}),
        ("POST", "/v1/analyze", {"text": text, "thread_id": "thread-a"}),  # disabled path
        ("POST", "/v1/analyze", {"text": text, "subject": 5}),  # 400 path
        ("POST", "/v1/analyze", {"text": CANARY * 5000}),  # 413 path
        ("POST", "/v1/analyze", {"text": [CANARY]}),
        ("GET", "/v1/threads/thread-a", None),
        ("POST", "/v1/feedback", {"text": f"{CANARY} is the plan for Friday.", "verdict": "not_templated"}),
        ("GET", "/v1/openapi.json", None),
    ]
    for method, path, body in requests:
        c.open(path, method=method, json=body, headers=auth)
    c.post("/v1/analyze", data=f"text={CANARY}", headers={**auth, "Content-Type": "text/plain"})  # 415
    c.post("/v1/analyze", data=f'{{"text": "{CANARY}', headers={**auth, "Content-Type": "application/json"})  # 400
    c.post("/v1/analyze", json={"text": text})  # 401

    crash_app = make_app(FakeScorer(fail=True))  # 500 path: the exception message contains the text
    crash_app.test_client().post("/v1/analyze", json={"text": text},
                                 headers=auth_for(crash_app))

    slow = FakeScorer(delay=0.3)
    busy_app = make_app(slow, inference_queue=0)  # 503 path
    bc = busy_app.test_client()
    bauth = auth_for(busy_app)
    t = threading.Thread(target=lambda: busy_app.test_client().post("/v1/analyze", json={"text": text}, headers=bauth))
    t.start()
    while slow.in_flight == 0:
        pass
    assert bc.post("/v1/analyze", json={"text": text}, headers=bauth).status_code == 503
    t.join()

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records, "the access log should have lines"
    assert "internal error: RuntimeError" in logged
    assert CANARY not in logged and "plan for Friday" not in logged
    assert token not in logged
    assert "thread-a" not in logged
    for path, content in all_bytes_under(data_dir).items():
        assert CANARY.encode() not in content, path
        assert b"plan for Friday" not in content, path
        assert b"thread-a" not in content, path


def test_data_folder_holds_only_token_and_database(make_app, data_dir):
    app = make_app(FakeScorer())
    auth = auth_for(app)
    app.test_client().post("/v1/analyze", json={"text": "Hello there."}, headers=auth)
    names = {p.name for p in data_dir.iterdir()}
    assert names <= {"token", "sincerely.db", "sincerely.db-wal", "sincerely.db-shm"}


def test_team_features_keep_no_text_and_no_token(make_app, data_dir, caplog):
    """Per-user tokens, important recipients, care mode and the usage counts: still no text, no token at rest."""
    caplog.set_level(logging.DEBUG)
    app = make_app(FakeScorer())
    store = app.extensions["sincerely"].store
    store.set_setting_audited("admin", {"important_recipients": "example.com", "sensitive_topics": "condolence",
                                        "disclosure_policy": "suggest", "stats_per_user": True})
    user_token = store.create_token("dana")
    c = app.test_client()
    text = f"Hi Dana,\n\nMy condolences. {CANARY} is the plan for Friday.\n\nBest,\nSam"
    for auth in ({"Authorization": f"Bearer {user_token}"}, auth_for(app)):
        r = c.post("/v1/analyze", json={"text": text, "subject": CANARY, "recipients": [f"{CANARY}@example.com"]},
                   headers=auth)
        assert r.status_code == 200 and r.get_json()["care_mode"] and r.get_json()["review_nudge"]
        c.post("/v1/feedback", json={"text": f"{CANARY} is the plan for Friday.", "verdict": "not_templated"},
               headers=auth)
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    assert CANARY not in logged and user_token not in logged
    for path, content in all_bytes_under(data_dir).items():
        assert CANARY.encode() not in content, path
        assert b"plan for Friday" not in content, path
        assert user_token.encode() not in content, path
