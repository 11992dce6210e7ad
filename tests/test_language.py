"""Which drafts are not in English (py3langid, the real model): other languages are named, English never is."""
from __future__ import annotations

import pytest

from server.language import other_language


@pytest.mark.parametrize("text, language", [
    ("Le agradecemos su confianza. No dude en ponerse en contacto con nosotros si tiene alguna pregunta.", "es"),
    ("Sehr geehrte Damen und Herren, bei Fragen stehen wir Ihnen jederzeit gerne zur Verfügung.", "de"),
    ("Merci beaucoup pour hier soir, c'était super ! On se voit samedi.", "fr"),
    ("Hoi Sanne, bedankt voor gisteren! Tot snel.", "nl"),
])
def test_another_language_is_named(text, language):
    assert other_language(text) == language


@pytest.mark.parametrize("text", [
    "Thanks for the update. Attached is the revised budget with the Leeds numbers.",
    "Per our conversation, pls send the Q3 PPA redlines to TK & JD asap.",
    "Hi Jürgen, danke! See you in Köln next week for the Messe.",  # English with a German word or two
    "Tunnel: HQ-to-Tulsa (10.40.0.0/16) Status: DOWN Since: 06/14/2010 07:52 CDT",  # terse English machine text
    "lol ok see u there",
])
def test_english_is_never_called_another_language(text):
    assert other_language(text) is None


def test_the_answer_is_remembered_by_a_hash_never_the_text():
    from server import language

    text = "Querida Ana, muchas gracias por la cena de anoche. Nos vemos el viernes en Madrid."
    assert other_language(text) == "es"
    assert all(isinstance(key, bytes) and len(key) == 16 for key in language._answers._answers)
    assert not any("Querida" in repr(key) for key in language._answers._answers)
    assert other_language(text + " Un abrazo fuerte.") == "es"  # the same first words: the remembered answer
