"""The Gmail add-on's endpoints: compose analysis and marker, message open with the Gmail API faked by
googleapiclient's own HttpMockSequence, malformed events (never 500), deployment scopes, privacy canary."""
import base64
import json
import logging
from pathlib import Path

import pytest
from googleapiclient.http import HttpMockSequence
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from addon import cards
from tests import addon_support
from tests.addon_support import AUDIENCE, bearer
from tests.conftest import CANARY
from tests.test_privacy import all_bytes_under

# the add-on fixtures, made visible to pytest in this module
addon_app, addon_client, certs_file = addon_support.addon_app, addon_support.addon_client, addon_support.certs_file
ROOT = Path(__file__).resolve().parents[1]
TEMPLATED = ("Hi Sam,\n\nI hope this email finds you well. I wanted to reach out regarding our services. "
             "Please let me know if you have any questions.\n\nBest regards")


def compose_event(draft=None, to=("sam@example.com",), **extra):
    event = {"commonEventObject": {"hostApp": "GMAIL"},
             "authorizationEventObject": {"userOAuthToken": "ya29.user", "systemIdToken": "x"},
             "gmail": {"toRecipients": list(to), **extra}}
    if draft is not None:
        event["commonEventObject"]["formInputs"] = {"draft": {"stringInputs": {"value": [draft]}}}
    return event


def widgets_text(card):
    return json.dumps(card, ensure_ascii=False)


def test_deployment_scopes_are_the_minimal_allowlist():
    dep = json.loads((ROOT / "addon" / "deployment.json").read_text())
    assert set(dep["oauthScopes"]) == {
        "https://www.googleapis.com/auth/gmail.addons.execute",
        "https://www.googleapis.com/auth/gmail.addons.current.message.readonly",
        "https://www.googleapis.com/auth/gmail.addons.current.action.compose",
    }
    assert dep["addOns"]["gmail"]["composeTrigger"]["draftAccess"] == "METADATA"
    assert dep["addOns"]["common"]["homepageTrigger"]["runFunction"].endswith("/addon/home")
    assert dep["addOns"]["gmail"]["contextualTriggers"][0]["onTriggerFunction"].endswith("/addon/open")
    assert dep["addOns"]["gmail"]["composeTrigger"]["actions"][0]["runFunction"].endswith("/addon/compose")


def test_compose_shows_paste_box_and_buttons(addon_client):
    r = addon_client.post("/addon/compose", json=compose_event(), headers=bearer())
    assert r.status_code == 200
    card = r.get_json()["action"]["navigations"][0]["pushCard"]
    text = widgets_text(card)
    assert '"name": "draft"' in text
    assert f"{AUDIENCE}/addon/analyze" in text and f"{AUDIENCE}/addon/insert-marker" in text


def test_analyze_pasted_draft_matches_the_api(addon_app, addon_client):
    from tests.conftest import auth_for

    r = addon_client.post("/addon/analyze", json=compose_event(TEMPLATED), headers=bearer())
    assert r.status_code == 200
    card = r.get_json()["renderActions"]["action"]["navigations"][0]["updateCard"]
    text = widgets_text(card)
    api = addon_app.test_client().post("/v1/analyze", json={"text": TEMPLATED, "recipients": ["sam@example.com"]},
                                       headers=auth_for(addon_app)).get_json()
    assert "Reads templated" in text
    for s in api["sentences"]:
        if s["flagged"]:
            assert TEMPLATED[s["start"]:s["end"]] in text
            for reason in s["reasons"]:
                assert reason.replace("“", "").replace("”", "")[:20] in text.replace("“", "").replace("”", "")
    assert api["personal_spot"]["prompt"] in text
    assert "▸ here ◂" in text


@pytest.mark.parametrize("draft, why", [
    ("Sounds good, thanks!", "too_short"),
    ("Sehr geehrte Damen und Herren, bei Fragen stehen wir Ihnen jederzeit gerne zur Verfügung.", "other_language"),
])
def test_a_draft_not_judged_says_why_instead_of_a_verdict(addon_client, draft, why):
    from server.core.policy import NOT_JUDGED_NOTES

    r = addon_client.post("/addon/analyze", json=compose_event(draft), headers=bearer())
    text = widgets_text(r.get_json()["renderActions"]["action"]["navigations"][0]["updateCard"])
    assert NOT_JUDGED_NOTES[why] in text
    assert "Reads " not in text and "score" not in text and "Sentences that read templated" not in text


