"""Emoji as words, for the classifier.

The sentence encoder reads every emoji as one unknown token, so "🔪💔 did it again" reaches
it as "? did it again", and a message told mostly in emoji means nothing to it. The words of
content/words/emoji.yml go next to each emoji the table knows, before the classifier reads a
message, in training and at run time alike (the table is kept in the trained model, so both
always use the same one).
"""
from functools import lru_cache
from pathlib import Path
from typing import Dict, Text

import yaml

TABLE = Path(__file__).resolve().parents[2] / "content" / "words" / "emoji.yml"


@lru_cache(maxsize=1)
def table(path: Path = TABLE) -> Dict[Text, Text]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def in_words(text: Text, words: Dict[Text, Text]) -> Text:
    """The text with each known emoji followed by its words: "🔪 knife 💔 broken heart did it"."""
    if not any(ch in words for ch in text):
        return text
    out = []
    for ch in text:
        out.append(f"{ch} {words[ch]} " if ch in words else ch)
    return " ".join("".join(out).split())
