"""Notices personal details a child shares (safechat/personal_details.py) and answers them.

Runs after the classifiers and before the safety net. It sets the message property
`personal_details`: a list of `{"kind", "start", "end"}` (offsets into the text; no values,
so the parse data carries none). When the message has any and is not already a disclosure,
the intent becomes `share_personal_info`: a rule then gently teaches the rule about personal
details. The safety net runs next, so a disclosure that also holds personal details is still
routed to its help card. The tracker store redacts the values before anything is written.
"""
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

from safechat import personal_details
from safechat.nlu import patterns

SHARE_INTENT = "share_personal_info"
PROPERTY = "personal_details"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PersonalDetails(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(self) -> None:
        self.nlp = patterns.load_pipeline()

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "PersonalDetails":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self.mark(message)
        return messages

    def mark(self, message: Message) -> None:
        found = personal_details.find(self.nlp, message.get("text") or "")
        message.set(PROPERTY, [d._asdict() for d in found], add_to_output=True)
        if found and (message.get("intent") or {}).get("name") != "disclose":
            message.set("intent", {"name": SHARE_INTENT, "confidence": 1.0}, add_to_output=True)
