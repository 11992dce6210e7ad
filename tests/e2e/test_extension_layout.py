"""How hints, cards and the badge behave on screen and under the pointer (a reviewer's defects): a mouse
user reaches a card's Dismiss, cards stay inside the window and on top, merge fields in a signature,
quoted history, what the badge says when something is wrong and how it recovers, Gmail's own UI over the
compose, and a badge that covers no draft text. Most tests use a scripted server (harness.ScriptedBackend)
so hints sit at known places; the merge-field and quoted-history tests use the real server."""
from __future__ import annotations


import pytest
from playwright.sync_api import expect

from tests.e2e import harness
from tests.e2e.test_extension import DIALOG_BODY, REPLY_BODY, fill, last_logged_chars, new_compose_ui, open_page, thread_ui, wait_until

pytestmark = pytest.mark.e2e

LINES = ("I hope this email finds you well. We help teams like yours grow.\n"
         "Our platform saves time for everyone on your team every single day.\n"
         "Would you be open to a quick call next week to talk it over?\n\n"
         "Best,\nAlex")


@pytest.fixture
def scripted(browser, backend):
    _, sw, _ = browser
    server = harness.ScriptedBackend(lambda payload: harness.flag_all(payload, spot_at="Best,"))
    harness.configure(sw, server.url, backend.token)
    yield server
    harness.configure(sw, backend.url, backend.token)
    server.close()


def text_point(body, snippet, where=0.1):
    """A viewport point inside the first line box of `snippet` (where: 0 = its start, 1 = its end)."""
    return body.evaluate("""(b, [snippet, where]) => {
        const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = n.data.indexOf(snippet);
            if (i < 0) continue;
            const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + snippet.length);
            const q = r.getClientRects()[0];
            return {x: q.left + (q.right - q.left) * where, y: q.top + q.height / 2};
        }
        return null;
    }""", [snippet, where])


def open_cards(ui):
    return ui.locator(".sincerely-card:visible")


def center(box):
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def hint_at(ui, body, snippet):
    """The hint whose dot names the sentence starting with `snippet`."""
    return ui.locator(".sincerely-hint:not(.sincerely-marker)").filter(
        has=ui.page.locator(f'.sincerely-chip[aria-label*="{snippet}"]'))


def test_the_pointer_reaches_a_cards_dismiss_across_the_draft(browser, scripted):
    page, errors = open_page(browser)
    page.click("#compose-button")
    body = page.locator(DIALOG_BODY)
    fill(body, LINES)
    ui = new_compose_ui(page, 0)
    expect(ui.locator(".sincerely-chip")).to_have_count(6)
    first = hint_at(ui, body, "I hope this email")
    expect(first).to_have_count(1)

    # hover the start of the first sentence: its card opens at the sentence's end
    start = text_point(body, "I hope this email", 0.05)
    page.mouse.move(5, 5)
    page.mouse.move(start["x"], start["y"])
    expect(first.locator(".sincerely-card")).to_be_visible()
    # the card touches its dot: no strip of draft between them
    dot, card = first.locator(".sincerely-chip").bounding_box(), first.locator(".sincerely-card").bounding_box()
    assert card["y"] <= dot["y"] + dot["height"] + 0.5 or card["y"] + card["height"] >= dot["y"] - 0.5, (dot, card)

    # move to Dismiss the way a hand does, crossing the draft (and other sentences) on the way
    dismiss = first.locator(".sincerely-dismiss")
    tx, ty = center(dismiss.bounding_box())
    page.mouse.move(tx, ty, steps=25)
    expect(first.locator(".sincerely-card")).to_be_visible()
    expect(open_cards(ui)).to_have_count(1)
    page.mouse.click(tx, ty)
    expect(ui.locator(".sincerely-chip")).to_have_count(5)
    expect(first).to_have_count(0)

    # resting on another sentence does switch cards, and leaving closes the card after a moment
    other = hint_at(ui, body, "Would you be open")
    p = text_point(body, "Would you be open", 0.3)
    page.mouse.move(p["x"], p["y"], steps=3)
    expect(other.locator(".sincerely-card")).to_be_visible()
    expect(open_cards(ui)).to_have_count(1)
    page.mouse.move(5, 5)
    expect(open_cards(ui)).to_have_count(0)

    # the ✎ marker's card: from the ✎ down to its Dismiss
    marker = ui.locator(".sincerely-marker")
    page.mouse.move(*center(marker.locator(".sincerely-marker-button").bounding_box()))
    expect(marker.locator(".sincerely-card")).to_be_visible()
    mx, my = center(marker.locator(".sincerely-dismiss").bounding_box())
    page.mouse.move(mx, my, steps=15)
    page.mouse.click(mx, my)
    expect(ui.locator(".sincerely-marker")).to_have_count(0)
    assert errors == []
    page.close()


