"""Every reply the bot can send reads at Flesch-Kincaid grade 6 or below (tools/reading_level.py
says what is scored, and how very short texts are)."""
import pytest

from safechat import lessons
from tools import reading_level
from tools.reading_level import MAX_GRADE

SCORES = reading_level.scores()


@pytest.mark.parametrize("score, where, text", SCORES, ids=[w for _, w, _ in SCORES])
def test_reads_at_grade_six_or_below(score, where, text):
    assert score <= MAX_GRADE, f"{where} reads at grade {score}: {text}"


def test_the_measure_tells_hard_text_from_plain_text():
    hard = ("Consequently, individuals experiencing victimisation should immediately communicate "
            "their circumstances to appropriate safeguarding professionals.")
    assert reading_level.grade(hard) > MAX_GRADE >= reading_level.grade("Tell an adult you trust.")


def test_short_texts_are_scored_inside_their_reply():
    replies = reading_level.replies()
    for topic in lessons.all_lessons():
        title = lessons.lesson(topic)["title"]
        assert any(reply.startswith(title) for reply in replies.values()), topic
    menu = replies["utter_help_menu[0]"]
    assert "I need help now." in menu


def test_every_help_card_region_and_the_trusted_adult_line_are_scored():
    replies = reading_level.replies()
    assert "utter_disclose/self_harm[0] with the international card" in replies
    assert all("adult you trust" in text for where, text in replies.items() if "card" in where)
