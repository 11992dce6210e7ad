"""The Gmail add-on's HTTP endpoints. Registered by create_app in team mode with the add-on configured.

Every request is verified before any work (addon/verify.py): anything wrong is a bare 401. The
event's authorizationEventObject (tokens) is removed first thing; the draft is analysed and answered,
never stored or logged. Bad events get an error card or 400, never 500.
"""
from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, jsonify, request

from server.errors import ApiError
from server.options import analyze_options, disclosure, effective_settings
from server.schemas import json_object
from server.core import analyze
from server.gate import Busy
from server.learning import ADDON_USER
from server.services import services
from server.store import TEAM

from . import cards
from .message import decode_body, relationship_prompts, split_reply, unquote
from .verify import CertsRequest, verify_bearer

bp = Blueprint("addon", __name__, url_prefix="/addon")
log = logging.getLogger("sincerely.addon")
_MAX_RECIPIENTS_FIELDS = ("toRecipients", "ccRecipients", "bccRecipients")


class BadEvent(Exception):
    """An event we cannot use; the message is safe to show (never contains email text)."""


def _certs() -> CertsRequest:
    ext = current_app.extensions
    if "sincerely_addon_certs" not in ext:
        ext["sincerely_addon_certs"] = CertsRequest(current_app.config["SINCERELY"]["addon_certs_file"])
    return ext["sincerely_addon_certs"]


def _url(path: str) -> str:
    return current_app.config["SINCERELY"]["addon_audience"].rstrip("/") + path


@bp.before_request
def _verify():
    cfg = current_app.config["SINCERELY"]
    # The configured endpoint URL, or the exact URL of the trigger being called (Google names one of them).
    audiences = [cfg["addon_audience"], _url(request.path)] if cfg["addon_audience"] else []
    if not verify_bearer(request.headers.get("Authorization"), audience=audiences,
                         service_account=cfg["addon_service_account"], certs=_certs()):
        # Not rate-limited (S9 is per token): Google signs every call as the one add-on service account, so a
        # single allowance would be shared by everyone in the domain, and only Google can make these calls.
        return Response(status=401)
    return None


def _event() -> tuple[dict, dict]:
    """(event without its authorization part, that authorization part). 400 for anything but a JSON object."""
    if request.mimetype != "application/json":
        raise ApiError(415, "send JSON with Content-Type: application/json")
    event = json_object(request.get_data(cache=False))
    if event is None:
        raise ApiError(400, "not an event object", field="body")
    auth = event.pop("authorizationEventObject", None)  # tokens: gone before anything could be logged
    return event, auth if isinstance(auth, dict) else {}


def _obj(value) -> dict:
    return value if isinstance(value, dict) else {}


def _gmail(event: dict) -> dict:
    return _obj(event.get("gmail"))


def _form_text(event: dict, name: str) -> str | None:
    inputs = _obj(_obj(event.get("commonEventObject")).get("formInputs"))
    values = _obj(_obj(inputs.get(name)).get("stringInputs")).get("value")
    if values is None:
        return None
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise BadEvent("the form input has the wrong shape")
    return "\n".join(values)


def _recipients(event: dict, limit: int) -> list[str]:
    out: list[str] = []
    for field in _MAX_RECIPIENTS_FIELDS:
        values = _gmail(event).get(field)
        if values is None:
            continue
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise BadEvent("recipients have the wrong shape")
        out += values
    if len(out) > limit:
        raise BadEvent(f"more than {limit} recipients")
    return out


def _analyze(text: str, recipients: list[str]) -> dict:
    settings = effective_settings()
    if len(text) > settings["max_text_chars"]:
        raise BadEvent(f"the draft is longer than {settings['max_text_chars']} characters")
    svc = services()
    options = analyze_options(settings, ADDON_USER)
    result = svc.gate.run(lambda: analyze(text, scorer=svc.scorer, recipients=recipients, options=options))
    svc.store.count_usage(ADDON_USER if settings["stats_per_user"] else TEAM, drafts=1,
                          templated=int(result.label == "templated"),
                          hints=sum(s.flagged for s in result.sentences))
    answer = result.to_dict()
    answer["disclosure"] = disclosure(settings)  # the team's AI-use policy, as /v1/analyze carries it
    return answer


