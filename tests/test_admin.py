"""The admin pages: login, CSRF, settings as data with validation and audit, tokens, stats and CSV."""
import re

import pytest
from werkzeug.security import generate_password_hash

from server.core import AnalyzeOptions
from tests.conftest import auth_for

DEFAULT_DRAFT_THRESHOLD = AnalyzeOptions().draft_threshold

PASSWORD = "correct horse battery"
TEMPLATED = ("Hi there,\n\nI hope this email finds you well. I wanted to reach out regarding our services. "
             "Please do not hesitate to contact me.\n\nBest regards,\nSam")


def csrf_from(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.fixture
def admin_app(make_app):
    app = make_app()
    app.extensions["sincerely"].store.set_admin("admin", generate_password_hash(PASSWORD))
    return app


def login(client, password=PASSWORD, username="admin"):
    token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    return client.post("/admin/login", data={"username": username, "password": password, "csrf_token": token})


@pytest.fixture
def admin(admin_app):
    c = admin_app.test_client()
    assert login(c).status_code == 302
    return c


def save(client, page, **fields):
    token = csrf_from(client.get(f"/admin/{page}").get_data(as_text=True))
    return client.post(f"/admin/{page}", data={**fields, "csrf_token": token})


def test_no_account_says_how_to_make_one(make_app):
    c = make_app().test_client()
    for path in ("/admin/", "/admin/login", "/admin/stats"):
        r = c.get(path)
        assert r.status_code == 503 and "python -m server create-admin" in r.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/admin/", "/admin/detection", "/admin/recipients", "/admin/tokens", "/admin/stats",
                                  "/admin/stats.csv", "/admin/audit"])
def test_logged_out_pages_redirect_to_login(admin_app, path):
    r = admin_app.test_client().get(path)
    assert r.status_code == 302 and r.headers["Location"].startswith("/admin/login")


def test_wrong_password_is_refused_and_repeated_failures_lock(admin_app, monkeypatch):
    monkeypatch.setattr("server.admin.FAILED_LOGIN_DELAY", 0)
    c = admin_app.test_client()
    for _ in range(5):
        r = login(c, password="wrong password!")
        assert r.status_code == 401 and "Wrong username or password." in r.get_data(as_text=True)
    assert login(c, username="nobody").status_code == 401  # same message for an unknown name
    assert login(c).status_code == 429  # locked even with the right password
    assert c.get("/admin/stats").status_code == 302


def test_login_sets_a_safe_session_cookie(admin_app):
    r = login(admin_app.test_client())
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie  # local mode: plain HTTP
    assert r.headers["Content-Security-Policy"].startswith("default-src 'self'; object-src 'none'")


