"""Plain-words reasons for a flagged sentence: say why it reads templated, never accuse."""
from __future__ import annotations

import itertools
import re
from typing import Sequence

from .features import is_specific, phrase_hits, quoted_span
from .phrases import GREETING_RE, PLACEHOLDER_RE, REGISTER_PATTERNS, WORD_RE, list_footer
from .types import SentenceKind

GENERIC = "could be sent to anyone: no names, dates or specifics"
COMMON_WORDING = "wording close to mass-sent email"
NAMELESS_GREETING = "greeting without a name"
LIST_FOOTER = "mass-mail footer"
_GENERIC_ADDRESSEES = re.compile(
    r"^(?:there|all|everyone|everybody|team|folks|friends?|guys|y'?all|sir|madam|sir or madam|sir\s*/\s*madam|"
    r"(?:all )?(?:staff|employees)|friends and (?:family|neighbou?rs)|neighbou?rs|"
    r"(?:customer |client )?(?:service|support|success|sales|billing)(?: team)?|"
    r"(?:valued )?(?:customer|member|subscriber|user|client|colleague)s?)$",
    re.IGNORECASE,
)
_MIN_WORDS_FOR_GENERIC = 6
# The register cues that point towards mass mail, in words a writer can act on (see phrases.REGISTER_PATTERNS).
REGISTER_REASONS = {
    "outreach": "cold-outreach formula",
    "support": "canned support wording",
    "broadcast": "mass-mailing wording",
    "call_to_action": "call to action",
    "hype": "sales hype",
    "news": "press-release register",
    "our_offer": "talks about “our” side rather than their needs",
    "generic_audience": "addressed to a crowd",
    "formal_vocabulary": "stock business vocabulary",
}
_MAX_REGISTER_REASONS = 2
# Single words that count towards the score but would read as nonsense alone ("mass-mailing wording: list").
_TOO_WEAK_TO_NAME = frozenset({"list", "remove", "removed", "automated", "preferences", "best", "save", "deal",
                               "(s)", "(u)", "(c)", "(sbu)"})


# A cue's word in a sense that is not the register's: it still counts towards the score (the model learned it
# so), but a reason never names it ("Are you free for a chat?" is no sales hype, "a member of our team" no
# crowd, "Your order #48213" no call to action, "Congrats on the new place!" no cold-outreach formula).
_OTHER_SENSES = {
    "hype": re.compile(r"\b(?:are|is|be|am|was|were|you['’]re|i['’]m|we['’]re|he['’]s|she['’]s|they['’]re|feel) free\b|"
                       r"\b(?:are|were|is|am) (?:you|we|they|he|she|i) free\b|\bfree time\b", re.IGNORECASE),
    "call_to_action": re.compile(r"\border (?:#|no\b|number)|\b(?:your|the|my|this|that) order (?:has|is|was|will)\b|"
                                 r"\border (?:you|we|i) (?:placed|made|sent|received)\b|"
                                 r"\bjoin (?:too|us for|me for|the (?:call|meeting|chat))\b", re.IGNORECASE),
    "generic_audience": re.compile(r"\bmembers? of (?:our|my|the|your|his|her|their) (?:team|family|staff|group|club)\b|"
                                   r"\bcommunity (?:cent(?:re|er)|hall|garden|college|pool|church)\b", re.IGNORECASE),
    "outreach": re.compile(r"\bcongrat(?:s|ulations) on\b", re.IGNORECASE),
}


def _names_another_sense(cue: str, sentence: str, start: int, end: int) -> bool:
    other = _OTHER_SENSES.get(cue)
    if other is not None and any(m.start() <= start and end <= m.end() or start <= m.start() < end
                                 for m in other.finditer(sentence)):
        return True
    # a crowd word in a name mid-sentence ("our annual Community Gala", "the Customer Success Summit"; not capitals
    # throughout, "INFORMATION FOR SUBSCRIBERS")
    return (cue == "generic_audience" and start > 0 and sentence[start].isupper() and not sentence[start:end].isupper()
            and sentence[:start].rstrip()[-1:] not in ".!?:")


def merge_field_reason(field: str) -> str:
    return f"merge field left in: {field}"


QUOTE_MAX_CHARS = 60  # a footer's whole unsubscribe link, or a scam's sum spelt out, is no reason to read