def _answer(work, on_error):
    """work()'s answer as JSON; a BadEvent or Busy is answered by on_error(a message fit to show)."""
    try:
        return jsonify(work())
    except BadEvent as bad:
        return jsonify(on_error(f"Sincerely could not use this request: {bad}."))
    except Busy:
        return jsonify(on_error("Sincerely is busy: try again in a moment."))


def _error_card(wrap):
    return lambda message: wrap(cards.error_card(message))


@bp.post("/home")
def home():
    def work():
        _event()
        return cards.push(cards.home_card())
    return _answer(work, _error_card(cards.push))


def _compose_card(draft: str = "", analysis: dict | None = None, error: str | None = None) -> dict:
    return cards.compose_card(_url("/addon/analyze"), _url("/addon/insert-marker"), draft, analysis, error)


class _Pasted:
    """What the user pasted, kept so that an error can answer with the same compose card and the draft still in it
    (an error card in its place would lose the text)."""

    def __init__(self) -> None:
        self.draft = ""

    def read(self, event: dict) -> str | None:
        draft = _form_text(event, "draft")
        self.draft = draft or ""
        return draft

    def on_error(self, message: str) -> dict:
        return cards.render_update_with_notice(_compose_card(self.draft, error=message), message)


@bp.post("/compose")
def compose():
    def work():
        _event()
        return cards.push(_compose_card())
    return _answer(work, _error_card(cards.push))


@bp.post("/analyze")
def analyze_pasted():
    pasted = _Pasted()

    def work():
        event, _ = _event()
        draft = pasted.read(event)
        if not draft or not draft.strip():
            raise BadEvent("paste a draft into the box first")
        recipients = _recipients(event, effective_settings()["max_recipients"])
        return cards.render_update(_compose_card(draft, _analyze(draft, recipients)))
    return _answer(work, pasted.on_error)


@bp.post("/insert-marker")
def insert_marker():
    pasted = _Pasted()

    def work():
        event, _ = _event()
        draft = pasted.read(event)
        prompt = None
        if draft and draft.strip():
            spot = _analyze(draft, _recipients(event, effective_settings()["max_recipients"])).get("personal_spot")
            prompt = spot["prompt"] if spot else None
        return cards.insert_marker(prompt)
    return _answer(work, pasted.on_error)


def _gmail_http():
    """The HTTP object for the Gmail API; tests put a googleapiclient HttpMock in app.extensions."""
    factory = current_app.extensions.get("sincerely_addon_gmail_http")
    return factory() if factory else None


def read_message(oauth_token: str, access_token: str, message_id: str) -> dict:
    import google_auth_httplib2
    import httplib2
    from google.oauth2.credentials import Credentials
    from googleapiclient.discovery import build

    http = _gmail_http()
    if http is None:
        http = google_auth_httplib2.AuthorizedHttp(Credentials(oauth_token), http=httplib2.Http(timeout=10))
    service = build("gmail", "v1", http=http, static_discovery=True, cache_discovery=False)
    req = service.users().messages().get(userId="me", id=message_id, format="full")
    req.headers["X-Goog-Gmail-Access-Token"] = access_token
    return req.execute()


@bp.post("/open")
def open_message():
    def work():
        from googleapiclient.errors import Error as GoogleApiError
        from httplib2 import HttpLib2Error

        event, auth = _event()
        gmail = _gmail(event)
        message_id, access_token = gmail.get("messageId"), gmail.get("accessToken")
        oauth_token = auth.get("userOAuthToken")
        if not all(isinstance(v, str) and 0 < len(v) <= 4096 for v in (message_id, access_token, oauth_token)):
            raise BadEvent("the event does not name an open message")
        try:
            message = read_message(oauth_token, access_token, message_id)
        except (GoogleApiError, HttpLib2Error, OSError, ValueError):  # refused, not found, timed out, bad answer
            log.warning("gmail messages.get failed")
            raise BadEvent("Gmail did not give the message") from None
        body = decode_body(_obj(message).get("payload"))
        limit = effective_settings()["max_text_chars"]
        new, quoted = split_reply(body[: limit * 4])
        reply = None
        last = unquote(quoted)[:limit]
        if last.strip():
            reply = (last, _analyze(last, []))
        return cards.push(cards.open_card(relationship_prompts(new), reply))
    return _answer(work, _error_card(cards.push))
