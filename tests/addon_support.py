"""Test support for the Gmail add-on: a test RSA key, a certs file, ID tokens minted with it, an app."""
from __future__ import annotations

import datetime
import json
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from google.auth import crypt, jwt

AUDIENCE = "https://sincerely.example.com"
SERVICE_ACCOUNT = "service-123456789@gcp-sa-gsuiteaddons.iam.gserviceaccount.com"
KID = "test-key-1"


def make_key():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sincerely-test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    return pem, cert.public_bytes(serialization.Encoding.PEM)


_KEY = make_key()
_OTHER_KEY = make_key()


def mint(*, key=None, kid=KID, **overrides) -> str:
    now = int(time.time())
    claims = {"iss": "https://accounts.google.com", "aud": AUDIENCE, "iat": now, "exp": now + 600,
              "sub": "1234", "email": SERVICE_ACCOUNT, "email_verified": True}
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    signer = crypt.RSASigner.from_string((key or _KEY)[0], key_id=kid)
    return jwt.encode(signer, claims).decode()


def bearer(token: str | None = None) -> dict:
    return {"Authorization": f"Bearer {token or mint()}"}


@pytest.fixture
def certs_file(tmp_path):
    path = tmp_path / "certs.json"
    path.write_text(json.dumps({KID: _KEY[1].decode()}))
    return path


@pytest.fixture
def addon_app(make_app, certs_file):
    # The fake scorer's form letter scores 0.72: a threshold of our own keeps these tests off the product default.
    return make_app(secret_key="s" * 40, addon_audience=AUDIENCE, addon_service_account=SERVICE_ACCOUNT,
                    addon_certs_file=str(certs_file), draft_threshold=0.6)


@pytest.fixture
def addon_client(addon_app):
    return addon_app.test_client()
