"""The NLG that fills help cards and lessons, with the real domain and a real tracker."""
import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from safechat.nlg import SafeChatNLG, conversation_metadata
from tools.servers import ROOT


@pytest.fixture(scope="module")
def nlg():
    return SafeChatNLG(domain=Domain.load(str(ROOT / "domain.yml")))


def tracker(*metadatas):
    events = [UserUttered("hi", metadata=m) for m in metadatas]
    return DialogueStateTracker.from_events("unit", events)


def generate(nlg, action, tracker):
    return asyncio.run(nlg.generate(action, tracker, "rest"))


def test_a_disclosure_gets_the_card_for_the_childs_region(nlg):
    message = generate(nlg, "utter_disclose/sexual_images_request", tracker({"region": "ca"}))
    card = message["custom"]["help_card"]
    assert card["category"] == "sexual_images_request"
    assert card["helplines"][0]["name"] == "Kids Help Phone"
    assert "not your fault" in message["text"]


def test_danger_now_names_the_regions_emergency_number_first(nlg):
    message = generate(nlg, "utter_disclose/immediate_danger", tracker({"region": "au"}))
    assert message["text"].startswith("If you are in danger right now, call 000")
    assert message["custom"]["help_card"]["helplines"][0]["phone"] == "000"
    assert message["custom"]["help_card"]["urgent"] is True


def test_without_a_region_the_card_is_the_international_one(nlg):
    message = generate(nlg, "utter_need_help", tracker({}))
    assert "your local emergency number" in message["text"]
    assert "Child Helpline International" in [h["name"] for h in message["custom"]["help_card"]["helplines"]]


def test_the_region_and_trusted_adult_of_earlier_messages_still_count(nlg):
    message = generate(nlg, "utter_need_help",
                       tracker({"region": "nz", "trusted_adult": "Mr Roa"}, {}))
    assert message["custom"]["help_card"]["trusted_adult"] == "Mr Roa"
    assert message["custom"]["help_card"]["helplines"][0]["name"] == "Youthline"


def test_the_newest_setting_wins():
    events = [UserUttered("a", metadata={"region": "gb"}), UserUttered("b", metadata={"region": "ie"})]
    assert conversation_metadata(events) == {"region": "ie"}


def test_a_lesson_response_is_filled_from_content(nlg):
    message = generate(nlg, "utter_lesson/privacy_settings", tracker({"region": "gb"}))
    lesson = message["custom"]["lesson"]
    assert lesson["topic"] == "privacy_settings" and lesson["title"] in message["text"]
    assert 3 <= len(lesson["points"]) <= 5
    assert message["buttons"][-1]["title"] == "I need help now"


def test_plain_responses_are_left_alone(nlg):
    message = generate(nlg, "utter_thanks", tracker({"region": "gb"}))
    assert "custom" not in message and message["text"]
