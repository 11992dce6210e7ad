"""The terminal view of an analysis for `python -m server check`: verdict, hints, the personal spot."""
from __future__ import annotations

import textwrap

from .core import Analysis
from .core.policy import CARE_NOTE, NOT_JUDGED_NOTES

_STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36", "underline": "4"}


def _style(s: str, *names: str, color: bool) -> str:
    if not color or not names:
        return s
    return "\033[" + ";".join(_STYLES[n] for n in names) + "m" + s + "\033[0m"


def render_analysis(text: str, result: Analysis, *, color: bool = False) -> str:
    verdict_style = "red" if result.label == "templated" else "green"
    verdict = (NOT_JUDGED_NOTES[result.not_judged] if result.not_judged
               else f"Reads {result.label} (score {result.score:.2f})")
    lines = [
        _style(verdict, "bold", *([] if result.not_judged else [verdict_style]), color=color),
        *([_style(CARE_NOTE, "dim", color=color)] if result.care_mode else []),
        "",
    ]
    flagged = [s for s in result.sentences if s.flagged]
    if flagged:
        lines.append(_style(f"{len(flagged)} sentence{'s' if len(flagged) != 1 else ''} read templated because:", "bold", color=color))
        for s in flagged:
            snippet = text[s.start:s.end].replace("\n", " ")
            lines.append("  " + _style(textwrap.shorten(snippet, 90, placeholder="…"), "yellow", color=color)
                         + _style(f"  ({s.score:.2f})", "dim", color=color))
            for reason in s.reasons:
                lines.append(f"    - {reason}")
    elif not result.not_judged:
        lines.append("No sentence stands out as templated.")
    if result.personal_spot:
        spot = result.personal_spot
        lines += ["", _style("Where a personal line belongs", "bold", "cyan", color=color) + f" ({spot.reason}):"]
        before = text[max(0, spot.offset - 60):spot.offset].replace("\n", " ")
        after = text[spot.offset:spot.offset + 60].replace("\n", " ")
        marker = _style("[✎ your line here] ", "bold", "cyan", color=color)
        lines.append(f"  …{before}{marker}{after}…")
        lines.append(f"  {spot.prompt}")
    return "\n".join(lines)
