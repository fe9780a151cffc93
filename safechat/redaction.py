"""Takes the personal details a child shared out of events before they are stored.

For the events of one save, the values are found in the children's messages (text and
metadata) and in slot values with safechat/personal_details.py; then every string anywhere
in those events (the text, the parse data, entities, slots, metadata, the bot's replies) has
each value replaced by its kind in brackets: "my email is [email]".
"""
import re
from typing import Any, Dict, Iterable, List, Optional, Pattern, Text

from spacy.language import Language

from safechat import personal_details


def strings_to_check(event: Dict[Text, Any]) -> List[Text]:
    """Where a child's own words can be in an event."""
    if event.get("event") == "user":
        found = [event.get("text") or ""]
        found += [v for v in (event.get("metadata") or {}).values() if isinstance(v, str)]
        return found
    if event.get("event") == "slot":
        return [v for v in all_strings(event.get("value"))]
    return []


def all_strings(value: Any) -> Iterable[Text]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from all_strings(item)


def values_in(nlp: Language, events: Iterable[Dict[Text, Any]]) -> Dict[Text, Text]:
    """Personal detail values (lower case) -> their kind, found in the events."""
    values: Dict[Text, Text] = {}
    for event in events:
        for text in strings_to_check(event):
            for detail in personal_details.find(nlp, text):
                values[text[detail.start:detail.end].lower()] = detail.kind
    return values


def pattern_for(values: Dict[Text, Text]) -> Optional[Pattern]:
    if not values:
        return None
    alternatives = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def scrub(value: Any, pattern: Pattern, values: Dict[Text, Text]) -> Any:
    """A copy of `value` with every detail in every string replaced by `[kind]`."""
    if isinstance(value, str):
        return pattern.sub(lambda m: f"[{values.get(m.group(0).lower(), 'personal')}]", value)
    if isinstance(value, dict):
        return {key: scrub(item, pattern, values) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub(item, pattern, values) for item in value]
    return value


def redact_events(nlp: Language, events: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """The serialised events with the personal details of their messages taken out."""
    values = values_in(nlp, events)
    pattern = pattern_for(values)
    return [scrub(event, pattern, values) for event in events] if pattern else events
