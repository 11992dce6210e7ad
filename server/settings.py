"""Every setting the server reads: a name, a default, a type, bounds and a help text.

Values come from, in order: the defaults below, environment variables `SINCERELY_<NAME>`, then the
`test_config` mapping given to `create_app`. Settings marked `live` may also be changed at run time
through the store (the admin page); the next analyze reads them, no restart needed.
docs/settings.md is generated from this table (`python -m server settings-doc`) and a test keeps
the two in step.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .core.analyze import AnalyzeOptions
from .learning import DISMISSAL_STEP, MAX_SHIFT

ENV_PREFIX = "SINCERELY_"
_TYPE_WORDS = {bool: "on or off (true or false)", int: "a whole number", float: "a number"}
_CORE_DEFAULTS = AnalyzeOptions()  # the analysis core owns these defaults; the table documents them


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None
    live: bool = False
    # Text settings: the allowed values, or for a list (comma or newline separated) what each item must match.
    choices: tuple[str, ...] = ()
    item_pattern: str | None = None
    max_length: int | None = None

    @property
    def type(self) -> type:
        return type(self.default)

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()

    def parse(self, raw: Any) -> Any:
        """Convert and check a value; raises ValueError with a message fit for a person."""
        t = self.type
        try:
            if t is bool:
                if isinstance(raw, bool):
                    value = raw
                elif str(raw).strip().lower() in {"1", "true", "yes", "on"}:
                    value = True
                elif str(raw).strip().lower() in {"0", "false", "no", "off"}:
                    value = False
                else:
                    raise ValueError
            elif t is int:
                if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
                    raise ValueError
                value = int(raw)
            elif t is float:
                if isinstance(raw, bool):
                    raise ValueError
                value = float(raw)
                if not math.isfinite(value):  # NaN passes every bound check, and min(0.99, nan) is 0.99
                    raise ValueError
            else:
                value = str(raw)
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} must be {_TYPE_WORDS.get(t, t.__name__)}{self._range()}, got {raw!r}") from None
        if isinstance(value, str):
            return self._check_text(value)
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{self.name} must be at least {self.minimum}")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"{self.name} must be at most {self.maximum}")
        return value

    def _range(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            return f" from {self.minimum} to {self.maximum}"
        if self.minimum is not None:
            return f" of at least {self.minimum}"
        return ""

    def _check_text(self, value: str) -> str:
        value = value.strip()
        if self.max_length is not None and len(value) > self.max_length:
            raise ValueError(f"{self.name} must be at most {self.max_length} characters")
        if self.choices and value not in self.choices:
            raise ValueError(f"{self.name} must be one of {', '.join(self.choices)}")
        if self.item_pattern is not None:
            items = split_list(value)
            bad = [item for item in items if not re.fullmatch(self.item_pattern, item)]
            if bad:
                raise ValueError(f"{self.name}: {bad[0]!r} is not allowed here")
            return ", ".join(items)
        return value


def split_list(value: str) -> list[str]:
    """A list setting's items: comma or newline separated, trimmed, lower-cased, no repeats."""
    items = []
    for item in re.split(r"[,\n]", value):
        item = " ".join(item.split()).lower()
        if item and item not in items:
            items.append(item)
    return items


_ADDRESS_OR_DOMAIN = r"(?:[a-z0-9._%+'-]+@)?(?:[a-z0-9-]+\.)+[a-z]{2,}"
_TOPIC = r"[^\W\d_][\w' -]{1,59}"

SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "", "Folder for the token, the database and nothing else. Empty: a per-user folder "
            "($XDG_DATA_HOME/sincerely, usually ~/.local/share/sincerely)."),
    Setting("database_url", "", "SQLAlchemy URL of the settings and thread-toggle store. Empty: a SQLite file "
            "`sincerely.db` in the data folder. A `postgresql+psycopg://` URL serves a team."),
    Setting("host", "127.0.0.1", "Address `serve` binds to. Anything but loopback needs `--public`."),
    Setting("port", 8765, "Port `serve` listens on.", 1, 65535),
    Setting("trusted_hosts", "", "Comma-separated extra host names accepted in the Host header (loopback names "
            "are always accepted). Other hosts get 400: this stops DNS-rebinding attacks."),
    Setting("max_body_bytes", 98304, "Largest request body accepted; larger gets 413. The default holds a draft of "
            "max_text_chars characters of four UTF-8 bytes each (emoji, most CJK is three) with its subject and "
            "recipients, so the text limit, not this one, is what a writer meets.", 1024, 16 * 1024 * 1024),
    Setting("max_text_chars", 20000, "Longest draft (in characters) accepted; longer gets 413.", 1, 1_000_000),
    Setting("max_subject_chars", 1000, "Longest subject accepted; longer gets 413.", 1, 100_000),
    Setting("max_recipients", 100, "Most recipients one analyze request may name.", 0, 10_000),
    Setting("draft_threshold", _CORE_DEFAULTS.draft_threshold, "Calibrated score at or above which a draft reads templated. 0.7 flags about 1.8 % "
            "of modern personal mail held out in evaluation (models/MODEL_CARD.md).", 0.0, 1.0, live=True),
    Setting("sentence_threshold", _CORE_DEFAULTS.sentence_threshold, "Score at or above which a sentence gets a hint.", 0.0, 1.0, live=True),
    Setting("max_hints", _CORE_DEFAULTS.max_hints, "Most sentences flagged in one draft (merge fields and list footers left in always are).", 0, 100, live=True),
    Setting("learn_from_dismissals", False, "When on, each hint dismissed as not templated raises this user's "
            f"thresholds by {DISMISSAL_STEP} (at most {MAX_SHIFT} in all). Dismissed sentences are never hinted again "
            "either way.", live=True),
    Setting("threads_enabled_by_default", True, "Whether hints are on for a thread nobody has switched yet.",
            live=True),
    Setting("important_recipients", "", "Addresses (kim@example.com) and domains (example.com) whose drafts get the "
            "stricter threshold below and a gentle review nudge. Comma or newline separated.", live=True,
            item_pattern=_ADDRESS_OR_DOMAIN, max_length=5000),
    Setting("important_draft_threshold", 0.45, "Draft threshold for drafts to an important recipient (the lower of "
            "this and draft_threshold applies).", 0.0, 1.0, live=True),
    Setting("sensitive_topics", "condolence, sympathy, sorry for your loss, passed away, passing of your, funeral, "
            "bereavement, grieving, sorry to hear, has died, had died, who died, just died, died peacefully, "
            "died suddenly, lost your father, lost your mother, lost your dad, lost your mum, "
            "lost your mom, lost your husband, lost your wife, lost your partner, lost your son, lost your daughter, "
            "lost your brother, lost your sister, lost your baby, diagnosed with, your diagnosis, cancer, chemo, "
            "illness, your surgery, had surgery, having surgery, after surgery, after the surgery, in hospital, "
            "in the hospital, hospitalised, hospitalized, health scare, get well, your recovery, miscarriage, apology, "
            "apologies, apologise, apologize, complaint, layoff, laid off, price change, "
            "price increase", "Words and phrases "
            "(a word also matches its longer forms: apolog matches apology and apologise) that switch a draft into "
            "care mode: at most one gentle hint, and the personal spot always offered.", live=True,
            item_pattern=_TOPIC, max_length=5000),
    Setting("disclosure_policy", "off", "AI-use disclosure: `off`, `suggest` a line, or `require` one. With `suggest` "
            "the extension shows the line as a suggestion until the draft carries it; with `require` it asks for it "
            "on every draft and says when the draft carries it (no client can stop an email being sent). The "
            "analyze answer carries the policy and the line.", live=True,
            choices=("off", "suggest", "require")),
    Setting("disclosure_line", "I drafted this email with help from an AI writing assistant.", "The disclosure "
            "line's wording, shown to the writer, never written into a draft. Empty: the writer is asked to say how AI "
            "helped in their own words.", live=True, max_length=300),
    Setting("stats_per_user", False, "Keep the admin page's counts per user (by API token name) rather than for "
            "the whole team. Counts only, never text.", live=True),
    Setting("secret_key", "", "Signs the admin page's session cookie. Required by `serve --public`; in local mode "
            "empty means one is generated and kept in the database."),
    Setting("addon_audience", "", "Gmail add-on (team mode): the public HTTPS base URL of this server exactly as in "
            "addon/deployment.json (https://sincerely.example.com). Google's ID tokens must name it as their audience; "
            "callbacks are built from it. Empty: no /addon routes."),
    Setting("addon_service_account", "", "Gmail add-on: the add-on's service-account email "
            "(service-PROJECT_NUMBER@gcp-sa-gsuiteaddons.iam.gserviceaccount.com); only ID tokens for it are accepted. "
            "Empty: no /addon routes."),
    Setting("addon_certs_file", "", "Gmail add-on: a JSON file of PEM certificates keyed by key id to verify ID "
            "tokens with (tests, air-gapped checks). Empty: Google's published certificates, fetched and cached."),
    Setting("rate_limit_per_minute", 120, "Team mode only (`serve --public`, or secret_key set): requests a minute "
            "each caller may send to /v1 (a caller is an API token's user; the Gmail add-on, signed by Google as one "
            "service account for the whole domain, is not limited), "
            "as a burst of this many refilled at this rate; past it 429 with Retry-After. 120 is far above a person "
            "typing: the extension asks at most about twice a second, and only after a 500 ms pause. A personal "
            "loopback server is not limited (its one user's own scripts and benchmarks may go faster; the "
            "concurrency gate still guards the model). Client addresses and X-Forwarded-For are never used. 0: off.",
            0, 100_000),
    Setting("inference_concurrency", 1, "Drafts scored at once; each uses all torch threads.", 1, 64),
    Setting("inference_queue", 8, "Requests that may wait for the model; more get 503 with Retry-After.", 0, 1024),
    Setting("queue_timeout_seconds", 5.0, "Longest wait for the model before a 503 with Retry-After.", 0.01, 120.0),
    Setting("embedding_cache_size", 4096, "Sentence embeddings kept in memory (keyed by hash, never on disk).",
            0, 1_000_000),
    Setting("encoder_dtype", "auto", "Encoder weights: `float32`, `bfloat16`, or `auto` (bfloat16 where the CPU "
            "has it in hardware: about twice as fast, embeddings within cosine 0.9998)."),
    Setting("torch_threads", 0, "CPU threads for the encoder; 0 means one per core.", 0, 256),
    Setting("wsgi_threads", 8, "Waitress worker threads.", 1, 256),
    Setting("model_dir", "", "Folder with the trained head (head.safetensors, head.json). Empty: models/."),
    Setting("log_level", "INFO", "Python log level. Logs never contain email text, only sizes and timings."),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def load_settings(environ: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    environ = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    for s in SETTINGS:
        if s.env in environ:
            values[s.name] = s.parse(environ[s.env])
    for name, raw in (overrides or {}).items():
        if name in BY_NAME:
            values[name] = BY_NAME[name].parse(raw)
    return values


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sincerely"


def resolve_data_dir(values: Mapping[str, Any]) -> Path:
    return Path(values["data_dir"]).expanduser() if values["data_dir"] else default_data_dir()


def settings_markdown() -> str:
    lines = [
        "# Settings",
        "",
        "Generated from `server/settings.py` by `python -m server settings-doc`; a test keeps them equal.",
        "Set any of them as an environment variable. *Live* settings can also be changed while the server",
        "runs (they are stored in the database and read on the next analyze).",
        "",
        "| Setting | Environment variable | Default | Allowed | Live | What it does |",
        "|---|---|---|---|---|---|",
    ]
    for s in SETTINGS:
        allowed = " / ".join(f"`{c}`" for c in s.choices) if s.choices else s.type.__name__
        if s.item_pattern is not None:
            allowed = "list"
        if s.minimum is not None or s.maximum is not None:
            allowed += f" {s.minimum if s.minimum is not None else ''}..{s.maximum if s.maximum is not None else ''}"
        default = f"`{s.default}`" if s.default != "" else "(empty)"
        lines.append(f"| `{s.name}` | `{s.env}` | {default} | {allowed} | {'yes' if s.live else ''} | {s.help} |")
    return "\n".join(lines) + "\n"
