""""Spot the red flag": the quiz's content (`content/quiz.yml`) and its moves, as plain data.

The quiz state is two numbers, the step (index of the scenario asked, None when no quiz is on)
and the score. Every function returns the messages to send, each a dict with `text`, `buttons`
and `custom.quiz` (the contract's optional quiz field), and the new state. actions/quiz.py turns
them into Rasa actions.
"""
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from safechat import content, lessons

ANSWERS = ("red_flag", "ok")
MIN_SCENARIOS = 5
Message = Dict[str, Any]
State = Tuple[Optional[int], int]  # (step, score)


@lru_cache(maxsize=None)
def quiz() -> Dict[str, Any]:
    """The validated quiz content."""
    data = content.load("quiz")
    scenarios = data.get("scenarios") or []
    if len(scenarios) < MIN_SCENARIOS or {s.get("answer") for s in scenarios} != set(ANSWERS):
        raise content.ContentError(f"quiz: needs {MIN_SCENARIOS}+ scenarios with both answers")
    for scenario in scenarios:
        if not all(scenario.get(field) for field in ("id", "text", "why", "source")):
            raise content.ContentError(f"quiz.{scenario.get('id')}: needs id, text, why, source")
    for topic in [*data.get("offer_after_lessons", []), *data.get("end_buttons", [])]:
        lessons.all_lessons()[topic]  # KeyError for a topic without a lesson
    return data


def _button(key: str) -> Dict[str, str]:
    title = quiz()["buttons"][key]
    return {"title": title, "payload": title}


def start_button() -> Dict[str, str]:
    return _button("start")


def total() -> int:
    return len(quiz()["scenarios"])


def _question(step: int) -> Message:
    scenario = quiz()["scenarios"][step]
    text = quiz()["messages"]["question"].format(number=step + 1, total=total(),
                                                 text=" ".join(scenario["text"].split()))
    return {"text": text, "buttons": [_button("red_flag"), _button("ok"), _button("stop")],
            "custom": {"quiz": {"question": step + 1, "of": total()}}}


def _say(key: str, buttons: List[Dict[str, str]], progress: Optional[Dict[str, int]] = None,
         **values: Any) -> Message:
    message: Message = {"text": " ".join(quiz()["messages"][key].format(**values).split()),
                        "buttons": buttons}
    if progress:
        message["custom"] = {"quiz": progress}
    return message


def start() -> Tuple[List[Message], State]:
    return [_say("intro", []), _question(0)], (0, 0)


def answer(state: State, given: str) -> Tuple[List[Message], State]:
    """The feedback on an answer, then the next question or the score."""
    step, score = state
    if step is None:
        return [_say("not_playing", [start_button(), lessons.NEED_HELP_BUTTON])], state
    scenario = quiz()["scenarios"][step]
    right = given == scenario["answer"]
    score += right
    verdict = quiz()["messages"]["right" if right else "wrong"][scenario["answer"]]
    feedback = {"text": " ".join([verdict, *scenario["why"].split()]), "buttons": []}
    if step + 1 < total():
        return [feedback, _question(step + 1)], (step + 1, score)
    buttons = [start_button(), *(lessons.button(t) for t in quiz()["end_buttons"]),
               lessons.NEED_HELP_BUTTON]
    return [feedback, _say("end", buttons, {"score": score, "of": total()},
                           score=score, total=total())], (None, 0)


def stop(state: State) -> Tuple[List[Message], State]:
    step, score = state
    buttons = [start_button(), lessons.NEED_HELP_BUTTON]
    if step is None:
        return [_say("not_playing", buttons)], state
    return [_say("stopped", buttons, {"score": score, "of": step}, score=score, answered=step)], \
        (None, 0)


def all_messages() -> List[Message]:
    """Every message the quiz can send (for the reading-level test)."""
    messages, _ = start()
    for step, scenario in enumerate(quiz()["scenarios"]):
        for given in ANSWERS:
            messages += answer((step, 0), given)[0]
    messages += stop((2, 1))[0] + stop((None, 0))[0]
    return messages
