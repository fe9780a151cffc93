"""Training examples learnt again as a child might type them, and wrapped in a casual word."""
import re

from safechat.nlu import emoji
from safechat.nlu.augment import (CLOSERS, OPENERS, augmented, child_spelling, hedged,
                                  young_spelling)

SENTENCES = [
    "Someone wants a photo of me right now, please help!",
    "He said if I really liked him I would send one.",
    "Can you tell me what grooming is?",
    "My online friend wants to meet me tomorrow because he's in town.",
    "What should I do if I see bullying?",
]


def test_the_same_text_always_gives_the_same_copy():
    assert [child_spelling(s) for s in SENTENCES] == [child_spelling(s) for s in SENTENCES]


def test_a_copy_is_lowercase_without_punctuation_and_close_to_the_original():
    for sentence in SENTENCES:
        copy = child_spelling(sentence)
        assert copy == copy.lower()
        assert not re.search(r"[.,!?]", copy)
        # Text-speak shortens words and a typo changes a letter or two: still about as long.
        assert 0.5 * len(sentence) < len(copy) <= len(sentence) + 2


def test_text_speak_is_used():
    copies = " ".join(child_spelling(s) for s in SENTENCES).split()
    assert {"u", "pls", "rn", "rly", "sum1", "foto", "tmrw", "coz", "wat"} & set(copies)


def test_short_or_empty_text_is_kept():
    assert child_spelling("hi") == "hi"
    assert child_spelling("") == ""
    assert child_spelling("?!") == "?!"


def test_each_example_gains_one_copy_with_its_own_label_and_no_duplicates():
    texts = ["Please stop!", "please stop", "hi", "I'm scared because he hits me."]
    labels = ["stop", "stop", "greet", "disclose/abuse_offline"]
    out_texts, out_labels = augmented(texts, labels, [child_spelling])
    assert out_texts[:4] == texts and out_labels[:4] == labels
    assert len(out_texts) == len(set(out_texts))
    for text, label in zip(out_texts[4:], out_labels[4:]):
        assert (text, label) in {(child_spelling(t), l) for t, l in zip(texts, labels)}
        assert text not in texts
    assert {child_spelling(t) for t in texts} <= set(out_texts)
    assert child_spelling(texts[3]) in out_texts[4:]


def test_a_hedged_copy_keeps_the_message_and_adds_one_casual_wrapper():
    originals = SENTENCES + ["my stepdad hits me", "we went to the park"]
    wrapped = [hedged(s) for s in originals]
    assert wrapped == [hedged(s) for s in originals]
    for original, copy in zip(originals, wrapped):
        core = original.rstrip(" .!")
        opened = [o for o in OPENERS if copy == o + original[:1].lower() + original[1:]]
        closed = [c for c in CLOSERS if copy == core + c]
        assert len(opened) + len(closed) == 1, copy
    assert {w.split()[0] for w in wrapped} & {o.split()[0] for o in OPENERS}


def test_a_young_copy_is_spelt_by_sound_and_keeps_every_word():
    copies = [young_spelling(s) for s in SENTENCES]
    assert copies == [young_spelling(s) for s in SENTENCES]
    for sentence, copy in zip(SENTENCES, copies):
        assert copy == copy.lower() and not re.search(r"[.,!?']", copy)
        assert len(copy.split()) == len(re.sub(r"[.,!?']", "", sentence).split())
    # The rules do what they say, word by word, whenever they are drawn.
    changed = {w for s in SENTENCES * 3 + ["the phone will ring tonight, I could wake up"]
               for w in young_spelling(s).split()}
    assert {"fone", "wil", "tonite", "cud", "wayk"} & changed
    assert young_spelling("") == "" and young_spelling("?!") == "?!"


def test_a_known_emoji_is_read_with_its_words_and_others_are_kept():
    words = {"🔪": "knife", "💔": "broken heart"}
    assert emoji.in_words("🔪💔 did it again", words) == "🔪 knife 💔 broken heart did it again"
    assert emoji.in_words("no emoji here", words) == "no emoji here"
    assert emoji.in_words("🦄 hi", words) == "🦄 hi"


def test_the_emoji_table_gives_words_for_single_emoji():
    table = emoji.table()
    assert len(table) > 50
    assert all(len(key) == 1 and value.strip() for key, value in table.items())
    assert table["🚗"] == "car" and table["🆘"].startswith("help")
