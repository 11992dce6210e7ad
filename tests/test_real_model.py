"""The real encoder and trained head: local files only, refuses altered or remote-code models,
re-encodes only what changed, and tells a form letter from a note a person wrote."""
import json
import shutil

import numpy as np
import pytest

from server.inference import HEAD_META_FILE, MODEL_FILES, ModelLoadError, SentenceCache, SentenceEncoder, TransformerScorer, base_model_dir
from tests.conftest import auth_for

pytestmark = pytest.mark.real_model

# Written for these tests (not taken from the dev data).
FORM_LETTER = (
    "Hi there,\n\nI hope this email finds you well. I'm reaching out because our platform helps companies like "
    "yours increase revenue with automated outreach. We have helped hundreds of teams save time and close more "
    "deals. Would you be open to a quick 15-minute call next week to see if it's a fit?\n\nLooking forward to "
    "hearing from you.\n\nBest regards,\nAlex"
)
PERSONAL_NOTE = (
    "Hi Ines,\n\nThe ferry back from Hvar was two hours late, so Matteo fell asleep on the bench with your red "
    "umbrella still open. I owe you a new one. Are you still at your mother's in Porto until the 12th? If so I'll "
    "post it there, along with the photos from the lighthouse.\n\nxo,\nBea"
)


# Modern mail written for this test (not from the dev data): a model that learned the dev data's era
# (old personal mail, new templates) would flag the personal ones. One template of each kind.
MODERN_PERSONAL = [
 "Hey Sam,\n\nThe plumber finally came this morning and it was the valve under the sink, not the boiler, so you were right. He left the old part on the porch in case you want to see it. Are we still on for pizza Thursday? Leo keeps asking if Biscuit can come.\n\nM",
 "Hi Priya,\n\nThanks for covering standup while I was at the dentist. I read your notes: I agree we should push the migration to after the Q3 freeze, but can you check with Tomás whether the billing export still needs the old column? He mentioned it at the offsite and I forgot to write it down.\n\nCheers,\nJon",
 "Mum,\n\nLanded fine, the flight was an hour late because of fog in Frankfurt. The flat is smaller than the photos but the light is lovely. I'll call on Sunday after your choir thing. Tell Dad the bike lock code is his birthday backwards.\n\nLove,\nAnna",
 "Dear Professor Okafor,\n\nThank you for reading chapter three so quickly. I have rewritten the section on the 1911 census as you suggested, and I think the argument holds better now that the Lagos figures come first. Could we meet on Wednesday after your seminar instead of Friday? I am at the archive all Friday.\n\nBest wishes,\nKemi",
 "ok so I tried your fix and the build passes on my laptop but CI still fails on the arm runner. I think it's the same cache issue we hit in March. want to pair on it tomorrow after lunch? I'll bring coffee",
]
MODERN_TEMPLATED = [
 "Hi Jordan,\n\nI hope this message finds you well. I am writing to express my sincere gratitude for the opportunity to collaborate with your team. Your dedication and expertise have been invaluable, and I look forward to continuing our productive partnership.\n\nPlease do not hesitate to reach out if there is anything I can do to support your goals.\n\nWarm regards,\nAlex Morgan",
 "Hi Chris,\n\nNoticed Brightwave just opened a second office in Austin, congrats! Most operations leaders I talk to at that stage struggle to keep onboarding consistent across sites. We helped Northpeak cut ramp time by 40%. Open to a 15-minute call next week?\n\nBest,\nDana",
 "Dear Customer,\n\nThank you for contacting our support team. We have received your request and a member of our team will respond within 24 hours. In the meantime, you may find answers to common questions in our Help Center.\n\nWe appreciate your patience.\n\nThe Support Team",
 "Don't miss our biggest sale of the year! For 48 hours only, save up to 60% on everything in store. Click here to shop now. You are receiving this email because you subscribed to our newsletter. Unsubscribe at any time.",
 "FOR IMMEDIATE RELEASE\n\nThe City Council announced today that the Riverside Bridge will close for maintenance from March 3 to March 17. Commuters are advised to use alternative routes. For more information, residents may contact the Office of Public Works.",
]


@pytest.mark.parametrize("text, label", [(t, "personal") for t in MODERN_PERSONAL] + [(t, "templated") for t in MODERN_TEMPLATED])
def test_modern_mail_written_for_this_test(real_scorer, text, label):
    from server.core import analyze

    result = analyze(text, scorer=real_scorer)
    assert result.label == label, result.score


