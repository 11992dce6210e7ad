"""The evaluation's summary pieces on made-up scores (no encoder): recall within a false-alarm budget, the ROC
points the report stores, and the picture drawn from a report."""
import numpy as np
import pytest

from models.data import Example
from models.evaluate import ROC_FALSE_ALARMS, TFIDF_BASELINE, recall_at_false_alarms, reliability, roc_points, summarise
from models.plots import plot_report

LABELS = np.asarray([0] * 100 + [1] * 50)
SCORES = np.concatenate([np.linspace(0.0, 0.6, 100), np.linspace(0.3, 1.0, 50)])


def test_recall_within_a_false_alarm_budget_never_exceeds_it():
    for budget in ROC_FALSE_ALARMS:
        recall, threshold = recall_at_false_alarms(SCORES, LABELS, budget)
        assert (SCORES[LABELS == 0] > threshold).mean() <= budget
    # the 3 highest personal scores (0.582..0.6) may be flagged at 3%; templated above the 4th highest count
    recall, threshold = recall_at_false_alarms(SCORES, LABELS, 0.03)
    assert threshold == pytest.approx(SCORES[96])
    assert recall == pytest.approx((SCORES[100:] > SCORES[96]).mean())


def test_roc_points_rise_from_the_strict_end_to_everything():
    points = roc_points(SCORES, LABELS)
    assert [fa for fa, _ in points] == list(ROC_FALSE_ALARMS)
    recalls = [r for _, r in points]
    assert recalls == sorted(recalls) and recalls[-1] == 1.0
    assert recalls[0] == pytest.approx((SCORES[100:] > 0.6).mean(), abs=1e-4)  # nothing personal flagged


