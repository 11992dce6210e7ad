"""The admin pages (/admin): server-rendered HTML behind a session login, every form CSRF-protected.

Settings pages are drawn from the settings table (server/settings.py), saved as live settings in the
store (read by the next analyze) and audited. See docs/security.md B.2 (D1-D4).
"""
from __future__ import annotations

import csv
import hmac
import io
import re
import time
from dataclasses import dataclass
from datetime import date, timedelta
from functools import wraps

from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask_wtf.csrf import CSRFError
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.security import check_password_hash, generate_password_hash

from .learning import ADDON_USER, LOCAL_USER
from .services import services
from .settings import BY_NAME, Setting
from .store import TEAM, USAGE_FIELDS

bp = Blueprint("admin", __name__, url_prefix="/admin")

ADMIN_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
FAILED_LOGIN_DELAY = 0.3  # seconds; with the store's lockout counter this slows password guessing
STATS_DAYS = 30
# A user's name starts with a letter or digit (never = + - @, which a spreadsheet opening the stats CSV reads as
# a formula) and is none of the names the counts already use for the local user, the add-on and the team.
TOKEN_USER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
RESERVED_USERS = frozenset({LOCAL_USER, ADDON_USER, TEAM})
_RESERVED_MEANING = {LOCAL_USER: "requests with the server's own token", ADDON_USER: "the Gmail add-on", TEAM: "the whole team"}
# Compared against when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-password")


@dataclass(frozen=True)
class SettingsPage:
    title: str
    intro: str
    settings: tuple[str, ...]


SETTINGS_PAGES: dict[str, SettingsPage] = {
    "detection": SettingsPage("Detection", "How templated a draft must read before a hint shows, and how many hints "
                              "at most per draft.", ("draft_threshold", "sentence_threshold", "max_hints",
                                                     "learn_from_dismissals")),
    "recipients": SettingsPage("Important recipients", "Drafts to these people or domains are checked more strictly "
                               "and get a gentle nudge to reread before sending.",
                               ("important_recipients", "important_draft_threshold")),
    "topics": SettingsPage("Sensitive topics", "A draft that mentions one of these switches to care mode: fewer, "
                           "gentler hints, focused on where a personal line belongs.", ("sensitive_topics",)),
    "disclosure": SettingsPage("AI-use disclosure", "Whether the extension suggests or requires a line saying an AI "
                               "assistant helped, and its wording.", ("disclosure_policy", "disclosure_line")),
    "stats": SettingsPage("Stats", "Counts only, never text.", ("stats_per_user",)),
}
NAV = [("Detection", "admin.detection"), ("Important recipients", "admin.recipients"),
       ("Sensitive topics", "admin.topics"), ("AI-use disclosure", "admin.disclosure"),
       ("People and tokens", "admin.tokens"), ("Stats", "admin.stats"), ("Audit log", "admin.audit")]


@bp.context_processor
def _nav():
    return {"nav": NAV, "admin_user": session.get("admin")}


def _session_is_current() -> bool:
    """Whether the signed cookie's admin session is still the account's current one: logging out and setting a
    new password change the nonce kept with the account, so a copy of an older cookie no longer works."""
    username, nonce = session.get("admin"), session.get("nonce")
    if not isinstance(username, str) or not isinstance(nonce, str):
        return False
    current = services().store.admin_session_nonce(username)
    return current is not None and hmac.compare_digest(current, nonce)


@bp.before_request
def _guard():
    # Defence in depth beside the CSRF token: browsers say where a form post came from (D3).
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.headers.get("Sec-Fetch-Site") in (
            "cross-site", "same-site"):
        abort(403)
    if "admin" in session and not _session_is_current():
        session.clear()  # ended by a logout or a new password: treated as logged out from here on
    if request.endpoint in ("admin.login",):
        return None
    if not services().store.has_admin():
        return render_template("admin/setup.html"), 503
    return None


def _under_admin(path: str) -> bool:
    return path == bp.url_prefix or path.startswith(bp.url_prefix + "/")


@bp.before_app_request
def _admin_routing_errors():
    """An /admin path that matches no page (404) or not with this method (405) is answered here in HTML: no admin
    view runs, so the blueprint's error handler would not, and the app's one answers in /v1's JSON."""
    exc = request.routing_exception
    if isinstance(exc, (NotFound, MethodNotAllowed)) and _under_admin(request.path):
        return _html_error(exc)
    return None


@bp.after_app_request
def _headers(response):
    if request.blueprint == bp.name or _under_admin(request.path):  # the admin's pages, its error pages too
        response.headers["Content-Security-Policy"] = ADMIN_CSP
        if current_app.config["SESSION_COOKIE_SECURE"]:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