def test_form_letter_reads_templated_and_note_reads_personal(real_scorer):
    from server.core import analyze

    form = analyze(FORM_LETTER, scorer=real_scorer)
    note = analyze(PERSONAL_NOTE, scorer=real_scorer)
    assert form.label == "templated" and note.label == "personal", (form.score, note.score)
    assert form.score > note.score
    assert form.personal_spot is not None and form.personal_spot.offset == FORM_LETTER.index("I hope")
    assert any(s.flagged for s in form.sentences)


def test_scores_are_probabilities_and_deterministic(real_scorer):
    a = real_scorer.score(["One sentence here.", "Another one."], "Subject")
    b = real_scorer.score(["One sentence here.", "Another one."], "Subject")
    assert a == b and 0 <= a.draft <= 1 and all(0 <= s <= 1 for s in a.sentences)


def test_batch_and_single_paths_agree(real_scorer):
    drafts = [(["I hope you are well.", "We sell widgets."], "Hello"), (["See you at 6 at Rosa's."], None)]
    batch = real_scorer.score_many(drafts)
    single = [real_scorer.score(s, subj) for s, subj in drafts]
    for x, y in zip(batch, single):
        assert x.draft == pytest.approx(y.draft, abs=1e-4)
        assert x.sentences == pytest.approx(y.sentences, abs=1e-4)


def test_only_changed_sentences_are_re_encoded(real_scorer):
    cache = SentenceCache(real_scorer.encoder, max_entries=100)
    sentences = [f"Sentence number {i} about the launch." for i in range(10)]
    first = cache.rows(sentences)
    assert (cache.hits, cache.misses) == (0, 10)
    edited = list(sentences)
    edited[3] = "Sentence number 3 about the party."
    calls = []
    real = real_scorer.encoder
    cache.encoder = type("Spy", (), {"dim": real.dim, "encode": lambda self, s: calls.append(list(s)) or real.encode(s)})()
    again = cache.rows(edited)
    assert calls == [["Sentence number 3 about the party."]]
    assert (cache.hits, cache.misses) == (9, 11)
    assert np.array_equal(again[0], first[0]) and not np.array_equal(again[3], first[3])


def test_cache_is_bounded(real_scorer):
    cache = SentenceCache(real_scorer.encoder, max_entries=5)
    cache.rows([f"Line {i}." for i in range(12)])
    assert len(cache) == 5


def test_bfloat16_stays_close_to_float32(real_scorer):
    fp32 = SentenceEncoder(dtype="float32")
    bf16 = SentenceEncoder(dtype="bfloat16")
    sentences = [FORM_LETTER, PERSONAL_NOTE, "Short.", "회의는 금요일입니다 🙂"]
    cos = (fp32.encode(sentences) * bf16.encode(sentences)).sum(axis=1)
    assert cos.min() > 0.999


@pytest.fixture
def model_copy(tmp_path):
    base = tmp_path / "encoder"
    shutil.copytree(base_model_dir(), base)
    return base


def test_remote_code_config_fails_closed(model_copy):
    config = json.loads((model_copy / "config.json").read_text())
    config["auto_map"] = {"AutoModel": "evil.EvilModel"}
    (model_copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelLoadError, match="custom code"):
        SentenceEncoder(model_copy)


def test_head_for_other_features_is_refused(tmp_path):
    from server.inference import DEFAULT_MODEL_DIR

    for name in MODEL_FILES:
        shutil.copy(DEFAULT_MODEL_DIR / name, tmp_path / name)
    meta = json.loads((tmp_path / HEAD_META_FILE).read_text())
    meta["sentence_features"] = meta["sentence_features"][:-1]
    (tmp_path / HEAD_META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelLoadError, match="retrain"):
        TransformerScorer(tmp_path, encoder=object())


def test_head_trained_on_other_encoder_weights_is_refused(tmp_path, real_scorer):
    from server.inference import DEFAULT_MODEL_DIR

    for name in MODEL_FILES:
        shutil.copy(DEFAULT_MODEL_DIR / name, tmp_path / name)
    meta = json.loads((tmp_path / HEAD_META_FILE).read_text())
    meta["encoder_sha256"] = "0" * 64
    (tmp_path / HEAD_META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelLoadError, match="differ"):
        TransformerScorer(tmp_path, encoder=real_scorer.encoder)


def test_missing_head_says_how_to_train(tmp_path):
    with pytest.raises(ModelLoadError, match="models.train"):
        TransformerScorer(tmp_path, encoder=object())


