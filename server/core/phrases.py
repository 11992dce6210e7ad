"""Word lists and patterns: stock phrases, merge fields, greetings, sign-offs.

Each stock phrase belongs to a family; the family names the reason shown to the writer.
The lists are written here from common email-writing advice, not copied from the dev data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PhraseFamily:
    key: str
    reason: str
    patterns: tuple[str, ...]

    def compiled(self) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(self.patterns) + r")", re.IGNORECASE)


_APOS = "['’]"

FAMILIES: tuple[PhraseFamily, ...] = (
    PhraseFamily(
        "stock_opener",
        "stock opener",
        (
            r"i hope (?:this|my) (?:e-?mail|message|note) finds you",
            r"hope (?:this|my) (?:e-?mail|message|note) finds you",
            r"i hope you(?:" + _APOS + r"re| are) (?:doing )?(?:well|great|good)",
            r"i hope you(?:" + _APOS + r"ve| have) (?:been|had) (?:a )?(?:well|great|good)",
            r"hope (?:all is|everything is|you(?:" + _APOS + r"re| are)) (?:well|going well|good)",
            r"i(?:" + _APOS + r"m| am) reaching out (?:to|because|regarding|about)",
            r"i wanted to (?:reach out|touch base|follow up|circle back|check in)",
            r"just (?:following up|circling back|checking in|bumping this)",
            r"i(?:" + _APOS + r"m| am) writing to (?:you )?(?:inform|introduce|follow up|let you know|express)",
            r"allow me to introduce",
            r"my name is \w+ and i",
            r"i came across your (?:profile|company|website|work|post)",
            r"quick question for you",
            r"thank you for (?:reaching out|contacting|your (?:inquiry|email|message|interest|patience))",
            r"thanks for (?:reaching out|contacting|your (?:inquiry|email|message|interest|patience))",
        ),
    ),
    PhraseFamily(
        "stock_closer",
        "stock closing line",
        (
            r"(?:please )?(?:do not|don" + _APOS + r"t) hesitate to (?:contact|reach out|get in touch|let)",
            r"feel free to (?:reach out|contact|get in touch)",
            r"let me know if you have any (?:other |further )?(?:questions|concerns)",
            r"if you have any (?:other |further )?(?:questions|concerns)",
            r"looking forward to (?:hearing from you|your (?:reply|response)|connecting)",
            r"i look forward to (?:hearing from you|your (?:reply|response)|connecting|speaking)",
            r"thank you for your (?:time|consideration|understanding|attention)",
            r"thanks (?:again )?for your (?:time|consideration|understanding)",
            r"we appreciate your (?:business|patience|understanding)",
            r"have a (?:great|wonderful|nice|good) (?:day|week|weekend)",
        ),
    ),
    PhraseFamily(
        "sales",
        "sales phrasing",
        (
            r"(?:schedule|book|hop on|jump on) a (?:quick |short |brief )?(?:call|demo|chat|meeting)",
            r"(?:15|20|30|fifteen|twenty|thirty)[- ]minute (?:call|chat|demo)",
            r"(?:worth|open to) a (?:quick |short |brief )?(?:call|chat|conversation)",
            r"would you be open to",
            r"(?:help|helped|helping) (?:companies|businesses|teams|brands|clients) (?:like yours )?(?:to )?",
            r"companies like yours",
            r"(?:increase|boost|grow|double) (?:your )?(?:revenue|sales|conversions|roi|pipeline)",
            r"(?:our|this) (?:solution|platform|product|service) (?:can|will|helps)",
            r"are you the right person",
            r"who(?:" + _APOS + r"s| is) the (?:best|right) person",
            r"(?:free|no-obligation) (?:trial|consultation|quote|demo)",
        ),
    ),
    PhraseFamily(
        "marketing",
        "mass-mailing phrasing",
        (
            r"limited[- ]time",
            r"act now",
            r"click (?:here|below|the link)",
            r"(?:exclusive|special) (?:offer|deal|discount)",
            r"(?:to )?unsubscribe",
            r"opt[- ]out",
            r"(?:you(?:" + _APOS + r"ve| have) been|you are) (?:selected|chosen)",
            r"(?:100|one hundred) ?% (?:free|guaranteed)",
            r"risk[- ]free",
            r"order (?:now|today)",
            r"dear (?:valued )?(?:customer|member|subscriber|friend|sir or madam|sir/madam|user|client)",
            r"to whom it may concern",
            r"this (?:e-?mail|message) was sent to",
            r"(?:view|read) (?:this|it) in your browser",
            r"(?:don" + _APOS + r"t|do not) miss (?:out|this)",
        ),
    ),
    PhraseFamily(
        "support_macro",
        "canned support wording",
        (
            r"we apologi[sz]e for (?:any|the) inconvenience",
            r"sorry for (?:any|the) inconvenience",
            r"your (?:ticket|case|request) (?:number|#|id)",
            r"our (?:team|support team) (?:is|will be) (?:looking into|investigating|happy to)",
            r"we(?:" + _APOS + r"ve| have) (?:received|escalated) your",
            r"we(?:" + _APOS + r"re| are) (?:here|happy) to help",
            r"(?:rest assured|please be assured)",
        ),
    ),
)

COMPILED_FAMILIES: tuple[tuple[PhraseFamily, re.Pattern[str]], ...] = tuple((f, f.compiled()) for f in FAMILIES)

# Merge fields left unfilled: [First Name], {{company}}, {first_name}, %FNAME%, *|FNAME|*, <<Name>>, ${name}
_PLACEHOLDER_WORDS = (
    r"name|first|last|company|organi[sz]ation|date|time|day|insert|your|recipient|title|product|service|"
    r"industry|city|location|address|number|phone|email|link|url|website|position|role|job|team|topic|"
    r"event|achievement|amount|price|deadline|contact|customer|client|prospect|pain|benefit|result|goal|"
    r"metric|mutual|competitor|signature|specific|x{1,3}|placeholder|tbd"
)
PLACEHOLDER_RE = re.compile(
    r"\[\s*(?:[^\[\]\n]{0,30}\b)?(?:" + _PLACEHOLDER_WORDS + r")\b[^\[\]\n]{0,40}\]"
    r"|\[\s*[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\s*\]"
    r"|\{\{\s*[^{}\n]{1,40}?\s*\}\}"
    r"|\{\s*[a-z][a-z0-9]*(?:[_.][a-z0-9]+)*\s*\}"
    r"|%[A-Z][A-Z0-9_]{2,}%"
    r"|\*\|[A-Z0-9_:]+\|\*"
    r"|<<[^<>\n]{1,40}>>"
    r"|\$\{[^{}\n]{1,40}\}"
    r"|<\s*(?:" + _PLACEHOLDER_WORDS + r")(?:[ _](?:" + _PLACEHOLDER_WORDS + r"))*\s*>",
    re.IGNORECASE,
)

GREETING_WORDS = (
    r"hi|hello|hey|heya|hiya|howdy|dear|greetings|good (?:morning|afternoon|evening|day)|"
    r"morning|afternoon|evening|to whom it may concern|hola|bonjour|hallo|ciao|yo"
)
GREETING_RE = re.compile(r"^\s*(?:" + GREETING_WORDS + r")\b", re.IGNORECASE)
# "Dana," / "Melanne and Huma:" / "Arturo--" alone on the first line
NAME_ONLY_GREETING_RE = re.compile(
    r"^\s*[A-Z][\w'’.-]*(?:\s+(?:and|&)\s+[A-Z][\w'’.-]*|\s+[A-Z][\w'’.-]*){0,3}\s*(?:,|:|--|—|-)\s*$"
)

SIGNOFF_WORDS = (
    r"best|best regards|best wishes|regards|kind regards|warm regards|warmest regards|warmly|cheers|thanks|"
    r"thank you|thanks again|many thanks|thanks so much|thank you so much|sincerely|yours|yours truly|"
    r"yours sincerely|sincerely yours|all the best|talk soon|speak soon|take care|love|with love|xo|xoxo|"
    r"cordially|respectfully|with gratitude|gratefully|with thanks|br|rgds|thx|ta|looking forward"
)
SIGNOFF_LINE_RE = re.compile(r"^\s*(?:" + SIGNOFF_WORDS + r")\s*[,.!—-]*\s*$", re.IGNORECASE)
# "... the issue. Regards, Johnnie" at the very end of the last line
INLINE_SIGNOFF_RE = re.compile(
    r"(?:(?<=[.!?])|^)\s*((?:" + SIGNOFF_WORDS + r")\s*[,.!—-]+\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?\.?)\s*$",
    re.IGNORECASE,
)
SIGNATURE_DELIMITER_RE = re.compile(r"^(?:--|__)\s*$|^-- $|^Sent from my \w+(?:\s\w+){0,3}\s*$", re.MULTILINE)
# Where an earlier message is quoted whole below the reply, unmarked by ">": everything after it is quoted.
# (A line of underscores counts only as Outlook's rule above a From: header, not as decoration.)
QUOTE_TO_END_RE = re.compile(
    r"^(?:-{2,}\s*(?:Original|Forwarded) Message\s*-{2,}\s*|_{10,}\s*\n(?:\s*\n)?\s*From:\s.+"
    r"|From:\s.+\n(?:.*\n){0,3}?(?:Sent|Date):\s.+)$",
    re.MULTILINE | re.IGNORECASE,
)
# "On Tue, Mar 3, 2026 at 10:00 AM Dana <dana@example.com> wrote:", possibly wrapped onto a second line.
ATTRIBUTION_RE = re.compile(
    r"^(?:On\s[^\n]{0,200}?(?:\n[^\n]{0,120}?)?wrote:|Le\s[^\n]{0,200}?(?:\n[^\n]{0,120}?)?a écrit\s?:"
    r"|Am\s[^\n]{0,200}?(?:\n[^\n]{0,120}?)?schrieb[^\n]{0,80}:)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
QUOTED_LINE_RE = re.compile(r"[ \t]*>")  # used with .match(text, line_start)

# Words that show the writer knows the reader: time, shared past, their words.
TIME_RE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|today|tonight|tomorrow|yesterday|"
    r"this (?:morning|afternoon|evening|week|weekend)|last (?:week|night|month|year|time)|next (?:week|month)|"
    r"weekend|noon|\d{1,2}(?::\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.))\b",
    re.IGNORECASE,
)
SHARED_CONTEXT_RE = re.compile(
    r"\b(?:you (?:mentioned|said|asked|told me|wrote|suggested|sent)|as (?:we|you) (?:discussed|mentioned|agreed)|"
    r"when we (?:met|spoke|talked)|our (?:call|chat|conversation|meeting|lunch|dinner|talk)|"
    r"your (?:note|question|comments|draft|email|message|point)|last time|(?:great|good|nice) (?:seeing|to see|talking)|"
    r"your (?:wife|husband|kids|son|daughter|mom|dad|family|trip|talk|presentation)|i (?:remember|recall))\b",
    re.IGNORECASE,
)
NUMBER_RE = re.compile(r"\d")
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

# Register cues: how a text addresses its readers. Each is a sign of a message written for many
# (broadcast, sales, support, hype, press) or for one person (small talk, hedges, "tomorrow"), written
# here from what the kinds of mass mail look like, not fitted to the dev data.
_I = re.IGNORECASE
REGISTER_PATTERNS: dict[str, re.Pattern[str]] = {
    "third_person": re.compile(r"\b(?:he|she|they|his|her|hers|their|theirs|him|them)\b", _I),
    "news": re.compile(r"\b(?:said|says|announced?|according to|reported|spokesm[ae]n|officials?|statement)\b", _I),
    "broadcast": re.compile(
        r"for immediate release|press release|breaking news|\((?:sbu|u|c|s)\)|\balert\b|bulletin|newsletter|subscri|©|"
        r"copyright|all rights reserved|privacy policy|you are receiving|mailing list|preferences|do not reply|"
        r"no-?reply|automated|this message|this e-?mail|forward (?:this|to a friend)|\bremoved?\b from|\blist\b", _I),
    "call_to_action": re.compile(
        r"\b(?:click|visit|sign up|register|download|learn more|shop|buy|order|call now|apply|get started|join|"
        r"reply (?:now|today|yes)|book)\b", _I),
    "hype": re.compile(
        r"\b(?:free|exclusive|amazing|guaranteed?|limited|save|savings|offer|bonus|deal|discount|win|winner|best|"
        r"incredible|unbelievable|instant(?:ly)?|huge)\b|\$\d|\d%|!!", _I),
    "outreach": re.compile(
        r"\bwe (?:helped|help|work with)\b|\bmost (?:\w+ ){0,2}(?:i|we) (?:talk|speak|work) (?:to|with)\b|"
        r"\bworth (?:a|exploring|it)\b|\binterested\?|\bhappy to (?:share|send|walk|show|chat)\b|"
        r"\bwould it make sense\b|\bcurious (?:if|whether|how|what)\b|"
        r"\b(?:teams|companies|leaders|founders|people) like (?:you|yours)\b|\b(?:saw|noticed) (?:that )?(?:you|your)\b|"
        r"\bcongrat(?:s|ulations) on\b|\bopen to (?:a|exploring|learning)\b|\bmind if i\b|\bquick (?:call|chat|question|idea)\b", _I),
    "support": re.compile(
        r"\bthanks? (?:you )?for (?:filing|reporting|submitting|your patience|bringing)\b|"
        r"\bplease (?:update|upgrade|provide|include|try|clear|make sure)\b|\bwe require\b|"
        r"\bif (?:you are|you['’]re) still (?:having|experiencing|seeing)\b|\bunfortunately\b|"
        r"\b(?:ticket|case|request) (?:number|id|#)|\bresolv(?:e|ed)\b|"
        r"\bthe (?:issue|problem) you (?:are|were) (?:reporting|experiencing|having)\b|"
        r"\bour (?:documentation|faq|knowledge base|help cent(?:er|re))\b", _I),
    "formal_vocabulary": re.compile(
        r"\b(?:ensure|additionally|furthermore|moreover|seamless(?:ly)?|leverage|delve|streamline|comprehensive|"
        r"valuable|opportunit(?:y|ies)|excited|thrilled|journey|empower|enhance|robust|innovative|solutions?|"
        r"tailored|insights?|passionate|strategic|dedicated|commitment|exceptional|optimi[sz]e|transform|"
        r"success(?:ful)?|growth|unlock|elevate|expertise)\b", _I),
    "generic_audience": re.compile(
        r"\b(?:customers?|clients?|users?|members?|subscribers?|businesses|companies|teams|everyone|recipients?|"
        r"readers?|community|folks)\b", _I),
    "our_offer": re.compile(
        r"\bour (?:team|platform|product|company|services?|solution|tool|software|customers|clients|mission|latest|new)\b", _I),
    "informal": re.compile(
        r"(?:^|\s)i\s|\.\.\.|\b(?:btw|fyi|lol|thx|pls|plz|gonna|wanna|ok|okay|yeah|yep|hmm|sorry|oops|guess|anyway|"
        r"kinda|stuff)\b|:\)|;\)"),
    "contraction": re.compile(r"\w(?:n['’]t|['’]ll|['’]re|['’]m|['’]ve|['’]d)\b", _I),
    "here_and_now": re.compile(
        r"\b(?:today|tomorrow|yesterday|tonight|this (?:morning|afternoon|evening)|monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|last night|right now|earlier)\b", _I),
    "request": re.compile(
        r"\b(?:can|could|would|will) you\b|\bplease (?:send|call|let|give|check|look|forward|review|sign|confirm)\b", _I),
    "hedge": re.compile(
        r"\b(?:i think|i guess|maybe|probably|not sure|i don['’]t know|seems|i suppose|perhaps|i wonder|i believe)\b", _I),
    "lowercase_start": re.compile(r"^[a-z]"),
    "no_end_punctuation": re.compile(r"[^.!?:;)\"'”’]\s*$"),
    "many_digits": re.compile(r"\d.*\d.*\d"),
    "bullet": re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s"),
    "label_colon": re.compile(r"^\s*[A-Z][\w ]{0,20}:\s"),
}
# Cues counted per word (a rate), the others per sentence (present or not).
REGISTER_RATES = frozenset({"third_person", "formal_vocabulary", "generic_audience", "hype", "contraction"})
