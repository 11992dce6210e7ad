"""GET /healthz: no token, no limits, says whether the model is loaded."""
from __future__ import annotations

from flask import Blueprint, jsonify

from .services import services
from .version import __version__

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return jsonify(ok=True, model=services().scorer.name, version=__version__)
