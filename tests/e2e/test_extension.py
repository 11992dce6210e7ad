"""The Gmail extension in Debian's Chromium against a fake Gmail at https://mail.google.com and the real
backend with the real model (issue #4). One browser and one backend for the module (conftest.py)."""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from server.core.policy import REVIEW_NUDGE
from server.settings import BY_NAME
from server.store import Store, sqlite_url
from tests.e2e import harness

pytestmark = pytest.mark.e2e

# "👋🏽" is 2 code points and 4 UTF-16 units: a marker misplaced by UTF-16 counting lands 2 characters off.
TEMPLATED = ("Hi there 👋🏽,\n\nI hope this email finds you well. I'm reaching out because our platform helps "
             "companies like yours grow revenue. Would you be open to a quick call?\n\nBest,\nAlex")
PERSONAL = ("Dana, 안녕! 👋🏽\n\nThe photos from Sagres made my whole week: Maya still talks about the dolphins we saw "
            "off Ponta da Piedade on Saturday. I'll bring the blue tent back on March 3rd when we drive down for "
            "Tom's 40th in Lagos.\n\nLove,\nSam")
DIALOG_BODY = '[role="dialog"] [role="textbox"]'
REPLY_BODY = '.inline-reply [role="textbox"]'


def open_page(browser, query=""):
    ctx, _, _ = browser
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(harness.GMAIL + query)
    return page, errors


def fill(body, text):
    """Write a draft the way Gmail stores it (a div per line) and fire one input event."""
    body.evaluate("(b, t) => window.fakeGmail.fill(b, t)", text)


def new_compose_ui(page, index):
    return page.locator('.sincerely-ui[data-thread-key^="compose:"]').nth(index)


def thread_ui(page, thread_id):
    return page.locator(f'.sincerely-ui[data-thread-key="{thread_id}"]')


def caret_rect(body, snippet):
    """Viewport position of the caret just before `snippet`, found without the extension's helpers."""
    return body.evaluate("""(b, snippet) => {
        const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = n.data.indexOf(snippet);
            if (i < 0) continue;
            const r = document.createRange(); r.setStart(n, i); r.collapse(true);
            const rect = r.getClientRects()[0];
            return {x: rect.left, y: rect.top};
        }
        return null;
    }""", snippet)


def wait_until(predicate, timeout=10.0, message="condition"):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        time.sleep(0.05)


def last_logged_chars(backend) -> int:
    return int(re.findall(r"POST /v1/analyze 200 .* chars=(\d+)", backend.log_path.read_text())[-1])