def test_important_recipient_and_care_mode_apply(make_app, certs_file):
    from tests.addon_support import SERVICE_ACCOUNT

    app = make_app(secret_key="s" * 40, addon_audience=AUDIENCE, addon_service_account=SERVICE_ACCOUNT,
                   addon_certs_file=str(certs_file), important_recipients="example.com")
    c = app.test_client()
    draft = "Hi Sam,\n\nMy condolences, and my sympathy to your family. Thinking of you.\n\nBest,\nKim"
    card = c.post("/addon/analyze", json=compose_event(draft), headers=bearer()).get_json()
    text = widgets_text(card)
    assert "sensitive topic" in text  # care mode from the default sensitive topics
    assert "threshold 0.45" in text  # important recipient's stricter threshold


def test_insert_marker_in_place(addon_client):
    r = addon_client.post("/addon/insert-marker", json=compose_event(TEMPLATED), headers=bearer())
    body = r.get_json()
    update = body["renderActions"]["hostAppAction"]["gmailAction"]["updateDraftActionMarkup"]["updateBody"]
    assert update["type"] == "IN_PLACE_INSERT"
    content = update["insertContents"][0]
    assert content["contentType"] == "TEXT"
    assert content["content"].startswith("[✎ your personal line: ") and content["content"].endswith("]")
    assert "Sam" in content["content"]  # the spot's prompt, not a written line
    blank = addon_client.post("/addon/insert-marker", json=compose_event(), headers=bearer()).get_json()
    assert blank["renderActions"]["hostAppAction"]["gmailAction"]["updateDraftActionMarkup"]["updateBody"][
        "insertContents"][0]["content"] == cards.marker_text(None)


def _b64(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


THEIR_MESSAGE = (
    "Hi Kim,\n\nWe just moved to Lisbon and the kids love it. I'm starting at Acme next month. "
    "The report is due Friday. Could you send the figures before then? Thanks.\n\nAna\n\n"
    "On Mon, 3 Nov 2025 at 10:00, Kim <kim@example.com> wrote:\n"
    "> Hi Ana,\n> I hope this email finds you well. I wanted to reach out regarding our services.\n"
    "> Please let me know if you have any questions.\n")


def gmail_message(text):
    return {"id": "m1", "threadId": "t1", "payload": {"mimeType": "multipart/alternative", "parts": [
        {"mimeType": "text/plain", "body": {"data": _b64(text)}},
        {"mimeType": "text/html", "body": {"data": _b64("<p>html</p>")}}]}}


def open_event(**gmail):
    return {"commonEventObject": {"hostApp": "GMAIL"},
            "authorizationEventObject": {"userOAuthToken": "ya29.user-token", "systemIdToken": "x"},
            "gmail": {"messageId": "m1", "threadId": "t1", "accessToken": "gmail-access-token", **gmail}}


def test_open_message_reads_gmail_and_quotes_prompts(addon_app, addon_client):
    seq = HttpMockSequence([({"status": "200"}, json.dumps(gmail_message(THEIR_MESSAGE)))])
    addon_app.extensions["sincerely_addon_gmail_http"] = lambda: seq
    r = addon_client.post("/addon/open", json=open_event(), headers=bearer())
    assert r.status_code == 200
    card = r.get_json()["action"]["navigations"][0]["pushCard"]
    text = widgets_text(card)
    for quote in ["We just moved to Lisbon and the kids love it.", "I'm starting at Acme next month.",
                  "The report is due Friday.", "Could you send the figures before then?"]:
        assert f"“{quote}”" in text
    assert "Thanks." not in text
    assert "Reads templated" in text  # the user's last reply, quoted below theirs
    (uri, method, _body, headers), = seq.request_sequence
    assert method == "GET" and "/gmail/v1/users/me/messages/m1" in uri and "format=full" in uri
    assert headers["X-Goog-Gmail-Access-Token"] == "gmail-access-token"


def test_open_message_gmail_error_is_an_error_card(addon_app, addon_client):
    seq = HttpMockSequence([({"status": "403"}, json.dumps({"error": {"code": 403, "message": "no"}}))])
    addon_app.extensions["sincerely_addon_gmail_http"] = lambda: seq
    r = addon_client.post("/addon/open", json=open_event(), headers=bearer())
    assert r.status_code == 200
    assert r.get_json()["action"]["navigations"][0]["pushCard"]["name"] == "error"


class _Unreachable:
    """An HTTP object for the Gmail API when Google cannot be reached (httplib2's own errors, not OSError)."""

    def request(self, *args, **kwargs):
        import httplib2
        raise httplib2.ServerNotFoundError("Unable to find the server at gmail.googleapis.com")


def test_open_message_gmail_unreachable_is_an_error_card(addon_app, addon_client):
    addon_app.extensions["sincerely_addon_gmail_http"] = _Unreachable
    r = addon_client.post("/addon/open", json=open_event(), headers=bearer())
    assert r.status_code == 200
    assert r.get_json()["action"]["navigations"][0]["pushCard"]["name"] == "error"


def test_open_message_without_reply_or_prompts(addon_app, addon_client):
    seq = HttpMockSequence([({"status": "200"}, json.dumps(gmail_message("Thanks, received.")))])
    addon_app.extensions["sincerely_addon_gmail_http"] = lambda: seq
    text = widgets_text(addon_client.post("/addon/open", json=open_event(), headers=bearer()).get_json())
    assert "Not visible in this message." in text and "Nothing in their message stood out" in text


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner,
                                                                                      max_size=3), max_leaves=10)
