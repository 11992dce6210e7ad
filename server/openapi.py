"""The OpenAPI 3.1 document of the API, built from the pydantic shapes in schemas.py."""
from __future__ import annotations

from functools import lru_cache

from pydantic.json_schema import models_json_schema

from .schemas import (
    AnalyzeRequest,
    AnalyzeResponse,
    DisabledResponse,
    ErrorResponse,
    FeedbackOut,
    FeedbackRequest,
    Health,
    ThreadState,
    ThreadStateOut,
)
from .version import __version__

_REF = "#/components/schemas/{model}"


def _ref(name: str) -> dict:
    return {"$ref": _REF.format(model=name)}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    text = {400: "Malformed JSON or a wrong type (names the field)", 401: "Missing or wrong bearer token",
            403: "Request from a web page", 413: "Body or text over the limit", 415: "Not JSON",
            429: "Over this caller's rate limit, team mode (Retry-After)", 503: "Model busy (Retry-After)"}
    return {str(c): _json(_ref("ErrorResponse"), text[c]) for c in codes}


_HTML = {"content": {"text/html": {"schema": {"type": "string"}}}}
_ADMIN_PAGES = {
    "/admin/": ("get", "Admin start: goes to Detection"),
    "/admin/login": ("get,post", "Log in (username, password, csrf_token)"),
    "/admin/logout": ("post", "Log out"),
    "/admin/detection": ("get,post", "Detection thresholds and the most hints per draft"),
    "/admin/recipients": ("get,post", "Important recipients: stricter threshold and a review nudge"),
    "/admin/topics": ("get,post", "Sensitive topics that switch on care mode"),
    "/admin/disclosure": ("get,post", "AI-use disclosure policy and wording"),
    "/admin/tokens": ("get,post", "Per-user API tokens: create (shown once) and revoke"),
    "/admin/stats": ("get,post", "Counts per day and user, a chart; per-user counts on or off"),
    "/admin/stats.csv": ("get", "The counts as CSV"),
    "/admin/audit": ("get", "Who changed what, when, old and new value"),
}


def _admin_paths() -> dict:
    """The HTML admin pages (server/admin.py): a session cookie, a CSRF token on every form; not JSON."""
    responses = {"200": {"description": "HTML page", **_HTML}, "302": {"description": "Logged out: to /admin/login"},
                 "400": {"description": "Missing CSRF token or a bad value (shown next to its field)", **_HTML},
                 "503": {"description": "No admin account yet: how to make one", **_HTML}}
    return {path: {method: {"tags": ["admin"], "summary": summary, "security": [{"adminSession": []}],
                            "responses": responses}
                   for method in methods.split(",")}
            for path, (methods, summary) in _ADMIN_PAGES.items()}


_ADDON_ROUTES = {
    "/addon/home": "Gmail add-on homepage trigger: a card on what the add-on does",
    "/addon/open": "Gmail add-on, message open: how templated your last reply reads; relationship prompts quoted "
                   "from their message",
    "/addon/compose": "Gmail add-on compose action: a box to paste the draft, a button for the personal-line marker",
    "/addon/analyze": "Gmail add-on callback: the analysis of the pasted draft as a card",
    "/addon/insert-marker": "Gmail add-on callback: insert a marker for the personal line at the cursor",
}


def _addon_paths() -> dict:
    """The Gmail add-on's HTTP endpoints (addon/routes.py): Google POSTs an event, gets card JSON back.
    Present only in team mode with the add-on configured."""
    responses = {"200": {"description": "Card JSON (or an error card)"},
                 "400": {"description": "Not a JSON event object"},
                 "401": {"description": "Missing or invalid Google ID token (no detail)"}}
    return {path: {"post": {"tags": ["addon"], "summary": summary, "security": [{"googleIdToken": []}],
                            "responses": responses}}
            for path, summary in _ADDON_ROUTES.items()}


def openapi_document(addon: bool = False) -> dict:
    doc = _document()
    if not addon:
        return doc
    return {**doc, "paths": {**doc["paths"], **_addon_paths()}}


@lru_cache(maxsize=1)
def _document() -> dict:
    _, schemas = models_json_schema(
        [(m, "validation") for m in (AnalyzeRequest, FeedbackRequest, ThreadState)]
        + [(m, "serialization") for m in (AnalyzeResponse, DisabledResponse, ErrorResponse, FeedbackOut, Health,
                                          ThreadStateOut)],
        ref_template=_REF,
    )
    thread_param = [{"name": "thread_id", "in": "path", "required": True,
                     "schema": {"type": "string", "pattern": r"^[A-Za-z0-9_.:#\-]{1,200}$"}}]
    return {
        "openapi": "3.1.0",
        "info": {"title": "Sincerely", "version": __version__,
                 "description": "Scores an email draft for how templated it reads, says why, and points to where "
                                "a personal line belongs. Email text is never stored or logged."},
        "servers": [{"url": "http://127.0.0.1:8765"}],
        "security": [{"bearer": []}],
        "paths": {
            "/healthz": {"get": {"security": [], "summary": "Liveness and model name",
                                 "responses": {"200": _json(_ref("Health"), "Up")}}},
            "/v1/analyze": {"post": {
                "summary": "Analyse a draft",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("AnalyzeRequest")}}},
                "responses": {"200": _json({"oneOf": [_ref("AnalyzeResponse"), _ref("DisabledResponse")]},
                                           "The analysis, or {disabled: true} for a thread switched off"),
                              **_errors(400, 401, 403, 413, 415, 429, 503)}}},
            "/v1/feedback": {"post": {
                "summary": "Dismiss a hint as not templated (or confirm it); keeps a keyed hash, never the text",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("FeedbackRequest")}}},
                "responses": {"200": _json(_ref("FeedbackOut"), "Stored; the user's thresholds now"),
                              **_errors(400, 401, 403, 413, 415, 429, 503)}}},
            "/v1/threads/{thread_id}": {
                "get": {"summary": "Whether hints are on for a thread", "parameters": thread_param,
                        "responses": {"200": _json(_ref("ThreadStateOut"), "State"), **_errors(400, 401, 403, 429)}},
                "put": {"summary": "Switch hints on or off for a thread", "parameters": thread_param,
                        "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("ThreadState")}}},
                        "responses": {"200": _json(_ref("ThreadStateOut"), "Saved"), **_errors(400, 401, 403, 413, 415, 429)}}},
            "/v1/openapi.json": {"get": {"summary": "This document",
                                         "responses": {"200": {"description": "OpenAPI 3.1"}, **_errors(401, 403, 429)}}},
            **_admin_paths(),
        },
        "components": {"schemas": schemas["$defs"],
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                                           "googleIdToken": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                                                             "description": "Google-signed ID token for the add-on's "
                                                                            "service account"},
                                           "adminSession": {"type": "apiKey", "in": "cookie",
                                                            "name": "sincerely_admin"}}},
    }
