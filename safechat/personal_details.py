"""Finds personal details a child shares: the seed's rule is not to give out a name, address,
school, birthday, team shirt number, email, phone number or passwords.

A spaCy Matcher over the project's en_safechat tokens (lower-cased text, regex and shape
token patterns), plus small checks the Matcher cannot make (how many digits a phone number
has). Each detail is a `Detail(kind, start, end)` of character offsets into the text, whose
value is `text[start:end]`. Used by the NLU component (safechat/nlu/personal_details.py) to
answer, and by the tracker store (safechat/redaction.py) to keep the values out of storage.
"""
import re
from functools import lru_cache
from typing import Dict, List, NamedTuple, Text

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Span

KINDS = ("email", "phone", "address", "postcode", "name", "password", "school", "birthday",
         "shirt_number")
# Words that lead into a detail ("my name is"): kept when a detail is redacted.
LEADS = {"my", "our", "name", "name's", "names", "'s", "is", "am", "i", "i'm", "'m", "called",
         "call", "me", "password", "pin", "passcode", "code", "zip", "zipcode", "postcode",
         "post", "birthday", "bday", "birth", "date", "of", "dob", "born", "on", "the", "was",
         "shirt", "jersey", "kit", "number", "no", "live", "lives", "at", ":", "-", "=", "in",
         "school", "it's", "its", "it", "'", "to", "attend", "attends", "from"}
NOT_NAMES = {"not", "secret", "private", "nobody", "none", "unknown", "weird", "long", "short",
             "funny", "cool", "boring", "hard", "easy", "what", "ok", "okay", "fine", "sad",
             "bored", "scared", "here", "back", "sorry", "sure", "tired", "new", "real"}
STREET = ["road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "drive", "dr", "close",
          "way", "court", "ct", "crescent", "place", "gardens", "grove", "terrace", "boulevard",
          "blvd", "square", "hill", "park", "row", "mews", "walk"]
SCHOOL_LEVEL = ["primary", "secondary", "high", "middle", "elementary", "junior", "infant",
                "infants", "grammar", "academy", "college", "prep", "comprehensive"]
GENERIC_SCHOOL = {"my", "our", "the", "a", "new", "old", "big", "local", "this", "that", "his",
                  "her", "their", "your", "same", "other", "next", "primary", "secondary",
                  "high", "middle", "junior", "elementary", "infant", "grammar", "boarding",
                  "summer", "sunday", "art", "dance", "swim", "swimming", "football", "music"}
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
          "jul", "aug", "sep", "sept", "oct", "nov", "dec"]