def test_templated_draft_gets_hints_and_the_marker_sits_at_the_api_offset(browser, backend):
    page, errors = open_page(browser)
    # the page itself cannot reach the extension (no externally_connectable)
    assert page.evaluate("typeof chrome === 'undefined' || chrome.runtime === undefined"), "page sees chrome.runtime"
    page.click("#compose-button")  # the dialog is built only now, as in Gmail
    body = page.locator(DIALOG_BODY).first
    fill(body, TEMPLATED)
    draft_html = body.evaluate("b => b.innerHTML")
    ui = new_compose_ui(page, 0)
    expect(ui.locator(".sincerely-verdict")).to_have_text("reads templated")
    # the exact string reached the server: the access log counts its characters in code points
    wait_until(lambda: last_logged_chars(backend) == len(TEMPLATED), message="chars= in the access log")

    expected = backend.call("POST", "/v1/analyze", {"text": TEMPLATED})
    flagged = [s for s in expected["sentences"] if s["flagged"]]
    assert flagged
    expect(ui.locator(".sincerely-chip")).to_have_count(len(flagged))
    assert page.evaluate("CSS.highlights.get('sincerely-flagged').size") == len(flagged)

    spot = expected["personal_spot"]
    assert spot is not None and spot["offset"] > 10  # after the emoji
    marker = ui.locator(".sincerely-marker")
    expect(marker).to_have_attribute("data-offset", str(spot["offset"]))
    want = caret_rect(body, TEMPLATED[spot["offset"]:spot["offset"] + 12])
    got = marker.locator(".sincerely-marker-bar").bounding_box()
    assert abs(got["x"] - want["x"]) <= 1.5 and abs(got["y"] - want["y"]) <= 1.5, (got, want)
    expect(marker.locator(".sincerely-marker-button")).to_have_attribute("aria-label", re.compile(re.escape(spot["prompt"])))

    # hover: the card lists the server's reasons (as text)
    first = ui.locator(".sincerely-hint:not(.sincerely-marker)").nth(0)
    page.mouse.move(0, 0)
    first.locator(".sincerely-chip").hover()
    expect(first.locator(".sincerely-card")).to_be_visible()
    for reason in flagged[0]["reasons"]:
        expect(first.locator(".sincerely-reasons")).to_contain_text(reason)
    harness.ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(harness.ARTIFACTS / "extension-compose.png"))
    page.mouse.move(0, 0)

    # keyboard: from the draft, Alt+Shift+H jumps to the first hint; Tab walks on; Escape returns to the draft
    body.focus()
    page.keyboard.press("Alt+Shift+H")
    expect(first.locator(".sincerely-chip")).to_be_focused()
    expect(first.locator(".sincerely-card")).to_be_visible()
    page.keyboard.press("Escape")
    expect(body).to_be_focused()
    # focus the second hint's chip, Tab to its Dismiss, Enter
    second = ui.locator(".sincerely-hint:not(.sincerely-marker)").nth(1)
    dismissed_start = second.get_attribute("data-start")
    second.locator(".sincerely-chip").focus()
    expect(second.locator(".sincerely-card")).to_be_visible()
    page.keyboard.press("Tab")
    expect(second.locator(".sincerely-dismiss")).to_be_focused()
    page.keyboard.press("Enter")
    expect(ui.locator(".sincerely-chip")).to_have_count(len(flagged) - 1)
    expect(ui.locator(f'.sincerely-hint[data-start="{dismissed_start}"]')).to_have_count(0)

    # a new analysis of the same draft keeps it dismissed; the draft itself was never touched
    drawn = int(ui.get_attribute("data-drawn"))
    fill(body, TEMPLATED + "\n")
    expect(ui).to_have_attribute("data-drawn", str(drawn + 1))
    expect(ui.locator(f'.sincerely-hint[data-start="{dismissed_start}"]')).to_have_count(0)
    fill(body, TEMPLATED)
    assert body.evaluate("b => b.innerHTML") == draft_html
    assert errors == []
    page.close()


def test_personal_reply_typed_in_a_thread_gets_no_hints(browser, backend):
    thread_id = "thread-f:1780000000000000002"
    page, errors = open_page(browser, f"?thread={thread_id}")
    page.click("#reply")  # the inline reply is built now, inside the thread view
    body = page.locator(REPLY_BODY)
    body.click()
    page.keyboard.type(PERSONAL)  # real key presses: Chromium makes its own divs and brs
    ui = thread_ui(page, thread_id)
    expect(ui.locator(".sincerely-verdict")).to_have_text("reads personal")
    wait_until(lambda: last_logged_chars(backend) == len(PERSONAL), message="chars= in the access log")
    expect(ui.locator(".sincerely-chip")).to_have_count(0)
    expect(ui.locator(".sincerely-marker")).to_have_count(0)
    assert page.evaluate("CSS.highlights.get('sincerely-flagged').size") == 0

    # Gmail re-renders the thread view: the old compose goes away, the new one is found again
    page.evaluate("window.fakeGmail.rerenderThread()")
    expect(ui).to_have_count(0)
    page.click("#reply")
    fill(page.locator(REPLY_BODY), TEMPLATED)
    expect(thread_ui(page, thread_id).locator(".sincerely-verdict")).to_have_text("reads templated")
    assert errors == []
    page.close()


