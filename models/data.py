"""Load the labelled dev emails and turn each into (subject, judged sentences, label, group)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from server.core.segment import leading_subject, segment
from server.lexical import draft_text

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
DEV_FILES = ("emails-dev.jsonl", "emails-dev-modern.jsonl")
SYNTHETIC_FILE = Path(__file__).resolve().parent / "synthetic_pairs.jsonl"
SYNTHETIC_PREFIX = "synthetic-"

# The kinds of template. Each draft signal is trained once per kind (personal mail against that
# kind's templates, models/train.py: expert_mask), so a kind's wording need not share weights with the others.
TEMPLATE_KINDS = ("sales and cold outreach", "support macros", "marketing", "transactional", "notifications",
                  "AI-written drafts", "spam")
OTHER_KIND = "other"  # a template of no listed kind: evidence for every kind's model
# What kind of template each templated dev group is.
GROUP_KINDS = {
    "tmpl_coldiq_cold_email": "sales and cold outreach",
    "tmpl_kimi_coldcall": "sales and cold outreach",
    "tmpl_use60_sales": "sales and cold outreach",
    "tmpl_jobflow_jobsearch": "sales and cold outreach",
    "tmpl_dispo_support": "support macros",
    "tmpl_highfivery_saved_replies": "support macros",
    "tmpl_bmad_customer_comms": "support macros",
    "tmpl_marketingskills": "marketing",
    "sa_hard_ham_bulk": "marketing",
    "hrc_massmail": "notifications",
    "llm_alpaca_eval": "AI-written drafts",
    "sa_spam_1": "spam",
}
# The synthetic pairs' own kinds (models/SYNTHETIC.md), by the issue's kinds; anything else is OTHER_KIND.
PAIR_KINDS = {
    "sales and cold outreach": ("sales", "recruiting"),
    "support macros": ("support", "support macros and saved replies"),
    "marketing": ("marketing", "marketing and event invitations", "mass mail from organisations to members"),
    "transactional": ("transactional", "transactional/automated mail"),
    "notifications": ("news and bulletins", "operations-center alert", "wire-style news alert", "press release",
                      "all-staff announcement", "news clipping forward", "government press release", "daily schedule",
                      "situation report", "breaking-news digest", "embassy/ministry situation report",
                      "daily schedule to distribution list", "travel advisory", "internal newsletter"),
    "AI-written drafts": ("AI-written drafts",),
    "spam": ("spam", "spam and scams"),
}
_KIND_OF_PAIR_KIND = {pair_kind: kind for kind, pair_kinds in PAIR_KINDS.items() for pair_kind in (kind, *pair_kinds)}


def pair_kind(kind: str) -> str:
    """A synthetic pair's kind as one of TEMPLATE_KINDS (an issue kind's own name is itself; OTHER_KIND for
    form-letter kits and the like)."""
    return _KIND_OF_PAIR_KIND.get(kind, OTHER_KIND)


@dataclass(frozen=True)
class Example:
    id: str
    group: str
    label: int  # 1 = templated
    subject: str | None
    sentences: tuple[str, ...]
    kind: str = ""  # templated: one of TEMPLATE_KINDS or OTHER_KIND; personal: ""
    lexical_text: str = ""  # what the word models learn from, if not the draft's own text (see slots_masked)


def split_subject(text: str) -> tuple[str | None, str]:
    """The dev texts start with "Subject: ..." (or, in the modern file, a bare subject line) and a blank line."""
    subject, rest = leading_subject(text)
    if subject is not None:
        return subject, rest
    head, sep, rest = text.partition("\n\n")
    if not sep:
        return None, text
    if "\n" not in head and len(head) <= 120 and not head.rstrip().endswith((".", ",", ":")):
        return head.strip(), rest
    return None, text


def unix_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# A slot in a template as the dev data's `text_raw` keeps it: [First Name], {{company}}, {similar_company}.
RAW_SLOT_RE = re.compile(r"\[[^\[\]\n]{1,80}\]|\{\{[^{}\n]{1,60}\}\}|\{[^{}\n]{1,60}\}")
SLOT_MASK = "x"  # one letter: the word models' tokens are two letters or more, so a masked slot is no word


def slots_masked(raw: str, text: str) -> str | None:
    """`text` with the values the data's owner filled into `raw`'s slots replaced by SLOT_MASK; None if the text
    does not follow the template (or the template has no slot). The filler drew its values from one small pool
    for every template source (Robert, Cedar Financial, "the Q3 rollout"), so a word model that saw them learned
    the pool, not the templates: "Sarah" and "pipeline" had become sales words. Only the words the template's
    author wrote around the slots are theirs to learn from."""
    pieces = RAW_SLOT_RE.split(raw)
    if len(pieces) == 1:
        return None
    match = re.fullmatch("(.*?)".join(re.escape(p) for p in pieces), text, re.DOTALL)
    if match is None:
        return None
    masked, last = [], 0
    for i in range(1, len(pieces)):
        masked += [text[last:match.start(i)], SLOT_MASK if match.group(i).strip() else match.group(i)]
        last = match.end(i)
    return "".join(masked) + text[last:]


def judged_parts(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The subject and the sentences the server judges (quoted mail, signature and pasted output set aside)."""
    subject, body = split_subject(text)
    return subject, tuple(span.of(body) for _, span in segment(body).judged())


