"""Schemathesis walks the OpenAPI document with generated requests: no 5xx, and every answer matches
the document (docs/security.md T1). In-process over WSGI, with the fake scorer, so it stays fast."""
import tempfile

import schemathesis
from hypothesis import HealthCheck, settings

from server import create_app
from tests.conftest import auth_for
from tests.fakes import FakeScorer

_data_dir = tempfile.TemporaryDirectory(prefix="sincerely-fuzz-")  # removed when the test process ends
app = create_app({"data_dir": _data_dir.name, "log_level": "WARNING"},
                 scorer=FakeScorer(), environ={})
AUTH = auth_for(app)
# The JSON API; the HTML admin pages in the same document are covered by tests/test_admin.py.
schema = schemathesis.openapi.from_wsgi("/v1/openapi.json", app, headers=AUTH).exclude(path_regex="^/admin").exclude(path_regex="^/addon")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case):
    case.call_and_validate(headers=AUTH)
