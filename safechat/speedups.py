"""Work Rasa 3.6 repeats for every message, done once per process instead.

- Each custom action's answer is checked with `jsonschema.validate`, which first checks the
  large, constant schema itself and builds a new validator: about as costly as classifying
  a message. Here the validator is built once; a malformed answer is still refused with the
  same ValidationError.
- Each stored event, when a conversation is read back, finds its class by walking every
  subclass of Event (several times per event). Here the classes are looked up by name in a
  table, rebuilt whenever a name is not in it, so an event class imported later is found.
`apply()` is called when the REST channel is imported, in the Rasa server's process.
"""
from functools import lru_cache
from typing import Any, Dict, Optional, Text, Type

from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_RESOLVE_BY_TYPE = Event.resolve_by_type  # Rasa's own, for names it does not know
_event_classes: Dict[Text, Type[Event]] = {}


@lru_cache(maxsize=None)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    return validator_for(schema)(schema)


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    _validator().validate(result)
    return True


def resolve_event_type(type_name: Text,
                       default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    if type_name not in _event_classes:
        for cls in reversed(all_subclasses(Event)):  # the first of a name wins, as in Rasa
            _event_classes[cls.type_name] = cls
    if type_name in _event_classes:
        return _event_classes[type_name]
    return _RESOLVE_BY_TYPE(type_name, default)


def apply() -> None:
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_event_type)
