from __future__ import annotations

import os

import pytest

from sqlalchemy import create_engine

from server import create_app
from server.store import Store, metadata, sqlite_url
from tests import postgres as pg
from tests.fakes import FakeScorer

CANARY = "CANARY-7f3a-ZEBRA-quince"


def auth_for(app) -> dict:
    return {"Authorization": f"Bearer {app.extensions['sincerely'].token}"}


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    return d


@pytest.fixture
def fake_scorer():
    return FakeScorer()


@pytest.fixture
def make_app(data_dir):
    apps = []

    def _make(scorer=None, **config):
        cfg = {"data_dir": str(data_dir), **config}
        app = create_app(cfg, scorer=scorer or FakeScorer(), environ={})
        apps.append(app)
        return app

    yield _make
    for app in apps:
        app.extensions["sincerely"].store.close()


@pytest.fixture
def app(make_app, fake_scorer):
    return make_app(fake_scorer)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def token(app):
    return app.extensions["sincerely"].token


@pytest.fixture
def auth(app):
    return auth_for(app)


@pytest.fixture(scope="session")
def real_scorer():
    """The real MiniLM + trained head, loaded once for the session (local files only)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from server.inference import TransformerScorer

    return TransformerScorer()


@pytest.fixture
def real_app(make_app, real_scorer):
    return make_app(real_scorer)


@pytest.fixture(scope="session")
def postgres():
    if not pg.available():
        pytest.skip("no PostgreSQL binaries here (.ci/run installs them)")
    with pg.postgres_url() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    url = request.getfixturevalue("postgres")
    engine = create_engine(url)
    metadata.drop_all(engine)  # each test starts from an empty database
    engine.dispose()
    return url


@pytest.fixture
def store(store_url):
    s = Store(store_url)
    yield s
    s.close()
