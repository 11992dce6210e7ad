"""server/lexical.py gives exactly what scikit-learn's TF-IDF + logistic regression gives."""
import numpy as np
import pytest

from server.lexical import TOKEN_RE, YEAR_WORD, LexicalModel, draft_text, normalised, terms

TEXTS = [
    "I hope this email finds you well. Our platform helps companies like yours.",
    "Hi Ana, the ferry to Vis leaves at 7:40 on Saturday; bring Luka's bike?",
    "Click here to unsubscribe. Limited time offer!!! Act now.",
    "회의는 금요일입니다 🙂 Ünïcödé ça marche, naïve café",
    "Thanks for the notes on the Q3 plan. I think we can ship Friday.",
    "Dear valued customer, your ticket number is 4411. We apologise for the inconvenience.",
    "Your 2025 statement is ready; the 2024 one and the 1999 archive are below.",
]


def test_terms_are_words_and_word_pairs():
    assert terms("Hi Ana, the ferry!") == ["hi", "ana", "the", "ferry", "hi ana", "ana the", "the ferry"]
    assert draft_text(["One.", "Two."], "Subject") == "Subject\nOne.\nTwo."
    assert draft_text(["One."], None) == "One."


def test_a_year_is_one_word_whichever_year():
    """The dev data's personal mail is older than its templates: a year's digits would teach the era."""
    assert terms("Photos from 2025, Mum") == terms("Photos from 1999, mum") == ["photos", "from", YEAR_WORD, "mum",
                                                                              "photos from", f"from {YEAR_WORD}",
                                                                              f"{YEAR_WORD} mum"]
    assert normalised("Ticket 4411 at 10:30, 250 km") == "ticket 4411 at 10:30, 250 km"  # other numbers stay


def test_matches_scikit_learn(tmp_path):
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    from sklearn.linear_model import LogisticRegression

    vec = sklearn_text.TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, token_pattern=TOKEN_RE.pattern,
                                       preprocessor=normalised)
    x = vec.fit_transform(TEXTS)
    clf = LogisticRegression(max_iter=1000).fit(x, [1, 0, 1, 0, 0, 1, 1])
    model = LexicalModel({t: i for i, t in enumerate(vec.get_feature_names_out())}, vec.idf_, clf.coef_[0],
                         float(clf.intercept_[0]))
    model.save(tmp_path)
    loaded = LexicalModel.load(tmp_path)
    probes = TEXTS + ["hope this finds you well, click here", "nothing in the vocabulary: zzz qqq", "", "back in 2013"]
    expected = clf.decision_function(vec.transform(probes))
    ours = np.asarray([loaded.logit(t) for t in probes])
    assert np.abs(ours - expected).max() < 1e-5


def test_one_model_per_kind_scores_a_text_by_its_most_confident_kind(tmp_path):
    """Per-kind coefficients (terms x kinds) give the largest of the kinds' own scikit-learn scores, also after
    a save and load."""
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    from sklearn.linear_model import LogisticRegression

    vec = sklearn_text.TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, token_pattern=TOKEN_RE.pattern,
                                       preprocessor=normalised)
    x = vec.fit_transform(TEXTS)
    personal = [1, 3, 4]
    per_kind = [LogisticRegression(max_iter=1000).fit(x[personal + [k]], [0, 0, 0, 1]) for k in (0, 2, 5)]
    model = LexicalModel({t: i for i, t in enumerate(vec.get_feature_names_out())}, vec.idf_,
                         np.stack([c.coef_[0] for c in per_kind], axis=1), np.asarray([c.intercept_[0] for c in per_kind]))
    model.save(tmp_path)
    loaded = LexicalModel.load(tmp_path)
    assert loaded.coef.shape == (len(loaded.index), 3)
    probes = TEXTS + ["hope this finds you well, click here", "nothing in the vocabulary: zzz qqq", "", "back in 2013"]
    expected = np.max([c.decision_function(vec.transform(probes)) for c in per_kind], axis=0)
    ours = np.asarray([loaded.logit(t) for t in probes])
    assert np.abs(ours - expected).max() < 1e-5
