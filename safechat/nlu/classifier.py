"""The intent classifier: what a sentence means, plus the words and letters it uses.

One logistic regression over three kinds of features of the whole message:
- a sentence vector from all-MiniLM-L6-v2 (safechat/nlu/sentence_encoder.py): messages that
  mean the same land close together even when they share no words;
- TF-IDF of words, and of character n-grams within words (misspellings and text-speak).

It learns every label at once, retrieval intents by their full name ("lesson/upstander",
"disclose/bullying"), and fills in what Rasa's ResponseSelector would: `intent` and
`intent_ranking` with each retrieval intent's sub-labels summed, and `response_selector` for
`lesson` and `disclose`. So a message that is 30% one kind of disclosure and 25% another counts
as 55% `disclose`, which the safety net then routes.

Chosen on the tuning set dev/ (python -m tools.evaluate --dev), where it beat DIET with two
ResponseSelectors on recall, near-miss false alarms and lesson topics. Training spends most
of its time encoding every example and its copies (safechat/nlu/augment.py).
"""
import logging
import zlib
from collections import defaultdict
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from safechat.nlu import emoji
from safechat.nlu.augment import augmented, child_spelling, hedged, young_spelling
from safechat.nlu.sentence_encoder import SentenceEncoder, assets_dir

logger = logging.getLogger(__name__)

MODEL_FILE = "classifier.joblib"
RANKING_LENGTH = 10


@lru_cache(maxsize=1)
def encoder() -> SentenceEncoder:
    return SentenceEncoder(assets_dir())


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SentenceClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # C: inverse regularisation strength; chosen on dev/ among 4, 8, 16, 32.
        # augment: also learn each example as a child might type it (safechat/nlu/augment.py).
        # hedge: and once more wrapped in a casual opener or closer (augment.hedged).
        # young: and once more spelt by sound, as a young child might (augment.young_spelling).
        # emoji_words: read each emoji with its words (safechat/nlu/emoji.py).
        return {"C": 16.0, "max_iter": 3000, "augment": True, "hedge": True, "young": True,
                "emoji_words": True, "retrieval_intents": ["lesson", "disclose"]}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, model: Optional[Dict[str, Any]] = None) -> None:
        self.config = config
        self.storage = model_storage
        self.resource = resource
        self.model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "SentenceClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "SentenceClassifier":
        try:
            with model_storage.read_from(resource) as folder:
                model = joblib.load(folder / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("SentenceClassifier has no trained model; it will classify nothing")
            model = None
        return cls(config, model_storage, resource, model)

    @staticmethod
    def label(message: Message) -> Optional[Text]:
        return message.get(INTENT_RESPONSE_KEY) or message.get(INTENT)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT) and self.label(m)]
        texts = [m.get(TEXT) for m in examples]
        labels = [self.label(m) for m in examples]
        variants = [f for key, f in (("augment", child_spelling), ("hedge", hedged),
                                     ("young", young_spelling)) if self.config.get(key)]
        texts, labels = augmented(texts, labels, variants)
        emoji_words = emoji.table() if self.config.get("emoji_words") else {}
        texts = [emoji.in_words(t, emoji_words) for t in texts]
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True,
                                min_df=2).fit(texts)
        word_counts = TfidfVectorizer(sublinear_tf=True).fit(texts)
        model = {"chars": chars, "words": word_counts, "emoji": emoji_words,
                 "responses": dict(training_data.responses),
                 "retrieval_intents": sorted(training_data.retrieval_intents)}
        regression = LogisticRegression(C=float(self.config["C"]),
                                        max_iter=int(self.config["max_iter"]))
        model["regression"] = regression.fit(self._features(model, texts), labels)
        self.model = model
        with self.storage.write_to(self.resource) as folder:
            joblib.dump(model, folder / MODEL_FILE)
        return self.resource

    @staticmethod
    def _features(model: Dict[str, Any], texts: List[Text]) -> csr_matrix:
        """The features of texts whose emoji are already in words (emoji.in_words)."""
        meaning = csr_matrix(encoder().encode(texts))
        return hstack([meaning, model["chars"].transform(texts),
                       model["words"].transform(texts)]).tocsr()

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        emoji_words = self.model.get("emoji") or {}
        texts = [emoji.in_words(m.get(TEXT) or "", emoji_words) for m in messages]
        probabilities = self.model["regression"].predict_proba(self._features(self.model, texts))
        labels = list(self.model["regression"].classes_)
        for message, row in zip(messages, probabilities):
            self._annotate(message, labels, row)
        return messages

    def _annotate(self, message: Message, labels: List[Text], row: np.ndarray) -> None:
        by_intent: Dict[Text, float] = defaultdict(float)
        for label, p in zip(labels, row):
            by_intent[label.partition("/")[0]] += float(p)
        ranking = sorted(by_intent.items(), key=lambda kv: -kv[1])
        message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]},
                    add_to_output=True)
        message.set("intent_ranking", [{"name": n, "confidence": c}
                                       for n, c in ranking[:RANKING_LENGTH]], add_to_output=True)
        selectors: Dict[Text, Any] = {"all_retrieval_intents": self.model["retrieval_intents"]}
        for retrieval in self.model["retrieval_intents"]:
            subs = sorted(((float(p), label) for label, p in zip(labels, row)
                           if label.startswith(retrieval + "/")), reverse=True)
            if not subs:
                continue
            total = sum(p for p, _ in subs) or 1.0
            confidence, key = subs[0]
            selectors[retrieval] = {
                "response": {
                    "responses": self.model["responses"].get(f"utter_{key}", []),
                    "confidence": confidence / total,
                    "intent_response_key": key,
                    "utter_action": f"utter_{key}",
                },
                "ranking": [{"id": zlib.crc32(k.encode()), "confidence": p / total,
                             "intent_response_key": k} for p, k in subs[:RANKING_LENGTH]],
            }
        message.set("response_selector", selectors, add_to_output=True)
