"""Verify that a request to /addon/* comes from Google for this add-on (docs/security.md B.4 G1).

The bearer is a Google-signed ID token. google-auth checks its signature, expiry, issuer
(accounts.google.com) and audience (the configured endpoint URL, never None); then the email must be
the add-on's service account and verified. Certificates come from a local JSON file of PEM
certificates keyed by key id when `addon_certs_file` is set, from Google otherwise, cached.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.request
from dataclasses import dataclass

from google.oauth2 import id_token

GOOGLE_CERTS_URL = "https://www.googleapis.com/oauth2/v1/certs"
_CACHE_SECONDS = 3600


@dataclass
class _Response:
    status: int
    data: bytes
    headers: dict


class CertsRequest:
    """A google.auth transport `Request` that serves certificates only: from a file, or Google's URL, cached.
    verify_oauth2_token asks it for the certificate URL; anything else is refused."""

    def __init__(self, certs_file: str = "", fetch=None):
        self.certs_file = certs_file
        self._fetch = fetch or _fetch_url
        self._lock = threading.Lock()
        self._cached: tuple[float, bytes] | None = None

    def _certs(self) -> bytes:
        if self.certs_file:
            with open(self.certs_file, "rb") as f:
                data = f.read()
            json.loads(data)  # a broken file fails here, and verification with it
            return data
        with self._lock:
            if self._cached is None or self._cached[0] < time.monotonic():
                self._cached = (time.monotonic() + _CACHE_SECONDS, self._fetch(GOOGLE_CERTS_URL))
            return self._cached[1]

    def __call__(self, url, method="GET", body=None, headers=None, timeout=None, **kwargs):
        if method != "GET" or url != GOOGLE_CERTS_URL:
            raise ValueError("only Google's certificate URL is fetched here")
        return _Response(200, self._certs(), {})


def _fetch_url(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a fixed https URL
        return response.read()


def verify_bearer(header: str | None, *, audience: str | list[str], service_account: str, certs: CertsRequest) -> bool:
    """True only for `Bearer <ID token>` signed by Google, for `audience` (one of them, if a list), from
    `service_account`, verified."""
    if not header or not audience or not service_account:
        return False
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 8192:
        return False
    try:
        claims = id_token.verify_oauth2_token(token, certs, audience=audience)
    except Exception:  # noqa: BLE001 - any failure (bad signature, expiry, audience, issuer, parse) is a 401
        return False
    return (isinstance(claims, dict) and claims.get("email") == service_account
            and claims.get("email_verified") is True)
