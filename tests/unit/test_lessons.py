import pytest
import yaml

from safechat import lessons
from safechat.categories import TOPICS
from tools.evaluate import training_examples
from tools.servers import ROOT


@pytest.mark.parametrize("topic", sorted(lessons.all_lessons()))
def test_a_lesson_has_the_fields_of_the_contract(topic):
    lesson = lessons.lesson(topic)
    assert lesson["topic"] == topic and topic in TOPICS
    assert lesson["title"] and 3 <= len(lesson["points"]) <= 5


@pytest.mark.parametrize("topic", sorted(lessons.all_lessons()))
def test_a_lessons_button_text_is_a_training_example_of_its_topic(topic):
    assert lessons.button(topic)["payload"] in training_examples()[f"lesson/{topic}"]


@pytest.mark.parametrize("topic", sorted(lessons.all_lessons()))
def test_every_lesson_offers_help(topic):
    assert lessons.buttons(topic)[-1] == lessons.NEED_HELP_BUTTON


def test_every_lesson_has_its_domain_response():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    for topic in lessons.all_lessons():
        assert domain["responses"][f"utter_lesson/{topic}"][0]["custom"]["lesson"]["topic"] == topic


def test_next_topic_skips_what_was_seen():
    first = sorted(lessons.all_lessons())[0]
    related = lessons.all_lessons()[first]["related"]
    assert lessons.next_topic([first]) == related[0]
    assert lessons.next_topic([*related, first]) in related  # all seen: offer the first again
