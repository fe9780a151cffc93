"""The reading level of every text the bot can send, measured with textstat.

Run `python -m tools.reading_level` to print every reply and text with its Flesch-Kincaid
grade, hardest first; tests/unit/test_reading_level.py fails when one is above MAX_GRADE
(grade 6: ages 11-12, the middle of the 8-16 the bot is for).

What is scored:
- Every reply as the child sees it: a domain response's text with its button titles; a lesson
  (title, points and the buttons under it); a help card (the disclosure's text, the card's
  helpline texts and hours, and the trusted-adult line) for every region and category; every
  quiz message with its buttons. Button titles and titles are read as sentences of their own.
- And on its own, every text of MIN_WORDS words or more (a lesson point, a quiz scenario, the
  text of a response), so a hard sentence cannot hide among easy ones.

How very short texts are scored: a text under MIN_WORDS words (a button, a title,
"24 hours, every day") is scored only inside the reply it belongs to. On a few words the
formula is noise: its word term moves about 12 grades for each extra syllable per word, so
"Privacy" alone scores grade 20 and "Stay safe online" scores 1, whatever a child makes of them.
Names of organisations and helplines, phone numbers and web addresses are left out: they
cannot be rewritten. Placeholders are filled as for a UK child (`{emergency_number}`: 999).
"""
from typing import Dict, Iterable, Iterator, List, Tuple

import textstat
import yaml

from safechat import cards, helplines, lessons, quiz, retention
from tools.servers import ROOT

MAX_GRADE = 6.0
MIN_WORDS = 8
PLACEHOLDERS = {"emergency_number": "999", "kept_days": str(retention.DEFAULT_DAYS)}
CARD_TEXT_FIELDS = ("text", "hours")

textstat.set_lang("en")


def as_sentences(texts: Iterable[str]) -> str:
    """Texts read one after another; one without an end mark (a button) ends a sentence."""
    return " ".join(t if t.rstrip()[-1:] in ".!?" else f"{t.rstrip()}." for t in texts if t)


def grade(text: str) -> float:
    return round(textstat.flesch_kincaid_grade(text), 1)


def _domain() -> Dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def _card_texts(category: str, region: str) -> List[str]:
    card = cards.help_card(category, region)
    return [h[f] for h in card["helplines"] for f in CARD_TEXT_FIELDS if h.get(f)] + [
        card["trusted_adult"]]


def _domain_replies() -> Iterator[Tuple[str, List[str]]]:
    for name, variations in _domain()["responses"].items():
        for number, variation in enumerate(variations):
            if "lesson" in (variation.get("custom") or {}):
                continue  # scored with its lesson
            texts = [variation.get("text", "").format(**PLACEHOLDERS)]
            texts += [button["title"] for button in variation.get("buttons") or ()]
            category = (variation.get("custom") or {}).get("help_card", {}).get("category")
            if not category:
                yield f"{name}[{number}]", texts
                continue
            for region in helplines.directory():
                yield f"{name}[{number}] with the {region} card", texts + _card_texts(category, region)


def _lesson_replies() -> Iterator[Tuple[str, List[str]]]:
    for topic in lessons.all_lessons():
        lesson = lessons.lesson(topic)
        buttons = [button["title"] for button in lessons.buttons(topic)]
        yield f"lesson {topic}", [lesson["title"], *lesson["points"], *buttons]


def _quiz_replies() -> Iterator[Tuple[str, List[str]]]:
    for number, message in enumerate(quiz.all_messages()):
        yield f"quiz message {number}", [message["text"], *(b["title"] for b in message["buttons"])]


def replies() -> Dict[str, str]:
    """Every reply the bot can send, as the text a child reads, by where it comes from."""
    found: Dict[str, str] = {}
    for source in (_domain_replies, _lesson_replies, _quiz_replies):
        found.update((where, as_sentences(texts)) for where, texts in source())
    return found


def long_texts() -> Dict[str, str]:
    """Every single text of at least MIN_WORDS words, by where it comes from."""
    found: Dict[str, str] = {}
    for where, texts in [*_domain_replies(), *_lesson_replies(), *_quiz_replies()]:
        for number, text in enumerate(texts):
            if textstat.lexicon_count(text) >= MIN_WORDS:
                found.setdefault(text, f"{where} text {number}")
    return {where: text for text, where in found.items()}


def scores() -> List[Tuple[float, str, str]]:
    """(grade, where, text) for every reply and long text, hardest first."""
    measured = {**{f"reply {w}": t for w, t in replies().items()},
                **{f"text {w}": t for w, t in long_texts().items()}}
    return sorted(((grade(t), w, t) for w, t in measured.items()), reverse=True)


def main() -> None:
    graded = scores()
    for score, where, text in graded:
        flag = "FAIL" if score > MAX_GRADE else "    "
        print(f"{flag} {score:5.1f}  {where}: {text[:100]}")
    failing = sum(score > MAX_GRADE for score, _, _ in graded)
    print(f"\n{len(graded)} texts and replies, {failing} above grade {MAX_GRADE:g}")


if __name__ == "__main__":
    main()
