"""Sincerely's local server: `create_app` builds the Flask app; `python -m server` is the CLI."""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from .version import __version__

__all__ = ["create_app", "__version__"]


def create_app(test_config: Mapping[str, Any] | None = None, *, scorer=None, environ: Mapping[str, str] | None = None) -> Flask:
    """Settings: defaults -> SINCERELY_* environment -> test_config. A scorer may be injected (tests)."""
    from . import api, health
    from .auth import ensure_data_dir, load_or_create_token
    from .errors import register_error_handlers
    from .gate import Gate
    from .logs import configure_logging, register_access_log
    from .security import register_security, trusted_hosts
    from .services import Services
    from .settings import load_settings, resolve_data_dir
    from .store import Store, sqlite_url

    values = load_settings(environ, test_config)
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
        from .inference import scorer_from_settings

        scorer = scorer_from_settings(values)
    app.extensions["sincerely"] = Services(
        data_dir=data_dir,
        token=load_or_create_token(data_dir),
        store=Store(values["database_url"] or sqlite_url(data_dir)),
        scorer=scorer,
        gate=Gate(values["inference_concurrency"], values["inference_queue"], values["queue_timeout_seconds"]),
    )

    register_error_handlers(app)
    register_security(app)
    register_access_log(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    return app
