"""One access-log line per request: method, route pattern, status, sizes and time. Never the text,
the query string, the token or the thread id (the route pattern is logged, not the path)."""
from __future__ import annotations

import logging
import time

from flask import Flask, g, request

access = logging.getLogger("sincerely.access")


def configure_logging(level: str) -> None:
    """One handler, on the root logger (a no-op when the host app already configured logging);
    waitress's own basicConfig then finds it and adds no second one."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("sincerely").setLevel(level.upper())


def register_access_log(app: Flask) -> None:
    @app.before_request
    def _start():
        g.started = time.perf_counter()

    @app.after_request
    def _log(response):
        started = g.get("started")
        ms = (time.perf_counter() - started) * 1000 if started else 0.0
        rule = request.url_rule.rule if request.url_rule else "-"
        extra = g.get("log_extra", "")
        access.info("%s %s %s in=%sB out=%sB %.1fms %s", request.method, rule, response.status_code,
                    request.content_length or 0, response.calculate_content_length() or 0, ms, extra)
        return response
