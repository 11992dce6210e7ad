"""The store: thread toggles and live settings, through SQLAlchemy (SQLite here; the same code serves PostgreSQL)."""
import sqlite3

import pytest

from server.store import Store, sqlite_url


@pytest.fixture
def store(tmp_path):
    s = Store(sqlite_url(tmp_path))
    yield s
    s.close()


def test_thread_toggle_round_trip(store):
    assert store.thread_enabled("abc", default=True) is True
    assert store.thread_enabled("abc", default=False) is False
    store.set_thread_enabled("abc", False)
    assert store.thread_enabled("abc", default=True) is False
    store.set_thread_enabled("abc", True)
    assert store.thread_enabled("abc", default=False) is True


def test_thread_ids_are_stored_as_keyed_hashes(store, tmp_path):
    store.set_thread_enabled("thread-visible-id", False)
    rows = sqlite3.connect(tmp_path / "sincerely.db").execute("select thread_key from thread_states").fetchall()
    assert rows and all("thread-visible-id" not in r[0] and len(r[0]) == 64 for r in rows)


def test_sqlite_uses_wal(store, tmp_path):
    store.thread_enabled("x", True)
    mode = sqlite3.connect(tmp_path / "sincerely.db").execute("pragma journal_mode").fetchone()[0]
    assert mode == "wal"


def test_live_settings_validate_and_persist(store, tmp_path):
    assert store.live_settings() == {}
    assert store.set_setting("draft_threshold", "0.7") == 0.7
    store.set_setting("draft_threshold", 0.65)
    with pytest.raises(ValueError, match="draft_threshold"):
        store.set_setting("draft_threshold", 3)
    with pytest.raises(ValueError, match="not a setting"):
        store.set_setting("max_body_bytes", 10)
    again = Store(sqlite_url(tmp_path))
    assert again.live_settings() == {"draft_threshold": 0.65}
    again.close()


def test_salt_is_stable_across_restarts(tmp_path):
    a = Store(sqlite_url(tmp_path))
    key = a.thread_key("t")
    a.close()
    b = Store(sqlite_url(tmp_path))
    assert b.thread_key("t") == key
    b.close()
