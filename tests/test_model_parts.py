"""The draft score's parts that need no encoder: register cues, sign-constrained training, the stock-line
contrast, the blend's clipping; and, on the shipped head, that its style weights keep their signs and its
prototypes are models/prototypes.py's lines."""
import json

import numpy as np
import pytest

from models.train import fit_signed_logistic
from server.core.features import DRAFT_FEATURE_DIRECTIONS, DRAFT_FEATURES, SENTENCE_FEATURES, draft_features, sentence_features
from server.inference import DEFAULT_MODEL_DIR, SIGNAL_CLIP, as_columns, blended, prototype_contrast, top_mean


def cue(sentence: str, name: str) -> float:
    return sentence_features(sentence)[SENTENCE_FEATURES.index(name)]


# Written for these tests (not taken from the dev data).
@pytest.mark.parametrize("sentence, name", [
    ("FOR IMMEDIATE RELEASE: the council will meet on the 4th.", "broadcast"),
    ("To stop receiving these updates, update your preferences.", "broadcast"),
    ("The minister said the talks would resume, according to officials.", "news"),
    ("Click here and sign up today!", "call_to_action"),
    ("Save 40% with this exclusive offer.", "hype"),
    ("Most CFOs I talk to say the same thing.", "outreach"),
    ("Worth a quick chat?", "outreach"),
    ("Thanks for filing this, please update to the newest version.", "support"),
    ("We ensure a seamless journey for every customer.", "formal_vocabulary"),
    ("i guess we could do it tomorrow...", "informal"),
    ("Can you bring the ladder on Saturday?", "request"),
    ("Can you bring the ladder on Saturday?", "here_and_now"),
    ("I think it was the other cable, maybe.", "hedge"),
    ("Quarterly Results Announced For Northern Region", "title_case"),
])
def test_register_cues_fire_on_what_they_name(sentence, name):
    assert cue(sentence, name) > 0


@pytest.mark.parametrize("sentence, name", [
    ("Can you bring the ladder on Saturday?", "broadcast"),
    ("I think it was the other cable, maybe.", "hype"),
    ("We ensure a seamless journey for every customer.", "informal"),
    ("Quarterly results were fine, said nobody.", "title_case"),
])
def test_register_cues_stay_quiet_otherwise(sentence, name):
    assert cue(sentence, name) == 0


def test_draft_features_have_names_and_directions():
    values = draft_features(["We help teams like yours grow!", "Book a demo today."])
    assert len(values) == len(DRAFT_FEATURES) == len(DRAFT_FEATURE_DIRECTIONS)
    assert set(DRAFT_FEATURE_DIRECTIONS) == {-1, 0, 1}
    direction = dict(zip(DRAFT_FEATURES, DRAFT_FEATURE_DIRECTIONS))
    assert direction["mean_placeholder"] == 1 and direction["max_broadcast"] == 1 and direction["mean_hedge"] == -1
    assert direction["mean_word_length"] == 0  # no prior: learned either way
    assert draft_features([]) == draft_features([])  # an empty draft has features too


def test_signed_logistic_keeps_the_signs_the_data_would_flip():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3)).astype(np.float32)
    y = (x[:, 0] - x[:, 1] + 0.3 * rng.normal(size=400) > 0).astype(np.int64)
    w = np.ones(400, dtype=np.float32)
    free, _ = fit_signed_logistic(x, y, w, np.zeros(3), l2=1e-3)
    assert free[0] > 0.5 and free[1] < -0.5
    forced, _ = fit_signed_logistic(x, y, w, np.asarray([-1, 1, 0]), l2=1e-3)
    assert forced[0] <= 0 and forced[1] >= 0  # the data pulls the other way: the sign holds, the weight goes to ~0
    assert abs(forced[0]) < 0.05 and abs(forced[1]) < 0.05


def test_prototype_contrast_and_score():
    templated = as_columns(np.eye(4, dtype=np.float32)[:2])
    personal = as_columns(np.eye(4, dtype=np.float32)[2:])
    assert templated.shape == (4, 2) and templated.flags["C_CONTIGUOUS"]
    sentences = np.asarray([[1, 0, 0, 0], [0, 0, 1, 0], [0.6, 0, 0.8, 0]], dtype=np.float32)
    contrast = prototype_contrast(sentences, templated, personal)
    assert contrast == pytest.approx([1.0, -1.0, -0.2])
    assert top_mean(contrast) == pytest.approx((1.0 - 1.0 - 0.2) / 3)
    assert top_mean(np.asarray([0.1, 0.5, 0.2, 0.9], np.float32)) == pytest.approx((0.5 + 0.2 + 0.9) / 3)
    assert top_mean(prototype_contrast(np.zeros((0, 4), np.float32), templated, personal)) == 0.0


