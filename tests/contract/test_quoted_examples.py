"""Every example quoted in the routing issue and in the contract, through the real server."""
import uuid

import pytest
import requests

from tests.support import custom, usable


def say(rasa_url, *messages, region="gb"):
    """Send messages as one conversation; return the replies to each."""
    sender = f"quoted-{uuid.uuid4().hex[:10]}"
    replies = []
    for message in messages:
        reply = requests.post(f"{rasa_url}/webhooks/rest/webhook", timeout=30, json={
            "sender": sender, "message": message, "metadata": {"region": region}})
        assert reply.status_code == 200 and reply.json(), message
        replies.append(reply.json())
    return replies


@pytest.mark.parametrize("text,category", [
    ("he said if i rly liked him id send one", None),
    ("how do I block him, he keeps asking for pics", None),
    ("whats a good privacy setting bc this guy found my address and says hes coming", "immediate_danger"),
])
def test_quoted_disclosures_get_a_usable_card(rasa_url, text, category):
    [replies] = say(rasa_url, text)
    cards = custom(replies, "help_card")
    assert cards and all(usable(c) for c in cards), text
    if category:
        assert category in [c["category"] for c in cards]


@pytest.mark.parametrize("text", [
    "send me a pic of a cat", "im dying of boredom", "were planning a secret surprise party",
    "I'm dying of boredom", "we're planning a secret surprise party",
    "what can you do", "are you a bot", "I'm bored", "I'm sad", "can I tell you something",
])
def test_quoted_neither_messages_get_no_card(rasa_url, text):
    [replies] = say(rasa_url, text)
    assert not custom(replies, "help_card"), text


def test_testing_the_water_is_invited_warmly_without_questions(rasa_url):
    [replies] = say(rasa_url, "can i tell u something")
    text = " ".join(r.get("text", "") for r in replies)
    assert not custom(replies, "help_card") and "as much or as little as you want" in text
    assert "?" not in text  # it invites; it does not ask what happened


def test_a_hedged_opening_then_the_disclosure_gets_the_card_on_the_second_message(rasa_url):
    first, second = say(rasa_url, "its probably nothing but", "he keeps asking me for pics of my body")
    assert not custom(first, "help_card")
    assert usable(custom(second, "help_card")[0])


def test_how_do_i_block_someone_is_a_lesson(rasa_url):
    [replies] = say(rasa_url, "how do I block someone")
    assert [l["topic"] for l in custom(replies, "lesson")] == ["what_to_do_if"]
    assert not custom(replies, "help_card")


@pytest.mark.parametrize("retraction", ["jk", "nvm"])
def test_jk_or_nvm_after_a_card_keeps_help_in_view(rasa_url, retraction):
    card_reply, after = say(rasa_url, "someone keeps asking me for nudes", retraction)
    assert custom(card_reply, "help_card")
    assert "I need help now" in [b["title"] for r in after for b in r.get("buttons") or []]
    assert "That's okay" in " ".join(r.get("text", "") for r in after)


def test_the_contracts_text_line_example_is_in_a_uk_crisis_card(rasa_url):
    [replies] = say(rasa_url, "i want to kill myself")
    [card] = custom(replies, "help_card")
    assert card["urgent"] and card["category"] == "self_harm"
    shout = [h for h in card["helplines"] if h.get("sms") == "85258"]
    assert shout and shout[0]["text"] == "Text SHOUT to 85258" and shout[0]["sms_body"] == "SHOUT"
    assert card["helplines"][1]["phone"] == "999"  # crisis line first, then the emergency number