def quoted(words: str) -> str:
    """The writer's words as a reason quotes them; past QUOTE_MAX_CHARS, cut at a space and marked with "…"."""
    if len(words) > QUOTE_MAX_CHARS:
        cut = words.rfind(" ", 0, QUOTE_MAX_CHARS)
        words = words[:cut if cut > QUOTE_MAX_CHARS // 2 else QUOTE_MAX_CHARS].rstrip() + "…"
    return f"“{words}”"


def reasons_for(sentence: str, kind: SentenceKind) -> list[str]:
    # each field named once ("[Speaker's Name]" three times in a list of speakers); the API's placeholders keep all
    reasons = list(dict.fromkeys(merge_field_reason(m.group(0)) for m in PLACEHOLDER_RE.finditer(sentence)))
    footer = list_footer(sentence)
    named = [(footer.start(), footer.end())] if footer else []
    if footer:
        reasons.append(f"{LIST_FOOTER} ({quoted(footer.group(0).strip())})")
    hits = []
    for hit in phrase_hits(sentence):  # two families, or a footer and a family, on the same words: the first names them
        if not any(hit.start < end and start < hit.end for start, end in named):
            hits.append(hit)
            named.append((hit.start, hit.end))
    reasons += [f"{h.reason} ({quoted(h.text)})" for h in hits]
    if kind == "body":
        reasons += register_reasons(sentence, named)[:_MAX_REGISTER_REASONS]
    if kind == "greeting":
        if lacks_a_name(sentence):
            reasons.append(NAMELESS_GREETING)
    elif kind == "body" and not footer and len(WORD_RE.findall(sentence)) >= _MIN_WORDS_FOR_GENERIC and not is_specific(sentence):
        reasons.append(GENERIC)
    return reasons or [COMMON_WORDING]


def register_reasons(sentence: str, already: Sequence[tuple[int, int]] = ()) -> list[str]:
    """Mass-mail register cues in the sentence, each named with the words that show it; words a stock
    phrase already explains are not explained twice."""
    found = []
    for cue, label in REGISTER_REASONS.items():
        for m in REGISTER_PATTERNS[cue].finditer(sentence):  # the first of its words that can be named
            start, end = quoted_span(sentence, m.start(), m.end())
            words = sentence[start:end]
            if (words.lower() not in _TOO_WEAK_TO_NAME and not _names_another_sense(cue, sentence, start, end)
                    and not any(start < named_end and named_start < end for named_start, named_end in already)):
                found.append(f"{label} ({quoted(words)})")
                break
    return found


# Words that go before a name ("Dr. Mary Smith" is Dr. Smith, "Father Michael", "Madam Secretary"); alone, most
# are no name ("Dear Professor," is someone the writer does not name).
_TITLES = frozenset({
    "mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "madam", "madame", "sir", "dame", "lord", "lady",
    "sen", "senator", "rep", "representative", "rev", "reverend", "fr", "father", "sister", "pastor", "rabbi", "imam",
    "coach", "judge", "justice", "dean", "director", "president", "chancellor", "governor", "mayor", "ambassador",
    "secretary", "minister", "councillor", "councilor", "cllr", "hon", "captain", "capt", "col", "colonel", "gen",
    "general", "lt", "sgt", "officer", "detective", "aunt", "auntie", "uncle", "doc",
})
# Titles that people are called by, alone, by those who know them ("Hi Coach,", "Dear Pastor,", "Hi Doc,").
_TITLES_USED_AS_NAMES = frozenset({"coach", "pastor", "father", "sister", "rabbi", "imam", "doc", "auntie"})
# A role or a group is no one's name: "Dear Hiring Manager", "Dear Admissions Committee", "Members of the Board".
_ROLES_AND_GROUPS = frozenset({
    "manager", "managers", "committee", "panel", "team", "board", "department", "office", "recruiter", "recruiters",
    "member", "members", "staff", "colleagues", "partners", "parents", "families", "students", "organisers",
    "organizers", "editor", "editors", "admissions", "hr", "council", "faculty", "whom", "guardians", "residents",
    "volunteers", "supporters", "donors", "associate", "associates", "services", "support", "desk",
})
# Salutations in other languages and informal ones that the greeting pattern leaves before the name ("Querida
# Elena," "Olá Ricardo," "G'day Bruce,"): never the name.
_SALUTATION_RE = re.compile(
    r"^(?:querid[oa]s?|estimad[oa]s?|ol[áa]|oi|bonsoir|salut|ch[eè]re?s?|liebe[rs]?|hej|hoi|moin|servus|car[oaie]|"
    r"gentil[ei]|salaam|salam|shalom|namaste|g['’]?day|aloha|sup)\b\s*(?=[^\W\d_])", re.IGNORECASE)
# The small words of a family name ("van der Berg", "de la Cruz", "Ó Súilleabháin"): part of it, after a title.
_NAME_PARTICLES = frozenset({"de", "del", "della", "di", "da", "das", "dos", "du", "la", "le", "van", "von", "der",
                             "den", "ter", "ten", "bin", "binti", "ibn", "al", "el", "ó", "st"})
_NAME_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*")  # "Mary-Kate", "Fernández-López", "O'Brien"
_AND_RE = re.compile(r"\s*(?:,|&|\band\b)\s*", re.IGNORECASE)


# A group the writer belongs to or knows ("Hi team,", "Hi all,", "Dear Choir Members,") has no one name to use;
# a crowd of strangers ("Dear Valued Customer,", "Hi there,") or a role ("Dear Hiring Manager,") is the mark of
# a form letter, and a careful writer finds the name.
_GROUP_WORDS = frozenset({
    "all", "everyone", "everybody", "team", "teams", "folks", "guys", "y'all", "yall", "staff", "employees",
    "families", "members", "committee", "board", "panel", "department", "office", "faculty", "parents",
    "guardians", "residents", "volunteers", "neighbours", "neighbors", "colleagues", "council",
})


def lacks_a_name(greeting: str) -> bool:
    """The greeting could name its reader and does not: "Hello,", "Hi there,", "Dear Valued Customer,", "Dear
    Hiring Manager," (a merge field is named as one, a group cannot be named)."""
    if greeting_name(greeting) is not None or PLACEHOLDER_RE.search(greeting):
        return False
    words = [w.lower() for w in _NAME_WORD_RE.findall(GREETING_RE.sub("", greeting, count=1))]
    return not (words and words[-1] in _GROUP_WORDS and "valued" not in words)


def greeting_name(greeting: str) -> str | None:
    """The name a greeting addresses ("Hi Dana," -> "Dana", "Dear Prof. Anna Berg," -> "Prof. Berg", "Hi Anna and
    Ben," -> "Anna and Ben"), or None for "Hi there,", a role or group ("Dear Hiring Manager,") and merge fields."""
    rest = GREETING_RE.sub("", greeting, count=1)
    if rest == greeting:  # "Querida Elena," but "Hi Cara," (a name)
        rest = _SALUTATION_RE.sub("", rest.strip(), count=1)
    rest = rest.strip().rstrip(",:;!.—- ").strip()
    if not rest or PLACEHOLDER_RE.search(rest) or _GENERIC_ADDRESSEES.match(rest):
        return None
    if len([w for w in _NAME_WORD_RE.findall(rest) if w.lower() not in _NAME_PARTICLES]) > 6:
        return None
    parts = [part for part in _AND_RE.split(rest) if part]
    first = _NAME_WORD_RE.findall(parts[0]) if parts else []
    if len(parts) > 1 and len(first) == 1 and first[0].lower() in _TITLES:  # "Mr. and Mrs. Smith", as written
        return rest if _one_name(parts[-1]) else None
    named = [(part, _one_name(part)) for part in parts]
    names = [name for _, name in named if name]
    if len(names) != len(parts) and not (names and all(_is_group(part) for part, name in named if not name)):
        return None  # part of it is no name at all
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0] if names else None