def test_training_pipeline_end_to_end_on_a_small_slice(tmp_path, real_scorer):
    """Train on a slice of every group, then load the written head and score with it."""
    from models.data import load_examples
    from models.train import train

    from models.data import Example

    from models.data import load_synthetic

    examples = load_examples(limit=60)
    assert len({e.group for e in examples}) >= 10
    examples.append(Example("empty-draft", examples[0].group, examples[0].label, None, ()))
    synthetic = load_synthetic()[:20]
    meta = train(examples + synthetic, tmp_path, encoder=real_scorer.encoder, progress=False, cache=False)
    assert meta["report"]["logo_draft_auc"] > 0.5
    assert set(meta["report"]["logo_per_group"]) == {e.group for e in examples}  # synthetic groups are never scored
    assert {"synthetic-templated", "synthetic-personal"} <= set(meta["trained_on"]["groups"])
    assert len(meta["experts"]) >= 5  # a model per kind of template in the slice
    scorer = TransformerScorer(tmp_path, encoder=real_scorer.encoder)
    scores = scorer.score(["I hope this email finds you well.", "Click here to claim your exclusive offer."])
    assert 0 <= scores.draft <= 1


def test_api_with_the_real_model(real_app):
    client = real_app.test_client()
    auth = auth_for(real_app)
    body = client.post("/v1/analyze", json={"text": FORM_LETTER, "subject": "Quick question"}, headers=auth).get_json()
    assert body["label"] == "templated" and body["model"].startswith("all-MiniLM-L6-v2+")
    assert body["personal_spot"]["offset"] == FORM_LETTER.index("I hope")
    body = client.post("/v1/analyze", json={"text": PERSONAL_NOTE}, headers=auth).get_json()
    assert body["label"] == "personal"


def test_head_without_its_lexical_part_is_refused(tmp_path):
    from server.inference import DEFAULT_MODEL_DIR, HEAD_FILE

    for name in (HEAD_FILE, HEAD_META_FILE):
        shutil.copy(DEFAULT_MODEL_DIR / name, tmp_path / name)
    with pytest.raises(ModelLoadError, match="older version"):
        TransformerScorer(tmp_path, encoder=object())


def test_training_with_feedback_lowers_the_dismissed_sentence(tmp_path, real_scorer):
    """The feedback loop end to end: a verdict kept as a row (no text) moves the retrained sentence head."""
    from models.data import load_examples
    from models.train import train
    from server.inference import feedback_matrix
    from server.store import Store, sqlite_url

    sentence = "Please do not hesitate to contact us with any questions."
    store = Store(sqlite_url(tmp_path))
    for _ in range(30):
        store.add_feedback("local", sentence, "not_templated", real_scorer.feedback_row(sentence))
    rows = store.feedback_rows()
    store.close()
    assert all(sentence.encode() not in row for _, row in rows)
    feedback = (feedback_matrix([r for _, r in rows]), np.zeros(len(rows), dtype=int))

    examples = load_examples(limit=60)
    scores, calibrations = {}, {}
    for name, fb in (("plain", None), ("feedback", feedback)):
        out = tmp_path / name
        meta = train(examples, out, encoder=real_scorer.encoder, progress=False, evaluate=False, cache=False, feedback=fb)
        scores[name] = TransformerScorer(out, encoder=real_scorer.encoder).score([sentence]).sentences[0]
        calibrations[name] = meta["sentence_calibration"]
    assert meta["feedback_rows"] == 30
    assert scores["feedback"] < scores["plain"], scores
    # Read the move as odds: both heads share one calibration (fitted before the feedback is folded in), and
    # near the top of the sigmoid a real move is a small change of probability. The odds that the dismissed
    # sentence reads templated fall by at least 40 %.
    assert calibrations["plain"] == calibrations["feedback"]
    log_odds = {k: np.log(p / (1 - p)) for k, p in scores.items()}
    assert log_odds["plain"] - log_odds["feedback"] > 0.5, (scores, log_odds)


def test_retrain_with_feedback_skips_rows_from_an_older_model(tmp_path, real_scorer, monkeypatch, capsys):
    """`python -m models.train --with-feedback` on a store holding rows from an older head (fewer features) and
    from this one: the older rows are counted and skipped, the rest are folded in, no traceback."""
    from models.train import main
    from server.store import Store, sqlite_url

    store = Store(sqlite_url(tmp_path))
    sentence = "Please do not hesitate to contact us with any questions."
    store.add_feedback("local", sentence, "not_templated", real_scorer.feedback_row(sentence))
    store.add_feedback("local", "An older verdict.", "not_templated", np.zeros(384 + 19, dtype=np.float16).tobytes())
    store.close()
    monkeypatch.setenv("SINCERELY_DATA_DIR", str(tmp_path))
    out = tmp_path / "model"
    assert main(["--limit", "30", "--no-synthetic", "--no-eval", "--with-feedback", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "folding in 1 stored verdicts (1 dismissed as not templated)" in printed
    assert "skipped 1 verdicts stored by an older model" in printed
    assert json.loads((out / "head.json").read_text())["feedback_rows"] == 1