def test_a_draft_too_short_or_not_in_english_is_not_judged(browser, backend):
    page, errors = open_page(browser)
    page.click("#compose-button")
    body = page.locator(DIALOG_BODY).first
    ui = new_compose_ui(page, 0)
    fill(body, "Hi,")
    expect(ui.locator(".sincerely-verdict")).to_have_text("too short to judge")
    expect(ui.locator(".sincerely-chip")).to_have_count(0)
    fill(body, "Estimado cliente,\n\nLe agradecemos su confianza. No dude en ponerse en contacto con nosotros si "
               "tiene alguna pregunta.\n\nAtentamente,\nEl equipo")
    expect(ui.locator(".sincerely-verdict")).to_have_text("not judged")
    expect(ui.locator(".sincerely-notes")).to_contain_text("English only")
    expect(ui.locator(".sincerely-chip")).to_have_count(0)
    fill(body, TEMPLATED)
    expect(ui.locator(".sincerely-verdict")).to_have_text("reads templated")
    expect(ui.locator(".sincerely-notes")).not_to_contain_text("English only")
    assert errors == []
    page.close()


def test_two_compose_windows_do_not_mix_in_dark_theme(browser):
    page, errors = open_page(browser, "?theme=dark")
    page.click("#compose-button")
    page.click("#compose-button")
    bodies = page.locator(DIALOG_BODY)
    expect(bodies).to_have_count(2)
    fill(bodies.nth(0), TEMPLATED)
    fill(bodies.nth(1), PERSONAL)
    first, second = new_compose_ui(page, 0), new_compose_ui(page, 1)
    expect(first.locator(".sincerely-verdict")).to_have_text("reads templated")
    expect(second.locator(".sincerely-verdict")).to_have_text("reads personal")
    expect(second.locator(".sincerely-chip")).to_have_count(0)
    assert first.get_attribute("data-thread-key") != second.get_attribute("data-thread-key")
    # every chip of the first window sits inside the first window's body
    box = bodies.nth(0).bounding_box()
    for chip in first.locator(".sincerely-chip").all():
        b = chip.bounding_box()
        assert box["x"] <= b["x"] <= box["x"] + box["width"] + 12
    expect(first).to_have_class(re.compile(r"\bsincerely-dark\b"))
    page.screenshot(path=str(harness.ARTIFACTS / "extension-two-composes-dark.png"))
    assert errors == []
    page.close()


def test_thread_toggle_persists_across_reload_and_stops_requests(browser, backend):
    thread_id = "thread-f:1780000000000000003"
    page, errors = open_page(browser, f"?thread={thread_id}")
    page.click("#reply")
    ui = thread_ui(page, thread_id)
    toggle = ui.locator(".sincerely-toggle")
    expect(toggle).to_have_text("Hints for this thread: on")
    toggle.click()
    expect(toggle).to_have_text("Hints for this thread: off")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    wait_until(lambda: backend.call("GET", f"/v1/threads/{thread_id}")["enabled"] is False, message="PUT /v1/threads")

    page.reload()
    page.click("#reply")
    ui = thread_ui(page, thread_id)
    toggle = ui.locator(".sincerely-toggle")
    expect(toggle).to_have_text("Hints for this thread: off")
    before = backend.analyze_requests()
    fill(page.locator(REPLY_BODY), TEMPLATED)  # switched off: this text must not leave the page
    page.click("#compose-button")  # a new message, hints on, written just after
    fill(page.locator(DIALOG_BODY), PERSONAL)
    expect(new_compose_ui(page, 0).locator(".sincerely-verdict")).to_have_text("reads personal")
    wait_until(lambda: backend.analyze_requests() >= before + 1, message="the enabled compose's request")
    assert backend.analyze_requests() == before + 1
    expect(ui.locator(".sincerely-verdict")).to_have_text("hints off")
    expect(ui.locator(".sincerely-chip")).to_have_count(0)

    toggle.click()  # back on: the draft is analysed right away
    expect(ui.locator(".sincerely-verdict")).to_have_text("reads templated")
    assert backend.analyze_requests() == before + 2
    assert errors == []
    page.close()


@pytest.mark.parametrize("kind", ["down", "hung"])
def test_backend_down_or_hung_shows_a_quiet_offline_badge(browser, backend, kind):
    _, sw, _ = browser
    hung = harness.SilentBackend() if kind == "hung" else None
    # down: nothing listens on the port; hung: connects, never answers (the service worker gives up after 4 s)
    harness.configure(sw, hung.url if hung else f"http://127.0.0.1:{harness.free_port()}", backend.token)
    try:
        page, errors = open_page(browser)
        console_errors = []
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.click("#compose-button")
        body = page.locator(DIALOG_BODY)
        fill(body, TEMPLATED)
        ui = new_compose_ui(page, 0)
        expect(ui.locator(".sincerely-verdict")).to_have_text("offline", timeout=10_000)
        expect(ui.locator(".sincerely-chip")).to_have_count(0)
        body.click()
        page.keyboard.type(" Gmail still works.")  # typing is not blocked
        expect(body).to_contain_text("Gmail still works.")
        assert errors == [] and console_errors == []
        page.close()
    finally:
        harness.configure(sw, backend.url, backend.token)
        if hung:
            hung.close()