def test_an_open_card_is_on_top_of_other_dots(browser, scripted):
    page, errors = open_page(browser)
    page.click("#compose-button")
    body = page.locator(DIALOG_BODY)
    fill(body, LINES)
    ui = new_compose_ui(page, 0)
    expect(ui.locator(".sincerely-chip")).to_have_count(6)
    covered_any = False
    for i in range(6):
        hint = ui.locator(".sincerely-hint:not(.sincerely-marker)").nth(i)
        hint.locator(".sincerely-chip").focus()
        card = hint.locator(".sincerely-card")
        expect(card).to_be_visible()
        box = card.bounding_box()
        # every point of the open card shows the card, whatever dot lies under it
        for chip in ui.locator(".sincerely-chip").all():
            cx, cy = center(chip.bounding_box())
            if box["x"] < cx < box["x"] + box["width"] and box["y"] < cy < box["y"] + box["height"]:
                covered_any = True
                assert card.evaluate("(c, [x, y]) => c.contains(document.elementFromPoint(x, y))", [cx, cy]), (i, cx, cy)
    assert covered_any, "no dot lay under an open card: the layout of LINES changed"
    assert errors == []
    page.close()


def test_cards_stay_inside_the_window_at_the_bottom_right(browser, scripted):
    page, errors = open_page(browser)
    page.click("#compose-button")  # the compose sits at the bottom right, as in Gmail
    body = page.locator(DIALOG_BODY)
    long_line = "This line runs all the way across the compose window to its right edge, end."
    fill(body, "\n".join(["Hello."] * 6 + [long_line, "Best,", "Alex"]))
    ui = new_compose_ui(page, 0)
    expect(ui.locator(".sincerely-marker")).to_have_count(1)
    view = page.evaluate("({w: document.documentElement.clientWidth, h: document.documentElement.clientHeight})")
    hints = ui.locator(".sincerely-hint:not([hidden])")
    assert hints.count() >= 3
    sides = []
    for i in range(hints.count()):
        hint = hints.nth(i)
        trigger = hint.locator(".sincerely-chip, .sincerely-marker-button").first
        trigger.focus()
        card = hint.locator(".sincerely-card")
        expect(card).to_be_visible()
        b, dot = card.bounding_box(), trigger.bounding_box()
        assert b["x"] >= 0 and b["y"] >= 0, (i, b)
        assert b["x"] + b["width"] <= view["w"] and b["y"] + b["height"] <= view["h"], (i, b, view)
        # the card touches its trigger, under or above it: no gap for the pointer to cross
        side = card.get_attribute("data-side")
        sides.append(side)
        if side == "below":
            assert b["y"] <= dot["y"] + dot["height"] + 0.5, (i, b, dot)
        else:
            assert b["y"] + b["height"] >= dot["y"] - 0.5, (i, b, dot)
    assert "above" in sides, sides  # near the bottom of the window, cards open upwards
    assert errors == []
    page.close()


SIGNED = ("Hi Dana,\n\nThanks for the notes on the Lisbon launch plan; I'll fold them into the deck tonight and send "
          "it to you and Priya before Thursday's review.\n\nBest,\n[Your Name]\n[Your Position]")


def test_merge_fields_left_in_the_signature_get_a_hint(browser, backend):
    analysis = backend.call("POST", "/v1/analyze", {"text": SIGNED})
    fields = [p for p in analysis["placeholders"]
              if not any(s["flagged"] and s["start"] <= p["start"] and p["end"] <= s["end"] for s in analysis["sentences"])]
    assert [f["text"] for f in fields] == ["[Your Name]", "[Your Position]"], analysis
    page, errors = open_page(browser)
    page.click("#compose-button")
    fill(page.locator(DIALOG_BODY), SIGNED)
    ui = new_compose_ui(page, 0)
    merge = ui.locator(".sincerely-merge")
    expect(merge).to_have_count(2)
    for hint, field in zip(merge.all(), fields):
        expect(hint).to_have_attribute("data-start", str(field["start"]))
        expect(hint.locator(".sincerely-reasons li")).to_have_text(f"merge field left in: {field['text']}")
    ranges = page.evaluate("[...CSS.highlights.get('sincerely-flagged')].map(r => r.toString())")
    assert "[Your Name]" in ranges and "[Your Position]" in ranges
    merge.first.locator(".sincerely-chip").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Dismiss
    expect(merge).to_have_count(1)
    assert errors == []
    page.close()