@bp.errorhandler(HTTPException)
def _html_error(exc: HTTPException):
    response = current_app.make_response(
        (render_template("admin/error.html", code=exc.code, name=exc.name, description=exc.description), exc.code))
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


@bp.errorhandler(CSRFError)
def _form_expired(exc: CSRFError):
    """A form posted after logging out, or with a token older than WTF_CSRF_TIME_LIMIT: say so, nothing saved."""
    back = request.endpoint not in ("admin.login", "admin.logout") and request.path.startswith(bp.url_prefix + "/")
    target = request.path if back else None  # after logging in again, back to the page whose form it was
    return render_template("admin/expired.html", login_url=url_for("admin.login", next=target)), 400


_BACKTICKS = re.compile(r"`([^`]+)`")


@bp.app_template_filter("help_html")
def help_html(text: str) -> Markup:
    """A setting's help (plain text with `code` in backticks, as in docs/settings.md) as HTML: escaped first,
    then each backticked part in <code>."""
    return Markup(_BACKTICKS.sub(r"<code>\1</code>", str(escape(text))))


def login_required(view):
    @wraps(view)
    def wrapped(**kwargs):
        if not session.get("admin"):
            return redirect(url_for("admin.login", next=request.path))
        return view(**kwargs)
    return wrapped


@bp.route("/login", methods=["GET", "POST"])
def login():
    store = services().store
    if not store.has_admin():
        return render_template("admin/setup.html"), 503
    error, status = None, 200
    if request.method == "POST":
        username = request.form.get("username", "").strip()[:64]
        password = request.form.get("password", "")
        if store.login_locked(username):
            error, status = "Too many failed attempts. Wait a few minutes, then try again.", 429
        else:
            known = store.admin_password_hash(username)
            ok = check_password_hash(known or _DUMMY_HASH, password) and known is not None
            store.record_login(username, ok)
            if ok:
                session.clear()
                session.permanent = True
                session["admin"] = username
                session["nonce"] = store.admin_session_nonce(username)
                target = request.args.get("next", "")
                return redirect(target if target.startswith("/admin") else url_for("admin.index"))
            time.sleep(FAILED_LOGIN_DELAY)
            error, status = "Wrong username or password.", 401
    return render_template("admin/login.html", error=error), status


@bp.post("/logout")
def logout():
    if "admin" in session:  # still current here (_guard): end it and every copy of its cookie
        services().store.end_admin_sessions(session["admin"])
    session.clear()
    return redirect(url_for("admin.login"))


@bp.get("/")
@login_required
def index():
    return redirect(url_for("admin.detection"))


def _current_values() -> dict:
    values = dict(current_app.config["SINCERELY"])
    values.update(services().store.live_settings())
    return values


def _fields(page: SettingsPage, values: dict, errors: dict) -> list[dict]:
    return [{"setting": BY_NAME[name], "value": values[name], "error": errors.get(name), "kind": _kind(BY_NAME[name])}
            for name in page.settings]


def _kind(setting: Setting) -> str:
    if setting.type is bool:
        return "checkbox"
    if setting.choices:
        return "select"
    if setting.item_pattern is not None:
        return "list"
    return "number" if setting.type in (int, float) else "text"


def _save_settings(page: str):
    """Validate every field of a settings form; save all (audited) or none. (parsed, errors, submitted)"""
    spec = SETTINGS_PAGES[page]
    submitted = {name: request.form.get(name, "off" if BY_NAME[name].type is bool else "") for name in spec.settings}
    # "Reset … to the defaults" (a list setting of this page): save the form with that list's default in its place.
    reset = request.form.get("reset")
    if reset in spec.settings and _kind(BY_NAME[reset]) == "list":
        submitted[reset] = BY_NAME[reset].default
    else:
        reset = None
    parsed, errors = {}, {}
    for name, raw in submitted.items():
        try:
            parsed[name] = BY_NAME[name].parse(raw)
        except ValueError as exc:
            errors[name] = str(exc)
    if not errors:
        services().store.set_setting_audited(session["admin"], parsed)
        if reset:
            flash(f"{_label(reset)} reset to the defaults. The next analyze uses them.")
        else:
            flash("Saved. The next analyze uses the new values.")
        for name, value in parsed.items():
            if value == "" and _kind(BY_NAME[name]) == "list" and BY_NAME[name].default:
                flash(f"{_label(name)} is now empty: none at all, not the defaults.")
    return errors, submitted


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


@login_required
def settings_page(page: str):
    spec = SETTINGS_PAGES[page]
    values, errors = _current_values(), {}
    if request.method == "POST":
        errors, submitted = _save_settings(page)
        if not errors:
            return redirect(url_for(f"admin.{page}"))
        values.update(submitted)
    return render_template("admin/settings.html", spec=spec, fields=_fields(spec, values, errors)), 400 if errors else 200