def test_team_mode_cookie_is_secure_and_host_prefixed(make_app, data_dir):
    from server import create_app
    from tests.fakes import FakeScorer

    app = create_app({"data_dir": str(data_dir), "secret_key": "x" * 32}, scorer=FakeScorer(), environ={},
                     public=True)
    app.extensions["sincerely"].store.set_admin("admin", generate_password_hash(PASSWORD))
    c = app.test_client()
    token = csrf_from(c.get("/admin/login", base_url="https://localhost").get_data(as_text=True))
    r = c.post("/admin/login", base_url="https://localhost",
               data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 302
    assert "__Host-session=" in r.headers["Set-Cookie"] and "Secure" in r.headers["Set-Cookie"]
    app.extensions["sincerely"].store.close()


def test_csrf_missing_or_cross_site_is_refused(admin):
    r = admin.post("/admin/detection", data={"draft_threshold": "0.1", "sentence_threshold": "0.6",
                                                      "max_hints": "5"})
    assert r.status_code == 400 and "This form has expired" in r.get_data(as_text=True)
    assert r.mimetype == "text/html"
    token = csrf_from(admin.get("/admin/detection").get_data(as_text=True))
    r = admin.post("/admin/detection", headers={"Sec-Fetch-Site": "cross-site"},
                   data={"draft_threshold": "0.1", "sentence_threshold": "0.6", "max_hints": "5", "csrf_token": token})
    assert r.status_code == 403


def test_threshold_change_reaches_the_next_analyze_and_the_audit_log(admin, admin_app):
    api = admin_app.test_client()
    before = api.post("/v1/analyze", json={"text": TEMPLATED}, headers=auth_for(admin_app)).get_json()
    assert before["label"] == "templated" and before["threshold"] == DEFAULT_DRAFT_THRESHOLD
    r = save(admin, "detection", draft_threshold="0.99", sentence_threshold="0.6", max_hints="5")
    assert r.status_code == 302
    after = api.post("/v1/analyze", json={"text": TEMPLATED}, headers=auth_for(admin_app)).get_json()
    assert after["threshold"] == 0.99 and after["label"] == "personal"
    page = admin.get("/admin/audit").get_data(as_text=True)
    assert "setting draft_threshold" in page and f"<code>{DEFAULT_DRAFT_THRESHOLD}</code>" in page and "0.99" in page and "admin" in page


@pytest.mark.parametrize("page, fields, field, message", [
    ("detection", {"draft_threshold": "1.5", "sentence_threshold": "0.6", "max_hints": "5"}, "draft_threshold",
     "draft_threshold must be at most 1.0"),
    ("detection", {"draft_threshold": "0.5", "sentence_threshold": "x", "max_hints": "5"}, "sentence_threshold",
     "sentence_threshold must be a number from 0.0 to 1.0"),
    ("detection", {"draft_threshold": "nan", "sentence_threshold": "0.6", "max_hints": "5"}, "draft_threshold",
     "draft_threshold must be a number from 0.0 to 1.0"),
    ("recipients", {"important_recipients": "kim@example.com\nnot an address", "important_draft_threshold": "0.4"},
     "important_recipients", "&#39;not an address&#39; is not allowed here"),
    ("disclosure", {"disclosure_policy": "always", "disclosure_line": "AI helped."}, "disclosure_policy",
     "disclosure_policy must be one of off, suggest, require"),
])
def test_a_bad_value_is_shown_next_to_its_field_and_nothing_is_saved(admin, admin_app, page, fields, field, message):
    r = save(admin, page, **fields)
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert re.search(rf'<p class="error" id="{field}-error" role="alert">[^<]*{re.escape(message)}', html)
    assert admin_app.extensions["sincerely"].store.live_settings() == {}
    assert "setting" not in admin.get("/admin/audit").get_data(as_text=True).split("<tbody>")[1]


def test_important_recipient_is_judged_strictly_with_a_nudge(admin, admin_app):
    assert save(admin, "recipients", important_recipients="Board@Example.com, vip.org",
                important_draft_threshold="0.3").status_code == 302
    auth = auth_for(admin_app)
    api = admin_app.test_client()
    text = "Hi Dana,\n\nThe venue in Lyon is booked for Friday the 12th. Can you bring the slides?\n\nSam"
    plain = api.post("/v1/analyze", json={"text": text, "recipients": ["kim@other.com"]}, headers=auth).get_json()
    vip = api.post("/v1/analyze", json={"text": text, "recipients": ["Ann <ann@mail.vip.org>"]}, headers=auth).get_json()
    assert plain["threshold"] == DEFAULT_DRAFT_THRESHOLD and plain["review_nudge"] is None
    assert vip["threshold"] == 0.3 and vip["review_nudge"]
    assert plain["label"] == "personal" and vip["label"] == "templated"


def test_sensitive_topic_and_disclosure_reach_the_answer(admin, admin_app):
    assert save(admin, "disclosure", disclosure_policy="require", disclosure_line="AI helped me write this.").status_code == 302
    assert save(admin, "topics", sensitive_topics="condolence\nlayoff").status_code == 302
    api, auth = admin_app.test_client(), auth_for(admin_app)
    care = api.post("/v1/analyze", json={"text": TEMPLATED.replace("our services", "the layoffs")}, headers=auth).get_json()
    calm = api.post("/v1/analyze", json={"text": TEMPLATED}, headers=auth).get_json()
    assert care["care_mode"] is True and calm["care_mode"] is False
    assert sum(s["flagged"] for s in care["sentences"]) <= 1 < sum(s["flagged"] for s in calm["sentences"])
    assert care["disclosure"] == {"policy": "require", "line": "AI helped me write this."}


def test_user_tokens_are_shown_once_work_note_last_use_and_revoke(admin, admin_app):
    html = admin.post("/admin/tokens", data={"user": "dana", "csrf_token": csrf_from(
        admin.get("/admin/tokens").get_data(as_text=True))}, follow_redirects=True).get_data(as_text=True)
    token = re.search(r'<code id="new-token">([^<]+)</code>', html).group(1)
    assert token not in admin.get("/admin/tokens").get_data(as_text=True)
    store = admin_app.extensions["sincerely"].store
    with store.engine.connect() as conn:
        assert token not in str(conn.exec_driver_sql("select * from api_tokens").fetchall())
    api = admin_app.test_client()
    assert api.post("/v1/analyze", json={"text": "Hello."}, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    (row,) = store.tokens()
    assert row.user == "dana" and row.last_used_at is not None and row.revoked_at is None
    page = admin.get("/admin/tokens").get_data(as_text=True)
    admin.post("/admin/tokens", data={"revoke": str(row.id), "csrf_token": csrf_from(page)})
    assert api.post("/v1/analyze", json={"text": "Hello."}, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert api.post("/v1/analyze", json={"text": "Hello."}, headers=auth_for(admin_app)).status_code == 200
    audit = admin.get("/admin/audit").get_data(as_text=True)
    assert "token created" in audit and "token revoked" in audit


@pytest.mark.parametrize("user, message", [
    ("local", "is the name the stats already use"), ("Gmail-Addon", "is the name the stats already use"),
    ("=HYPERLINK(1)", "starting with a letter or digit"), ("+cmd", "starting with a letter or digit"),
    ("-2+3", "starting with a letter or digit"), ("@sum", "starting with a letter or digit")])
def test_token_names_the_stats_use_or_a_spreadsheet_runs_are_refused(admin, admin_app, user, message):
    r = admin.post("/admin/tokens", data={"user": user, "csrf_token": csrf_from(admin.get("/admin/tokens").get_data(as_text=True))})
    assert r.status_code == 400 and message in r.get_data(as_text=True)
    assert admin_app.extensions["sincerely"].store.tokens() == []


def test_stats_csv_never_starts_a_cell_with_a_formula(admin, admin_app):
    store = admin_app.extensions["sincerely"].store
    store.count_usage("=1+2", drafts=1, templated=0, hints=0)  # a name saved before the rule, or by hand
    csv_text = admin.get("/admin/stats.csv").get_data(as_text=True)
    assert ",'=1+2,1," in csv_text and ",=1+2," not in csv_text


def test_stats_count_drafts_hints_dismissals_and_export_csv(admin, admin_app):
    api, auth = admin_app.test_client(), auth_for(admin_app)
    api.post("/v1/analyze", json={"text": TEMPLATED}, headers=auth)
    api.post("/v1/analyze", json={"text": "Hi Dana,\n\nThe venue in Lyon is booked for Friday the 12th.\n\nSam"},
             headers=auth)
    api.post("/v1/feedback", json={"text": "I wanted to reach out regarding our services.", "verdict": "not_templated"},
             headers=auth)
    (row,) = admin_app.extensions["sincerely"].store.usage(__import__("datetime").date.today())
    assert (row["user"], row["drafts"], row["templated"], row["dismissed"]) == ("*", 2, 1, 1) and row["hints"] >= 1
    page = admin.get("/admin/stats").get_data(as_text=True)
    assert '<dd id="total-drafts">2</dd>' in page and "<svg" in page
    assert "<dt>Checks</dt>" in page and "checks a draft again at each pause in typing" in page  # not "drafts"
    csv_text = admin.get("/admin/stats.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0] == "day,user,drafts,templated,hints,dismissed,templated_share"
    assert ",*,2,1," in csv_text.splitlines()[1] and csv_text.splitlines()[1].endswith(",0.500")


def test_per_user_stats_when_enabled(admin, admin_app):
    assert save(admin, "stats", stats_per_user="on").status_code == 302
    api = admin_app.test_client()
    api.post("/v1/analyze", json={"text": TEMPLATED}, headers=auth_for(admin_app))
    (row,) = admin_app.extensions["sincerely"].store.usage(__import__("datetime").date.today())
    assert row["user"] == "local"


def _session_cookie(app):
    return app.config["SESSION_COOKIE_NAME"]


def test_an_old_copy_of_the_session_cookie_stops_working_after_logout(admin, admin_app):
    name = _session_cookie(admin_app)
    old = admin.get_cookie(name).value
    assert admin.get("/admin/detection").status_code == 200
    page = admin.get("/admin/detection").get_data(as_text=True)
    assert admin.post("/admin/logout", data={"csrf_token": csrf_from(page)}).status_code == 302
    assert admin.get("/admin/detection").status_code == 302  # the browser dropped the cookie
    admin.set_cookie(name, old)  # someone kept a copy of it
    r = admin.get("/admin/detection")
    assert r.status_code == 302 and r.headers["Location"].startswith("/admin/login")
    r = admin.post("/admin/detection", data={"draft_threshold": "0.1", "sentence_threshold": "0.6", "max_hints": "5",
                                             "csrf_token": csrf_from(page)})
    assert r.status_code in (302, 400) and admin_app.extensions["sincerely"].store.live_settings() == {}
    assert login(admin).status_code == 302 and admin.get("/admin/detection").status_code == 200


def test_create_admin_again_on_the_command_line_ends_the_session(admin, data_dir, monkeypatch):
    import io

    from server.cli import main

    monkeypatch.setenv("SINCERELY_DATA_DIR", str(data_dir))
    monkeypatch.setattr("sys.stdin", io.StringIO("a brand new password\n"))
    assert main(["create-admin", "--password-stdin"]) == 0
    r = admin.get("/admin/stats")
    assert r.status_code == 302 and r.headers["Location"].startswith("/admin/login")


def test_setting_the_admin_password_again_ends_every_session(admin, admin_app):
    other = admin_app.test_client()
    assert login(other).status_code == 302
    admin_app.extensions["sincerely"].store.set_admin("admin", generate_password_hash("a brand new password"))
    for client in (admin, other):
        r = client.get("/admin/stats")
        assert r.status_code == 302 and r.headers["Location"].startswith("/admin/login")


@pytest.mark.parametrize("method, path, status", [("get", "/admin/nope", 404), ("get", "/admin/logout", 405),
                                                  ("post", "/admin/nope/deeper", 404), ("delete", "/admin/stats", 405)])
def test_admin_paths_answer_errors_in_html_with_a_way_back(admin, method, path, status):
    r = getattr(admin, method)(path)
    html = r.get_data(as_text=True)
    assert r.status_code == status and r.mimetype == "text/html"
    assert 'href="/admin/"' in html and '"ok": false' not in html and "<h1>" in html
    assert r.headers["Content-Security-Policy"].startswith("default-src 'self'")
    if status == 405:
        assert "GET" not in r.headers["Allow"] or path != "/admin/logout"
        assert "POST" in r.headers["Allow"] or path == "/admin/stats"


def test_admin_routing_errors_are_html_even_logged_out_and_v1_stays_json(admin_app):
    c = admin_app.test_client()
    r = c.get("/admin/nope")
    assert r.status_code == 404 and r.mimetype == "text/html" and 'href="/admin/"' in r.get_data(as_text=True)
    for path in ("/v1/nope", "/nope", "/administrator"):
        r = c.get(path)
        assert r.status_code == 404 and r.get_json() == {"ok": False, "error": "no such endpoint", "status": 404}
    r = c.get("/v1/analyze")
    assert r.status_code == 405 and r.get_json()["status"] == 405 and "POST" in r.headers["Allow"]
    assert c.get("/admin").status_code == 308  # a redirect is no error


def test_a_form_posted_after_logging_out_says_it_expired(admin):
    page = admin.get("/admin/detection").get_data(as_text=True)
    admin.post("/admin/logout", data={"csrf_token": csrf_from(page)})
    r = admin.post("/admin/detection", data={"draft_threshold": "0.1", "sentence_threshold": "0.6", "max_hints": "5",
                                             "csrf_token": csrf_from(page)})
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and r.mimetype == "text/html"
    assert "This form has expired" in html and 'href="/admin/login?next=/admin/detection"' in html
    assert "CSRF session token is missing" not in html
    r = admin.post("/admin/logout", data={"csrf_token": csrf_from(page)})  # logging out twice: the same page
    assert r.status_code == 400 and "This form has expired" in r.get_data(as_text=True)


def test_an_expired_csrf_token_says_the_form_expired(admin, admin_app):
    page = admin.get("/admin/detection").get_data(as_text=True)
    admin_app.config["WTF_CSRF_TIME_LIMIT"] = -1  # every token signed so far has expired
    r = admin.post("/admin/detection", data={"draft_threshold": "0.1", "sentence_threshold": "0.6", "max_hints": "5",
                                             "csrf_token": csrf_from(page)})
    assert r.status_code == 400 and "This form has expired" in r.get_data(as_text=True)
    assert admin_app.extensions["sincerely"].store.live_settings() == {}


def test_creating_a_token_redirects_and_a_reload_makes_no_second_one(admin, admin_app):
    store = admin_app.extensions["sincerely"].store
    r = admin.post("/admin/tokens", data={"user": "dana", "csrf_token": csrf_from(
        admin.get("/admin/tokens").get_data(as_text=True))})
    assert r.status_code == 303 and r.headers["Location"] == "/admin/tokens"
    assert len(store.tokens()) == 1
    page = admin.get(r.headers["Location"]).get_data(as_text=True)  # the browser follows: shown once here
    token = re.search(r'<code id="new-token">([^<]+)</code>', page).group(1)
    assert store.user_for_token(token) == "dana"
    again = admin.get("/admin/tokens").get_data(as_text=True)  # a reload: a GET, no second token, not shown again
    assert token not in again and 'id="new-token"' not in again and len(store.tokens()) == 1


@pytest.mark.parametrize("page", ["disclosure", "detection", "recipients", "topics"])
def test_setting_help_renders_backticks_as_code_and_no_empty_default(admin, page):
    html = admin.get(f"/admin/{page}").get_data(as_text=True)
    help_texts = re.findall(r'<p class="help" id="[a-z_]+-help">(.*?)</p>', html, re.S)
    assert help_texts
    for text in help_texts:
        assert "`" not in text and "<code></code>" not in text and ".." not in text.replace("…", "")
    if page == "disclosure":
        assert "<code>off</code>, <code>suggest</code> a line, or <code>require</code> one" in html
        assert "Default: <code>I drafted this email with help from an AI writing assistant.</code></p>" in html
    if page == "recipients":
        assert not re.search(r'id="important_recipients-help">[^<]*Default:', html)  # empty default: no line


def test_help_text_is_escaped_before_backticks_become_code():
    from server.admin import help_html

    assert str(help_html("Use `<b>x</b>` & `y`, not <i>z</i>.")) == (
        "Use <code>&lt;b&gt;x&lt;/b&gt;</code> &amp; <code>y</code>, not &lt;i&gt;z&lt;/i&gt;.")
    assert str(help_html("A lone ` stays.")) == "A lone ` stays."


def test_an_emptied_topic_list_warns_and_can_be_reset_to_the_defaults(admin, admin_app):
    from server.settings import BY_NAME

    store = admin_app.extensions["sincerely"].store
    page = admin.get("/admin/topics").get_data(as_text=True)
    assert "Empty means none: not the defaults." in page
    assert '<button type="submit" name="reset" value="sensitive_topics" class="secondary">Reset sensitive topics to the defaults</button>' in page
    r = save(admin, "topics", sensitive_topics="")
    assert r.status_code == 302 and store.live_settings()["sensitive_topics"] == ""
    warned = admin.get("/admin/topics").get_data(as_text=True)
    assert 'id="sensitive_topics-empty"' in warned and "there are no sensitive topics at all" in warned
    r = admin.post("/admin/topics", data={"sensitive_topics": "", "reset": "sensitive_topics",
                                          "csrf_token": csrf_from(warned)})
    assert r.status_code == 302 and store.live_settings()["sensitive_topics"] == BY_NAME["sensitive_topics"].default
    page = admin.get("/admin/topics").get_data(as_text=True)
    assert "reset to the defaults" in page.lower() and "condolence" in page
    audit = admin.get("/admin/audit").get_data(as_text=True)
    assert audit.count("setting sensitive_topics") == 2


def test_reset_only_applies_to_a_list_setting_of_the_page(admin, admin_app):
    r = save(admin, "topics", sensitive_topics="layoff", reset="draft_threshold")
    assert r.status_code == 302
    assert admin_app.extensions["sincerely"].store.live_settings() == {"sensitive_topics": "layoff"}
