"""The subword embeddings shipped in en_safechat, and the featurizer that feeds them to DIET."""
import numpy as np
import pytest
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.message import Message

from safechat.nlu.embeddings import SubwordEmbeddingFeaturizer, embedder


@pytest.fixture(scope="module")
def embed():
    return embedder()


def cosine(a, b):
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_texts_that_mean_the_same_are_closer_than_unrelated_ones(embed):
    asks = embed.text("he asked me for nudes")
    assert cosine(asks, embed.text("he wants naked pictures of me")) > \
        cosine(asks, embed.text("is it going to rain tomorrow")) + 0.2


def test_a_misspelt_or_text_speak_word_still_gets_a_unit_vector(embed):
    vectors = embed.words(["nudez", "pls", "gonna"])
    assert vectors.shape == (3, embed.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_an_empty_text_gets_zeros_not_an_error(embed):
    assert not embed.text("").any()
    assert embed.words([]).shape == (0, embed.dim)


def test_the_featurizer_adds_one_vector_per_token_and_one_for_the_message():
    featurizer = SubwordEmbeddingFeaturizer(
        {**SubwordEmbeddingFeaturizer.get_default_config(), "alias": "subwords"}, "subwords")
    words = ["he", "wants", "pics"]
    message = Message(data={TEXT: " ".join(words)})
    offsets = np.cumsum([0] + [len(w) + 1 for w in words])
    message.set(TOKENS_NAMES[TEXT], [Token(w, int(o)) for w, o in zip(words, offsets)])
    featurizer.process([message])
    sequence, sentence = message.get_dense_features(TEXT)
    assert sequence.type == FEATURE_TYPE_SEQUENCE and sequence.features.shape == (3, 256)
    assert sentence.type == FEATURE_TYPE_SENTENCE and sentence.features.shape == (1, 256)
