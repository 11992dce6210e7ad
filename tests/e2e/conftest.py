"""One fake Gmail, one real backend and one browser per test module (tests/e2e/harness.py)."""
from __future__ import annotations

import pytest

from tests.e2e import harness

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def e2e_dir(tmp_path_factory):
    if not harness.browser_available():
        pytest.fail("Chromium or openssl missing: .ci/run installs them (apt-get install chromium openssl)")
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="module")
def gmail(e2e_dir):
    server = harness.FakeGmail(e2e_dir)
    yield server
    server.close()


@pytest.fixture(scope="module")
def backend(e2e_dir):
    server = harness.Backend(e2e_dir)
    yield server
    server.close()


@pytest.fixture(scope="module")
def browser(e2e_dir, gmail, backend):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx, sw, ext_id = harness.launch(p, e2e_dir / "profile", gmail.port)
        harness.configure(sw, backend.url, backend.token)
        yield ctx, sw, ext_id
        ctx.close()
