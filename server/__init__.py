"""Sincerely's local server: `create_app` builds the Flask app; `python -m server` is the CLI."""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from .version import __version__

__all__ = ["create_app", "__version__"]


def create_app(test_config: Mapping[str, Any] | None = None, *, scorer=None, environ: Mapping[str, str] | None = None,
               public: bool = False) -> Flask:
    """Settings: defaults -> SINCERELY_* environment -> test_config. A scorer may be injected (tests).
    `public` is team mode: the admin session cookie is sent over HTTPS only."""
    from flask_wtf.csrf import CSRFProtect

    from . import admin, api, health
    from .auth import ensure_data_dir, load_or_create_token
    from .errors import register_error_handlers
    from .gate import Gate
    from .ratelimit import RateLimiter
    from .logs import configure_logging, register_access_log
    from .security import register_security, trusted_hosts
    from .services import Services
    from .settings import load_settings, resolve_data_dir
    from .store import Store, sqlite_url

    values = load_settings(environ, test_config)
    team = public or bool(values["secret_key"])
    data_dir = ensure_data_dir(resolve_data_dir(values).resolve())
    configure_logging(values["log_level"])

    app = Flask(__name__, instance_path=str(data_dir))
    app.config.update(
        MAX_CONTENT_LENGTH=values["max_body_bytes"],
        TRUSTED_HOSTS=trusted_hosts(values["trusted_hosts"]),
        SINCERELY=values,
        DEBUG=False,
    )
    app.json.sort_keys = False
    app.json.ensure_ascii = False

    if scorer is None:
        from . import language
        from .inference import scorer_from_settings

        scorer = scorer_from_settings(values)
        language.load()  # before the first writer's draft, not during it
    app.extensions["sincerely"] = Services(
        data_dir=data_dir,
        token=load_or_create_token(data_dir),
        store=Store(values["database_url"] or sqlite_url(data_dir)),
        scorer=scorer,
        gate=Gate(values["inference_concurrency"], values["inference_queue"], values["queue_timeout_seconds"]),
        # S9: per-caller limit in team mode; no ProxyFix, so X-Forwarded-For is never read
        limiter=RateLimiter(values["rate_limit_per_minute"] if team else 0),
    )

    store = app.extensions["sincerely"].store
    app.config.update(
        SECRET_KEY=values["secret_key"] or store.secret("session_key").hex(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=public,
        # __Host- pins the cookie to this host over HTTPS; a loopback server speaks plain HTTP, where it cannot be set.
        SESSION_COOKIE_NAME="__Host-session" if public else "sincerely_admin",
        PERMANENT_SESSION_LIFETIME=8 * 3600,
        WTF_CSRF_TIME_LIMIT=8 * 3600,
        # Every page says Referrer-Policy: no-referrer, so an HTTPS form post has no Referer to check; the admin
        # blueprint checks Sec-Fetch-Site instead (docs/security.md D3).
        WTF_CSRF_SSL_STRICT=False,
    )

    register_error_handlers(app)
    register_security(app)
    register_access_log(app)
    csrf = CSRFProtect(app)
    csrf.exempt(api.bp)  # bearer-token API: no cookies, so nothing to forge
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    if team and values["addon_audience"] and values["addon_service_account"]:
        from addon import routes as addon_routes  # team mode only: Google must reach it over public HTTPS

        csrf.exempt(addon_routes.bp)  # Google-signed ID token on every request; no cookies
        app.register_blueprint(addon_routes.bp)
    return app
