import json

import pytest

from safechat import channel


def body(**fields):
    return json.dumps(fields).encode()


def test_a_well_formed_request_is_kept_with_only_known_settings():
    parsed = channel.parse_body(body(sender="abc-1", message="hi", metadata={
        "region": "gb", "school": "Hill Primary", "trusted_adult": "Ms Patel",
        "ip": "1.2.3.4", "name": "Sam"}))
    assert parsed == {"sender": "abc-1", "message": "hi", "metadata": {
        "region": "gb", "school": "Hill Primary", "trusted_adult": "Ms Patel"}}


@pytest.mark.parametrize("raw,reason", [
    (b"{not json", "JSON"),
    (b"", "JSON"),
    (b"[1, 2]", "JSON object"),
    (body(message="hi"), "sender"),
    (body(sender="", message="hi"), "sender"),
    (body(sender="a b", message="hi"), "sender"),
    (body(sender=5, message="hi"), "sender"),
    (body(sender="x" * 129, message="hi"), "sender"),
    (body(sender="abc"), "message"),
    (body(sender="abc", message=["hi"]), "message"),
    (body(sender="abc", message="hi", metadata="gb"), "metadata"),
])
def test_bad_requests_are_refused_with_a_reason(raw, reason):
    with pytest.raises(ValueError, match=reason):
        channel.parse_body(raw)


@pytest.mark.parametrize("text,plain", [
    ("/greet", "greet"),
    ("  //disclose{\"x\": 1}", "disclose{\"x\": 1}"),
    ("hi /there", "hi /there"),
    ("/", ""),
])
def test_a_leading_slash_cannot_pick_an_intent(text, plain):
    assert channel.as_plain_text(text) == plain


def test_settings_are_trimmed_and_capped():
    cleaned = channel.clean_metadata({"region": "  GB ", "school": "s" * 500, "trusted_adult": 3})
    assert cleaned == {"region": "GB", "school": "s" * channel.METADATA_KEYS["school"]}


def test_the_trouble_reply_carries_the_regions_card():
    reply = channel.trouble_reply("abc", {"region": "au"})
    card = reply[0]["custom"]["help_card"]
    assert reply[0]["recipient_id"] == "abc" and reply[0]["text"]
    assert "Kids Helpline" in [h["name"] for h in card["helplines"]]
