"""What the shipped word model reads into words that say nothing about a form letter:
`python -m models.experiments.word_bias [--model-dir DIR] [--full]`.

Each figure is how much one change to a short personal note moves the word model's logit (its most
confident kind), against the same note as written: the recipient's name (the twenty names the dev data's
owner filled into templates most often, against "Dana"), the year it names (against "the spring"), and the
word that opens the greeting (against none). A model that learned the dev data's fill pool, its era or its
greetings shows it here (models/MODEL_CARD.md, Data and Known failure modes). The note is read with this
code's word normalisation, so a head trained before it (head-v10 and older: years as numbers) shows its names
and greetings truly here, but not its years.

`--full` asks the same of the whole analysis (every signal, the blend and its calibration), on the blind test
set's personal notes that open with a named greeting: a pool name against names the pool never used, and the
greeting word (about a minute).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import numpy as np

from server.lexical import LexicalModel, draft_text

# The first names the dev data's owner filled into templates most often (Robert 38 times, Aisha 34, ...)
POOL_NAMES = ("Robert", "Aisha", "David", "Grace", "Priya", "Elena", "Chris", "Laura", "Daniel", "Leo", "Olivia",
              "Michael", "Tom", "Sarah", "Maria", "Kenji", "Marcus", "Nina", "James", "Fatima")
YEARS = ("2002", "2010", "2019", "2024", "2025", "2026")
GREETINGS = ("Hi Dana,", "Hey Dana,", "Dear Dana,", "Dana,")
NOTE = ("Thanks for lunch on Friday, it was good to catch up.", "See you at the offsite.")
TRIP = "I finally sorted out the photos from the trip in {} and put the best ones in the shared album."


def name_shifts(model: LexicalModel, names=POOL_NAMES, control: str = "Dana") -> dict[str, float]:
    def logit(name: str) -> float:
        return model.logit(draft_text([f"Hi {name},", *NOTE], None))
    return {name: logit(name) - logit(control) for name in names}


def year_shifts(model: LexicalModel, years=YEARS, control: str = "the spring") -> dict[str, float]:
    def logit(when: str) -> float:
        return model.logit(draft_text(["Hi Dana,", TRIP.format(when), "Mum says hi."], None))
    return {year: logit(year) - logit(control) for year in years}


def greeting_shifts(model: LexicalModel, greetings=GREETINGS) -> dict[str, float]:
    bare = model.logit(draft_text(list(NOTE), None))
    return {greeting: model.logit(draft_text([greeting, *NOTE], None)) - bare for greeting in greetings}


BLIND_TEST = Path(__file__).resolve().parents[1] / "blind_test.jsonl"
NAMED_GREETING_RE = re.compile(r"^(Hi|Hey|Hello|Dear) ([A-Z][a-z]+)([,!])")
CONTROL_NAMES = ("Dana", "Hugo", "Ingrid", "Tobias", "Wendell", "Corinne", "Bjorn", "Mirela", "Anselm", "Rosalind")


def greeted_notes(path: Path = BLIND_TEST, limit: int = 80) -> list[tuple[str | None, str]]:
    """(subject, body) of personal notes whose body opens with a named greeting; a seeded sample of `limit`."""
    from models.data import read_jsonl, split_subject, unix_newlines

    notes = [split_subject(unix_newlines(row["text"])) for row in read_jsonl(path) if row["label"] == "personal"]
    notes = [(subject, body) for subject, body in notes if NAMED_GREETING_RE.match(body)]
    return random.Random(0).sample(notes, min(limit, len(notes)))


def full_logits(scorer, notes: list[tuple[str | None, str]], greeting=lambda m: m.group(0)) -> np.ndarray:
    """The analysis's score of each note, as a logit, with its greeting rewritten by `greeting(match)`."""
    from server.core.analyze import analyze_many

    drafts = [(NAMED_GREETING_RE.sub(greeting, body, count=1), subject) for subject, body in notes]
    scores = np.clip([a.score for a in analyze_many(drafts, scorer=scorer)], 1e-4, 1 - 1e-4)
    return np.log(scores / (1 - scores))


def full_name_shifts(scorer, notes, names=POOL_NAMES, controls=CONTROL_NAMES) -> dict[str, float]:
    """Each name's mean shift against the mean over names the dev data's fill pool never used."""
    def logits(name: str) -> np.ndarray:
        return full_logits(scorer, notes, lambda m: f"{m.group(1)} {name}{m.group(3)}")
    control = np.mean([logits(name) for name in controls], axis=0)
    return {name: float(np.mean(logits(name) - control)) for name in names}


def full_greeting_shift(scorer, notes) -> float:
    """Mean shift of "Hi Dana," against "Dana," (notes that open with hi, hey or hello)."""
    notes = [(subject, body) for subject, body in notes if not body.startswith("Dear")]
    return float(np.mean(full_logits(scorer, notes) - full_logits(scorer, notes, lambda m: f"{m.group(2)}{m.group(3)}")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m models.experiments.word_bias", description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--full", action="store_true", help="also through the whole analysis, on blind notes")
    args = parser.parse_args(argv)
    model = LexicalModel.load(args.model_dir)
    for title, shifts in (("recipient's name, against Dana", name_shifts(model)),
                          ("year named, against 'the spring'", year_shifts(model)),
                          ("greeting, against none", greeting_shifts(model))):
        values = list(shifts.values())
        print(f"{title}: mean {sum(values) / len(values):+.3f}, most {max(values):+.3f}")
        print("   " + ", ".join(f"{k} {v:+.2f}" for k, v in shifts.items()))
    if args.full:
        from server.inference import TransformerScorer

        scorer, notes = TransformerScorer(args.model_dir), greeted_notes()
        shifts = full_name_shifts(scorer, notes)
        print(f"whole analysis, {len(notes)} blind personal notes, recipient's name against names the pool never "
              f"used: mean {np.mean(list(shifts.values())):+.3f}, most {max(shifts.values()):+.3f}")
        print("   " + ", ".join(f"{k} {v:+.2f}" for k, v in shifts.items()))
        print(f"whole analysis, 'Hi Dana,' against 'Dana,': {full_greeting_shift(scorer, notes):+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
