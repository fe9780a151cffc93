"""What safechat/speedups.py does once must give the same results as Rasa doing it each time."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from safechat import speedups


@pytest.fixture
def patched(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result",
                        RemoteAction._validate_action_result)
    monkeypatch.setattr(Event, "resolve_by_type", Event.resolve_by_type)
    speedups.apply()


def test_a_well_formed_action_answer_passes(patched):
    assert RemoteAction("action_tell_me_more", None)._validate_action_result(
        {"events": [{"event": "slot", "name": "topic", "value": "be_kind"}],
         "responses": [{"text": "Here is more."}]})


@pytest.mark.parametrize("answer", [
    {"events": [{"name": "topic"}]},            # an event without its type
    {"events": "not a list"},
    {"responses": [["not", "an", "object"]]},
])
def test_a_malformed_action_answer_is_refused_as_rasa_would(patched, answer):
    with pytest.raises(ValidationError):
        RemoteAction("action_tell_me_more", None)._validate_action_result(answer)


def test_every_event_name_gives_the_class_rasa_gives(patched):
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {n: Event.resolve_by_type(n) for n in names} == {
        n: speedups._RESOLVE_BY_TYPE(n) for n in names}


def test_unknown_event_names_behave_as_in_rasa(patched):
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")


def test_an_event_class_made_later_is_found(patched):
    class LaterEvent(ActionExecuted):
        type_name = "safechat_test_later"

    assert Event.resolve_by_type("safechat_test_later") is LaterEvent


def test_stored_events_read_back_as_before(patched):
    stored = [UserUttered("hi", {"name": "greet"}).as_dict(), SlotSet("region", "gb").as_dict(),
              ActionExecuted("utter_greet").as_dict()]
    events = [Event.from_parameters(e) for e in stored]
    assert [type(e) for e in events] == [UserUttered, SlotSet, ActionExecuted]
    assert [e.as_dict() for e in events] == stored
