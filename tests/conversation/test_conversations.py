"""Whole dialogues through a real trained model (loaded once) and the real action server."""
import pytest

from tests.support import custom, usable


def texts(replies):
    return " ".join(r.get("text", "") for r in replies)


def test_greeting_introduces_a_bot_and_what_it_keeps(chat):
    replies = chat("hello")
    said = texts(replies)
    assert "I'm a bot" in said and "I keep our chat" in said
    assert not custom(replies, "help_card")
    assert [b["title"] for b in replies[0]["buttons"]] == ["Stay safe online", "I need help now"]


def test_help_menu_buttons_lead_where_they_say(chat):
    menu = chat("What can you teach me?")  # the greeting's menu button
    assert "Pick a lesson" in texts(menu)
    for button in menu[0]["buttons"]:
        replies = chat(button["payload"])
        if button["title"] == "I need help now":
            assert usable(custom(replies, "help_card")[0])
        elif button["title"] == "Spot the red flag":
            assert custom(replies, "quiz")[0]["question"] == 1
        else:
            assert custom(replies, "lesson"), button


def test_a_lesson_then_tell_me_more_then_thanks_and_goodbye(chat):
    first = custom(chat("how do i make my account private?"), "lesson")
    assert [l["topic"] for l in first] == ["privacy_settings"]
    more = custom(chat("tell me more"), "lesson")
    assert [l["topic"] for l in more] == ["location_sharing"]
    assert "welcome" in texts(chat("thanks!"))
    assert "Bye" in texts(chat("bye"))


def test_a_disclosure_as_the_first_message_gets_a_card(chat):
    replies = chat("a guy online keeps asking me to send him nudes", region="us")
    cards = custom(replies, "help_card")
    assert [c["category"] for c in cards] == ["sexual_images_request"]
    assert usable(cards[0]) and "not your fault" in texts(replies)


def test_a_disclosure_mid_lesson_gets_a_card(chat):
    assert custom(chat("should i share my location?"), "lesson")
    cards = custom(chat("someone from a game is outside my house right now"), "help_card")
    assert cards and cards[0]["category"] == "immediate_danger"
    assert cards[0]["urgent"] and cards[0]["helplines"][0]["phone"] == "999"


def test_a_disclosure_after_a_fallback_gets_a_card(chat):
    replies = chat("xqzt blorf wibble")
    assert replies, "no reply is ever empty"
    cards = custom(chat("this man keeps asking me for pics of my body"), "help_card")
    assert cards and usable(cards[0])


def test_are_you_a_bot(chat):
    assert "I'm a bot" in texts(chat("r u a real person"))


def test_a_disclosure_over_two_messages_gets_the_card_when_it_is_complete(chat):
    # The contract: the card comes at the latest with the message that completes it (an
    # earlier card, when the first part already sounds worrying, is allowed).
    assert chat("theres this guy i met in a game")
    cards = custom(chat("now he wants me to send him pictures without my top on"), "help_card")
    assert cards and cards[0]["category"] == "sexual_images_request"


def test_after_a_card_the_conversation_goes_on_to_a_lesson(chat):
    assert custom(chat("a man keeps asking me for nudes"), "help_card")
    assert "trained person" in texts(chat("What happens when I call?"))
    assert custom(chat("How do I make my account private?"), "lesson")


def test_what_can_you_do_opens_the_help_menu(chat):
    assert "Pick a lesson" in texts(chat("what can you do"))
