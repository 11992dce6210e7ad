"""Load the labelled dev emails and turn each into (subject, judged sentences, label, group)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from server.core.segment import segment

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
DEV_FILES = ("emails-dev.jsonl", "emails-dev-modern.jsonl")


@dataclass(frozen=True)
class Example:
    id: str
    group: str
    label: int  # 1 = templated
    subject: str | None
    sentences: tuple[str, ...]


def split_subject(text: str) -> tuple[str | None, str]:
    """The dev texts start with "Subject: ..." (or, in the modern file, a bare subject line) and a blank line."""
    head, sep, rest = text.partition("\n\n")
    if not sep:
        return None, text
    if head.startswith("Subject:"):
        return head[len("Subject:"):].strip(), rest
    if "\n" not in head and len(head) <= 120 and not head.rstrip().endswith((".", ",", ":")):
        return head.strip(), rest
    return None, text


def to_example(row: dict) -> Example:
    subject, body = split_subject(row["text"])
    seg = segment(body)
    sentences = tuple(span.of(body) for _, span in seg.judged())
    return Example(row["id"], row["group"], int(row["label"] == "templated"), subject, sentences)


def load_examples(data_dir: Path = SHARED_DATA, files: tuple[str, ...] = DEV_FILES, limit: int | None = None) -> list[Example]:
    examples = []
    for name in files:
        with open(data_dir / name, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    examples.append(to_example(json.loads(line)))
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