def _is_group(words: str) -> bool:
    """ "team" in "Hi Sam and team" or "Sam and the team": a group beside a name, so the name is who it addresses."""
    return bool(_GENERIC_ADDRESSEES.match(re.sub(r"^the\s+", "", words.strip(), flags=re.IGNORECASE)))


def _one_name(words: str) -> str | None:
    found = list(_NAME_WORD_RE.finditer(words))
    if (not found or len([m for m in found if m.group(0).lower() not in _NAME_PARTICLES]) > 4
            or not found[0].group(0)[:1].isupper() or _GENERIC_ADDRESSEES.match(words.strip())):
        return None
    if any(m.group(0).lower() in _ROLES_AND_GROUPS for m in found):
        return None
    titles = list(itertools.takewhile(lambda m: m.group(0).lower() in _TITLES, found))
    names = [m.group(0) for m in found[len(titles):]]
    if not titles:
        return names[0]
    if not names:  # titles only: "Madam Secretary", "Mr. President", "Coach" name someone; "Professor" alone does not
        if len(titles) > 1 or titles[0].group(0).lower() in _TITLES_USED_AS_NAMES:
            return words.strip()
        return None
    title = titles[-1]
    as_written = title.group(0) + ("." if words[title.end():title.end() + 1] == "." else "")
    # "Dr. Mary Smith" is Dr. Smith, "Dr. Maria de la Cruz" Dr. de la Cruz: the last capitalised word, with the
    # small words of the family name before it
    last = max((i for i, w in enumerate(names) if w[:1].isupper()), default=0)
    first = last
    while first > 0 and names[first - 1].lower() in _NAME_PARTICLES:
        first -= 1
    return f"{as_written} {' '.join(names[first:last + 1])}"