def to_example(row: dict) -> Example:
    subject, sentences = judged_parts(row["text"])
    label = int(row["label"] == "templated")
    kind = (row.get("kind") or GROUP_KINDS.get(row["group"], OTHER_KIND)) if label else ""
    masked = slots_masked(row["text_raw"], row["text"]) if row.get("text_raw") else None
    lexical_text = ""
    if masked:
        masked_subject, masked_sentences = judged_parts(masked)
        lexical_text = draft_text(masked_sentences, masked_subject)
    return Example(row["id"], row["group"], label, subject, sentences, kind, lexical_text)


def is_synthetic(group: str) -> bool:
    """Training-only groups: never held out, never in a reported figure."""
    return group.startswith(SYNTHETIC_PREFIX)


def load_synthetic(path: Path = SYNTHETIC_FILE) -> list[Example]:
    """Paired emails written by the team (see models/SYNTHETIC.md): one situation written as mass mail and as a
    note to someone the writer knows, so topic and era cannot tell the two apart; only the writing can."""
    return [to_example({"id": f"{pair['pair']}:{side}", "group": SYNTHETIC_PREFIX + side, "label": side,
                        "text": without_quotes(pair[side]), "kind": pair_kind(pair["kind"])})
            for pair in read_jsonl(path) for side in ("templated", "personal")]


_ATTRIBUTION_RE = re.compile(r"^On .{0,200}wrote:\s*$")


def without_quotes(text: str) -> str:
    """Drop quoted lines and their "On ... wrote:" line, as the dev data's texts were prepared."""
    return "\n".join(line for line in text.split("\n") if not line.startswith(">") and not _ATTRIBUTION_RE.match(line))


def read_jsonl(path: Path) -> list[dict]:
    """Every row of a JSON-lines file. Read line by line, not with splitlines(): texts hold U+2028."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_rows(data_dir: Path = SHARED_DATA, files: tuple[str, ...] = DEV_FILES) -> list[dict]:
    """The dev data's rows as stored (id, text, label, group, ...), every file in turn."""
    return [row for name in files for row in read_jsonl(data_dir / name)]


def load_examples(data_dir: Path = SHARED_DATA, files: tuple[str, ...] = DEV_FILES, limit: int | None = None) -> list[Example]:
    examples = [to_example(row) for row in load_rows(data_dir, files)]
    if limit is not None:
        examples = _stratified_slice(examples, limit)
    return examples


def _stratified_slice(examples: list[Example], limit: int) -> list[Example]:
    """A small slice that keeps every group (for the fast end-to-end training test)."""
    by_group: dict[str, list[Example]] = {}
    for e in examples:
        by_group.setdefault(e.group, []).append(e)
    per_group = max(1, limit // len(by_group))
    return [e for group in sorted(by_group) for e in by_group[group][:per_group]]