def test_blend_clips_each_signal():
    blend = {"weights": {"a": 2.0, "b": 1.0}, "stats": {"a": [0.0, 1.0], "b": [1.0, 0.5]}}
    assert blended({"a": 1.0, "b": 2.0}, blend) == pytest.approx(2.0 + 2.0)
    assert blended({"a": 50.0, "b": 1.0}, blend) == pytest.approx(2 * SIGNAL_CLIP)


def test_soft_or_pool_lets_one_sure_signal_count_more_than_a_sum():
    weights = {"words": 1.0, "style": 1.0, "sentences": 1.0}
    blend = {"weights": weights, "stats": {k: [0.0, 1.0] for k in weights}, "pool": "soft-or", "temperature": 1.0}
    one_sure = {"words": 3.0, "style": -0.5, "sentences": -0.5}  # sales wording only the words signal knows
    all_lukewarm = {"words": 2 / 3, "style": 2 / 3, "sentences": 2 / 3}  # the same sum, spread out
    assert sum(one_sure.values()) == pytest.approx(sum(all_lukewarm.values()))
    assert blended(one_sure, blend) > blended(all_lukewarm, blend) + 1.0
    assert blended(all_lukewarm, blend) == pytest.approx(2 / 3 + np.log(3))  # agreeing signals: their value, shifted
    # the others still pull, if only a little: the same sure signal with the rest firmly against it scores lower
    assert blended({"words": 3.0, "style": -3.0, "sentences": -3.0}, blend) < blended(one_sure, blend)
    assert blended({"words": 99.0, "style": 0.0, "sentences": 0.0}, blend) == pytest.approx(np.log(np.exp(SIGNAL_CLIP) + 2))
    arrays = blended({k: np.asarray([v, 0.0]) for k, v in one_sure.items()}, blend)
    assert arrays[0] == pytest.approx(blended(one_sure, blend)) and arrays[1] == pytest.approx(np.log(3))


def test_shipped_head_pools_as_trained():
    from models.train import BLEND_POOL

    meta = json.loads((DEFAULT_MODEL_DIR / "head.json").read_text())
    assert {k: meta["blend"][k] for k in BLEND_POOL} == BLEND_POOL


def test_shipped_style_weights_keep_their_signs():
    from safetensors.numpy import load_file

    weights = load_file(str(DEFAULT_MODEL_DIR / "head.safetensors"))["style_w"]
    signs = np.asarray(DRAFT_FEATURE_DIRECTIONS)
    assert (weights[signs == 1] >= 0).all() and (weights[signs == -1] <= 0).all()
    assert (np.abs(weights[signs != 0]) > 1e-3).sum() >= 10  # the priors carry weight, not only the free features


@pytest.mark.real_model
def test_shipped_prototypes_are_the_listed_lines(real_scorer):
    from safetensors.numpy import load_file

    from models.prototypes import PERSONAL, TEMPLATED_LINES

    arrays = load_file(str(DEFAULT_MODEL_DIR / "head.safetensors"))
    meta = json.loads((DEFAULT_MODEL_DIR / "head.json").read_text())
    assert meta["prototypes"]["templated"] == len(TEMPLATED_LINES) and meta["prototypes"]["personal"] == len(PERSONAL)
    for name, lines in (("prototypes_templated", TEMPLATED_LINES), ("prototypes_personal", PERSONAL)):
        encoded = real_scorer.encoder.encode(list(lines))
        assert np.abs(arrays[name] - encoded).max() < 0.02, name  # bfloat16 here vs float32 there at worst


def test_synthetic_pairs_load_as_two_training_only_groups():
    from models.data import load_synthetic
    from models.train import held_out_groups, scored_mask

    synthetic = load_synthetic()
    assert len(synthetic) >= 400 and len(synthetic) % 2 == 0
    assert {e.group for e in synthetic} == {"synthetic-templated", "synthetic-personal"}
    assert sum(e.label for e in synthetic) == len(synthetic) // 2
    assert all(e.sentences for e in synthetic)
    groups = np.asarray(["aeslc_enron_sent", "synthetic-personal", "sa_spam_1", "synthetic-templated"])
    assert held_out_groups(groups) == ["aeslc_enron_sent", "sa_spam_1"]
    assert scored_mask(groups).tolist() == [True, False, True, False]


