"""Lessons, follow-ups and the "Spot the red flag" quiz through the real trained model and the
real action server."""
import pytest

from safechat import lessons, quiz
from tests.support import custom, usable

# One child-voice way to ask for each lesson that is not a training example.
OTHER_PHRASING = {
    "what_is_grooming": "wat does it mean when ppl say someone is grooming a kid",
    "grooming_signs": "whats the signs someone online is trying to groom u",
    "privacy_settings": "how do i stop strangers seeing my profile",
    "location_sharing": "is it ok to have snap map on",
    "personal_info": "is it ok to tell ppl online what school i go to",
    "think_before_post": "should i think before posting stuff on tiktok",
    "photos_forwarded": "can ppl screenshot my snaps and send them on",
    "be_kind": "how do i disagree with someone online without being mean",
    "upstander": "how can i stand up for someone who gets bullied online",
    "report_to_adult": "who counts as a trusted adult",
    "never_send_photos": "is it ok to send selfies to ppl i met online",
    "meeting_online_friends": "is it safe to meet up with someone from a game",
    "online_vs_real_friends": "can u trust friends u only know from online",
    "fake_info": "how do i check if a news story is fake",
    "refusal_skills": "give me ways to say no to people online",
    "sextortion_info": "whats sextortion pls explain",
    "what_to_do_if": "if something online upsets me what should i do",
}
SCENARIOS = quiz.quiz()["scenarios"]
BUTTON = {"red_flag": "Red flag", "ok": "Seems OK"}
TYPED = {"red_flag": "defo a red flag", "ok": "seems fine 2 me"}


def topics(replies):
    return [lesson["topic"] for lesson in custom(replies, "lesson")]


def texts(replies):
    return " ".join(r.get("text") or "" for r in replies)


def quiz_info(replies):
    return custom(replies, "quiz")


def test_every_lesson_has_another_phrasing():
    assert set(OTHER_PHRASING) == set(lessons.all_lessons())


@pytest.mark.parametrize("topic", sorted(lessons.all_lessons()))
def test_a_lessons_button_phrase_gives_that_lesson_and_no_card(chat, topic):
    replies = chat(lessons.button(topic)["payload"])
    assert topics(replies) == [topic] and not custom(replies, "help_card")


@pytest.mark.parametrize("topic, text", sorted(OTHER_PHRASING.items()))
def test_a_child_voice_question_gives_that_lesson_and_no_card(chat, topic, text):
    replies = chat(text)
    assert topics(replies) == [topic] and not custom(replies, "help_card")


def test_a_lessons_buttons_lead_to_the_next_lessons(chat):
    replies = chat(lessons.button("grooming_signs")["payload"])
    related = lessons.all_lessons()["grooming_signs"]["related"]
    pressed = [r for r in replies if r.get("buttons")][0]["buttons"][0]["payload"]
    assert topics(chat(pressed)) == [related[0]]


@pytest.mark.parametrize("ask", ["tell me more", "what else should I know"])
def test_a_follow_up_after_a_lesson_gives_a_related_lesson(chat, ask):
    assert topics(chat("Who can I tell?")) == ["report_to_adult"]
    assert topics(chat(ask)) == [lessons.next_topic(["report_to_adult"])]


def test_the_help_menu_lists_lessons_the_quiz_and_help(chat):
    buttons = [b["payload"] for b in chat("What can you teach me?")[0]["buttons"]]
    assert quiz.start_button()["payload"] in buttons and buttons[-1] == "I need help now"
    assert sum(b in {lessons.button(t)["payload"] for t in lessons.all_lessons()} for b in buttons) >= 5


def quiz_answers():
    """The answers a child gives: buttons, typed words for the last scenario of each kind, and
    one wrong answer (the first)."""
    last = {s["answer"]: number for number, s in enumerate(SCENARIOS)}
    for number, scenario in enumerate(SCENARIOS):
        answer = scenario["answer"]
        if number == 0:
            answer = "ok" if answer == "red_flag" else "red_flag"
        yield TYPED[answer] if number == last[scenario["answer"]] else BUTTON[answer]


@pytest.mark.parametrize("start", ["Spot the red flag", "quiz me"])
def test_the_quiz_from_start_to_end_shows_the_score(chat, start):
    replies = chat(start)
    assert quiz_info(replies) == [{"question": 1, "of": quiz.total()}]
    for text in quiz_answers():
        replies = chat(text)
        assert not custom(replies, "help_card") and not custom(replies, "lesson"), text
    assert quiz_info(replies) == [{"score": quiz.total() - 1, "of": quiz.total()}]
    assert f"You got {quiz.total() - 1} out of {quiz.total()}" in texts(replies)


@pytest.mark.parametrize("leave", [
    "Stop quiz",
    "stop",
    "quit quiz",
])
def test_leaving_the_quiz_midway(chat, leave):
    chat("Spot the red flag")
    chat(BUTTON[SCENARIOS[0]["answer"]])
    replies = chat(leave)
    assert quiz_info(replies) == [{"score": 1, "of": 1}] and "stop the quiz" in texts(replies)
    after = chat("Red flag")
    assert "not playing" in texts(after) and not quiz_info(after)


def test_a_disclosure_in_the_quiz_gets_a_card_and_does_not_move_the_quiz(chat):
    chat("Spot the red flag")
    chat(BUTTON[SCENARIOS[0]["answer"]])  # now on question 2
    replies = chat("red flag!! a man in my game keeps asking me for pics of my body")
    cards = custom(replies, "help_card")
    assert cards and usable(cards[0]) and not quiz_info(replies)
    replies = chat(BUTTON[SCENARIOS[1]["answer"]])
    assert replies[0]["text"].startswith(tuple(quiz.quiz()["messages"]["right"].values()))
    assert quiz_info(replies) == [{"question": 3, "of": quiz.total()}]