for _page in ("detection", "recipients", "topics", "disclosure"):
    bp.add_url_rule(f"/{_page}", _page, settings_page, methods=["GET", "POST"], defaults={"page": _page})


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    store = services().store
    # A token just made (post-redirect-get): kept in the signed session for the one page that shows it, never in a
    # URL; popped on that page, so a reload shows it no more and makes no second token.
    new_token, error, status = session.pop("new_token", None), None, 200
    user = ""
    if request.method == "POST" and "revoke" in request.form:
        return _revoke_token(request.form["revoke"])
    if request.method == "POST":
        user = request.form.get("user", "").strip()
        if not TOKEN_USER_RE.match(user):
            error, status = "A name of letters, digits and . _ @ + - only, starting with a letter or digit (at most 64).", 400
        elif user.lower() in RESERVED_USERS:
            error, status = f"“{user}” is the name the stats already use for {_RESERVED_MEANING[user.lower()]}: choose another.", 400
        else:
            session["new_token"] = store.create_token(user)
            store.audit(session["admin"], "token created", None, user)
            return redirect(url_for("admin.tokens"), code=303)
    return render_template("admin/tokens.html", tokens=store.tokens(), new_token=new_token, error=error,
                           user=user), status


def _revoke_token(raw_id: str):
    store = services().store
    user = store.revoke_token(int(raw_id)) if raw_id.isdigit() else None
    if user is None:
        abort(404)
    store.audit(session["admin"], "token revoked", user, None)
    flash(f"Token of {user} revoked.")
    return redirect(url_for("admin.tokens"))


def _csv_cell(text: str) -> str:
    """A name as a spreadsheet shows it, never as a formula (names saved before the rule above may start with one)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _daily(rows: list[dict], since: date) -> list[dict]:
    days = {(since + timedelta(days=i)).isoformat(): dict.fromkeys(USAGE_FIELDS, 0) for i in range(STATS_DAYS)}
    for row in rows:
        if row["day"] in days:
            for f in USAGE_FIELDS:
                days[row["day"]][f] += row[f]
    return [{"day": day, **counts} for day, counts in days.items()]


def _per_user(rows: list[dict]) -> list[dict]:
    users: dict[str, dict] = {}
    for row in rows:
        counts = users.setdefault(row["user"], dict.fromkeys(USAGE_FIELDS, 0))
        for f in USAGE_FIELDS:
            counts[f] += row[f]
    return [{"user": u, **c, "share": share(c)} for u, c in sorted(users.items())]


def share(counts: dict) -> float:
    return counts["templated"] / counts["drafts"] if counts["drafts"] else 0.0


def chart(daily: list[dict], width: int = 600, height: int = 160) -> dict:
    """Bar geometry for the SVG: drafts per day, the templated part darker."""
    top = max([d["drafts"] for d in daily] + [1])
    step = width / len(daily)
    bars = []
    for i, d in enumerate(daily):
        h = height * d["drafts"] / top
        th = height * d["templated"] / top
        bars.append({"x": round(i * step + 1, 1), "w": round(step - 2, 1), "y": round(height - h, 1), "h": round(h, 1),
                     "ty": round(height - th, 1), "th": round(th, 1), "day": d["day"], "drafts": d["drafts"],
                     "templated": d["templated"]})
    return {"width": width, "height": height, "top": top, "bars": bars}


@bp.route("/stats", methods=["GET", "POST"])
@login_required
def stats():
    errors, values = {}, _current_values()
    if request.method == "POST":
        errors, submitted = _save_settings("stats")
        if not errors:
            return redirect(url_for("admin.stats"))
        values.update(submitted)
    since = date.today() - timedelta(days=STATS_DAYS - 1)
    rows = services().store.usage(since)
    daily = _daily(rows, since)
    totals = {f: sum(d[f] for d in daily) for f in USAGE_FIELDS}
    spec = SETTINGS_PAGES["stats"]
    return render_template("admin/stats.html", daily=daily, chart=chart(daily), totals=totals, share=share(totals),
                           users=_per_user(rows), fields=_fields(spec, values, errors), days=STATS_DAYS)


@bp.get("/stats.csv")
@login_required
def stats_csv():
    since = date.today() - timedelta(days=STATS_DAYS - 1)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["day", "user", *USAGE_FIELDS, "templated_share"])
    for row in services().store.usage(since):
        writer.writerow([row["day"], _csv_cell(row["user"]), *(row[f] for f in USAGE_FIELDS), f"{share(row):.3f}"])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=sincerely-stats.csv"})


@bp.get("/audit")
@login_required
def audit():
    return render_template("admin/audit.html", entries=services().store.audit_entries())
