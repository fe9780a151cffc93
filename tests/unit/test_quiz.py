"""The "Spot the red flag" quiz: its content (content/quiz.yml) and its moves (safechat/quiz.py)."""
import re

import pytest

from safechat import lessons, quiz
from tools.evaluate import training_examples

SCENARIOS = quiz.quiz()["scenarios"]
NAMED_SOURCE = re.compile(r"Seed slide|NSPCC|Childline|CEOP|NCMEC|eSafety")
INTENT_OF_BUTTON = {"start": "quiz_start", "red_flag": "quiz_red_flag", "ok": "quiz_seems_ok",
                    "stop": "quiz_stop"}


def play(answers):
    messages, state = quiz.start()
    for given in answers:
        sent, state = quiz.answer(state, given)
        messages += sent
    return messages, state


def test_the_quiz_has_five_red_flags_from_the_seed_and_some_safe_scenarios():
    answers = [s["answer"] for s in SCENARIOS]
    assert answers.count("red_flag") >= 5 and answers.count("ok") >= 2
    assert sum("grooming techniques" in s["source"] for s in SCENARIOS) >= 4


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_every_scenario_has_a_named_source_and_no_web_address(scenario):
    assert NAMED_SOURCE.search(scenario["source"])
    assert "http" not in scenario["text"] + scenario["why"]


@pytest.mark.parametrize("key, intent", sorted(INTENT_OF_BUTTON.items()))
def test_every_quiz_button_is_a_training_example_of_its_intent(key, intent):
    assert quiz.quiz()["buttons"][key] in training_examples()[intent]


def test_starting_shows_the_first_question_with_its_answer_and_stop_buttons():
    messages, state = quiz.start()
    assert state == (0, 0) and "Spot the red flag" in messages[0]["text"]
    question = messages[-1]
    assert question["text"].startswith(f"Question 1 of {quiz.total()}.")
    assert [b["payload"] for b in question["buttons"]] == ["Red flag", "Seems OK", "Stop quiz"]
    assert question["custom"]["quiz"] == {"question": 1, "of": quiz.total()}


def test_all_right_answers_score_full_marks_and_end_the_quiz():
    messages, state = play([s["answer"] for s in SCENARIOS])
    end = messages[-1]
    assert state == (None, 0)
    assert end["custom"]["quiz"] == {"score": quiz.total(), "of": quiz.total()}
    assert f"You got {quiz.total()} out of {quiz.total()}" in end["text"]
    assert "I need help now" in [b["title"] for b in end["buttons"]]


def test_a_wrong_answer_gets_the_right_one_and_why_and_no_point():
    first = SCENARIOS[0]
    wrong = "ok" if first["answer"] == "red_flag" else "red_flag"
    (feedback, nxt), state = quiz.answer((0, 0), wrong)
    assert feedback["text"].startswith("Not quite") and first["why"].split()[0] in feedback["text"]
    assert state == (1, 0) and nxt["custom"]["quiz"]["question"] == 2
    _, state = quiz.answer((0, 0), first["answer"])
    assert state == (1, 1)


def test_stopping_midway_gives_the_score_so_far():
    (stopped,), state = quiz.stop((3, 2))
    assert state == (None, 0) and "2 out of 3" in stopped["text"]
    assert stopped["custom"]["quiz"] == {"score": 2, "of": 3}


def test_answering_or_stopping_with_no_quiz_on_offers_to_start_it():
    for messages, state in (quiz.answer((None, 0), "ok"), quiz.stop((None, 0))):
        assert state == (None, 0) and "not playing" in messages[0]["text"]
        assert quiz.start_button() in messages[0]["buttons"]


@pytest.mark.parametrize("topic", quiz.quiz()["offer_after_lessons"])
def test_the_lessons_on_grooming_offer_the_quiz(topic):
    assert quiz.start_button() in lessons.buttons(topic)
    assert lessons.buttons(topic)[-1] == lessons.NEED_HELP_BUTTON
