"""The evaluation set must never leak into training: no exact or near-exact overlap."""
import re
from difflib import SequenceMatcher

from tools.evaluate import eval_texts, load_dev, training_examples

NEAR = 0.9  # similarity ratio at or above which two messages count as the same


def normalise(text):
    """Lower case, punctuation and spacing folded; emoji-only text is compared as it is."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split()) or text.strip()


def overlaps(held_out, training):
    train = {normalise(t) for t in training}
    found = []
    for text in {normalise(t) for t in held_out}:
        if text in train:
            found.append((text, text))
            continue
        matcher = SequenceMatcher(None, b=text)  # b is cached; each training text is a
        for other in train:
            matcher.set_seq1(other)
            if (matcher.real_quick_ratio() >= NEAR and matcher.quick_ratio() >= NEAR
                    and matcher.ratio() >= NEAR):
                found.append((text, other))
                break
    return found


def training_side(found):
    """The training examples to rewrite. The held-out messages they copy are never printed:
    whoever fixes the training data must not read them."""
    return sorted({other for _, other in found})


def test_no_eval_message_is_in_the_training_data():
    found = overlaps(eval_texts(), [t for ts in training_examples().values() for t in ts])
    assert not found, (f"{len(found)} eval messages overlap these training examples "
                       f"(rewrite them): {training_side(found)}")


def test_the_check_catches_exact_and_near_copies():
    assert overlaps(["He keeps asking for PICS!!"], ["he keeps asking for pics"])
    assert overlaps(["he keeps askin for pics"], ["he keeps asking for pics"])
    assert not overlaps(["send me a pic of a cat"], ["he keeps asking for pics"])
    assert overlaps(["👍"], ["👍"]) and not overlaps(["👍"], ["👋"])


def test_a_failure_names_the_training_example_not_the_held_out_message():
    found = overlaps(["he keeps askin for PICS!!"], ["he keeps asking for pics", "hello"])
    assert training_side(found) == ["he keeps asking for pics"]


def test_the_tuning_set_is_apart_from_the_training_data_and_from_eval():
    dev = [turn for item in load_dev() for turn in item["turns"]]
    found = overlaps(dev, [t for ts in training_examples().values() for t in ts])
    assert not found, (f"{len(found)} dev messages overlap these training examples "
                       f"(rewrite them): {training_side(found)}")
    found = overlaps(dev, eval_texts())
    assert not found, (f"{len(found)} dev messages are near copies of eval messages "
                       f"(rewrite them): {sorted({dev for dev, _ in found})}")