DAY = {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}}
MONTH = {"LOWER": {"IN": MONTHS}}
YEAR = {"TEXT": {"REGEX": r"^(19|20)\d\d$"}}
NUMERIC_DATE = {"TEXT": {"REGEX": r"^\d{1,2}[/.\-]\d{1,2}([/.\-]\d{2,4})?$"}}
WORD = {"IS_ALPHA": True}
NAME = {"IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(NOT_NAMES)}, "IS_STOP": False}
IS = {"LOWER": {"IN": ["is", ":", "=", "'s", "-"]}}
SCHOOL_LEAD = {"LOWER": {"IN": ["to", "at", "attend", "attends", "from"]}}
BIRTH_LEAD = [{"LOWER": {"IN": ["birthday", "bday", "dob", "born", "birthdate"]}},
              {"LOWER": {"IN": ["is", "on", ":", "'s", "was", "date"]}, "OP": "*"},
              {"LOWER": "the", "OP": "?"}]

PATTERNS: Dict[Text, List[List[Dict]]] = {
    "email": [[{"LIKE_EMAIL": True}]],
    # Checked after matching: 7 to 15 digits in all.
    "phone": [[{"TEXT": {"REGEX": r"^(\+|\(|\)|-|\.|\+?\(?\d[\d\-.)]*)$"}, "OP": "+"}]],
    "address": [
        [{"TEXT": {"REGEX": r"^\d{1,5}[a-z]?$"}}, {"TEXT": ",", "OP": "?"}, WORD,
         {"IS_ALPHA": True, "OP": "?"}, {"LOWER": {"IN": STREET}}],
        [{"LOWER": {"IN": ["live", "lives", "living"]}}, {"LOWER": {"IN": ["at", "on", "in"]}},
         WORD, {"IS_ALPHA": True, "OP": "?"}, {"LOWER": {"IN": STREET}}],
    ],
    "postcode": [
        [{"TEXT": {"REGEX": r"(?i)^[a-z]{1,2}\d[a-z\d]?$"}}, {"TEXT": {"REGEX": r"(?i)^\d[a-z]{2}$"}}],
        [{"TEXT": {"REGEX": r"(?i)^[a-z]{1,2}\d[a-z\d]?\d[a-z]{2}$"}}],
        [{"LOWER": {"IN": ["zip", "zipcode", "postcode"]}}, {"LOWER": "code", "OP": "?"}, IS,
         {"TEXT": {"REGEX": r"^\d{5}(-\d{4})?$"}}],
        [{"LOWER": {"IN": ["zip", "zipcode"]}}, {"TEXT": {"REGEX": r"^\d{5}(-\d{4})?$"}}],
    ],
    "name": [
        [{"LOWER": "my"}, {"LOWER": {"IN": ["name", "names", "name's"]}}, IS, NAME,
         {**NAME, "OP": "?"}],
        [{"LOWER": {"IN": ["i'm", "im"]}}, {"LOWER": "called"}, NAME],
        [{"LOWER": "i"}, {"LOWER": {"IN": ["'m", "am"]}}, {"LOWER": "called"}, NAME],
        [{"LOWER": "call"}, {"LOWER": "me"}, NAME],
    ],
    "password": [
        [{"LOWER": {"IN": ["password", "passcode", "pin", "passwords"]}},
         {"LOWER": {"IN": ["is", ":", "=", "'s", "-", "code"]}, "OP": "+"},
         {"IS_SPACE": False, "IS_PUNCT": False}],
    ],
    "school": [
        [SCHOOL_LEAD, NAME, {"IS_ALPHA": True, "IS_STOP": False, "OP": "?"},
         {"LOWER": {"IN": SCHOOL_LEVEL}}, {"LOWER": "school", "OP": "?"}],
        [SCHOOL_LEAD, NAME, {"IS_ALPHA": True, "IS_STOP": False, "OP": "?"}, {"LOWER": "school"}],
        [{"LOWER": {"IN": ["my", "our"]}}, {"LOWER": "school"}, IS, NAME,
         {"IS_ALPHA": True, "IS_STOP": False, "OP": "?"}],
    ],
    "birthday": [
        BIRTH_LEAD + [DAY, {"LOWER": "of", "OP": "?"}, MONTH, {"TEXT": ",", "OP": "?"},
                      {**YEAR, "OP": "?"}],
        BIRTH_LEAD + [MONTH, DAY, {"TEXT": ",", "OP": "?"}, {**YEAR, "OP": "?"}],
        BIRTH_LEAD + [NUMERIC_DATE],
        BIRTH_LEAD + [{"LOWER": "in", "OP": "?"}, YEAR],
    ],
    "shirt_number": [
        [{"LOWER": {"IN": ["shirt", "jersey", "kit", "squad", "team"]}},
         {"LOWER": {"IN": ["number", "no", "#"]}}, {"LOWER": {"IN": ["is", ":"]}, "OP": "?"},
         {"TEXT": {"REGEX": r"^#?\d{1,3}$"}}],
        [{"LOWER": "i"}, {"LOWER": {"IN": ["'m", "am", "wear"]}}, {"LOWER": {"IN": ["number", "no"]}},
         {"TEXT": {"REGEX": r"^#?\d{1,3}$"}}],
    ],
}


class Detail(NamedTuple):
    kind: Text
    start: int
    end: int


@lru_cache(maxsize=None)
def matcher_for(nlp: Language) -> Matcher:
    matcher = Matcher(nlp.vocab)
    for kind, patterns in PATTERNS.items():
        matcher.add(kind, patterns, greedy="LONGEST")
    return matcher


def value_span(span: Span) -> Span:
    """The detail itself, without the words that lead into it ("my name is")."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in LEADS:
        start += 1
    return span.doc[start:span.end]


def plausible(kind: Text, span: Span) -> bool:
    if kind == "phone":  # "07700 900123", "+1 555-123-4567", not "1000000 points"
        digits = sum(ch.isdigit() for ch in span.text)
        separated = len(span) > 1 or bool(re.search(r"\d[\-.]\d", span.text))
        return 7 <= digits <= 15 and (separated or digits >= 10 or span.text[0] in "0+(")
    if kind == "school":
        return span[0].lower_ not in GENERIC_SCHOOL
    return True


def find(nlp: Language, text: Text) -> List[Detail]:
    """The personal details in the text, in order, without overlaps."""
    doc = nlp.make_doc(text.lower())  # same offsets as the text: lower() keeps lengths here
    if len(doc.text) != len(text):
        doc = nlp.make_doc(text)
    found: List[Detail] = []
    for label, start, end in matcher_for(nlp)(doc):
        kind = nlp.vocab.strings[label]
        span = value_span(doc[start:end])
        span = trim_phone(span) if kind == "phone" else span
        if span is not None and plausible(kind, span):
            found.append(Detail(kind, span.start_char, span.end_char))
    return without_overlaps(found)


def trim_phone(span: Span) -> Span:
    """A phone number starts and ends with a digit, a `+` or a bracket it opened."""
    start, end = span.start, span.end
    while start < end and not re.search(r"[\d+(]", span.doc[start].text):
        start += 1
    while end > start and not re.search(r"\d", span.doc[end - 1].text):
        end -= 1
    return span.doc[start:end] if start < end else None


def without_overlaps(details: List[Detail]) -> List[Detail]:
    """Longest first; a detail inside another one is dropped."""
    kept: List[Detail] = []
    for detail in sorted(details, key=lambda d: (d.start - d.end, d.start)):
        if all(detail.end <= k.start or detail.start >= k.end for k in kept):
            kept.append(detail)
    return sorted(kept, key=lambda d: d.start)


def redact(text: Text, details: List[Detail]) -> Text:
    """The text with each detail replaced by its kind in brackets: "my name is [name]"."""
    for detail in sorted(details, key=lambda d: d.start, reverse=True):
        text = text[:detail.start] + f"[{detail.kind}]" + text[detail.end:]
    return text
