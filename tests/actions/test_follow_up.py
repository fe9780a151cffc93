"""action_tell_me_more with a Tracker from tests/data, a CollectingDispatcher and the real Domain."""
import json

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.follow_up import ActionTellMeMore, lessons_seen
from safechat import lessons
from tools.servers import ROOT


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml")).as_dict()


def tracker(name):
    return Tracker.from_dict(json.loads((ROOT / "tests" / "data" / f"{name}.json").read_text()))


def run(name, domain):
    dispatcher = CollectingDispatcher()
    events = ActionTellMeMore().run(dispatcher, tracker(name), domain)
    return [m["response"] for m in dispatcher.messages], events


def test_after_a_lesson_it_shows_the_next_related_lesson(domain):
    responses, events = run("tracker_after_lesson", domain)
    expected = f"utter_lesson/{lessons.next_topic(['location_sharing'])}"
    assert responses == [expected] and events == []
    assert expected in domain["responses"]


def test_with_no_lesson_yet_it_offers_the_help_menu(domain):
    responses, _ = run("tracker_new_conversation", domain)
    assert responses == ["utter_help_menu"]


def test_lessons_seen_reads_only_lesson_messages():
    assert lessons_seen(tracker("tracker_after_lesson").events) == ["location_sharing"]


def test_the_action_is_declared_in_the_domain(domain):
    assert ActionTellMeMore().name() in domain["actions"]
