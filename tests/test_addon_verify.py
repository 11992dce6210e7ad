"""docs/security.md B.4 G1/G2: every /addon request carries a Google-signed ID token for this audience and the
add-on's service account, else a bare 401; without the add-on configured (or outside team mode) /addon is 404."""
import json
import time

import pytest

from tests import addon_support
from tests.addon_support import _OTHER_KEY, AUDIENCE, SERVICE_ACCOUNT, bearer, mint

# the add-on fixtures, made visible to pytest in this module
addon_app, addon_client, certs_file = addon_support.addon_app, addon_support.addon_client, addon_support.certs_file

EVENT = {"commonEventObject": {"hostApp": "GMAIL"}}


def test_valid_token_is_accepted(addon_client):
    r = addon_client.post("/addon/home", json=EVENT, headers=bearer())
    assert r.status_code == 200
    assert r.get_json()["action"]["navigations"][0]["pushCard"]["name"] == "home"


def test_issuer_without_scheme_is_accepted(addon_client):
    assert addon_client.post("/addon/home", json=EVENT, headers=bearer(mint(iss="accounts.google.com"))).status_code == 200


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": ""},
    {"Authorization": "Bearer"},
    {"Authorization": "Bearer garbage"},
    {"Authorization": "Bearer a.b.c"},
    {"Authorization": "Basic dXNlcjpwYXNz"},
    {"Authorization": "Bearer " + "x" * 10000},
    bearer(mint(key=_OTHER_KEY)),                      # forged signature
    bearer(mint(exp=int(time.time()) - 3600, iat=int(time.time()) - 7200)),  # expired
    bearer(mint(aud="https://evil.example.com")),      # wrong audience
    bearer(mint(aud=AUDIENCE + "/addon/elsewhere")),   # a path that is not the endpoint called
    bearer(mint(iss="https://evil.example.com")),      # wrong issuer
    bearer(mint(email="someone@gcp-sa-gsuiteaddons.iam.gserviceaccount.com")),  # wrong service account
    bearer(mint(email=None)),                          # no email
    bearer(mint(email_verified=False)),                # not verified
    bearer(mint(email_verified="true")),               # not a boolean true
    bearer(mint(kid="unknown-key")),                   # unknown key id
], ids=["missing", "empty", "no-token", "garbage", "three-parts", "basic", "huge", "forged", "expired",
        "wrong-audience", "audience-with-path", "wrong-issuer", "wrong-service-account", "no-email",
        "email-unverified", "email-verified-string", "unknown-kid"])
@pytest.mark.parametrize("path", ["/addon/home", "/addon/open", "/addon/compose", "/addon/analyze",
                                  "/addon/insert-marker"])
def test_bad_tokens_get_a_bare_401(addon_client, headers, path):
    r = addon_client.post(path, json=EVENT, headers=headers)
    assert r.status_code == 401
    assert r.data == b""


@pytest.mark.parametrize("path", ["/addon/home", "/addon/open", "/addon/compose"])
def test_audience_may_be_the_exact_endpoint_called(addon_client, path):
    """Google's docs are not explicit whether a Gmail add-on token names the deployment's base URL or the
    trigger's own URL: both are accepted, each only where it belongs."""
    assert addon_client.post(path, json=EVENT, headers=bearer(mint(aud=AUDIENCE + path))).status_code == 200
    other = "/addon/open" if path != "/addon/open" else "/addon/home"
    assert addon_client.post(other, json=EVENT, headers=bearer(mint(aud=AUDIENCE + path))).status_code == 401


def test_tampered_payload_is_refused(addon_client):
    head, payload, sig = mint().split(".")
    other = mint(sub="9999").split(".")[1]
    assert addon_client.post("/addon/home", json=EVENT, headers=bearer(f"{head}.{other}.{sig}")).status_code == 401
    assert addon_client.post("/addon/home", json=EVENT, headers=bearer(f"{head}.{payload}.{sig}")).status_code == 200


def test_broken_certs_file_refuses_everything(make_app, tmp_path):
    bad = tmp_path / "certs.json"
    bad.write_text("not json")
    app = make_app(secret_key="s" * 40, addon_audience=AUDIENCE, addon_service_account=SERVICE_ACCOUNT,
                   addon_certs_file=str(bad))
    assert app.test_client().post("/addon/home", json=EVENT, headers=bearer()).status_code == 401


@pytest.mark.parametrize("config", [
    {},                                                                       # local mode, nothing set
    {"addon_audience": AUDIENCE, "addon_service_account": SERVICE_ACCOUNT},   # configured but not team mode
    {"secret_key": "s" * 40, "addon_audience": AUDIENCE},                     # team mode, no service account
    {"secret_key": "s" * 40, "addon_service_account": SERVICE_ACCOUNT},       # team mode, no audience
])
def test_addon_routes_absent_unless_team_mode_and_configured(make_app, config):
    app = make_app(**config)
    assert "addon" not in app.blueprints
    assert app.test_client().post("/addon/home", json=EVENT, headers=bearer()).status_code == 404


def test_openapi_lists_addon_routes_when_present(addon_app):
    from tests.conftest import auth_for

    doc = addon_app.test_client().get("/v1/openapi.json", headers=auth_for(addon_app)).get_json()
    routes = {r.rule for r in addon_app.url_map.iter_rules() if r.endpoint != "static"}
    assert routes == {p.replace("{thread_id}", "<thread_id>") for p in doc["paths"]}
    assert doc["paths"]["/addon/open"]["post"]["tags"] == ["addon"]
    assert doc["paths"]["/addon/open"]["post"]["security"] == [{"googleIdToken": []}]


def test_google_certs_are_fetched_once_and_cached():
    from addon.verify import GOOGLE_CERTS_URL, CertsRequest, verify_bearer

    calls = []

    def fetch(url):
        calls.append(url)
        return json.dumps({addon_support.KID: addon_support._KEY[1].decode()}).encode()

    certs = CertsRequest(fetch=fetch)
    for _ in range(3):
        assert verify_bearer(f"Bearer {mint()}", audience=AUDIENCE, service_account=SERVICE_ACCOUNT, certs=certs)
    assert calls == [GOOGLE_CERTS_URL]
    with pytest.raises(ValueError):
        certs("https://evil.example.com/certs")


def test_empty_audience_or_service_account_never_verifies():
    from addon.verify import CertsRequest, verify_bearer

    certs = CertsRequest(fetch=lambda url: json.dumps({addon_support.KID: addon_support._KEY[1].decode()}).encode())
    assert not verify_bearer(f"Bearer {mint()}", audience="", service_account=SERVICE_ACCOUNT, certs=certs)
    assert not verify_bearer(f"Bearer {mint()}", audience=AUDIENCE, service_account="", certs=certs)
