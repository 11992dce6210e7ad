"""One JSON error shape for every error: {"ok": false, "error": "...", "status": N[, "field": "..."]}."""
from __future__ import annotations

from flask import Flask, current_app, jsonify
from werkzeug.exceptions import HTTPException

_MESSAGES = {
    400: "bad request",
    401: "missing or wrong bearer token",
    403: "forbidden",
    404: "no such endpoint",
    405: "method not allowed",
    413: "request body too large",
    415: "send JSON with Content-Type: application/json",
    429: "too many requests",
    500: "internal error",
    503: "busy, try again shortly",
}


class ApiError(Exception):
    def __init__(self, status: int, message: str, *, field: str | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.headers = headers or {}


def error_response(status: int, message: str | None = None, *, field: str | None = None, headers: dict | None = None):
    body = {"ok": False, "error": message or _MESSAGES.get(status, "error"), "status": status}
    if field is not None:
        body["field"] = field
    response = jsonify(body)
    response.status_code = status
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return error_response(exc.status, exc.message, field=exc.field, headers=exc.headers)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        status = exc.code or 500
        headers = {"Allow": exc.response.headers["Allow"]} if exc.response is not None and "Allow" in exc.response.headers else {}
        if status == 405 and not headers:
            valid = getattr(exc, "valid_methods", None)
            if valid:
                headers["Allow"] = ", ".join(valid)
        return error_response(status, _MESSAGES.get(status, exc.name.lower()), headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        # The exception's message may quote the draft: log its type only, never its text.
        current_app.logger.error("internal error: %s", type(exc).__name__)
        return error_response(500)