NEWSLETTER = ("Hi all,\n\nOur spring catalogue is out, with 20% off every jacket until Sunday.\n\nBest,\nThe Acme Team\n\n"
              "You are receiving this because you signed up at acme.example. Unsubscribe | Manage preferences")


def test_a_list_footer_under_the_signoff_is_hinted_where_it_stands(browser, backend):
    page, errors = open_page(browser)
    page.click("#compose-button")
    fill(page.locator(DIALOG_BODY).first, NEWSLETTER)
    ui = new_compose_ui(page, 0)
    expect(ui.locator(".sincerely-verdict")).to_have_text("reads templated")
    expected = backend.call("POST", "/v1/analyze", {"text": NEWSLETTER})
    footer = [s for s in expected["sentences"] if any(r.startswith("mass-mail footer") for r in s["reasons"])]
    assert [NEWSLETTER[s["start"]:s["end"]] for s in footer] == [
        "You are receiving this because you signed up at acme.example.", "Unsubscribe | Manage preferences"]
    start = footer[0]["start"]
    hint = ui.locator(f'.sincerely-hint[data-start="{start}"]')
    expect(hint).to_have_count(1)
    page.mouse.move(0, 0)
    hint.locator(".sincerely-chip").hover()
    expect(hint.locator(".sincerely-reasons")).to_contain_text("mass-mail footer (“You are receiving this”)")
    assert errors == []
    page.close()


def test_server_strings_are_drawn_as_text_never_as_markup(browser, backend):
    _, sw, _ = browser
    crafted = harness.CraftedBackend()
    harness.configure(sw, crafted.url, backend.token)
    try:
        page, errors = open_page(browser)
        page.click("#compose-button")
        fill(page.locator(DIALOG_BODY), "Hello")
        ui = new_compose_ui(page, 0)
        expect(ui.locator(".sincerely-reasons li")).to_have_text(crafted.PAYLOAD)
        expect(ui.locator(".sincerely-prompt")).to_have_text(crafted.PAYLOAD)
        assert ui.locator("img").count() == 0
        assert page.evaluate("window.__pwned") is None
        assert errors == []
        page.close()
    finally:
        harness.configure(sw, backend.url, backend.token)
        crafted.close()


def test_options_page_saves_and_tests_the_connection(browser, backend):
    ctx, sw, ext_id = browser
    page = ctx.new_page()
    page.goto(f"chrome-extension://{ext_id}/options.html")
    status = page.locator("#status")
    try:
        page.fill("#baseUrl", "http://example.com:8765")
        page.click("#test")
        expect(status).to_contain_text("only allowed for this computer")

        page.fill("#baseUrl", backend.url + "/")
        page.fill("#token", "not-the-token")
        page.click("#test")
        expect(status).to_contain_text("refused the token")
        expect(status).to_have_attribute("data-code", "wrong-token")

        page.fill("#baseUrl", f"http://127.0.0.1:{harness.free_port()}")
        page.click("#test")
        expect(status).to_have_attribute("data-code", "unreachable")
        expect(status).to_contain_text("Cannot reach")

        page.fill("#baseUrl", backend.url)
        page.fill("#token", backend.token)
        page.check("#defaultOff")
        page.click("#test")
        expect(status).to_contain_text("Connected")
        expect(status).to_have_attribute("data-code", "ok")

        # the service worker takes Gmail's operations from Gmail only (security.md E3)
        answer = page.evaluate("chrome.runtime.sendMessage({type: 'analyze', threadKey: 'x1', text: 'Hi'})")
        assert answer == {"ok": False, "error": "rejected: wrong sender"}

        page.reload()
        expect(page.locator("#baseUrl")).to_have_value(backend.url)
        expect(page.locator("#token")).to_have_value(backend.token)
        expect(page.locator("#defaultOff")).to_be_checked()
        page.screenshot(path=str(harness.ARTIFACTS / "extension-options.png"))
        stored = sw.evaluate("chrome.storage.local.get('settings')")
        assert stored["settings"] == {"baseUrl": backend.url, "defaultOn": False}
    finally:
        page.close()
        harness.configure(sw, backend.url, backend.token)



