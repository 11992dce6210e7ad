"""Settings are data: parsed and checked, documented, and the docs match the table."""
from pathlib import Path

import pytest

from server.settings import BY_NAME, SETTINGS, load_settings, settings_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_docs_match_the_settings_table():
    assert (ROOT / "docs" / "settings.md").read_text() == settings_markdown(), "run: python -m server settings-doc > docs/settings.md"


def test_every_setting_is_in_the_readme_or_docs():
    readme = (ROOT / "README.md").read_text()
    assert "docs/settings.md" in readme
    for s in SETTINGS:
        assert s.help.strip() and s.name.islower()


def test_environment_overrides_defaults():
    values = load_settings({"SINCERELY_MAX_TEXT_CHARS": "123", "SINCERELY_THREADS_ENABLED_BY_DEFAULT": "off"})
    assert values["max_text_chars"] == 123 and values["threads_enabled_by_default"] is False
    assert values["port"] == 8765


@pytest.mark.parametrize(
    "name, raw",
    [("max_text_chars", "lots"), ("max_text_chars", "0"), ("draft_threshold", "1.5"), ("port", "70000"),
     ("threads_enabled_by_default", "maybe"), ("max_hints", 2.5), ("max_hints", True),
     ("draft_threshold", "nan"), ("draft_threshold", float("nan")), ("sentence_threshold", "-inf")],
)
def test_bad_values_are_refused_with_the_name(name, raw):
    with pytest.raises(ValueError, match=name):
        BY_NAME[name].parse(raw)


def test_bad_environment_value_stops_the_cli_with_a_message(capsys, monkeypatch):
    from server.cli import main

    monkeypatch.setenv("SINCERELY_PORT", "not-a-port")
    assert main(["serve"]) == 2
    assert "port must be a whole number from 1 to 65535" in capsys.readouterr().err
