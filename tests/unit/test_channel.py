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


@pytest.mark.parametrize("text,plain", [
    ("hi\x00 there\x07", "hi there"),
    ("line one\nline two\ttab", "line one line two tab"),
    ("\u200b\u202ehello\ufeff", "hello"),
    ("\ud800 lone surrogate", "lone surrogate"),
    ("\x00\x01\x1b", ""),
])
def test_control_and_invisible_characters_are_removed(text, plain):
    assert channel.as_plain_text(text) == plain


@pytest.mark.parametrize("text,words", [
    ("", False), ("😢", False), ("🙂🙂 !!", False), ("??", False),
    ("ok", True), ("😢 sad", True), ("<3", True), ("我很难过", True),
])
def test_only_letters_or_digits_count_as_words(text, words):
    assert channel.has_words(text) is words


def test_a_message_without_words_gets_a_kind_reply_with_the_help_button():
    for text, key in (("", "no_words"), ("😢", "no_words_symbols")):
        [reply] = channel.no_words_reply("abc", text)
        assert reply["text"] == channel.say(key)
        assert "I need help now" in [b["payload"] for b in reply["buttons"]]


def test_a_long_message_is_cut_at_a_word_boundary():
    text = "word " * 300
    kept = channel.cut(text, 1000)
    assert len(kept) <= 1000 and text.startswith(kept) and kept.endswith("word")
    assert channel.cut("x" * 1500, 1000) == "x" * 1000
    assert channel.cut("short", 1000) == "short"


def test_the_long_message_note_carries_a_card_unless_the_reply_has_one():
    [note] = channel.too_long_note("abc", {"region": "gb"}, [{"text": "hello"}])
    assert note["text"] == channel.say("too_long")
    assert note["custom"]["help_card"]["helplines"][0]["name"] == "Childline"
    [note] = channel.too_long_note("abc", {}, [{"custom": {"help_card": {}}}])
    assert "custom" not in note


def test_a_sender_with_a_trailing_line_break_is_refused():
    with pytest.raises(ValueError, match="sender"):
        channel.parse_body(body(sender="abc\n", message="hi"))