event_like = st.fixed_dictionaries({}, optional={
    "commonEventObject": st.one_of(json_values, st.fixed_dictionaries({}, optional={
        "formInputs": st.one_of(json_values, st.fixed_dictionaries({"draft": st.one_of(json_values, st.fixed_dictionaries(
            {"stringInputs": st.one_of(json_values, st.fixed_dictionaries({"value": st.one_of(
                json_values, st.lists(st.text(max_size=50), max_size=3))}))}))}))})),
    "authorizationEventObject": json_values,
    "gmail": st.one_of(json_values, st.fixed_dictionaries({}, optional={
        "toRecipients": st.one_of(json_values, st.lists(st.text(max_size=30), max_size=3)),
        "messageId": json_values, "accessToken": json_values})),
})


@pytest.mark.parametrize("path", ["/addon/home", "/addon/open", "/addon/compose", "/addon/analyze",
                                  "/addon/insert-marker"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event=st.one_of(event_like, json_values))
def test_malformed_events_never_500(addon_client, path, event):
    r = addon_client.post(path, data=json.dumps(event), headers={**bearer(), "Content-Type": "application/json"})
    assert r.status_code in (200, 400)


NESTED_TOO_DEEP = '{"gmail": ' + "[" * 30_000 + "]" * 30_000 + "}"


@pytest.mark.parametrize("data,ctype,status", [
    ("not json", "application/json", 400), ("", "application/json", 400), ("[1, 2]", "application/json", 400),
    ("null", "application/json", 400), (NESTED_TOO_DEEP, "application/json", 400), ("{}", "text/plain", 415)])
@pytest.mark.parametrize("path", ["/addon/home", "/addon/analyze", "/addon/open"])
def test_non_event_bodies_get_the_one_error_shape(addon_client, path, data, ctype, status):
    r = addon_client.post(path, data=data, headers={**bearer(), "Content-Type": ctype})
    assert r.status_code == status
    assert r.get_json() == {"ok": False, "status": status, "error": r.get_json()["error"],
                            **({"field": "body"} if status == 400 else {})}


def test_huge_draft_gets_an_error_card(addon_client):
    r = addon_client.post("/addon/analyze", json=compose_event("x " * 15000), headers=bearer())
    assert r.status_code == 200
    assert "longer than 20000" in widgets_text(r.get_json())


def test_canary_never_logged_or_stored(addon_app, addon_client, data_dir, caplog):
    caplog.set_level(logging.DEBUG)
    draft = f"Hi Dana,\n\nI hope this finds you well. {CANARY} is the plan for Friday.\n\nBest,\nSam"
    seq = HttpMockSequence([({"status": "200"}, json.dumps(gmail_message(f"We just moved. {CANARY}?\n")))])
    addon_app.extensions["sincerely_addon_gmail_http"] = lambda: seq
    token_event = compose_event(draft, to=[f"{CANARY}@example.com"])
    token_event["authorizationEventObject"]["userOAuthToken"] = CANARY
    for path in ["/addon/home", "/addon/compose", "/addon/analyze", "/addon/insert-marker"]:
        assert addon_client.post(path, json=token_event, headers=bearer()).status_code == 200
    assert addon_client.post("/addon/analyze", json=compose_event(CANARY * 10000), headers=bearer()).status_code in (
        200, 413)
    assert addon_client.post("/addon/open", json=open_event(), headers=bearer()).status_code == 200
    assert addon_client.post("/addon/analyze", json=compose_event(draft), headers={}).status_code == 401
    for record in caplog.records:
        assert CANARY not in record.getMessage()
    for path, data in all_bytes_under(data_dir).items():
        assert CANARY.encode() not in data, path


def _addon_app_with(make_app, certs_file, **config):
    from tests.addon_support import SERVICE_ACCOUNT

    return make_app(secret_key="s" * 40, addon_audience=AUDIENCE, addon_service_account=SERVICE_ACCOUNT,
                    addon_certs_file=str(certs_file), draft_threshold=0.6, **config)


def test_the_teams_disclosure_policy_reaches_the_card(make_app, certs_file):
    app = _addon_app_with(make_app, certs_file, disclosure_policy="require", disclosure_line="AI helped me write this.")
    c = app.test_client()
    text = widgets_text(c.post("/addon/analyze", json=compose_event(TEMPLATED), headers=bearer()).get_json())
    assert "Your team asks you to say how AI helped: AI helped me write this." in text
    carried = TEMPLATED + "\n\nAI helped me write this."
    text = widgets_text(c.post("/addon/analyze", json=compose_event(carried), headers=bearer()).get_json())
    assert "AI-use line included ✓" in text and "Your team asks" not in text
    # a live change on the admin page reaches the next card
    app.extensions["sincerely"].store.set_setting("disclosure_policy", "suggest")
    app.extensions["sincerely"].store.set_setting("disclosure_line", "")
    text = widgets_text(c.post("/addon/analyze", json=compose_event(TEMPLATED), headers=bearer()).get_json())
    assert "Your team suggests saying how AI helped." in text


def test_no_disclosure_note_when_the_policy_is_off(addon_client):
    text = widgets_text(addon_client.post("/addon/analyze", json=compose_event(TEMPLATED), headers=bearer()).get_json())
    assert "how AI helped" not in text and "AI-use" not in text


def test_care_mode_card_verdict_is_gentle(make_app, certs_file):
    app = _addon_app_with(make_app, certs_file, sensitive_topics="layoff")
    draft = TEMPLATED.replace("our services", "the layoffs")
    card = app.test_client().post("/addon/analyze", json=compose_event(draft), headers=bearer()).get_json()
    verdict = card["renderActions"]["action"]["navigations"][0]["updateCard"]["sections"][1]["widgets"][0]
    assert "sensitive topic" in verdict["textParagraph"]["text"]
    assert "anyone" not in verdict["textParagraph"]["text"]


def _kept_compose_card(body):
    """The compose card an error answers with: the card kept on screen, the user's text in its box, and a notice."""
    action = body["renderActions"]["action"]
    card = action["navigations"][0]["updateCard"]
    assert card["name"] == "compose"
    (box,) = [w["textInput"] for s in card["sections"] for w in s["widgets"] if "textInput" in w]
    return card, box["value"], action["notification"]["text"]


LONG_DRAFT = "Hi Sam,\n\n" + "word " * 5000


@pytest.mark.parametrize("path, draft, message", [  # an empty box is no error for the marker: it inserts the generic one
    ("/addon/analyze", "   \n ", "paste a draft into the box first"),
    ("/addon/analyze", LONG_DRAFT, "longer than 20000 characters"),
    ("/addon/insert-marker", LONG_DRAFT, "longer than 20000 characters"),
])
def test_an_error_keeps_the_compose_card_and_the_pasted_draft(addon_client, path, draft, message):
    body = addon_client.post(path, json=compose_event(draft), headers=bearer()).get_json()
    card, kept, notice = _kept_compose_card(body)
    assert kept == draft and message in notice and "<" not in notice
    assert message in widgets_text(card)  # shown on the card too, not only in the passing notice


@pytest.mark.parametrize("path", ["/addon/analyze", "/addon/insert-marker"])
def test_busy_keeps_the_compose_card_and_the_pasted_draft(addon_app, addon_client, monkeypatch, path):
    from server.gate import Busy

    def busy(_work):
        raise Busy(1, "queue full")
    monkeypatch.setattr(addon_app.extensions["sincerely"].gate, "run", busy)
    body = addon_client.post(path, json=compose_event(TEMPLATED), headers=bearer()).get_json()
    _card, kept, notice = _kept_compose_card(body)
    assert kept == TEMPLATED and "busy" in notice