def test_report_picture_is_drawn(tmp_path):
    groups = np.asarray(["hrc_state"] * 100 + ["tmpl_use60_sales"] * 25 + ["llm_alpaca_eval"] * 25)
    flagged = SCORES >= 0.7
    words = np.clip(SCORES + np.sin(np.arange(150)) * 0.3, 0, 1)
    report = {
        "examples": 150, "threshold": 0.7,
        "models": [summarise("sincerely (blend)", SCORES, LABELS, groups, flagged),
                   summarise(TFIDF_BASELINE, words, LABELS, groups, words >= 0.7)],
        "reliability": reliability(SCORES, LABELS),
    }
    assert report["models"][0]["per_kind_recall"] == {"sales and cold outreach": pytest.approx(flagged[100:125].mean(), abs=1e-3),
                                                      "AI-written drafts": pytest.approx(flagged[125:].mean(), abs=1e-3)}
    path = plot_report(report, tmp_path / "evaluation.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_new_kinds_experiment_holds_out_a_kind_as_one_group():
    from models.data import Example
    from models.experiments.new_kinds import by_kind

    examples = [Example("a", "tmpl_use60_sales", 1, None, ("x",)), Example("b", "tmpl_coldiq_cold_email", 1, None, ("y",)),
                Example("c", "hrc_state", 0, None, ("z",)), Example("d", "synthetic-templated", 1, None, ("w",))]
    assert [e.group for e in by_kind(examples)] == ["sales and cold outreach", "sales and cold outreach",
                                                    "hrc_state", "synthetic-templated"]


def test_held_out_pairs_experiment_moves_whole_pairs():
    from models.data import Example
    from models.experiments.held_out_pairs import PROBE, split_pairs

    synthetic = [Example(f"p{i}:{side}", f"synthetic-{side}", int(side == "templated"), None, ("x",))
                 for i in range(10) for side in ("templated", "personal")]
    groups = {e.id: e.group for e in split_pairs(synthetic)}
    held = {i for i in range(10) if groups[f"p{i}:personal"] == PROBE + "personal"}
    assert len(held) == 5
    for i in range(10):
        assert groups[f"p{i}:templated"] == (PROBE + "templated" if i in held else "synthetic-templated")
        assert groups[f"p{i}:personal"] == (PROBE + "personal" if i in held else "synthetic-personal")


def test_every_synthetic_kind_is_counted_under_one_of_the_issue_kinds():
    from models.data import SYNTHETIC_FILE, TEMPLATE_KINDS, load_synthetic, read_jsonl
    from models.experiments.held_out_pairs import issue_kind_of_pairs

    kinds = issue_kind_of_pairs()
    rows = read_jsonl(SYNTHETIC_FILE)
    assert set(kinds) == {r["pair"] for r in rows}
    # only the form-letter kits fall outside the issue's list; every listed kind has held-out pairs to count
    assert {r["kind"] for r in rows if kinds[r["pair"]] == "other"} == {"letters from a form-letter kit"}
    assert set(TEMPLATE_KINDS) <= set(kinds.values())
    # and each synthetic email carries its pair's kind into training (the per-kind models), personal ones none
    examples = load_synthetic()
    assert all(e.kind == (kinds[e.id.split(":")[0]] if e.label else "") for e in examples)


HELD_OUT_ROWS = [
    {"id": "t1", "group": "shop", "kind": "transactional", "label": "templated",
     "text": "Subject: Your order has shipped\n\nHi Sam,\n\nGood news: your order #48213 has been shipped. Estimated "
             "delivery: Tuesday.\n\nYou can track your package using the link below. Please do not reply to this email."},
    {"id": "c1", "kind": "sales and cold outreach", "label": "templated",
     "text": "Hi [First Name],\n\nI hope this email finds you well. I'm reaching out because our platform helps companies "
             "like yours grow revenue. Are you open to a quick call this week?\n\nCheers,\n[Your Name]"},
    {"id": "p1", "group": "friends", "year": 2024, "label": "personal",
     "text": "Subject: sat\n\nMae - the canoe photo came out great, Theo wants a copy for his fridge. Are we still on for "
             "Rosa's on the 14th? I can pick you up after your shift.\n\nL"},
    {"id": "p2", "group": "work", "year": 2003, "label": "personal",
     "text": "Kay, I read the agency agreement last night. Section 4 still has the old indemnity language Boyd flagged, "
             "so let's fix that before it goes out. I'm in the office until 3 tomorrow.\n\nGregg"},
]


def _tiny_dev():
    from models.data import Example

    return [Example(f"d{i}", "dev-templated" if i % 2 else "dev-personal", i % 2, None,
                    ("our platform helps companies grow revenue" if i % 2 else "see you at lunch on friday",))
            for i in range(20)]


def test_a_held_out_file_is_scored_the_way_the_server_scores_it():
    from models.evaluate import HELD_OUT, PHRASE_BASELINE, evaluate_held_out, is_held_out
    from tests.fakes import FakeScorer

    report = evaluate_held_out(HELD_OUT_ROWS, _tiny_dev(), scorer=FakeScorer())
    assert is_held_out(report) and report["evaluation"] == HELD_OUT and report["examples"] == 4
    ours, tfidf, phrases = report["models"]
    assert [tfidf["name"], phrases["name"]] == [TFIDF_BASELINE, PHRASE_BASELINE]
    # a row without a group is its own "held-out" group; kinds come from the rows' own `kind`
    assert report["groups"]["held-out"] == {"n": 1, "label": "templated"}
    assert set(ours["per_kind_recall"]) == {"transactional", "sales and cold outreach"}
    # the merge fields floor c1 at 0.95, as in the server; only p1 (2024) is modern personal mail
    assert ours["per_kind_recall"]["sales and cold outreach"] == 1.0
    assert ours["modern_personal_flagged"] == 0.0 and ours["personal_flagged"] == 0.0
    assert 0.0 <= ours["roc_auc"] <= 1.0 and ours["roc"][-1] == [1.0, 1.0]


def test_a_held_out_file_of_one_label_reports_no_roc():
    from models.evaluate import evaluate_held_out
    from tests.fakes import FakeScorer

    report = evaluate_held_out([r for r in HELD_OUT_ROWS if r["label"] == "personal"], _tiny_dev(), scorer=FakeScorer())
    ours = report["models"][0]
    assert ours["roc_auc"] is None and ours["recall_at_3pct_false_alarms"] is None and ours["roc"] == []
    assert ours["templated_recall"] is None and ours["personal_flagged"] == 0.0


def test_held_out_command_with_the_real_model(tmp_path):
    import json

    from models.evaluate import main

    path = tmp_path / "held.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in HELD_OUT_ROWS), encoding="utf-8")
    assert main(["--held-out", str(path), "--json", str(tmp_path / "report.json")]) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    ours = report["models"][0]
    assert ours["name"] == "sincerely (shipped)"
    assert ours["templated_recall"] == 1.0 and ours["personal_flagged"] == 0.0 and ours["roc_auc"] == 1.0


def test_evaluate_reads_kinds_from_the_mapping_it_is_given(monkeypatch):
    """The kind-held-out experiment renames groups to kinds; its per-kind table must follow (it once came out empty)."""
    from models import evaluate as ev

    groups = np.asarray(["hrc_state"] * 100 + ["sales and cold outreach"] * 25 + ["AI-written drafts"] * 25)
    names = ("style", "prototypes", "sentences", "features", "lexical", "phrases")
    components = {k: SCORES + 0.01 * i for i, k in enumerate(names)}
    monkeypatch.setattr(ev, "out_of_group_components",
                        lambda examples, progress: (components, LABELS, groups, np.ones(len(LABELS), bool)))
    monkeypatch.setattr(ev, "lexical_oof", lambda examples, labels, groups, progress: components["lexical"])
    kinds = {"sales and cold outreach": "sales and cold outreach", "AI-written drafts": "AI-written drafts"}
    examples = [Example(str(i), g, int(y), None, ("A line.",)) for i, (g, y) in enumerate(zip(groups, LABELS))]
    report = ev.evaluate(examples, progress=False, kinds_of=kinds)
    assert set(report["models"][0]["per_kind_recall"]) == set(kinds)
    assert ev.KINDS["tmpl_use60_sales"] == "sales and cold outreach"  # the module's own mapping is untouched


def test_out_of_group_scores_get_the_servers_evidence_floor():
    """The figures are what a writer would see: a list footer or a merge field left in lifts a draft as it does in the server."""
    from models.train import floored

    examples = [Example("a", "g", 1, None, ("News of the week.", "To unsubscribe, reply STOP.")),
                Example("b", "g", 1, None, ("Hi {{first_name}},", "Quick question.")),
                Example("c", "g", 0, None, ("How do I unsubscribe from this list?",)),
                Example("d", "g", 0, None, ("The spec uses %{version} and {enabled}.",))]
    assert floored(np.array([0.1, 0.2, 0.3, 0.4]), examples).tolist() == [0.95, 0.95, 0.3, 0.4]


def test_a_held_out_file_with_windows_newlines_scores_as_the_same_file_with_unix_ones():
    from models.evaluate import evaluate_held_out
    from tests.fakes import FakeScorer

    class Recording(FakeScorer):
        def score_many(self, drafts):
            self.asked = [(tuple(s.strip() for s in sentences), subject) for sentences, subject in drafts]
            return super().score_many(drafts)

    rows = HELD_OUT_ROWS + [{"id": "m1", "label": "personal", "year": 2025,  # a bare subject line, as in the modern file
                             "text": "lunch friday\n\nKim, still on for noon? I'll book the corner table.\n\nJo"}]
    crlf = [{**row, "text": row["text"].replace("\n", "\r\n")} for row in rows]
    unix, windows = Recording(), Recording()
    reports = [evaluate_held_out(file, _tiny_dev(), scorer=scorer) for file, scorer in ((rows, unix), (crlf, windows))]
    assert windows.asked == unix.asked and "lunch friday" in [subject for _, subject in unix.asked]
    assert reports[1]["models"] == reports[0]["models"]


def test_bootstrap_interval_holds_the_figure_and_narrows_with_more_emails():
    from models.evaluate import bootstrap_interval, recall_at_3pct
    from models.train import roc_auc

    rng = np.random.default_rng(0)

    def noisy(n):
        labels = np.asarray([0] * n + [1] * n)
        return labels + rng.normal(0, 0.8, 2 * n), labels

    small, large = noisy(100), noisy(2000)
    low, high = bootstrap_interval(*small, roc_auc, resamples=300)
    assert low < roc_auc(*small) < high
    large_low, large_high = bootstrap_interval(*large, roc_auc, resamples=300)
    assert large_high - large_low < (high - low) / 3  # about 1/sqrt(20) as wide
    assert bootstrap_interval(*small, recall_at_3pct, resamples=300) == bootstrap_interval(*small, recall_at_3pct, resamples=300)
    separated = np.asarray([0.1] * 50 + [0.9] * 50), np.asarray([0] * 50 + [1] * 50)
    assert bootstrap_interval(*separated, roc_auc, resamples=100) == [1.0, 1.0]


def test_the_report_gives_each_model_an_interval_around_its_figures():
    groups = np.asarray(["hrc_state"] * 100 + ["tmpl_use60_sales"] * 50)
    summary = summarise("sincerely (blend)", SCORES, LABELS, groups, SCORES >= 0.7)
    assert summary["roc_auc_95"][0] <= summary["roc_auc"] <= summary["roc_auc_95"][1]
    assert summary["recall_at_3pct_95"][0] <= summary["recall_at_3pct_false_alarms"] <= summary["recall_at_3pct_95"][1]
    one_label = summarise("sincerely (blend)", SCORES[:100], LABELS[:100], groups[:100], SCORES[:100] >= 0.7)
    assert one_label["roc_auc_95"] is None and one_label["recall_at_3pct_95"] is None


def test_roc_auc_counts_a_tie_as_half_whatever_the_order_of_the_rows():
    from models.train import roc_auc

    scores, labels = np.asarray([0.0, 0.0, 0.0, 0.0, 1.0]), np.asarray([1, 0, 1, 0, 1])
    # pairs (templated, personal): 3 x 2 = 6; the templated 1.0 beats both (2), each 0-0 tie counts half (4 x 0.5)
    assert roc_auc(scores, labels) == pytest.approx(4 / 6)
    order = np.argsort(labels, kind="stable")
    assert roc_auc(scores[order], labels[order]) == pytest.approx(4 / 6)
    assert roc_auc(SCORES, LABELS) == pytest.approx(np.mean([(t > p) + (t == p) / 2 for t in SCORES[LABELS == 1]
                                                             for p in SCORES[LABELS == 0]]))


def test_label_noise_check_leaves_out_only_automated_mailings_labelled_personal(capsys):
    """The check beside the headline: personal-labelled digests scored highest cost recall at 3 %; without them it
    rises. Templated mail and personal mail that only mentions a digest stay in."""
    from models.evaluate import automated_personal, label_noise_check, print_report

    personal = [Example(f"p{i}", "g", 0, "lunch", (f"Lunch at {i}?",)) for i in range(96)]
    digests = [Example("d1", "g", 0, "Stories for 2002-09-11", ("use Perl Daily Newsletter", "In this issue:")),
               Example("d2", "g", 0, "Rambus, Man", ("This message was sent to you from http://www.idg.net",)),
               Example("d3", "g", 0, "Headlines for 2002-10-08", ("use Perl Daily Headline Mailer",)),
               Example("d4", "g", 0, "Stories for 2002-10-02", ("use Perl Daily Newsletter",))]
    mentions = Example("m", "g", 0, "Headlines for the meeting", ("I read the use Perl Daily Newsletter today.",))
    templated = [Example("t0", "g", 1, "Stories for 2002-09-11", ("use Perl Daily Newsletter",))] + [
        Example(f"t{i}", "g", 1, None, ("Act now.",)) for i in range(1, 50)]
    examples = personal + digests + [mentions] + templated
    assert automated_personal(examples).tolist() == [False] * 96 + [True] * 4 + [False] * 51
    labels = np.asarray([e.label for e in examples])
    # the digests score above every template, half the templates above every personal note
    scores = np.concatenate([np.linspace(0.0, 0.3, 96), [0.99] * 4, [0.1], np.linspace(0.2, 0.9, 50)])
    check = label_noise_check(examples, labels, scores >= 0.7, {"ours": scores})
    assert check["personal_left_out"] == 4
    assert recall_at_false_alarms(scores, labels)[0] < 0.1 and check["recall_at_3pct_false_alarms"]["ours"] > 0.8
    assert check["personal_flagged"] == 0.0
    low, high = check["recall_at_3pct_95"]["ours"]
    assert low <= check["recall_at_3pct_false_alarms"]["ours"] <= high
    print_report({"examples": len(examples), "threshold": 0.7, "groups": {}, "thresholds": [{"threshold": 0.7}],
                  "reliability": [], "label_noise": check,
                  "models": [{"name": "ours", "per_group_correct": {}, "per_kind_recall": {}}]})
    assert "without the 4 automated mailings labelled personal" in capsys.readouterr().out
