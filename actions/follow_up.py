"""Follow-ups to a lesson: "tell me more", "what else should I know"."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from safechat import lessons


def lessons_seen(events: List[Dict[Text, Any]]) -> List[Text]:
    """Topics of the lessons the bot has shown in this conversation, oldest first."""
    return [
        event["data"]["custom"]["lesson"]["topic"]
        for event in events
        if event.get("event") == "bot"
        and isinstance(((event.get("data") or {}).get("custom") or {}).get("lesson"), dict)
    ]


class ActionTellMeMore(Action):
    def name(self) -> Text:
        return "action_tell_me_more"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        seen = lessons_seen(tracker.events)
        if seen:
            dispatcher.utter_message(response=f"utter_lesson/{lessons.next_topic(seen)}")
        else:
            dispatcher.utter_message(response="utter_help_menu")
        return []
