"""The store: thread toggles and live settings, through SQLAlchemy (SQLite here; the same code serves PostgreSQL)."""
import sqlite3

import pytest

from tests.conftest import auth_for

from sqlalchemy import create_engine

from server.store import Store, metadata, sqlite_url


def test_thread_toggle_round_trip(store):
    assert store.thread_enabled("abc", default=True) is True
    assert store.thread_enabled("abc", default=False) is False
    store.set_thread_enabled("abc", False)
    assert store.thread_enabled("abc", default=True) is False
    store.set_thread_enabled("abc", True)
    assert store.thread_enabled("abc", default=False) is True


def test_thread_ids_are_stored_as_keyed_hashes(store):
    store.set_thread_enabled("thread-visible-id", False)
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("select thread_key from thread_states").fetchall()
    assert rows and all("thread-visible-id" not in r[0] and len(r[0]) == 64 for r in rows)


def test_sqlite_uses_wal(tmp_path):
    store = Store(sqlite_url(tmp_path))
    store.thread_enabled("x", True)
    store.close()
    mode = sqlite3.connect(tmp_path / "sincerely.db").execute("pragma journal_mode").fetchone()[0]
    assert mode == "wal"


def test_live_settings_validate_and_persist(store, store_url):
    assert store.live_settings() == {}
    assert store.set_setting("draft_threshold", "0.7") == 0.7
    store.set_setting("draft_threshold", 0.65)
    with pytest.raises(ValueError, match="draft_threshold"):
        store.set_setting("draft_threshold", 3)
    with pytest.raises(ValueError, match="not a setting"):
        store.set_setting("max_body_bytes", 10)
    again = Store(store_url)
    assert again.live_settings() == {"draft_threshold": 0.65}
    again.close()


def test_salt_is_stable_across_restarts(store_url):
    a = Store(store_url)
    key = a.thread_key("t")
    a.close()
    b = Store(store_url)
    assert b.thread_key("t") == key
    b.close()


def test_the_app_runs_on_postgresql_with_the_same_code(make_app, postgres):
    engine = create_engine(postgres)
    metadata.drop_all(engine)
    engine.dispose()
    app = make_app(database_url=postgres)
    auth = auth_for(app)
    c = app.test_client()
    assert c.put("/v1/threads/pg-thread", json={"enabled": False}, headers=auth).status_code == 200
    assert c.post("/v1/analyze", json={"text": "Hello.", "thread_id": "pg-thread"}, headers=auth).get_json() == {"disabled": True}
    assert app.extensions["sincerely"].store.engine.dialect.name == "postgresql"


def test_usage_counts_are_buffered_then_written(tmp_path):
    from datetime import date

    url = sqlite_url(tmp_path)
    writer, reader = Store(url), Store(url)
    writer.count_usage("*", drafts=1, hints=2)
    writer.count_usage("*", drafts=1)
    assert reader.usage(date.today()) == []  # still in the writer's memory: no disk write on the request path
    writer.flush_usage()
    (row,) = reader.usage(date.today())
    assert (row["drafts"], row["hints"]) == (2, 2)
    writer.count_usage("*", dismissed=1)
    writer.close()  # closing writes what is pending
    assert reader.usage(date.today())[0]["dismissed"] == 1
    reader.close()


def test_live_settings_are_fresh_in_process_and_within_a_second_across(tmp_path, monkeypatch):
    import time

    import server.store as store_module

    monkeypatch.setattr(store_module, "READ_CACHE_SECONDS", 0.2)
    url = sqlite_url(tmp_path)
    a, b = Store(url), Store(url)  # two server processes on one database
    assert a.live_settings() == {} and b.live_settings() == {}
    a.set_setting("max_hints", 2)
    assert a.live_settings() == {"max_hints": 2}  # the writer sees its change at once
    time.sleep(0.25)
    assert b.live_settings() == {"max_hints": 2}  # the other within READ_CACHE_SECONDS
    a.add_feedback("local", "Some sentence.", "not_templated", None)
    assert len(a.dismissed_keys("local")) == 1
    a.close()
    b.close()
