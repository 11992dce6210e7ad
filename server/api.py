"""The /v1 JSON API used by the extension and scripts: analyze, thread toggles, the OpenAPI document.

Every route here needs the bearer token (a test walks the URL map to keep it so); web origins are
refused; the draft is parsed, analysed and answered, and never stored or logged.
"""
from __future__ import annotations

import logging
import re
import time

from flask import Blueprint, current_app, g, jsonify, request
from pydantic import ValidationError

from .auth import bearer_matches, bearer_value
from .core import analyze
from .errors import ApiError
from .gate import Busy
from .openapi import openapi_document
from .options import analyze_options, disclosure, effective_settings, user_thresholds
from .learning import LOCAL_USER
from .schemas import THREAD_ID_PATTERN, AnalyzeRequest, FeedbackRequest, ThreadState, json_object
from .security import check_origin, check_rate_limit
from .services import services
from .store import TEAM

bp = Blueprint("api", __name__, url_prefix="/v1")
log = logging.getLogger("sincerely.api")
_THREAD_ID_RE = re.compile(THREAD_ID_PATTERN)
_THREAD_ID_MESSAGE = "thread_id: letters, digits and _.:#- only, at most 200"


@bp.before_request
def _guard():
    check_origin()
    if request.method == "OPTIONS":
        # a preflight from the extension carries no token; it learns nothing but the allowed methods
        return "", 204
    header = request.headers.get("Authorization")
    if bearer_matches(header, services().token):  # the local token, in constant time
        user = LOCAL_USER
    else:
        value = bearer_value(header)
        user = services().store.user_for_token(value) if value else None  # per-user tokens: compared as hashes
    if user is None:
        raise ApiError(401, "missing or wrong bearer token", headers={"WWW-Authenticate": 'Bearer realm="sincerely"'})
    g.api_user = user
    check_rate_limit(f"v1:{user}")  # per user, after authentication (S9)
    return None


def _json_body() -> dict:
    if request.mimetype != "application/json":
        raise ApiError(415, "send JSON with Content-Type: application/json")
    raw = request.get_data(cache=False)  # raises 413 past MAX_CONTENT_LENGTH
    body = json_object(raw)
    if body is None:
        raise ApiError(400, "the body must be a JSON object", field="body")
    return body


def _validate(model, body: dict):
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        first = exc.errors(include_input=False, include_url=False)[0]
        field = ".".join(str(p) for p in first["loc"]) or "body"
        if field == "thread_id" and first["type"] == "string_pattern_mismatch":
            raise ApiError(400, _THREAD_ID_MESSAGE, field=field) from None  # in words, not the pattern
        raise ApiError(400, f"{field}: {first['msg']}", field=field) from None


def _check_length(field: str, value: str | None, limit: int) -> None:
    if value is not None and len(value) > limit:
        raise ApiError(413, f"{field}: longer than {limit} characters", field=field)


def _on_model(work):
    """Run work that needs the model behind the concurrency gate; a full gate is a 503 with Retry-After."""
    try:
        return services().gate.run(work)
    except Busy as busy:
        raise ApiError(503, f"busy: {busy.reason}; try again shortly", headers={"Retry-After": str(busy.retry_after)}) from None


def _check_thread_id(thread_id: str) -> None:
    if not _THREAD_ID_RE.match(thread_id):
        raise ApiError(400, _THREAD_ID_MESSAGE, field="thread_id")


def stats_user(settings: dict) -> str:
    return g.api_user if settings["stats_per_user"] else TEAM


@bp.post("/analyze")
def analyze_draft():
    started = time.perf_counter()
    req = _validate(AnalyzeRequest, _json_body())
    settings = effective_settings()
    _check_length("text", req.text, settings["max_text_chars"])
    _check_length("subject", req.subject, settings["max_subject_chars"])
    recipients = req.recipients or []
    if len(recipients) > settings["max_recipients"]:
        raise ApiError(413, f"recipients: more than {settings['max_recipients']}", field="recipients")
    svc = services()
    if req.thread_id is not None and not svc.store.thread_enabled(req.thread_id, settings["threads_enabled_by_default"]):
        return jsonify(disabled=True)

    store = svc.store
    options = analyze_options(settings, g.api_user)
    result = _on_model(
        lambda: analyze(req.text, scorer=svc.scorer, subject=req.subject, recipients=recipients, options=options)
    )
    body = result.to_dict()
    body["disclosure"] = disclosure(settings)
    body["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 2)
    g.log_extra = f"chars={len(req.text)} sentences={len(result.sentences)} label={result.label}"
    store.count_usage(stats_user(settings), drafts=1, templated=int(result.label == "templated"),
                      hints=sum(s.flagged for s in result.sentences))
    return jsonify(body)


@bp.post("/feedback")
def post_feedback():
    """A hint dismissed as not templated (or confirmed): kept as a keyed hash and the model's input row."""
    req = _validate(FeedbackRequest, _json_body())
    settings = effective_settings()
    _check_length("text", req.text, settings["max_text_chars"])
    svc = services()
    row = _on_model(lambda: svc.scorer.feedback_row(req.text))
    svc.store.add_feedback(g.api_user, req.text, req.verdict, row)
    if req.verdict == "not_templated":
        svc.store.count_usage(stats_user(settings), dismissed=1)
    draft_threshold, sentence_threshold = user_thresholds(settings, svc.store.dismissed_keys(g.api_user))
    return jsonify(ok=True, draft_threshold=draft_threshold, sentence_threshold=sentence_threshold)


@bp.get("/threads/<thread_id>")
def get_thread(thread_id: str):
    _check_thread_id(thread_id)
    default = effective_settings()["threads_enabled_by_default"]
    return jsonify(thread_id=thread_id, enabled=services().store.thread_enabled(thread_id, default))


@bp.put("/threads/<thread_id>")
def put_thread(thread_id: str):
    _check_thread_id(thread_id)
    state = _validate(ThreadState, _json_body())
    services().store.set_thread_enabled(thread_id, state.enabled)
    return jsonify(thread_id=thread_id, enabled=state.enabled)


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(addon="addon" in current_app.blueprints))
