"""The safety net: routes a message to a help card when the classifier alone might not.

Runs after the intent classifier, the response selectors and the FallbackClassifier, and
turns a message into a disclosure (intent `disclose`, category for the help card) when:
1. a maintainers' cue phrase matches (content/patterns/safety_net.yml, matched on lemmas),
   unless a listed harmless phrase covers the same words; or
2. the classifier gives `disclose` at least `route_threshold`, even when another intent
   scored higher: when unsure between a disclosure and anything else, route.
The cue file is read when the model is loaded, so an edit takes effect at the next start
with no retraining.
"""
import logging
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

from safechat.categories import CATEGORIES
from safechat.nlu import patterns

logger = logging.getLogger(__name__)

DISCLOSE = "disclose"
HARMLESS = "harmless"
DEFAULT_PATTERNS = Path(__file__).resolve().parents[2] / "content" / "patterns" / "safety_net.yml"
PATTERNS_ENV = "SAFECHAT_SAFETY_NET"  # another cue file, for a school's own cues or for tests


def read_cues(path: Path) -> Tuple[Dict[str, List[str]], List[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cues = data.get("cues") or {}
    unknown = set(cues) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"{path}: cues for unknown categories {sorted(unknown)}")
    return cues, list(data.get(HARMLESS) or [])


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"route_threshold": 0.4, "patterns": None}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.threshold = float(config["route_threshold"])
        path = Path(os.environ.get(PATTERNS_ENV) or config.get("patterns") or DEFAULT_PATTERNS)
        cues, harmless = read_cues(path)
        self.nlp = patterns.load_pipeline()
        self.matcher = patterns.build_matcher(self.nlp, {**cues, HARMLESS: harmless})
        logger.info("Safety net: %d cue phrases from %s", sum(map(len, cues.values())), path)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "SafetyNet":
        return cls(config)

    def cue_category(self, text: Text) -> Optional[Text]:
        """The category of the first cue phrase in the text that no harmless phrase covers."""
        doc = self.nlp(text.lower())
        found = [(self.nlp.vocab.strings[label], start, end)
                 for label, start, end in self.matcher(doc)]
        harmless = [(s, e) for label, s, e in found if label == HARMLESS]
        for label, start, end in sorted(found, key=lambda f: f[1]):
            if label != HARMLESS and not any(s <= start and end <= e for s, e in harmless):
                return label
        return None

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self.route(message)
        return messages

    def route(self, message: Message) -> None:
        text = message.get("text") or ""
        ranking = {i["name"]: i["confidence"] for i in message.get("intent_ranking") or []}
        category = self.cue_category(text)
        reason = "cue" if category else None
        if not category and ranking.get(DISCLOSE, 0.0) >= self.threshold:
            category, reason = self.selected_category(message), "classifier"
        if not category:
            return
        confidence = max(ranking.get(DISCLOSE, 0.0), self.threshold)
        message.set("intent", {"name": DISCLOSE, "confidence": confidence}, add_to_output=True)
        self.select_category(message, category)
        message.set("safety_net", {"category": category, "reason": reason}, add_to_output=True)

    @staticmethod
    def selected_category(message: Message) -> Text:
        selected = ((message.get("response_selector") or {}).get(DISCLOSE) or {}).get("response") or {}
        key = selected.get("intent_response_key") or ""
        category = key.partition("/")[2]
        return category if category in CATEGORIES else "other_worry"

    @staticmethod
    def select_category(message: Message, category: Text) -> None:
        """Point the disclosure response selector at the category's response."""
        selectors = dict(message.get("response_selector") or {})
        entry = dict(selectors.get(DISCLOSE) or {})
        entry["response"] = {**(entry.get("response") or {}),
                             "intent_response_key": f"{DISCLOSE}/{category}",
                             "utter_action": f"utter_{DISCLOSE}/{category}"}
        selectors[DISCLOSE] = entry
        message.set("response_selector", selectors, add_to_output=True)
