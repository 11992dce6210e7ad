"""The /v1 API with a fake scorer: shapes, thread toggles, bad input, limits."""
import json

import pytest

from server.core import AnalyzeOptions
from server.schemas import AnalyzeResponse
from tests.conftest import auth_for
from tests.fakes import FakeScorer

DRAFT = "Hi there,\n\nI hope this email finds you well. Would you be open to a quick call?\n\nBest,\nJo"


def post(client, auth, body, **kw):
    return client.post("/v1/analyze", json=body, headers=auth, **kw)


def test_healthz_needs_no_token(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.get_json() == {"ok": True, "model": "fake-scorer", "version": "0.1.0"}


def test_analyze_shape(client, auth):
    r = post(client, auth, {"text": DRAFT, "subject": "Quick question", "recipients": ["dana@example.com"]})
    assert r.status_code == 200
    body = r.get_json()
    AnalyzeResponse.model_validate(body)
    assert body["label"] == "templated"
    assert body["model"] == "fake-scorer"
    assert body["personal_spot"]["offset"] == DRAFT.index("I hope")
    assert body["elapsed_ms"] >= 0
    flagged = [s for s in body["sentences"] if s["flagged"]]
    assert flagged and all(s["reasons"] for s in flagged)


@pytest.mark.parametrize("text, why", [
    ("Hi,", "too_short"),
    ("Estimado cliente,\n\nLe agradecemos su confianza. No dude en ponerse en contacto con nosotros si tiene alguna "
     "pregunta.", "other_language"),
    (DRAFT, None),
])
def test_the_answer_says_when_a_draft_is_not_judged(client, auth, text, why):
    body = post(client, auth, {"text": text}).get_json()
    AnalyzeResponse.model_validate(body)
    assert body["not_judged"] == why
    if why:
        assert body["label"] == "personal" and not any(s["flagged"] for s in body["sentences"])


def test_offsets_are_code_points_through_json(client, auth):
    text = "👋🏽 Hi Dana,\n\nI hope this email finds you well 🙂. 회의는 금요일입니다. مرحبا بك."
    body = post(client, auth, {"text": text}).get_json()
    opener = next(s for s in body["sentences"] if "hope" in text[s["start"]:s["end"]])
    assert text[opener["start"]:opener["end"]] == "I hope this email finds you well 🙂."


def test_pasted_machine_output_is_reported_as_ignored(client, auth):
    table = "0.600 0.200 won -66.67%\n0.200 0.000 won -100.00%\n0.800 0.400 won -50.00%"
    text = f"Numbers from last night's run:\n\n{table}\n\nCan you rerun it on your folder?"
    body = post(client, auth, {"text": text}).get_json()
    AnalyzeResponse.model_validate(body)
    assert [(p["kind"], text[p["start"]:p["end"]]) for p in body["ignored"]] == [("pasted", table)]
    assert all(not (p["start"] <= s["start"] < p["end"]) for s in body["sentences"] for p in body["ignored"])


def test_empty_text_is_a_valid_empty_analysis(client, auth):
    body = post(client, auth, {"text": ""}).get_json()
    assert body["sentences"] == [] and body["personal_spot"] is None and body["label"] == "personal"


def test_thread_toggle_persists_and_disables_analysis(make_app, data_dir):
    scorer = FakeScorer()
    app = make_app(scorer)
    client = app.test_client()
    auth = auth_for(app)
    assert client.get("/v1/threads/thread-1", headers=auth).get_json() == {"thread_id": "thread-1", "enabled": True}
    r = client.put("/v1/threads/thread-1", json={"enabled": False}, headers=auth)
    assert r.get_json() == {"thread_id": "thread-1", "enabled": False}

    again = make_app(FakeScorer())  # a restart reads the same store
    auth2 = auth_for(again)
    assert auth2 == auth
    c2 = again.test_client()
    assert c2.get("/v1/threads/thread-1", headers=auth2).get_json()["enabled"] is False
    calls = scorer.calls
    r = c2.post("/v1/analyze", json={"text": DRAFT, "thread_id": "thread-1"}, headers=auth2)
    assert r.get_json() == {"disabled": True}
    assert scorer.calls == calls
    assert c2.post("/v1/analyze", json={"text": DRAFT, "thread_id": "thread-2"}, headers=auth2).get_json()["label"]


def test_threads_default_off_is_a_setting(make_app):
    app = make_app(threads_enabled_by_default=False)
    auth = auth_for(app)
    c = app.test_client()
    assert c.post("/v1/analyze", json={"text": DRAFT, "thread_id": "t9"}, headers=auth).get_json() == {"disabled": True}


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "text"),
        ({"text": 5}, "text"),
        ({"text": None}, "text"),
        ({"text": ["a"]}, "text"),
        ({"text": "hi", "subject": 3}, "subject"),
        ({"text": "hi", "recipients": "a@b.c"}, "recipients"),
        ({"text": "hi", "recipients": [1]}, "recipients.0"),
        ({"text": "hi", "thread_id": "../../etc"}, "thread_id"),
        ({"text": "hi", "thread_id": 7}, "thread_id"),
    ],
)
def test_wrong_types_are_400_naming_the_field(client, auth, body, field):
    r = post(client, auth, body)
    assert r.status_code == 400
    err = r.get_json()
    assert err["field"] == field and err["error"].startswith(field)


