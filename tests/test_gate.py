"""S8: bounded concurrency: N+1 concurrent drafts get 503 with Retry-After, healthz stays up."""
import threading
import time

import pytest

from server.gate import Busy, Gate
from tests.conftest import auth_for
from tests.fakes import FakeScorer


def test_gate_limits_and_queues():
    gate = Gate(concurrency=1, queue=1, timeout=2.0)
    inside = threading.Event()
    release = threading.Event()

    def hold():
        with gate.slot():
            inside.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    inside.wait(5)
    waiter_done = []
    waiter = threading.Thread(target=lambda: waiter_done.append(gate.slot().__enter__()))
    waiter.start()
    deadline = time.time() + 5
    while gate.waiting == 0 and time.time() < deadline:
        time.sleep(0.001)
    with pytest.raises(Busy) as exc:  # queue full
        with gate.slot():
            pass
    assert exc.value.retry_after >= 1
    release.set()
    holder.join()
    waiter.join()


def test_gate_wait_has_a_budget():
    gate = Gate(concurrency=1, queue=5, timeout=0.05)
    with gate.slot():
        with pytest.raises(Busy):
            with gate.slot():
                pass
    with gate.slot():  # freed again
        pass


def test_api_answers_503_with_retry_after_and_healthz_stays_up(make_app):
    slow = FakeScorer(delay=0.4)
    app = make_app(slow, inference_concurrency=1, inference_queue=1, queue_timeout_seconds=5.0)
    auth = auth_for(app)
    results = []

    def call():
        results.append(app.test_client().post("/v1/analyze", json={"text": "One draft here."}, headers=auth).status_code)

    threads = [threading.Thread(target=call) for _ in range(2)]
    for t in threads:
        t.start()
    deadline = time.time() + 5
    while app.extensions["sincerely"].gate.waiting == 0 and time.time() < deadline:
        time.sleep(0.001)
    r = app.test_client().post("/v1/analyze", json={"text": "One more."}, headers=auth)
    assert r.status_code == 503
    assert int(r.headers["Retry-After"]) >= 1
    assert r.get_json()["status"] == 503
    assert app.test_client().get("/healthz").status_code == 200
    for t in threads:
        t.join()
    assert sorted(results) == [200, 200]
    assert slow.max_in_flight == 1


def test_two_threads_smoke(make_app):
    """In-suite load smoke test (LanguageTool style): two clients, many drafts, all answered."""
    app = make_app(FakeScorer(), inference_queue=4)
    auth = auth_for(app)
    codes = []

    def worker(n):
        c = app.test_client()
        for i in range(25):
            codes.append(c.post("/v1/analyze", json={"text": f"Draft {n}-{i}. I hope you are well."}, headers=auth).status_code)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes.count(200) == 50