def test_training_weights_balance_labels_and_groups():
    from models.train import balanced_weights

    labels = np.asarray([1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    groups = np.asarray(["a", "a", "b", "c", "c", "c", "c", "c", "c", "d"])
    w = balanced_weights(labels, groups)
    assert w[labels == 1].sum() / w.sum() == pytest.approx(0.5)  # each label half
    assert w[groups == "a"].sum() == pytest.approx(w[groups == "b"].sum())
    assert w[groups == "c"].sum() == pytest.approx(w[groups == "d"].sum())


def test_platt_scaling_recovers_a_known_calibration():
    from models.train import fit_platt

    rng = np.random.default_rng(0)
    logits = rng.normal(0, 2, 20_000)
    labels = (rng.random(20_000) < 1 / (1 + np.exp(-(1.5 * logits - 1.0)))).astype(int)
    a, b = fit_platt(logits, labels)
    assert a == pytest.approx(1.5, abs=0.08) and b == pytest.approx(-1.0, abs=0.08)


def test_the_draft_calibration_leaves_out_drafts_the_evidence_floor_settles():
    """Templated drafts the model scores low but whose footer settles them must not bend the curve for the rest."""
    from models.data import Example
    from models.train import fit_draft_calibration, fit_platt

    rng = np.random.default_rng(1)
    logits = rng.normal(0, 2, 4000)
    labels = (rng.random(4000) < 1 / (1 + np.exp(-(1.5 * logits - 1.0)))).astype(int)
    examples = [Example(str(i), "g", int(y), None, ("A line.",)) for i, y in enumerate(labels)]
    settled = np.arange(4000) < 400  # low scores, all templated, each with a list footer
    logits[settled], labels[settled] = -4.0, 1
    examples = [Example(e.id, "g", 1, None, ("News.", "To unsubscribe, reply STOP.")) if s else e
                for e, s in zip(examples, settled)]
    assert fit_draft_calibration(logits, labels, examples) == fit_platt(logits[~settled], labels[~settled])
    a, _ = fit_platt(logits, labels)
    assert a < 1.2  # fitted on every draft, the settled ones flatten the curve



def test_feedback_from_an_older_model_is_skipped_not_fatal():
    from models.train import usable_feedback

    width = 5
    current = np.arange(width, dtype=np.float16).tobytes()
    older = np.arange(3, dtype=np.float16).tobytes()  # stored by a head with fewer features
    matrix, labels, skipped = usable_feedback([("not_templated", current), ("templated", older), ("templated", current)], width)
    assert matrix.shape == (2, width) and matrix[0].tolist() == list(range(width))
    assert labels.tolist() == [0, 1] and skipped == 1
    matrix, labels, skipped = usable_feedback([("templated", older)], width)
    assert matrix.shape == (0, width) and len(labels) == 0 and skipped == 1


# Per-kind models (models/train.py: expert_mask). Made-up two-feature data: sales templates sit at (1, 0), spam at
# (0, 1), personal mail at (0, 0) and (1, 1). No single straight line parts them (the XOR pattern); one line per
# kind of template does, and a draft scored by its most confident kind is then told apart exactly.
def _xor_kinds(n: int = 40):
    rng = np.random.default_rng(3)
    corners = [((1, 0), 1, "sales and cold outreach"), ((0, 1), 1, "spam"), ((0, 0), 0, ""), ((1, 1), 0, "")]
    x = np.concatenate([np.asarray(c, np.float32) + 0.1 * rng.normal(size=(n, 2)).astype(np.float32) for c, _, _ in corners])
    y = np.repeat([label for _, label, _ in corners], n)
    kinds = np.repeat([kind for _, _, kind in corners], n)
    groups = np.repeat(["sales", "spam", "friends", "colleagues"], n)
    return x, y, kinds, groups


def test_each_kind_of_template_gets_its_own_model_and_a_draft_its_most_confident_kind():
    from models.train import expert_kinds, fit_experts, fit_logistic, roc_auc

    x, y, kinds, groups = _xor_kinds()
    experts = expert_kinds(y, kinds)
    assert experts == ("sales and cold outreach", "spam")  # only kinds with templates, in the issue's order
    coef, bias = fit_experts(x, y, groups, kinds, experts)
    assert coef.shape == (2, 2) and bias.shape == (2,)
    assert roc_auc((x @ coef + bias).max(axis=1), y) == 1.0
    one_coef, one_bias = fit_logistic(x, y, np.ones(len(y), np.float32))
    assert roc_auc(x @ one_coef + one_bias, y) < 0.8  # one model for every kind cannot
    sales, spam = coef.T
    assert sales[0] > 0 > sales[1] and spam[1] > 0 > spam[0]


def test_a_kind_learns_from_personal_mail_its_own_templates_and_templates_of_no_kind():
    from models.train import ANY_KIND, expert_kinds, expert_mask, fit_experts

    y = np.asarray([0, 1, 1, 1, 1])
    kinds = np.asarray(["", "sales and cold outreach", "spam", "other", ""])
    assert expert_mask(y, kinds, "sales and cold outreach").tolist() == [True, True, False, True, True]
    assert expert_mask(y, kinds, "spam").tolist() == [True, False, True, True, True]
    assert expert_kinds(y, np.asarray(["", "", "", "other", ""])) == (ANY_KIND,)  # no kinds known: one model
    assert expert_mask(y, kinds, ANY_KIND).all()
    # a fold that holds out a kind's only source: that kind's model never wins the max
    x, y, kinds, groups = _xor_kinds()
    coef, bias = fit_experts(x[kinds != "spam"], y[kinds != "spam"], groups[kinds != "spam"], kinds[kinds != "spam"],
                             ("sales and cold outreach", "spam"))
    assert (coef[:, 1] == 0).all() and bias[1] < -20
    assert ((x @ coef + bias).argmax(axis=1)[y == 1] == 0).all()


def test_style_head_and_sentence_signal_take_the_most_confident_kind():
    from server.inference import StyleHead, sentences_signal

    head = StyleHead(np.zeros(2, np.float32), np.ones(2, np.float32), np.asarray([[1.0, -1.0], [0.0, 2.0]], np.float32),
                     np.asarray([0.5, -0.5], np.float32))
    features = np.asarray([[1.0, 0.0], [0.0, 1.0]], np.float32)
    assert head.logits(features).tolist() == [1.5, 1.5]  # first kind for the first draft, second for the second
    assert head.logits(features[1]) == pytest.approx(1.5)  # one draft: a number
    logits = np.asarray([[0.0, 5.0], [1.0, -1.0], [2.0, -1.0], [3.0, -1.0]])
    # per kind the mean of the three highest sentences (2.0 and 1.0), then the most confident kind
    assert sentences_signal(logits) == pytest.approx(2.0)
    assert sentences_signal(np.zeros((0, 2))) == 0.0


def test_shipped_head_has_one_model_per_kind_of_template():
    from safetensors.numpy import load_file

    from models.data import TEMPLATE_KINDS
    from server.lexical import LexicalModel

    meta = json.loads((DEFAULT_MODEL_DIR / "head.json").read_text())
    assert meta["experts"] == list(TEMPLATE_KINDS)
    arrays = load_file(str(DEFAULT_MODEL_DIR / "head.safetensors"))
    kinds = len(TEMPLATE_KINDS)
    for name in ("sentence_experts_w", "draft_w", "style_w"):
        assert arrays[name].shape[1] == kinds, name
    assert arrays["sentence_w"].ndim == 1  # hints keep the one sentence head
    lexical = LexicalModel.load(DEFAULT_MODEL_DIR)
    assert lexical.coef.shape == (len(lexical.index), kinds) and lexical.intercept.shape == (kinds,)


def test_examples_carry_their_kind_of_template():
    from models.data import GROUP_KINDS, OTHER_KIND, TEMPLATE_KINDS, to_example

    text = "Subject: Hello\n\nHi Ana, see you at 7."
    assert to_example({"id": "1", "group": "tmpl_use60_sales", "label": "templated", "text": text}).kind == \
        "sales and cold outreach"
    assert to_example({"id": "2", "group": "hrc_massmail", "label": "templated", "text": text}).kind == "notifications"
    assert to_example({"id": "3", "group": "a-new-source", "label": "templated", "text": text}).kind == OTHER_KIND
    assert to_example({"id": "4", "group": "x", "label": "templated", "kind": "spam", "text": text}).kind == "spam"
    assert to_example({"id": "5", "group": "hrc_state", "label": "personal", "text": text}).kind == ""
    assert set(GROUP_KINDS.values()) <= set(TEMPLATE_KINDS)


def test_a_pair_written_under_an_issue_kinds_own_name_is_that_kind():
    from models.data import OTHER_KIND, TEMPLATE_KINDS, pair_kind

    assert [pair_kind(kind) for kind in TEMPLATE_KINDS] == list(TEMPLATE_KINDS)  # "notifications" was once OTHER_KIND
    assert pair_kind("operations-center alert") == "notifications"
    assert pair_kind("recruiting") == "sales and cold outreach"
    assert pair_kind("letters from a form-letter kit") == OTHER_KIND
