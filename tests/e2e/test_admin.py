"""The admin pages in Debian's Chromium against the real server: log in, change the threshold and see the
next analyze change, add an important recipient and see the stricter result for a draft to them.

Screenshots of every page go to test-artifacts/ (docs/ when SINCERELY_ADMIN_SCREENSHOTS=docs)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.e2e import harness

pytestmark = pytest.mark.e2e

PASSWORD = "a long admin password"
# Reads templated at the default threshold but scores below the highest threshold a setting can reach (0.99).
DRAFT = ("Hi Dana,\n\nI hope you are doing well. I wanted to follow up on the proposal I sent over last week "
         "and see if you had any questions.\n\nBest regards,\nSam")  # scores 0.88 with head-v3
SHOTS = harness.ROOT / os.environ["SINCERELY_ADMIN_SCREENSHOTS"] if os.environ.get(
    "SINCERELY_ADMIN_SCREENSHOTS") else harness.ARTIFACTS


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    if not harness.browser_available():
        pytest.fail("Chromium or openssl missing: .ci/run installs them (apt-get install chromium openssl)")
    server = harness.Backend(tmp_path_factory.mktemp("admin-e2e"))
    env = {**os.environ, "SINCERELY_DATA_DIR": str(server.data_dir)}
    subprocess.run([sys.executable, "-m", "server", "create-admin", "--password-stdin"], input=PASSWORD + "\n",
                   text=True, check=True, capture_output=True, cwd=harness.ROOT, env=env)
    yield server
    server.close()


@pytest.fixture(scope="module")
def page(backend):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=harness.CHROMIUM, headless=False,
                                    args=["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                          "--disable-background-networking", "--disable-component-update",
                                          "--no-first-run"])
        page = browser.new_page(viewport={"width": 1000, "height": 760})
        yield page
        browser.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"admin-{name}.png"), full_page=True)


def analyze(backend, **extra) -> dict:
    return backend.call("POST", "/v1/analyze", {"text": DRAFT, **extra})


def test_logged_out_goes_to_login_and_a_wrong_password_is_refused(backend, page):
    from playwright.sync_api import expect

    page.goto(f"{backend.url}/admin/stats")
    expect(page).to_have_url(f"{backend.url}/admin/login?next=/admin/stats")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong username or password.")
    shot(page, "login")


def test_log_in_and_change_the_threshold_for_the_next_analyze(backend, page):
    from playwright.sync_api import expect

    before = analyze(backend)
    page.goto(f"{backend.url}/admin/login")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Detection")).to_be_visible()

    page.get_by_label("Draft threshold").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#draft_threshold-error")).to_have_text("draft_threshold must be at most 1.0")
    assert analyze(backend)["threshold"] == before["threshold"]  # nothing saved

    page.get_by_label("Draft threshold").fill("0.99")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    shot(page, "detection")
    after = analyze(backend)
    assert after["threshold"] == 0.99 and after["label"] == "personal"
    assert after["score"] == before["score"]


def test_an_important_recipient_gets_the_stricter_result(backend, page):
    from playwright.sync_api import expect

    page.get_by_role("link", name="Important recipients").click()
    page.get_by_label("Important recipients").fill("board@example.com\npartner.org")
    page.get_by_label("Important draft threshold").fill("0")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    shot(page, "recipients")
    plain = analyze(backend, recipients=["kim@elsewhere.com"])
    vip = analyze(backend, recipients=["Ann <ann@partner.org>"])
    assert (plain["threshold"], plain["label"], plain["review_nudge"]) == (0.99, "personal", None)
    assert (vip["threshold"], vip["label"]) == (0, "templated") and vip["review_nudge"]


def test_every_other_page_renders_and_the_audit_log_has_the_changes(backend, page):
    from playwright.sync_api import expect

    for link, name in (("Sensitive topics", "topics"), ("AI-use disclosure", "disclosure")):
        page.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(link)
        shot(page, name)
    page.get_by_role("link", name="People and tokens").click()
    page.get_by_label("Person").fill("dana")
    page.get_by_role("button", name="Create token").click()
    token = page.locator("#new-token").inner_text()
    assert backend.call("POST", "/v1/analyze", {"text": DRAFT}) and len(token) > 20
    shot(page, "tokens")
    page.get_by_role("link", name="Stats").click()
    expect(page.locator("#total-drafts")).not_to_have_text("0")
    shot(page, "stats")
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("cell", name="setting draft_threshold")).to_be_visible()
    expect(page.get_by_role("cell", name="token created")).to_be_visible()
    shot(page, "audit")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.get_by_role("link", name="Detection").click()
    expect(page.get_by_label("Draft threshold")).to_be_in_viewport()
    shot(page, "phone")
