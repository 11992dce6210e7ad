"""Response headers, the Host allow-list (DNS rebinding), the no-CORS rule for /v1 and the per-caller rate limit.

See docs/security.md rows S4, S5, S9, S12 and S13.
"""
from __future__ import annotations

from flask import Flask, request

from .errors import ApiError
from .ratelimit import RateLimited
from .services import services

# werkzeug cannot match an IPv6 literal in TRUSTED_HOSTS (it cuts the name at the first colon): IPv4 loopback only.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
EXTENSION_ORIGIN_PREFIXES = ("chrome-extension://",)

_COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


def trusted_hosts(extra: str) -> list[str]:
    return list(LOOPBACK_HOSTS) + [h.strip() for h in extra.split(",") if h.strip()]


def check_origin() -> None:
    """A web page must never reach /v1: any http(s) or opaque Origin is refused, with no CORS headers."""
    origin = request.headers.get("Origin")
    if origin is None or origin.startswith(EXTENSION_ORIGIN_PREFIXES):
        return
    raise ApiError(403, "requests from web pages are not allowed; use the Sincerely extension")


def check_rate_limit(identity: str) -> None:
    """Count a request for an authenticated caller; over the limit, 429 with Retry-After (whole seconds).
    The identity is the caller's name (never a token or an address) and is not echoed back."""
    try:
        services().limiter.hit(identity)
    except RateLimited as limited:
        raise ApiError(429, f"too many requests; try again in {limited.retry_after} s",
                       headers={"Retry-After": str(limited.retry_after)}) from None


def register_security(app: Flask) -> None:
    @app.after_request
    def _headers(response):
        for k, v in _COMMON_HEADERS.items():
            response.headers[k] = v
        if response.mimetype == "application/json":
            response.headers["Content-Type"] = "application/json; charset=utf-8"
        if "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = _API_CSP
        for cors in ("Access-Control-Allow-Origin", "Access-Control-Allow-Credentials"):
            response.headers.pop(cors, None)
        return response