def test_a_short_reply_above_long_quoted_history_is_checked(browser, backend):
    thread_id = "thread-f:1780000000000000009"
    page, errors = open_page(browser, f"?thread={thread_id}")
    page.click("#reply")
    body = page.locator(REPLY_BODY)
    reply = "Sounds good, Dana: Saturday at nine works for us, and Maya will bring the blue tent."
    fill(body, reply + "\n")
    # Gmail's quoted history under the reply: "On … wrote:" and a long blockquote
    body.evaluate("""b => {
        const q = document.createElement('div'); q.className = 'gmail_quote gmail_quote_container';
        const attr = document.createElement('div'); attr.className = 'gmail_attr'; attr.textContent = 'On Mon, Dana wrote:';
        const bq = document.createElement('blockquote'); bq.className = 'gmail_quote';
        for (let i = 0; i < 400; i++) { const d = document.createElement('div'); d.textContent = 'I hope this email finds you well. '.repeat(3); bq.append(d); }
        q.append(attr, bq); b.append(q);
        b.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText'}));
    }""")
    assert len(body.inner_text()) > 30000
    ui = thread_ui(page, thread_id)
    expect(ui.locator(".sincerely-verdict")).to_have_text("reads personal")
    # only the writer's part reached the server
    wait_until(lambda: last_logged_chars(backend) == len(reply) + 2, message="chars= of the writer's part")
    expect(ui.locator(".sincerely-chip")).to_have_count(0)
    assert errors == []
    page.close()


def test_a_wrong_token_says_so_and_leads_to_the_options(browser, backend):
    ctx, sw, ext_id = browser
    harness.configure(sw, backend.url, "not-the-token")
    try:
        page, errors = open_page(browser)
        page.click("#compose-button")
        fill(page.locator(DIALOG_BODY), "Hi Dana, see you at the lake on Saturday.")
        ui = new_compose_ui(page, 0)
        expect(ui.locator(".sincerely-verdict")).to_have_text("wrong token")
        expect(ui.locator(".sincerely-help-text")).to_contain_text("did not accept the saved token")
        button = ui.locator(".sincerely-options")
        expect(button).to_be_visible()
        button.focus()
        expect(button).to_be_focused()
        with ctx.expect_page() as opened:
            page.keyboard.press("Enter")
        options = opened.value
        options.wait_for_load_state()
        assert options.url == f"chrome-extension://{ext_id}/options.html"
        options.close()

        # fixed in the options; focusing the draft checks again at once (no typing)
        harness.configure(sw, backend.url, backend.token)
        page.locator(DIALOG_BODY).focus()
        expect(ui.locator(".sincerely-verdict")).to_have_text("reads personal", timeout=2500)
        expect(ui.locator(".sincerely-help")).to_be_hidden()

        # no token at all: "not set up", with the same way to the options
        harness.configure(sw, backend.url, "")
        fill(page.locator(DIALOG_BODY), "Hi Dana, see you by the lake on Saturday.")
        expect(ui.locator(".sincerely-verdict")).to_have_text("not set up")
        expect(ui.locator(".sincerely-help-text")).to_contain_text("server address and token")
        expect(ui.locator(".sincerely-options")).to_be_visible()
        assert errors == []
        page.close()
    finally:
        harness.configure(sw, backend.url, backend.token)


def test_an_offline_badge_recovers_by_itself_and_a_slow_answer_shows_checking(browser, backend):
    _, sw, _ = browser
    hung = harness.SilentBackend()
    harness.configure(sw, hung.url, backend.token)
    try:
        page, errors = open_page(browser)
        page.click("#compose-button")
        fill(page.locator(DIALOG_BODY), "Hi Dana, see you at the lake on Saturday.")
        ui = new_compose_ui(page, 0)
        verdict = ui.locator(".sincerely-verdict")
        expect(verdict).to_have_text("checking…", timeout=3000)  # after a second with no answer
        expect(verdict).to_have_text("offline", timeout=8000)
        expect(ui.locator(".sincerely-help-text")).to_contain_text("not answering")
        # the server comes back: the badge follows without typing or focus (a timer with backoff)
        page.locator("#compose-button").focus()
        harness.configure(sw, backend.url, backend.token)
        expect(verdict).to_have_text("reads personal", timeout=10_000)
        assert errors == []
        page.close()
    finally:
        harness.configure(sw, backend.url, backend.token)
        hung.close()


