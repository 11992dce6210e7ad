"""Settings overrides, per-thread toggles, the admin's account, API tokens, the audit log and usage counts,
in SQLite (default) or PostgreSQL through SQLAlchemy.

Never email text: a thread is stored as a keyed hash of its id, a setting as its name and value, a token
as its SHA-256, usage as counts per day.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

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
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

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

admins = Table(
    "admins",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", String(256), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Each admin's session nonce: a login puts it in the signed cookie and every admin request checks it, so logging
# out or setting a new password (create-admin again) ends every session made before, copies of the cookie too.
# A table of its own (not a column of admins) so that databases made before it get it from create_all.
admin_sessions = Table(
    "admin_sessions",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("nonce", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Failed logins per username: after MAX_LOGIN_FAILURES the account waits LOCKOUT before the next try.
login_failures = Table(
    "login_failures",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("who", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("old", Text, nullable=True),
    Column("new", Text, nullable=True),
)

# Counts only, one row per day and user ("*" when counts are kept for the whole team).
usage_counts = Table(
    "usage_counts",
    metadata,
    Column("day", String(10), primary_key=True),
    Column("user", String(64), primary_key=True),
    Column("drafts", Integer, nullable=False, default=0),
    Column("templated", Integer, nullable=False, default=0),
    Column("hints", Integer, nullable=False, default=0),
    Column("dismissed", Integer, nullable=False, default=0),
)
USAGE_FIELDS = ("drafts", "templated", "hints", "dismissed")
USAGE_FLUSH_SECONDS = 2.0
READ_CACHE_SECONDS = 1.0
TEAM = "*"
MAX_LOGIN_FAILURES = 5
LOCKOUT = timedelta(minutes=5)


@dataclass(frozen=True)
class TokenRow:
    id: int
    user: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    who: str
    action: str
    old: str | None
    new: str | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every one we stored was UTC."""
    return moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment


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
        self._read_cache: dict[Any, tuple[float, Any]] = {}
        self._usage_lock = threading.Lock()
        self._usage_pending: dict[tuple[str, str], dict[str, int]] = {}
        self._usage_stop = threading.Event()
        self._usage_flusher: threading.Thread | None = None

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
        self._read_cache.clear()

    def dismissed_keys(self, user: str) -> frozenset[str]:
        return self._cached(("dismissed", user), lambda: self._load_dismissed_keys(user))

    def _load_dismissed_keys(self, user: str) -> frozenset[str]:
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
        return self._cached("live", self._load_live_settings)

    def _cached(self, key: Any, load: Callable[[], Any]) -> Any:
        """What every analyze reads, kept READ_CACHE_SECONDS: this process's own writes clear it at once,
        another process's (a second server worker) show within that time."""
        now = time.monotonic()
        hit = self._read_cache.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        value = load()
        self._read_cache[key] = (now + READ_CACHE_SECONDS, value)
        return value

    def _load_live_settings(self) -> dict[str, Any]:
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
        self._read_cache.clear()
        return parsed

    def _upsert(self, key_column, key: str, **values: Any) -> None:
        """Update the row with this key, or insert it (portable across SQLite and PostgreSQL)."""
        table = key_column.table
        values["updated_at"] = _now()
        with self.engine.begin() as conn:
            if not conn.execute(update(table).where(key_column == key).values(**values)).rowcount:
                conn.execute(insert(table).values({key_column.name: key, **values}))

    def set_setting_audited(self, who: str, changes: dict[str, Any]) -> None:
        """Save several live settings at once, each change with an audit entry (who, when, old, new)."""
        before = {**{n: BY_NAME[n].default for n in changes}, **self._load_live_settings()}
        parsed = {name: BY_NAME[name].parse(value) for name, value in changes.items()}
        for name, value in parsed.items():
            if before.get(name) != value:
                self.set_setting(name, value)
                self.audit(who, f"setting {name}", json.dumps(before.get(name), ensure_ascii=False),
                           json.dumps(value, ensure_ascii=False))

    def audit(self, who: str, action: str, old: str | None = None, new: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(audit_log).values(at=_now(), who=who, action=action, old=old, new=new))

    def audit_entries(self, limit: int = 200) -> list[AuditRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)).all()
        return [AuditRow(_aware(r.at), r.who, r.action, r.old, r.new) for r in rows]

    # The admin account: a werkzeug password hash, never the password.
    def has_admin(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(admins)).scalar_one() > 0

    def set_admin(self, username: str, password_hash: str) -> None:
        """Create the account or set its password; either way every session made before ends."""
        with self.engine.begin() as conn:
            conn.execute(delete(admins).where(admins.c.username == username))
            conn.execute(insert(admins).values(username=username, password_hash=password_hash, created_at=_now()))
            self._new_session_nonce(conn, username)

    def admin_session_nonce(self, username: str) -> str | None:
        """The nonce a valid session of this admin carries (made on first use), or None without such an account.
        Never cached: a logout in one server process must end the session in every other one at once."""
        for _ in range(2):  # two first logins at once: one inserts the row, the other reads it on its second go
            try:
                with self.engine.begin() as conn:
                    if conn.execute(select(admins.c.username).where(admins.c.username == username)).first() is None:
                        return None
                    row = conn.execute(select(admin_sessions.c.nonce)
                                       .where(admin_sessions.c.username == username)).first()
                    return row.nonce if row is not None else self._new_session_nonce(conn, username)
            except IntegrityError:
                continue
        return None

    def end_admin_sessions(self, username: str) -> None:
        """Log this admin out everywhere: every session cookie issued before carries a stale nonce."""
        with self.engine.begin() as conn:
            if conn.execute(select(admins.c.username).where(admins.c.username == username)).first() is not None:
                self._new_session_nonce(conn, username)

    @staticmethod
    def _new_session_nonce(conn, username: str) -> str:
        """A fresh random nonce (random, not a counter: a counter could come round to an old value)."""
        nonce = secrets.token_hex(16)
        values = {"nonce": nonce, "updated_at": _now()}
        if not conn.execute(update(admin_sessions).where(admin_sessions.c.username == username).values(**values)).rowcount:
            conn.execute(insert(admin_sessions).values(username=username, **values))
        return nonce

    def admin_password_hash(self, username: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(admins.c.password_hash).where(admins.c.username == username)).first()
        return None if row is None else row.password_hash

    def login_locked(self, username: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(select(login_failures).where(login_failures.c.username == username)).first()
        return (row is not None and row.failures >= MAX_LOGIN_FAILURES
                and _now() - _aware(row.updated_at) < LOCKOUT)

    def record_login(self, username: str, ok: bool) -> None:
        if ok:
            with self.engine.begin() as conn:
                conn.execute(delete(login_failures).where(login_failures.c.username == username))
            return
        with self.engine.connect() as conn:
            row = conn.execute(select(login_failures.c.failures).where(login_failures.c.username == username)).first()
        self._upsert(login_failures.c.username, username, failures=(row.failures if row else 0) + 1)

    # Per-user API tokens: only the SHA-256 is kept; the token is shown once.
    def create_token(self, user: str) -> str:
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(insert(api_tokens).values(user=user, token_hash=token_hash(token), created_at=_now()))
        return token

    def revoke_token(self, token_id: int) -> str | None:
        with self.engine.begin() as conn:
            row = conn.execute(select(api_tokens.c.user).where(api_tokens.c.id == token_id)).first()
            conn.execute(update(api_tokens).where((api_tokens.c.id == token_id) & api_tokens.c.revoked_at.is_(None))
                         .values(revoked_at=_now()))
        return None if row is None else row.user

    def tokens(self) -> list[TokenRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(api_tokens).order_by(api_tokens.c.id)).all()
        return [TokenRow(r.id, r.user, _aware(r.created_at), _aware(r.last_used_at), _aware(r.revoked_at)) for r in rows]

    def user_for_token(self, token: str) -> str | None:
        """The user of an active token (its last use noted), or None."""
        with self.engine.begin() as conn:
            row = conn.execute(select(api_tokens.c.id, api_tokens.c.user).where(
                (api_tokens.c.token_hash == token_hash(token)) & api_tokens.c.revoked_at.is_(None))).first()
            if row is None:
                return None
            conn.execute(update(api_tokens).where(api_tokens.c.id == row.id).values(last_used_at=_now()))
        return row.user

    def count_usage(self, user: str, **counts: int) -> None:
        """Add to today's counts. Kept in memory and written at most every USAGE_FLUSH_SECONDS (and on
        read or close), so counting never puts a disk write on an analyze request."""
        key = (_now().date().isoformat(), user)
        with self._usage_lock:
            pending = self._usage_pending.setdefault(key, dict.fromkeys(USAGE_FIELDS, 0))
            for field, n in counts.items():
                pending[field] += n
            if self._usage_flusher is None:
                self._usage_flusher = threading.Thread(target=self._flush_usage_every, name="usage-flush", daemon=True)
                self._usage_flusher.start()

    def flush_usage(self) -> None:
        """Write pending counts, one UPSERT per day and user; on failure they stay pending."""
        with self._usage_lock:
            pending, self._usage_pending = self._usage_pending, {}
        if not pending:
            return
        dialect = sqlite if self.engine.dialect.name == "sqlite" else postgresql
        try:
            with self.engine.begin() as conn:
                for (day, user), values in pending.items():
                    stmt = dialect.insert(usage_counts).values(day=day, user=user, **values)
                    conn.execute(stmt.on_conflict_do_update(
                        index_elements=[usage_counts.c.day, usage_counts.c.user],
                        set_={f: usage_counts.c[f] + stmt.excluded[f] for f in USAGE_FIELDS}))
        except Exception:
            with self._usage_lock:
                for key, values in pending.items():
                    merged = self._usage_pending.setdefault(key, dict.fromkeys(USAGE_FIELDS, 0))
                    for field, n in values.items():
                        merged[field] += n
            raise

    def _flush_usage_every(self) -> None:
        while not self._usage_stop.wait(USAGE_FLUSH_SECONDS):
            try:
                self.flush_usage()
            except Exception as exc:  # tried again next round
                logging.getLogger("sincerely.store").warning("usage counts not written yet: %s", type(exc).__name__)

    def usage(self, since: date) -> list[dict[str, Any]]:
        """Rows of {day, user, drafts, templated, hints, dismissed} from `since` on, oldest first."""
        self.flush_usage()
        with self.engine.connect() as conn:
            rows = conn.execute(select(usage_counts).where(usage_counts.c.day >= since.isoformat())
                                .order_by(usage_counts.c.day, usage_counts.c.user)).all()
        return [dict(r._mapping) for r in rows]

    def secret(self, key: str) -> bytes:
        """A random secret made once and kept in the database (the local admin session key)."""
        return self._meta_secret(key)

    def close(self) -> None:
        self._usage_stop.set()
        self.flush_usage()
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL: commits skip the fsync (the database stays consistent; a power cut may lose the last
    # few counts); a usage count on every analyze would otherwise wait for the disk.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
