"""What the shipped word model reads into words that say nothing about a form letter:
`python -m models.experiments.word_bias [--model-dir DIR]`.

Each figure is how much one change to a short personal note moves the word model's logit (its most
confident kind), against the same note as written: the recipient's name (the twenty names the dev data's
owner filled into templates most often, against "Dana"), the year it names (against "the spring"), and the
word that opens the greeting (against none). A model that learned the dev data's fill pool, its era or its
greetings shows it here (models/MODEL_CARD.md, Data and Known failure modes). The note is read with this
code's word normalisation, so a head trained before it (head-v10 and older: years as numbers) shows its names
and greetings truly here, but not its years.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m models.experiments.word_bias", description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args(argv)
    model = LexicalModel.load(args.model_dir)
    for title, shifts in (("recipient's name, against Dana", name_shifts(model)),
                          ("year named, against 'the spring'", year_shifts(model)),
                          ("greeting, against none", greeting_shifts(model))):
        values = list(shifts.values())
        print(f"{title}: mean {sum(values) / len(values):+.3f}, most {max(values):+.3f}")
        print("   " + ", ".join(f"{k} {v:+.2f}" for k, v in shifts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
