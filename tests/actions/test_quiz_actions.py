"""The quiz actions with real Trackers, a CollectingDispatcher and the real Domain."""
import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.quiz import ActionQuizAnswer, ActionQuizStart, ActionQuizStop
from safechat import quiz
from tools.servers import ROOT

FIRST = quiz.quiz()["scenarios"][0]
INTENT_OF_ANSWER = {"red_flag": "quiz_red_flag", "ok": "quiz_seems_ok"}


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml")).as_dict()


def tracker(intent, step=None, score=0):
    return Tracker("quiz-test", {"quiz_step": step, "quiz_score": score},
                   {"intent": {"name": intent, "confidence": 0.9}, "text": "(not kept)"},
                   [], False, None, {}, "action_listen")


def run(action, tracker_, domain):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker_, domain)
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    return dispatcher.messages, slots


def test_start_asks_the_first_question_and_sets_the_slots(domain):
    messages, slots = run(ActionQuizStart(), tracker("quiz_start"), domain)
    assert slots == {"quiz_step": 0, "quiz_score": 0}
    assert messages[-1]["custom"]["quiz"]["question"] == 1
    assert [b["title"] for b in messages[-1]["buttons"]] == ["Red flag", "Seems OK", "Stop quiz"]


def test_a_right_answer_scores_and_moves_on(domain):
    intent = INTENT_OF_ANSWER[FIRST["answer"]]
    messages, slots = run(ActionQuizAnswer(), tracker(intent, step=0.0, score=0.0), domain)
    assert slots == {"quiz_step": 1, "quiz_score": 1}
    assert messages[-1]["custom"]["quiz"]["question"] == 2


def test_a_disclosure_is_never_taken_as_an_answer(domain):
    messages, slots = run(ActionQuizAnswer(), tracker("disclose", step=2.0, score=1.0), domain)
    assert messages == [] and slots == {}


def test_stop_ends_the_quiz_with_the_score(domain):
    messages, slots = run(ActionQuizStop(), tracker("quiz_stop", step=2.0, score=1.0), domain)
    assert slots == {"quiz_step": None, "quiz_score": 0}
    assert messages[0]["custom"]["quiz"] == {"score": 1, "of": 2}


def test_the_actions_and_slots_are_declared_in_the_domain(domain):
    for action in (ActionQuizStart(), ActionQuizAnswer(), ActionQuizStop()):
        assert action.name() in domain["actions"]
    assert {"quiz_step", "quiz_score"} <= set(domain["slots"])
