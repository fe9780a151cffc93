"""Copies of training examples as children write them, for training only.

Children type fast on phones: no capitals, little punctuation, text-speak ("u", "pls", "rn")
and slips of the finger, and they play things down ("lol", "its probably nothing but"). The
classifier learns each training example as written, as such a child might type it
(child_spelling) and wrapped in a casual opener or closer (hedged). Nothing here runs on a
child's message.

Deterministic: the same text always gives the same copy (the random generator is seeded by a
checksum of the text), so training stays reproducible.
"""
import random
import re
import zlib
from typing import Callable, List, Text, Tuple

# Common text-speak, from the kinds of messages the training data and the issue quote.
SWAPS = {
    "you": "u", "your": "ur", "you're": "ur", "youre": "ur", "are": "r", "please": "pls",
    "because": "coz", "for": "4", "to": "2", "too": "2", "what": "wat", "why": "y",
    "photo": "foto", "photos": "fotos", "picture": "pic", "pictures": "pics",
    "someone": "sum1", "anyone": "any1", "everyone": "every1", "really": "rly",
    "right now": "rn", "tonight": "2nite", "tomorrow": "tmrw", "know": "no", "though": "tho",
    "with": "w", "people": "ppl", "message": "msg", "messages": "msgs", "don't": "dont",
    "i'm": "im", "it's": "its", "can't": "cant", "doesn't": "doesnt", "won't": "wont",
    "going to": "gonna", "want to": "wanna", "okay": "ok", "about": "abt",
}
KEYS = sorted(SWAPS, key=len, reverse=True)
SWAP = re.compile(r"\b(" + "|".join(re.escape(k) for k in KEYS) + r")\b")
PUNCTUATION = re.compile(r"[.,!?;:\"()]")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def child_spelling(text: Text) -> Text:
    """The text lowercased, without punctuation, with text-speak and up to two typos."""
    rng = random.Random(zlib.crc32(text.encode("utf-8")))
    out = PUNCTUATION.sub("", text.lower()).replace("\u2019", "'")
    out = SWAP.sub(lambda m: SWAPS[m.group(1)] if rng.random() < 0.7 else m.group(1), out)
    out = re.sub(r"\s+", " ", out).strip()
    for _ in range(rng.randint(0, 2)):
        out = _typo(out, rng)
    return out or text


# How children play a message down or wrap it up; the same words go round harmless messages
# too, so the classifier learns that they change nothing and the rest of the message decides.
OPENERS = ["lol ", "ngl ", "its probably nothing but ", "idk if this matters but ", "bro ",
           "ok so ", "not a big deal but ", "haha ", "lowkey ", "random but "]
CLOSERS = [" lol", " lol im fine tho", " its whatever", " kinda funny tbh", " but its fine",
           " 😂", " idk", " no big deal", " fr", " 💀"]


def hedged(text: Text) -> Text:
    """The text with a casual opener or closer ("lol", "its probably nothing but", "im fine tho")."""
    rng = random.Random(zlib.crc32(text.encode("utf-8")) ^ 0x5EED)
    if rng.random() < 0.5:
        return rng.choice(OPENERS) + text[:1].lower() + text[1:]
    return text.rstrip(" .!") + rng.choice(CLOSERS)


# How young children spell by sound ("wayk", "cud", "kar", "tite"): each rule is a pattern of
# English spelling and the way it is often written down by ear.
SOUNDS = [(re.compile(p), r) for p, r in [
    (r"([bdfglmnprstz])\1", r"\1"),       # really -> realy, sorry -> sory
    (r"ph", "f"), (r"ck", "k"), (r"ight", "ite"), (r"ould", "ud"), (r"tion", "shun"),
    (r"\bwh", "w"), (r"\bkn", "n"), (r"([nd])ge", r"\1je"), (r"ea", "ee"),
    (r"\bc([aou])", r"k\1"), (r"([aeiou])([kmt])e\b", r"\1y\2"),  # wake -> wayk
    (r"([^aeiou\s])er\b", r"\1a"), (r"(\w[^aeiou\s])y\b", r"\1ee"), (r"\bth([ir])", r"f\1"),
]]


def young_spelling(text: Text) -> Text:
    """The text lowercased, without punctuation, spelt by sound as a young child might."""
    rng = random.Random(zlib.crc32(text.encode("utf-8")) ^ 0xC0FFEE)
    words = []
    for word in PUNCTUATION.sub("", text.lower()).replace("'", "").replace("\u2019", "").split():
        for pattern, sound in SOUNDS:
            if rng.random() < 0.5:
                word = pattern.sub(sound, word)
        words.append(word)
    return " ".join(words) or text


def _typo(text: Text, rng: random.Random) -> Text:
    """One slip: a letter dropped, doubled, swapped with the next, or replaced."""
    spots = [i for i, c in enumerate(text) if c.isalpha()]
    if len(spots) < 4:
        return text
    i = rng.choice(spots)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1:]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2 and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text[:i] + rng.choice(LETTERS) + text[i + 1:]


def augmented(texts: List[Text], labels: List[Text],
              variants: List[Callable[[Text], Text]]) -> Tuple[List[Text], List[Text]]:
    """The examples plus, for each variant, each example's copy when it is a new text."""
    seen = set(texts)
    out_texts, out_labels = list(texts), list(labels)
    for variant in variants:
        for text, label in zip(texts, labels):
            copy = variant(text)
            if copy not in seen:
                seen.add(copy)
                out_texts.append(copy)
                out_labels.append(label)
    return out_texts, out_labels
