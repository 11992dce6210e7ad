"""Rows S2, S4, S5, S11, S12, S13 of docs/security.md, over every route."""
import pytest

from tests.conftest import auth_for
from tests.fakes import FakeScorer


def v1_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/v1"):
            path = rule.rule.replace("<thread_id>", "t1")
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, path


def test_every_v1_route_needs_the_token(app, client):
    routes = list(v1_routes(app))
    assert len(routes) >= 4
    for method, path in routes:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer "}):
            r = client.open(path, method=method, json={"text": "x", "enabled": True}, headers=headers)
            assert r.status_code == 401, (method, path, headers)
            assert r.get_json() == {"ok": False, "error": "missing or wrong bearer token", "status": 401}


def test_token_file_is_private(app, data_dir):
    mode = (data_dir / "token").stat().st_mode & 0o777
    assert mode == 0o600
    assert len(app.extensions["sincerely"].token) >= 40


def test_token_in_query_string_does_not_authenticate(client, token):
    assert client.post(f"/v1/analyze?token={token}", json={"text": "x"}).status_code == 401


@pytest.mark.parametrize("host", ["evil.test", "evil.test:8765", "127.0.0.1.evil.test"])
def test_foreign_host_header_is_400(client, auth, host):
    r = client.get("/healthz", headers={"Host": host})
    assert r.status_code == 400
    assert r.get_json()["status"] == 400
    r = client.post("/v1/analyze", json={"text": "x"}, headers={**auth, "Host": host})
    assert r.status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "127.0.0.1", "localhost"])
def test_loopback_hosts_pass(client, host):
    assert client.get("/healthz", headers={"Host": host}).status_code == 200


def test_extra_trusted_host_setting(make_app):
    app = make_app(trusted_hosts="sincerely.example.org")
    assert app.test_client().get("/healthz", headers={"Host": "sincerely.example.org"}).status_code == 200


@pytest.mark.parametrize("origin", ["https://mail.google.com", "https://evil.test", "null", "http://localhost:3000"])
def test_web_origins_are_refused_without_cors(client, auth, origin):
    for method in ("POST", "OPTIONS"):
        r = client.open("/v1/analyze", method=method, json={"text": "x"}, headers={**auth, "Origin": origin})
        assert r.status_code == 403
        assert "Access-Control-Allow-Origin" not in r.headers


def test_extension_origin_is_allowed(client, auth):
    r = client.post("/v1/analyze", json={"text": "x"}, headers={**auth, "Origin": "chrome-extension://abcdefghijklmnop"})
    assert r.status_code == 200
    assert "Access-Control-Allow-Origin" not in r.headers


def test_security_headers_on_every_response(app, client, auth):
    responses = [client.get("/healthz"), client.get("/nope"), client.post("/v1/analyze", json={})]
    responses += [client.open(p, method=m, json={"text": "x", "enabled": True}, headers=auth) for m, p in v1_routes(app)]
    for r in responses:
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Cache-Control"] == "no-store"
        assert r.headers["Referrer-Policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        assert r.headers["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize("method", ["TRACE", "DELETE", "PATCH"])
def test_undeclared_methods_are_405(client, auth, method):
    r = client.open("/v1/analyze", method=method, headers=auth)
    assert r.status_code == 405
    assert r.get_json()["status"] == 405


def test_unknown_route_is_json_404(client):
    r = client.get("/secret")  # (an unknown /admin page is the admin's HTML error page: tests/test_admin.py)
    assert r.status_code == 404 and r.get_json() == {"ok": False, "error": "no such endpoint", "status": 404}


def test_scorer_crash_is_generic_500(make_app):
    app = make_app(FakeScorer(fail=True))
    c = app.test_client()
    auth = auth_for(app)
    r = c.post("/v1/analyze", json={"text": "The secret plan for Friday."}, headers=auth)
    assert r.status_code == 500
    assert r.get_json() == {"ok": False, "error": "internal error", "status": 500}
    assert b"Traceback" not in r.data and b"secret plan" not in r.data


def test_extension_preflight_is_204_without_cors(client):
    r = client.options("/v1/analyze", headers={"Origin": "chrome-extension://abcdefghijklmnop",
                                               "Access-Control-Request-Method": "POST"})
    assert r.status_code == 204
    assert "Access-Control-Allow-Origin" not in r.headers
