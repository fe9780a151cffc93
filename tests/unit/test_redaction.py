from safechat import redaction
from safechat.nlu import patterns

NLP = patterns.load_pipeline()


def user_event(text, **metadata):
    return {"event": "user", "text": text, "timestamp": 1.0, "metadata": metadata,
            "parse_data": {"text": text, "intent": {"name": "share_personal_info"},
                           "entities": [{"entity": "x", "value": "Sam"}],
                           "personal_details": [{"kind": "name", "start": 11, "end": 14}]}}


def test_every_string_of_the_saved_events_loses_the_values():
    events = [user_event("my name is Sam, mail me at sam@example.com", region="gb",
                         trusted_adult="Ms Patel 07700 900123"),
              {"event": "slot", "name": "nick", "value": "SAM"},
              {"event": "bot", "text": "Hi Sam!", "data": {}}]
    redacted = redaction.redact_events(NLP, events)
    flat = repr(redacted).lower()
    for value in ("sam@example.com", "07700 900123", "'sam'", "sam!", "sam,"):
        assert value not in flat
    assert redacted[0]["text"] == "my name is [name], mail me at [email]"
    assert redacted[0]["parse_data"]["entities"][0]["value"] == "[name]"
    assert redacted[0]["metadata"] == {"region": "gb", "trusted_adult": "Ms Patel [phone]"}
    assert redacted[1]["value"] == "[name]" and redacted[2]["text"] == "Hi [name]!"
    assert redacted[0]["parse_data"]["intent"] == {"name": "share_personal_info"}


def test_values_are_replaced_as_whole_words_only():
    events = [user_event("call me Ed"), {"event": "action", "name": "utter_need_help"}]
    redacted = redaction.redact_events(NLP, events)
    assert redacted[0]["text"] == "call me [name]"
    assert redacted[1]["name"] == "utter_need_help"


def test_events_without_details_are_stored_as_they_are():
    events = [user_event("how do i make my account private")]
    assert redaction.redact_events(NLP, events) == events