def badge_anchor(ui, body):
    badge, box = ui.locator(".sincerely-badge").bounding_box(), body.bounding_box()
    return badge["x"] + badge["width"], box["x"] + box["width"]


def test_the_badge_is_placed_again_when_its_state_changes(browser, scripted):
    page, errors = open_page(browser)
    page.click("#compose-button")
    body = page.locator(DIALOG_BODY)
    fill(body, "Hello there.")
    ui = new_compose_ui(page, 0)
    expect(ui.locator(".sincerely-verdict")).to_have_text("reads templated")
    right, box_right = badge_anchor(ui, body)
    assert abs(right - (box_right - 6)) <= 1.5
    ui.locator(".sincerely-toggle").click()  # "hints off": a narrower badge, nothing else moves
    expect(ui.locator(".sincerely-verdict")).to_have_text("hints off")
    wait_until(lambda: abs(badge_anchor(ui, body)[0] - (box_right - 6)) <= 1.5, timeout=0.8,
               message="the badge's right edge back at the compose's right edge")
    assert errors == []
    page.close()


def test_hints_and_badge_hide_under_gmails_own_ui(browser, scripted):
    page, errors = open_page(browser)
    page.click("#compose-button")
    body = page.locator(DIALOG_BODY)
    fill(body, LINES)
    ui = new_compose_ui(page, 0)
    expect(ui.locator(".sincerely-chip")).to_have_count(6)
    visible_hints = ui.locator(".sincerely-hint:not([hidden])")
    expect(visible_hints).to_have_count(7)
    expect(ui.locator(".sincerely-badge")).to_be_visible()

    # a modal with a backdrop over the whole page: nothing of Sincerely stays on top
    page.evaluate("""() => {
        const d = document.createElement('div'); d.id = 'backdrop';
        d.style.cssText = 'position:fixed;inset:0;background:rgba(0,0,0,.5);z-index:2000';
        document.body.append(d);
    }""")
    expect(visible_hints).to_have_count(0)
    expect(ui.locator(".sincerely-badge")).to_be_hidden()
    page.evaluate("document.getElementById('backdrop').remove()")
    expect(visible_hints).to_have_count(7)
    expect(ui.locator(".sincerely-badge")).to_be_visible()

    # a fixed header over the top of the draft, shown by a style change: the hints under it hide, the others stay
    line2 = text_point(body, "Our platform", 0.5)
    page.evaluate("""(y) => {
        const h = document.createElement('div'); h.id = 'bar';
        h.style.cssText = `position:fixed;left:0;right:0;top:0;height:${y}px;background:#eee;z-index:2000;display:none`;
        document.body.append(h);
        requestAnimationFrame(() => { h.style.display = 'block'; });
    }""", line2["y"])
    first = hint_at(ui, body, "I hope this email")
    expect(first).to_be_hidden()
    expect(hint_at(ui, body, "Would you be open")).to_be_visible()
    assert errors == []
    page.close()


def test_the_badge_covers_no_draft_text(browser, scripted):
    page, errors = open_page(browser)
    page.click("#compose-button")
    body = page.locator(DIALOG_BODY)
    line = "Every line of this long draft runs right across the compose window, edge to edge, like this."
    fill(body, "\n".join([line] * 30))
    ui = new_compose_ui(page, 0)
    expect(ui.locator(".sincerely-verdict")).to_have_text("reads templated")

    def overlaps():
        badge = ui.locator(".sincerely-badge").bounding_box()
        return body.evaluate("""(b, k) => {
            const out = []; const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT); const r = document.createRange();
            const box = b.getBoundingClientRect();
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                r.selectNodeContents(n);
                for (const q of r.getClientRects()) {
                    if (q.bottom <= box.top || q.top >= box.bottom) continue;  // scrolled out of the box
                    if (q.left < k.x + k.width && k.x < q.right && q.top < k.y + k.height && k.y < q.bottom) out.push([q.top, q.left]);
                }
            }
            return out;
        }""", badge)

    assert overlaps() == []
    body.evaluate("b => { b.scrollTop = 200; }")
    page.wait_for_timeout(100)
    assert overlaps() == []
    expect(ui.locator(".sincerely-badge")).to_be_visible()
    # a short draft keeps the badge in the compose's bottom-right corner
    fill(body, "Hello there.")
    expect(ui).to_have_attribute("data-badge", "inside-bottom")
    assert overlaps() == []
    assert errors == []
    page.close()
