"""What the admin pages keep, on SQLite and PostgreSQL: the admin's hash, login failures, hashed API tokens,
the audit log and the usage counts (one upsert per analyze)."""
from datetime import date, timedelta

from werkzeug.security import check_password_hash, generate_password_hash

from server import store as store_module
from server.core import AnalyzeOptions


def test_admin_account_keeps_only_a_hash(store):
    assert not store.has_admin()
    store.set_admin("admin", generate_password_hash("a long password"))
    store.set_admin("admin", generate_password_hash("another long password"))  # resetting replaces it
    assert store.has_admin()
    assert check_password_hash(store.admin_password_hash("admin"), "another long password")
    assert store.admin_password_hash("nobody") is None


def test_failed_logins_lock_then_expire_and_success_resets(store, monkeypatch):
    for _ in range(store_module.MAX_LOGIN_FAILURES - 1):
        store.record_login("admin", False)
    assert not store.login_locked("admin")
    store.record_login("admin", False)
    assert store.login_locked("admin") and not store.login_locked("other")
    monkeypatch.setattr(store_module, "LOCKOUT", timedelta(0))
    assert not store.login_locked("admin")
    store.record_login("admin", True)
    monkeypatch.setattr(store_module, "LOCKOUT", timedelta(minutes=5))
    assert not store.login_locked("admin")


def test_tokens_are_hashed_note_last_use_and_revoke(store):
    token = store.create_token("dana")
    with store.engine.connect() as conn:
        assert token not in str(conn.exec_driver_sql("select * from api_tokens").fetchall())
    (row,) = store.tokens()
    assert row.last_used_at is None
    assert store.user_for_token(token) == "dana" and store.user_for_token("guess") is None
    assert store.tokens()[0].last_used_at is not None
    assert store.revoke_token(row.id) == "dana" and store.revoke_token(999) is None
    assert store.user_for_token(token) is None and store.tokens()[0].revoked_at is not None


def test_audited_settings_record_old_and_new_and_skip_unchanged(store):
    default = str(AnalyzeOptions().draft_threshold)
    store.set_setting_audited("admin", {"draft_threshold": "0.8", "max_hints": 5})  # max_hints unchanged
    store.set_setting_audited("kim", {"draft_threshold": 0.65})
    entries = store.audit_entries()
    assert [(e.who, e.action, e.old, e.new) for e in entries] == [
        ("kim", "setting draft_threshold", "0.8", "0.65"), ("admin", "setting draft_threshold", default, "0.8")]
    assert entries[0].at.tzinfo is not None
    assert store.live_settings() == {"draft_threshold": 0.65}


def test_audit_log_keeps_words_in_any_script_readable(store):
    store.set_setting_audited("admin", {"sensitive_topics": "décès, 病気", "disclosure_line": "Drafted with AI — I edited it."})
    new = {e.action: e.new for e in store.audit_entries()}
    assert new["setting sensitive_topics"] == '"décès, 病気"'
    assert new["setting disclosure_line"] == '"Drafted with AI — I edited it."'


def test_usage_counts_add_up_per_day_and_user(store):
    store.count_usage("*", drafts=1, templated=1, hints=3)
    store.count_usage("*", drafts=1, hints=1)
    store.count_usage("*", dismissed=1)
    store.count_usage("dana", drafts=1)
    rows = store.usage(date.today() - timedelta(days=1))
    assert [(r["user"], r["drafts"], r["templated"], r["hints"], r["dismissed"]) for r in rows] == [
        ("*", 2, 1, 4, 1), ("dana", 1, 0, 0, 0)]
    assert store.usage(date.today() + timedelta(days=1)) == []


def test_admin_session_nonce_changes_on_logout_and_on_a_new_password(store):
    assert store.admin_session_nonce("admin") is None  # no account, no session
    store.set_admin("admin", generate_password_hash("a long password"))
    first = store.admin_session_nonce("admin")
    assert first and store.admin_session_nonce("admin") == first  # stable while nothing happens
    store.end_admin_sessions("admin")
    second = store.admin_session_nonce("admin")
    assert second and second != first
    store.set_admin("admin", generate_password_hash("another long password"))  # create-admin again
    third = store.admin_session_nonce("admin")
    assert third and third not in (first, second)
    store.end_admin_sessions("nobody")  # no account: nothing to end, no row made
    assert store.admin_session_nonce("nobody") is None