@pytest.mark.parametrize("raw", [b"{", b"not json", b"[1, 2]", b'"text"', b"null", b"\xff\xfe"])
def test_malformed_json_is_400(client, auth, raw):
    r = client.post("/v1/analyze", data=raw, headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 400
    assert r.get_json()["field"] == "body"


def test_a_bad_thread_id_in_the_body_is_explained_in_words(client, auth):
    r = post(client, auth, {"text": "Hello there, how are you doing?", "thread_id": "no spaces/please"})
    assert r.status_code == 400
    assert r.get_json()["error"] == "thread_id: letters, digits and _.:#- only, at most 200"


def test_feedback_on_an_empty_sentence_is_refused_and_not_counted(client, auth):
    r = client.post("/v1/feedback", json={"text": "", "verdict": "not_templated"}, headers=auth)
    assert r.status_code == 400 and r.get_json()["field"] == "text"


def test_the_longest_draft_of_emoji_fits_the_default_body_limit(client, auth):
    from server.settings import BY_NAME

    text = "🙂" * BY_NAME["max_text_chars"].default  # four UTF-8 bytes each
    r = post(client, auth, {"text": text, "subject": "s" * 200, "recipients": ["a@example.com"] * 20})
    assert r.status_code == 200, r.get_json()


@pytest.mark.parametrize("method,path", [("post", "/v1/analyze"), ("post", "/v1/feedback"), ("put", "/v1/threads/t1")])
def test_json_nested_too_deep_is_400_not_500(client, auth, method, path):
    raw = '{"text": "hi", "x": ' + "[" * 30_000 + "]" * 30_000 + "}"
    r = getattr(client, method)(path, data=raw, headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 400
    assert r.get_json()["field"] == "body"


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", None])
def test_not_json_is_415(client, auth, ctype):
    headers = dict(auth)
    if ctype:
        headers["Content-Type"] = ctype
    r = client.post("/v1/analyze", data="text=hello", headers=headers)
    assert r.status_code == 415


def test_text_limit_and_limit_plus_one(make_app):
    app = make_app(max_text_chars=100)
    auth = auth_for(app)
    c = app.test_client()
    assert c.post("/v1/analyze", json={"text": "a" * 100}, headers=auth).status_code == 200
    r = c.post("/v1/analyze", json={"text": "a" * 101}, headers=auth)
    assert r.status_code == 413 and r.get_json()["field"] == "text"


def test_body_limit_is_413(make_app):
    app = make_app(max_body_bytes=2048)
    auth = auth_for(app)
    c = app.test_client()
    r = c.post("/v1/analyze", data=json.dumps({"text": "a" * 3000}), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.get_json() == {"ok": False, "error": "request body too large", "status": 413}


def test_subject_and_recipient_limits(make_app):
    app = make_app(max_subject_chars=10, max_recipients=2)
    auth = auth_for(app)
    c = app.test_client()
    assert c.post("/v1/analyze", json={"text": "x", "subject": "s" * 11}, headers=auth).status_code == 413
    assert c.post("/v1/analyze", json={"text": "x", "recipients": ["a", "b", "c"]}, headers=auth).status_code == 413


def test_put_thread_validation(client, auth):
    assert client.put("/v1/threads/t1", json={"enabled": "yes"}, headers=auth).status_code == 400
    assert client.put("/v1/threads/t1", json={"enabled": True, "extra": 1}, headers=auth).status_code == 400
    assert client.put("/v1/threads/t1", data="x", headers=auth).status_code == 415
    assert client.get("/v1/threads/" + "a" * 201, headers=auth).status_code == 400


def test_live_setting_changes_apply_on_next_analyze(make_app):
    app = make_app(draft_threshold=0.5)
    client, auth = app.test_client(), auth_for(app)
    text = "Our team helps every customer succeed with the product."
    assert post(client, auth, {"text": text}).get_json()["label"] == "templated"  # fake score 0.55 >= 0.5
    app.extensions["sincerely"].store.set_setting("draft_threshold", 0.6)
    body = post(client, auth, {"text": text}).get_json()
    assert body["label"] == "personal" and body["threshold"] == 0.6


def test_openapi_document_lists_every_route(app, client, auth):
    doc = client.get("/v1/openapi.json", headers=auth).get_json()
    assert doc["openapi"].startswith("3.1")
    documented = {p.replace("{thread_id}", "<thread_id>") for p in doc["paths"]}
    routes = {r.rule for r in app.url_map.iter_rules() if r.endpoint != "static"}
    assert routes == documented
    assert "AnalyzeRequest" in doc["components"]["schemas"]


def test_dismissed_sentence_is_not_hinted_again(client, auth):
    text = "Hi {{first_name}},\n\nI hope this email finds you well. Would you be open to a quick call?"
    before = post(client, auth, {"text": text}).get_json()
    flagged = [text[s["start"]:s["end"]] for s in before["sentences"] if s["flagged"]]
    assert "I hope this email finds you well." in flagged
    r = client.post("/v1/feedback", json={"text": "I hope this email finds you well.", "verdict": "not_templated"},
                    headers=auth)
    assert r.status_code == 200 and r.get_json()["ok"] is True
    after = post(client, auth, {"text": text.replace("well.", "well.  ")}).get_json()
    still = [text[s["start"]:s["end"]] for s in after["sentences"] if s["flagged"]]
    assert "I hope this email finds you well." not in still
    assert "Hi {{first_name}}," in still  # a merge field left in is always hinted


def test_dismissals_move_thresholds_only_when_opted_in(make_app):
    app = make_app()
    c, auth = app.test_client(), auth_for(app)
    for i in range(3):
        body = c.post("/v1/feedback", json={"text": f"Sentence {i}.", "verdict": "not_templated"}, headers=auth).get_json()
    draft, sentence = AnalyzeOptions().draft_threshold, AnalyzeOptions().sentence_threshold
    assert (body["draft_threshold"], body["sentence_threshold"]) == (draft, sentence)  # not opted in: no shift

    app.extensions["sincerely"].store.set_setting("learn_from_dismissals", True)  # the user opts in
    assert post(c, auth, {"text": "Our team helps."}).get_json()["threshold"] == round(draft + 0.06, 4)
    body = c.post("/v1/feedback", json={"text": "Sentence 3.", "verdict": "not_templated"}, headers=auth).get_json()
    assert (body["draft_threshold"], body["sentence_threshold"]) == (round(draft + 0.08, 4), round(sentence + 0.08, 4))
    body = c.post("/v1/feedback", json={"text": "Sentence 4.", "verdict": "templated"}, headers=auth).get_json()
    assert body["draft_threshold"] == round(draft + 0.08, 4)  # a confirmation does not raise it


def test_threshold_shift_is_capped():
    from server.learning import MAX_SHIFT, shifted

    assert shifted(0.6, 1) == 0.62 and shifted(0.6, 1000) == round(0.6 + MAX_SHIFT, 4) and shifted(0.95, 50) == 0.99


@pytest.mark.parametrize("body, status", [({"text": "x", "verdict": "meh"}, 400), ({"verdict": "templated"}, 400),
                                          ({"text": "x", "verdict": "templated", "extra": 1}, 400)])
def test_feedback_validation(client, auth, body, status):
    assert client.post("/v1/feedback", json=body, headers=auth).status_code == status
