""""Spot the red flag": starts the quiz, marks an answer, stops it (the moves are in safechat/quiz.py).

Only the quiz intents reach these actions (data/rules/quiz.yml), so a disclosure during the quiz
is answered by its help card (data/rules/routing.yml) and never taken as an answer: the quiz
stays on the same question.
"""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from safechat import quiz

ANSWER_OF_INTENT = {"quiz_red_flag": "red_flag", "quiz_seems_ok": "ok"}


def state(tracker: Tracker) -> quiz.State:
    step = tracker.get_slot("quiz_step")
    return (None if step is None else int(step)), int(tracker.get_slot("quiz_score") or 0)


def send(dispatcher: CollectingDispatcher, messages: List[quiz.Message],
         new_state: quiz.State) -> List[Dict[Text, Any]]:
    for message in messages:
        dispatcher.utter_message(text=message["text"], buttons=message["buttons"],
                                 json_message=message.get("custom"))
    step, score = new_state
    return [SlotSet("quiz_step", step), SlotSet("quiz_score", score)]


class ActionQuizStart(Action):
    def name(self) -> Text:
        return "action_quiz_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return send(dispatcher, *quiz.start())


class ActionQuizAnswer(Action):
    def name(self) -> Text:
        return "action_quiz_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        given = ANSWER_OF_INTENT.get((tracker.latest_message.get("intent") or {}).get("name"))
        if given is None:  # only the rules of the quiz intents run this action
            return []
        return send(dispatcher, *quiz.answer(state(tracker), given))


class ActionQuizStop(Action):
    def name(self) -> Text:
        return "action_quiz_stop"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return send(dispatcher, *quiz.stop(state(tracker)))
