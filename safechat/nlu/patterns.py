"""Compiles the maintainers' cue phrases into spaCy Matcher patterns over lemmas.

Phrase syntax (content/patterns/safety_net.yml):
- each word matches by lemma, case-insensitively: "ask" matches "asks", "asked", "asking";
- words must follow each other, except where `...` stands between them: then up to 3 other
  words may come between (three optional wildcard tokens, so a gap adds no patterns);
- `a|b` matches either word;
- `=word` (alone or among alternatives) matches that exact spelling, not its lemma:
  the lookup lemma of "kms" is "km".
So "ask ... for ... pic|photo" matches "he asked me for pics" and "she asks for a photo".
"""
from functools import lru_cache
from typing import Dict, Iterable, List

import spacy
from spacy.language import Language
from spacy.matcher import Matcher

GAP = "..."
MAX_GAP = 3


def lemma_of(nlp: Language, word: str) -> str:
    return nlp(word.lower())[0].lemma_.lower()


def token_patterns(nlp: Language, phrase: str) -> List[List[Dict]]:
    """All Matcher patterns for one phrase: a `...` gap is MAX_GAP optional wildcard tokens."""
    variants: List[List[Dict]] = [[]]
    for word in phrase.lower().split():
        if word == GAP:
            variants = [v + [{"OP": "?"}] * MAX_GAP for v in variants]
            continue
        variants = [v + [token] for v in variants for token in word_tokens(nlp, word)]
    return variants


def word_tokens(nlp: Language, word: str) -> List[Dict]:
    """Token patterns for one word of a phrase: one by lemma, one by exact spelling (`=`)."""
    alternatives = word.split("|")
    exact = [w[1:] for w in alternatives if w.startswith("=")]
    by_lemma = [w for w in alternatives if not w.startswith("=")]
    tokens = []
    if by_lemma:
        lemmas = sorted({lemma_of(nlp, w) for w in by_lemma} | set(by_lemma))
        tokens.append({"LEMMA": {"IN": lemmas}})
    if exact:
        tokens.append({"LOWER": {"IN": exact}})
    return tokens


def build_matcher(nlp: Language, phrases_by_label: Dict[str, Iterable[str]]) -> Matcher:
    matcher = Matcher(nlp.vocab)
    for label, phrases in phrases_by_label.items():
        patterns = [p for phrase in phrases for p in token_patterns(nlp, phrase)]
        if patterns:
            matcher.add(label, patterns)
    return matcher


@lru_cache(maxsize=None)
def load_pipeline(name: str = "en_safechat") -> Language:
    """The project's own spaCy package; lower-cased text keeps the lookup lemmas consistent.
    Loaded once per process and shared (safety net, personal details, tracker store): they
    only read it, and each keeps its own Matcher."""
    return spacy.load(name)
