"""Row S9 of docs/security.md: in team mode a per-caller rate limit answers 429 with Retry-After;
X-Forwarded-For is never read. Time is moved with an injected clock, never slept."""
import logging
import threading

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from server.ratelimit import RateLimited, RateLimiter
from tests import addon_support
from tests.addon_support import AUDIENCE, SERVICE_ACCOUNT, bearer
from tests.conftest import CANARY, auth_for

certs_file = addon_support.certs_file  # the add-on's test key, made visible to pytest in this module
TEAM_KEY = "s" * 40  # a secret key set: team mode
BODY = {"text": f"Hi Dana, {CANARY} see you at the lake on Sunday."}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def team_app(make_app, clock):
    app = make_app(secret_key=TEAM_KEY, rate_limit_per_minute=3)
    app.extensions["sincerely"].limiter.clock = clock
    return app


def analyze(client, headers, **extra):
    return client.post("/v1/analyze", json=BODY, headers={**headers, **extra.pop("more", {})}, **extra)


def test_under_the_limit_is_fine(team_app):
    c, auth = team_app.test_client(), auth_for(team_app)
    assert [analyze(c, auth).status_code for _ in range(3)] == [200, 200, 200]


def test_over_the_limit_is_429_with_retry_after_in_the_one_error_shape(team_app, caplog):
    c, auth = team_app.test_client(), auth_for(team_app)
    caplog.set_level(logging.DEBUG)
    for _ in range(3):
        analyze(c, auth)
    r = analyze(c, auth)
    assert r.status_code == 429
    assert r.headers["Retry-After"] == "20"  # 3 a minute: one more in 20 s
    assert r.get_json() == {"ok": False, "error": "too many requests; try again in 20 s", "status": 429}
    assert CANARY not in r.get_data(as_text=True)
    assert all(CANARY not in rec.getMessage() for rec in caplog.records)
    assert any(" 429 " in rec.getMessage() for rec in caplog.records if rec.name == "sincerely.access")
    # every /v1 route counts, not only analyze
    assert c.get("/v1/threads/t1", headers=auth).status_code == 429
    assert c.get("/v1/openapi.json", headers=auth).status_code == 429


def test_limits_are_per_user(team_app):
    c, local = team_app.test_client(), auth_for(team_app)
    kim = {"Authorization": f"Bearer {team_app.extensions['sincerely'].store.create_token('kim')}"}
    for _ in range(3):
        analyze(c, local)
    assert analyze(c, local).status_code == 429
    assert [analyze(c, kim).status_code for _ in range(3)] == [200, 200, 200]
    assert analyze(c, kim).status_code == 429
    # keyed by the user's name, never by the token string
    keys = set(team_app.extensions["sincerely"].limiter._buckets)
    assert keys == {"v1:local", "v1:kim"}


def test_wrong_tokens_do_not_use_a_callers_budget(team_app):
    c = team_app.test_client()
    for _ in range(10):
        assert analyze(c, {"Authorization": "Bearer wrong"}).status_code == 401
    assert analyze(c, auth_for(team_app)).status_code == 200


def test_the_window_recovers(team_app, clock):
    c, auth = team_app.test_client(), auth_for(team_app)
    for _ in range(3):
        analyze(c, auth)
    assert analyze(c, auth).status_code == 429
    clock.now += 19
    assert analyze(c, auth).status_code == 429
    clock.now += 1
    assert analyze(c, auth).status_code == 200  # one back after Retry-After
    assert analyze(c, auth).status_code == 429
    clock.now += 60
    assert [analyze(c, auth).status_code for _ in range(4)] == [200, 200, 200, 429]  # full burst again, no more


def test_x_forwarded_for_neither_bypasses_nor_splits_the_limit(team_app):
    assert not isinstance(team_app.wsgi_app, ProxyFix)  # no ProxyFix configured
    c, auth = team_app.test_client(), auth_for(team_app)
    kim = {"Authorization": f"Bearer {team_app.extensions['sincerely'].store.create_token('kim')}"}
    codes = [analyze(c, auth, more={"X-Forwarded-For": f"203.0.113.{i}"},
                     environ_base={"REMOTE_ADDR": f"198.51.100.{i}"}).status_code for i in range(6)]
    assert codes == [200, 200, 200, 429, 429, 429]  # a new address each time buys nothing
    # another user behind the very same claimed address still has a budget of their own
    assert analyze(c, kim, more={"X-Forwarded-For": "203.0.113.0"}).status_code == 200


def test_zero_turns_it_off(make_app):
    app = make_app(secret_key=TEAM_KEY, rate_limit_per_minute=0)
    c, auth = app.test_client(), auth_for(app)
    assert {analyze(c, auth).status_code for _ in range(30)} == {200}


def test_team_mode_default_is_120_and_a_local_server_is_not_limited(make_app, tmp_path):
    assert make_app().extensions["sincerely"].limiter.per_minute == 0  # loopback, one user
    team = make_app(secret_key=TEAM_KEY, data_dir=str(tmp_path / "team"))
    assert team.extensions["sincerely"].limiter.per_minute == 120


def test_healthz_is_not_limited(team_app):
    c, auth = team_app.test_client(), auth_for(team_app)
    for _ in range(4):
        analyze(c, auth)
    assert analyze(c, auth).status_code == 429
    assert {c.get("/healthz").status_code for _ in range(10)} == {200}


def test_the_addon_is_not_limited_and_uses_no_v1_budget(make_app, certs_file, clock):
    """Google signs every add-on call as the one service account: one allowance would be the whole domain's."""
    app = make_app(secret_key=TEAM_KEY, addon_audience=AUDIENCE, addon_service_account=SERVICE_ACCOUNT,
                   addon_certs_file=str(certs_file), rate_limit_per_minute=2)
    app.extensions["sincerely"].limiter.clock = clock
    c = app.test_client()
    event = {"commonEventObject": {"hostApp": "GMAIL"}, "authorizationEventObject": {"userOAuthToken": CANARY}}
    assert {c.post("/addon/home", json=event, headers=bearer()).status_code for _ in range(6)} == {200}
    assert c.post("/addon/home", json=event, headers={"Authorization": "Bearer junk"}).status_code == 401
    assert [analyze(c, auth_for(app)).status_code for _ in range(3)] == [200, 200, 429]  # /v1 still limited


def test_limiter_is_exact_under_threads():
    limiter = RateLimiter(100, clock=lambda: 5.0)
    allowed = []

    def worker():
        for _ in range(50):
            try:
                limiter.hit("v1:dana")
                allowed.append(1)
            except RateLimited as limited:
                assert limited.retry_after == 1

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 100