AI_LINE = "I wrote this note with help from an AI assistant."
# Mentions the team's sensitive topic set below ("reorganisation"): care mode.
CARE_DRAFT = ("Hi Dana,\n\nI wanted you to hear it from me before Monday's announcement: the reorganisation moves "
              "your team under Priya. I know the timing is hard with the Lisbon launch, and I am free tomorrow at "
              "nine if you want to talk it through.\n\nSam")


def test_care_mode_and_the_teams_ai_use_line_are_shown_as_notes_never_written(browser, backend):
    # The team's admin sets the policy live, in the running server's database (as /admin would).
    store = Store(sqlite_url(backend.data_dir))
    store.set_setting("disclosure_policy", "require")
    store.set_setting("disclosure_line", AI_LINE)
    store.set_setting("sensitive_topics", "reorganisation")
    try:
        # another process's change shows within the server's one-second read cache
        wait_until(lambda: backend.call("POST", "/v1/analyze", {"text": CARE_DRAFT})["disclosure"] is not None,
                   message="the live settings in the server")
        page, errors = open_page(browser)
        page.click("#compose-button")
        body = page.locator(DIALOG_BODY)
        fill(body, CARE_DRAFT)
        ui = new_compose_ui(page, 0)
        notes = ui.locator(".sincerely-notes")
        expect(notes).to_have_attribute("role", "status")
        expect(notes).to_have_attribute("aria-live", "polite")
        expect(ui.locator(".sincerely-verdict")).to_have_attribute("role", "status")
        expect(notes.locator(".sincerely-note")).to_have_text([
            "Sensitive topic: Sincerely keeps its hints few and gentle here.",
            f"Your team asks you to say how AI helped: {AI_LINE}",
        ])
        expect(notes).to_be_visible()
        # the notes sit inside the compose box, under the verdict
        box, note_box = body.bounding_box(), notes.bounding_box()
        verdict_box = ui.locator(".sincerely-verdict").bounding_box()
        assert note_box["y"] >= verdict_box["y"] + verdict_box["height"] - 1
        assert box["y"] <= note_box["y"] and note_box["y"] + note_box["height"] <= box["y"] + box["height"] + 1
        assert AI_LINE.lower() not in body.inner_text().lower()  # shown, never inserted
        page.screenshot(path=str(harness.ARTIFACTS / "extension-notes.png"))

        # a fresh answer with the same notes leaves them alone (a screen reader hears them once)
        notes.locator(".sincerely-note").first.evaluate("li => { li.dataset.seen = '1'; }")
        drawn = int(ui.get_attribute("data-drawn"))
        fill(body, CARE_DRAFT + "\n")
        expect(ui).to_have_attribute("data-drawn", str(drawn + 1))
        expect(notes.locator('.sincerely-note[data-seen="1"]')).to_have_count(1)

        # the writer adds the line in their own words' case, wrapped over two lines: it counts
        drawn = int(ui.get_attribute("data-drawn"))
        own = CARE_DRAFT + "\n\n" + AI_LINE.upper().replace(" AN AI ", " AN AI\n")
        fill(body, own)
        expect(ui).to_have_attribute("data-drawn", str(drawn + 1))
        expect(notes.locator('.sincerely-note[data-kind="disclosure"]')).to_have_text("AI-use line included ✓")
        expect(notes.locator('.sincerely-note[data-kind="disclosure"]')).to_have_attribute("data-state", "included")
        expect(notes.locator('.sincerely-note[data-kind="care"]')).to_have_count(1)
        assert body.inner_text().count(AI_LINE.upper().split(" AN AI ")[0]) == 1  # nothing was added

        # a draft without the topic and the policy switched off: no notes at all
        store.set_setting("disclosure_policy", "off")
        wait_until(lambda: backend.call("POST", "/v1/analyze", {"text": PERSONAL})["disclosure"] is None,
                   message="the policy switched off")
        fill(body, PERSONAL)
        expect(ui.locator(".sincerely-verdict")).to_have_text("reads personal")
        expect(notes.locator(".sincerely-note")).to_have_count(0)
        expect(notes).to_be_hidden()
        assert errors == []
        page.close()
    finally:
        store.set_setting("disclosure_policy", "off")
        store.set_setting("disclosure_line", BY_NAME["disclosure_line"].default)
        store.set_setting("sensitive_topics", BY_NAME["sensitive_topics"].default)
        store.close()


