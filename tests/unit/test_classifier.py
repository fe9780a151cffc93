"""The sentence encoder shipped in en_safechat, and the classifier built on it."""
import numpy as np
import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from safechat.nlu.classifier import SentenceClassifier, encoder


def test_vectors_are_unit_length_and_similar_meanings_are_close():
    a, b, c = encoder().encode([
        "The weather is lovely today.",
        "It is sunny outside!",
        "he keeps asking me for photos",
    ])
    assert np.allclose([np.linalg.norm(v) for v in (a, b, c)], 1.0, atol=1e-5)
    # No shared words, same meaning: far closer than an unrelated sentence (0.64 vs 0.02 here).
    assert a @ b > 0.5
    assert a @ c < 0.2


def test_batching_and_padding_do_not_change_a_vector():
    texts = ["hi", "my online friend keeps asking me to keep our chats a secret from my mum"]
    together = encoder().encode(texts)
    alone = np.stack([encoder().encode([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_empty_input():
    assert encoder().encode([]).shape == (0, 384)
    assert np.isfinite(encoder().encode([""])).all()


def _message(text, intent, key=None):
    data = {"text": text, "intent": intent}
    if key:
        data["intent_response_key"] = key
    return Message(data=data)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    resource = Resource("classifier")
    examples = (
        [_message(t, "greet") for t in ("hi", "hello there", "hey", "good morning")]
        + [_message(t, "lesson", "lesson/upstander") for t in (
            "how can i help someone being picked on", "what is an upstander",
            "how do i stick up for a friend online", "what should i do if i see bullying")]
        + [_message(t, "disclose", "disclose/bullying") for t in (
            "people at school keep calling me names", "they post mean things about me every day",
            "a group chat is making fun of me", "everyone in my class ignores me and laughs")]
        + [_message(t, "disclose", "disclose/self_harm") for t in (
            "i want to hurt myself", "i keep cutting myself", "i dont want to be alive",
            "i think about ending it")]
    )
    data = TrainingData(training_examples=examples)
    classifier = SentenceClassifier.create(
        SentenceClassifier.get_default_config(), storage, resource, None)
    classifier.train(data)
    loaded = SentenceClassifier.load(
        SentenceClassifier.get_default_config(), storage, resource, None)
    return loaded


def test_retrieval_intents_are_summed_and_selected(trained):
    (message,) = trained.process([Message(data={"text": "kids in my year keep laughing at me"})])
    ranking = {r["name"]: r["confidence"] for r in message.get("intent_ranking")}
    assert message.get("intent")["name"] == "disclose"
    assert set(ranking) == {"greet", "lesson", "disclose"}
    assert sum(ranking.values()) == pytest.approx(1.0, abs=1e-6)
    selected = message.get("response_selector")["disclose"]["response"]
    assert selected["intent_response_key"] == "disclose/bullying"
    assert selected["utter_action"] == "utter_disclose/bullying"
    lesson = message.get("response_selector")["lesson"]["response"]
    assert lesson["intent_response_key"] == "lesson/upstander"


def test_a_plain_intent_and_a_lesson(trained):
    greet, lesson = trained.process([Message(data={"text": "hello!"}),
                                     Message(data={"text": "how do i help a friend who is bullied"})])
    assert greet.get("intent")["name"] == "greet"
    assert lesson.get("intent")["name"] == "lesson"


def test_an_untrained_model_classifies_nothing(tmp_path):
    storage = LocalModelStorage(tmp_path)
    classifier = SentenceClassifier.load(
        SentenceClassifier.get_default_config(), storage, Resource("missing"), None)
    (message,) = classifier.process([Message(data={"text": "hi"})])
    assert message.get("intent") is None
