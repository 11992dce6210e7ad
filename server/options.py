"""What one request runs with: start-up settings overlaid with live ones, and a user's analyze options.

Shared by the surfaces that analyse drafts (the /v1 API and the Gmail add-on), so neither imports the other.
"""
from __future__ import annotations

from dataclasses import replace

from flask import current_app

from .core import AnalyzeOptions
from .language import other_language
from .learning import shifted
from .services import services
from .settings import split_list


def effective_settings() -> dict:
    """Start-up settings overlaid with live ones from the store, read afresh for each request."""
    values = dict(current_app.config["SINCERELY"])
    values.update(services().store.live_settings())
    return values


def user_thresholds(settings: dict, dismissed: frozenset[str]) -> tuple[float, float]:
    """(draft, sentence) thresholds for this user: raised by their dismissals when they opted in."""
    n = len(dismissed) if settings["learn_from_dismissals"] else 0
    return shifted(settings["draft_threshold"], n), shifted(settings["sentence_threshold"], n)


def settings_options(settings: dict) -> AnalyzeOptions:
    """The options the settings give every analysis: thresholds, hint cap, important recipients, care-mode topics
    and which drafts are not in English. The terminal's `check` and `score` run with these as they are."""
    return AnalyzeOptions(
        draft_threshold=settings["draft_threshold"],
        sentence_threshold=settings["sentence_threshold"],
        max_hints=settings["max_hints"],
        important_recipients=tuple(split_list(settings["important_recipients"])),
        important_draft_threshold=settings["important_draft_threshold"],
        sensitive_topics=tuple(split_list(settings["sensitive_topics"])),
        language_of=other_language,
    )


def analyze_options(settings: dict, user: str) -> AnalyzeOptions:
    """The options one user's analyze runs with: the settings' (settings_options), with the thresholds shifted by
    their dismissals when they opted in and their dismissed sentences. Shared by /v1/analyze and the Gmail add-on."""
    store = services().store
    dismissed = store.dismissed_keys(user)
    draft_threshold, sentence_threshold = user_thresholds(settings, dismissed)
    return replace(
        settings_options(settings),
        draft_threshold=draft_threshold,
        sentence_threshold=sentence_threshold,
        dismissed=(lambda sentence: store.sentence_key(sentence) in dismissed) if dismissed else None,
    )


def disclosure(settings: dict) -> dict | None:
    """The team's AI-use disclosure policy as an analyze answer carries it (None when off)."""
    if settings["disclosure_policy"] == "off":
        return None
    return {"policy": settings["disclosure_policy"], "line": settings["disclosure_line"]}