def test_a_draft_to_an_important_recipient_gets_the_review_nudge(browser, backend):
    # The team's admin lists a domain and an address, live, as /admin would.
    store = Store(sqlite_url(backend.data_dir))
    store.set_setting("important_recipients", "partner.example, boss@example.com")
    try:
        wait_until(lambda: backend.call("POST", "/v1/analyze", {"text": PERSONAL, "recipients": ["x@partner.example"]})
                   ["review_nudge"] is not None, message="the live settings in the server")
        page, errors = open_page(browser)
        page.click("#compose-button")
        dialog = page.locator('[role="dialog"]')
        body = dialog.locator('[role="textbox"]')
        ui = new_compose_ui(page, 0)
        review = ui.locator('.sincerely-notes .sincerely-note[data-kind="review"]')

        # to someone else: no nudge
        dialog.evaluate("d => window.fakeGmail.addRecipient(d, 'to', 'dana@example.com', 'Dana Silva')")
        fill(body, PERSONAL)
        expect(ui.locator(".sincerely-verdict")).to_have_text("reads personal")
        expect(review).to_have_count(0)

        # an important address inside the draft (even on an element shaped like a chip) is not a recipient
        drawn = int(ui.get_attribute("data-drawn"))
        body.evaluate("""b => {
            const s = document.createElement('span');
            s.setAttribute('email', 'kim.lee@partner.example');
            s.textContent = ' (Kim: kim.lee@partner.example)';
            b.lastElementChild.append(s);
            b.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText'}));
        }""")
        expect(ui).to_have_attribute("data-drawn", str(drawn + 1))
        expect(review).to_have_count(0)

        # a Cc chip (newer style: the address in data-hovercard-id, the name on screen), no typing: the
        # chip change alone re-analyses after the pause and the nudge appears under the verdict
        drawn = int(ui.get_attribute("data-drawn"))
        dialog.evaluate("d => window.fakeGmail.addRecipient(d, 'cc', 'Kim.Lee@Partner.example', 'Kim Lee', 'hovercard')")
        expect(review).to_have_text(REVIEW_NUDGE)
        expect(ui).to_have_attribute("data-drawn", str(drawn + 1))
        notes_box, verdict_box = ui.locator(".sincerely-notes").bounding_box(), ui.locator(".sincerely-verdict").bounding_box()
        assert notes_box["y"] >= verdict_box["y"] + verdict_box["height"] - 1
        page.screenshot(path=str(harness.ARTIFACTS / "extension-review-nudge.png"))

        # the chip removed: the nudge goes; an address entry in Bcc (older chip, `email` attribute) brings it back
        dialog.evaluate("d => window.fakeGmail.removeRecipient(d, 'Kim.Lee@Partner.example')")
        expect(review).to_have_count(0)
        dialog.evaluate("d => window.fakeGmail.addRecipient(d, 'bcc', 'boss@example.com', 'The Boss')")
        expect(review).to_have_text(REVIEW_NUDGE)

        # the addresses reached the server, which keeps them in no log line and no file (boss@example.com is
        # in the settings the admin saved, so only the others are looked for)
        for address in (b"kim.lee@partner.example", b"dana@example.com"):
            assert address not in backend.log_path.read_bytes()
            for f in backend.data_dir.rglob("*"):
                assert not f.is_file() or address not in f.read_bytes(), f
        assert errors == []
        page.close()
    finally:
        store.set_setting("important_recipients", BY_NAME["important_recipients"].default)
        store.close()
