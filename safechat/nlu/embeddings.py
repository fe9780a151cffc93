"""Dense word meaning for the classifier, from static subword embeddings shipped on disk.

Counts of words and character n-grams tell the classifier which words a message uses, not
what they mean: "he wants to meet me" and "he says come to his house" share few words. This
featurizer adds, for every token and for the whole message, a 256-number vector from
WordLlama's L2 "supercat" embeddings (MIT licence; a table of 32,000 subword vectors trained
for sentence similarity, with the Llama 2 subword tokenizer). Subwords also give a misspelt or
text-speak word a vector ("nudez", "pics", "gonna").

The table and tokenizer are copied into the project's spaCy package `en_safechat` when it is
built (spacy_pipeline/build.py), so nothing is downloaded at run time.
"""
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Sequence, Text, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES, FEATURIZER_CLASS_ALIAS, TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

PACKAGE = "en_safechat"
ASSETS = "subword_embeddings"  # folder inside the spaCy package
TOKENIZER_FILE = "tokenizer.json"
WEIGHTS_FILE = "embeddings.safetensors"


def assets_dir() -> Path:
    import spacy.util

    package = Path(spacy.util.get_package_path(PACKAGE))  # the data is in en_safechat-<version>/
    found = sorted(package.glob(f"*/{ASSETS}"))
    if not found:
        raise FileNotFoundError(f"{PACKAGE} has no {ASSETS}: rebuild it with `make setup`")
    return found[-1]


class SubwordEmbedder:
    """Vectors for words and texts: the mean of their subwords' vectors, unit length."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer as SubwordTokenizer

        self.tokenizer = SubwordTokenizer.from_file(str(folder / TOKENIZER_FILE))
        (table,) = load_file(str(folder / WEIGHTS_FILE)).values()
        self.table = table.astype(np.float32)
        self.dim = self.table.shape[1]

    def _mean(self, ids: Sequence[int]) -> np.ndarray:
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        vector = self.table[list(ids)].mean(axis=0)
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def ids(self, text: Text) -> List[int]:
        return self.tokenizer.encode(text.lower(), add_special_tokens=False).ids

    def words(self, words: Sequence[Text]) -> np.ndarray:
        return np.stack([self._mean(self.ids(w)) for w in words]) if words else \
            np.zeros((0, self.dim), dtype=np.float32)

    def text(self, text: Text) -> np.ndarray:
        return self._mean(self.ids(text))


@lru_cache(maxsize=1)
def embedder() -> SubwordEmbedder:
    return SubwordEmbedder(assets_dir())


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SubwordEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds a subword-embedding vector per token (sequence) and per message (sentence)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config()}

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self.embedder = embedder()

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> GraphComponent:
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            for attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
                tokens = message.get(TOKENS_NAMES[attribute])
                if tokens:
                    self._add(message, attribute, [t.text for t in tokens], message.get(attribute))
        return messages

    def _add(self, message: Message, attribute: Text, words: List[Text], text: Text) -> None:
        alias = self._config[FEATURIZER_CLASS_ALIAS]
        sequence = self.embedder.words(words)
        sentence = self.embedder.text(text or " ".join(words))[np.newaxis, :]
        message.add_features(Features(sequence, FEATURE_TYPE_SEQUENCE, attribute, alias))
        message.add_features(Features(sentence, FEATURE_TYPE_SENTENCE, attribute, alias))
