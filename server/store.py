"""Settings overrides and per-thread toggles, in SQLite (default) or PostgreSQL through SQLAlchemy.

Never email text: a thread is stored as a keyed hash of its id, a setting as its name and value.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine

from .settings import BY_NAME

metadata = MetaData()

thread_states = Table(
    "thread_states",
    metadata,
    Column("thread_key", String(64), primary_key=True),
    Column("enabled", Boolean, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

setting_values = Table(
    "setting_values",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# A dismissed or confirmed hint: a keyed hash of the sentence and its model input row, never the text.
feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user", String(64), nullable=False, index=True),
    Column("sentence_key", String(64), nullable=False, index=True),
    Column("verdict", String(16), nullable=False),
    Column("row", LargeBinary, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'sincerely.db'}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Store:
    def __init__(self, url: str):
        self.engine: Engine = create_engine(url, future=True, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)
        self._thread_salt = self._meta_secret("thread_salt")

    def _meta_secret(self, key: str) -> bytes:
        with self.engine.begin() as conn:
            row = conn.execute(select(store_meta.c.value).where(store_meta.c.key == key)).first()
            if row is None:
                value = secrets.token_hex(32)
                conn.execute(insert(store_meta).values(key=key, value=value))
                return bytes.fromhex(value)
            return bytes.fromhex(row.value)

    def thread_key(self, thread_id: str) -> str:
        """A keyed hash: the database never holds which Gmail threads a user has."""
        return self._keyed(thread_id)

    def sentence_key(self, sentence: str) -> str:
        """A keyed hash of a sentence (whitespace folded): lets a dismissal match again, reveals nothing."""
        return self._keyed("sentence\x00" + " ".join(sentence.split()))

    def _keyed(self, value: str) -> str:
        return hmac.new(self._thread_salt, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def add_feedback(self, user: str, sentence: str, verdict: str, row: bytes | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(feedback).values(user=user, sentence_key=self.sentence_key(sentence), verdict=verdict,
                                                 row=row, created_at=_now()))

    def dismissed_keys(self, user: str) -> frozenset[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(feedback.c.sentence_key).where(
                (feedback.c.user == user) & (feedback.c.verdict == "not_templated"))).all()
        return frozenset(r.sentence_key for r in rows)

    def feedback_rows(self) -> list[tuple[str, bytes]]:
        """(verdict, model input row) of every feedback with a row: what `--with-feedback` trains on."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(feedback.c.verdict, feedback.c.row).where(feedback.c.row.is_not(None))).all()
        return [(r.verdict, r.row) for r in rows]

    def thread_enabled(self, thread_id: str, default: bool) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(thread_states.c.enabled).where(thread_states.c.thread_key == self.thread_key(thread_id))
            ).first()
        return default if row is None else bool(row.enabled)

    def set_thread_enabled(self, thread_id: str, enabled: bool) -> None:
        self._upsert(thread_states.c.thread_key, self.thread_key(thread_id), enabled=enabled)

    def live_settings(self) -> dict[str, Any]:
        """Stored overrides of live settings, checked again on the way out."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(setting_values.c.name, setting_values.c.value)).all()
        out = {}
        for name, raw in rows:
            setting = BY_NAME.get(name)
            if setting is not None and setting.live:
                try:
                    out[name] = setting.parse(json.loads(raw))
                except ValueError:
                    continue
        return out

    def set_setting(self, name: str, value: Any) -> Any:
        setting = BY_NAME.get(name)
        if setting is None or not setting.live:
            raise ValueError(f"{name} is not a setting that can be changed while the server runs")
        parsed = setting.parse(value)
        self._upsert(setting_values.c.name, name, value=json.dumps(parsed))
        return parsed

    def _upsert(self, key_column, key: str, **values: Any) -> None:
        """Update the row with this key, or insert it (portable across SQLite and PostgreSQL)."""
        table = key_column.table
        values["updated_at"] = _now()
        with self.engine.begin() as conn:
            if not conn.execute(update(table).where(key_column == key).values(**values)).rowcount:
                conn.execute(insert(table).values({key_column.name: key, **values}))

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
