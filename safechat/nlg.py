"""Response generation inside the Rasa server: fills in help cards.

A domain response marks a help card with `custom: {help_card: {category: ...}}`; this
generator fills its helplines for the child's region (from the request metadata) and the
school's trusted-adult line. It runs in the Rasa server's own process, so a disclosure
gets its card even when the action server is down. Lessons work the same way: a response
with `custom: {lesson: {topic: ...}}` gets the lesson's title, points and buttons. Configured in endpoints.yml (nlg.type).
"""
from typing import Any, Dict, Iterable, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from safechat import cards, helplines, lessons, retention
from safechat.channel import METADATA_KEYS  # the school settings the channel keeps


def conversation_metadata(events: Iterable[Any]) -> Dict[str, Any]:
    """The newest value of each school/region setting the child's messages carried."""
    found: Dict[str, Any] = {}
    for event in reversed(list(events)):
        if isinstance(event, UserUttered) and event.metadata:
            for key in METADATA_KEYS:
                if key not in found and event.metadata.get(key) is not None:
                    found[key] = event.metadata[key]
    return found


class SafeChatNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Optional[Domain] = None) -> None:
        super().__init__((domain or Domain.empty()).responses)
        helplines.directory()  # fail at start-up, not mid-conversation, on broken content
        lessons.all_lessons()

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker,
                       output_channel: Text, **kwargs: Any) -> Optional[Dict[Text, Any]]:
        settings = conversation_metadata(tracker.events)
        region = settings.get("region")
        kwargs.setdefault("emergency_number", helplines.emergency(region).get(
            "phone", "your local emergency number"))
        kwargs.setdefault("kept_days", retention.days())
        message = await super().generate(utter_action, tracker, output_channel, **kwargs)
        custom = (message or {}).get("custom") or {}
        if "help_card" in custom:
            custom["help_card"] = cards.help_card(
                custom["help_card"]["category"], region, settings.get("trusted_adult"))
        if "lesson" in custom:
            topic = custom["lesson"]["topic"]
            custom["lesson"] = lessons.lesson(topic)
            message["text"] = message.get("text") or lessons.as_text(topic)
            message["buttons"] = message.get("buttons") or lessons.buttons(topic)
        return message
