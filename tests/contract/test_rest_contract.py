"""The contract (docs/contract.md) through the real REST channel of a running server."""
import pytest
import requests

from tests.support import custom, usable

CARD_KEYS = {"category", "urgent", "helplines", "trusted_adult"}


def post(rasa_url, message, sender="contract-1", **metadata):
    reply = requests.post(f"{rasa_url}/webhooks/rest/webhook", timeout=30,
                          json={"sender": sender, "message": message, "metadata": metadata})
    assert reply.status_code == 200, reply.text
    return reply.json()


def test_the_server_answers_get_root(rasa_url):
    assert requests.get(rasa_url + "/", timeout=5).ok


def test_greeting(rasa_url):
    replies = post(rasa_url, "hi", sender="c-greet", region="gb")
    assert replies and all(r["recipient_id"] == "c-greet" for r in replies)
    assert "bot" in replies[0]["text"]


def test_a_disclosure_carries_a_help_card_for_the_region(rasa_url):
    replies = post(rasa_url, "someone online keeps asking me for nudes", sender="c-gb",
                   region="gb", trusted_adult="Ms Patel, room 4")
    [card] = custom(replies, "help_card")
    assert set(card) == CARD_KEYS and usable(card)
    assert card["category"] == "sexual_images_request" and card["urgent"] is False
    assert card["helplines"][0]["name"] == "Childline"
    assert card["trusted_adult"] == "Ms Patel, room 4"


@pytest.mark.parametrize("region", [None, "zz"])
def test_missing_or_unknown_region_gets_the_international_card(rasa_url, region):
    metadata = {"region": region} if region else {}
    [card] = custom(post(rasa_url, "a man is following me home", sender=f"c-{region}", **metadata), "help_card")
    assert card["urgent"] is True
    assert card["helplines"][0]["name"] == "Your local emergency number"


def test_a_lesson_carries_topic_title_and_points(rasa_url):
    [lesson] = custom(post(rasa_url, "How do I make my account private?", sender="c-lesson"), "lesson")
    assert lesson["topic"] == "privacy_settings" and lesson["title"]
    assert 3 <= len(lesson["points"]) <= 5


def test_tell_me_more_goes_through_the_action_server(rasa_url):
    assert custom(post(rasa_url, "How do I make my account private?", sender="c-more"), "lesson")
    [lesson] = custom(post(rasa_url, "tell me more", sender="c-more"), "lesson")
    assert lesson["topic"] == "location_sharing"


def test_a_slash_message_still_goes_through_the_classifier(rasa_url):
    replies = post(rasa_url, "/greet", sender="c-slash", region="gb")
    assert replies  # "/greet" is read as the word "greet", not as a hard-coded intent
    [card] = custom(post(rasa_url, "/a guy keeps asking me for nudes", sender="c-slash2",
                         region="gb"), "help_card")
    assert usable(card)


@pytest.mark.parametrize("data,reason", [
    (b"{broken", "JSON"),
    (b'{"message": "hi"}', "sender"),
    (b'{"sender": "x y", "message": "hi"}', "sender"),
    (b'{"sender": "ok", "message": 5}', "message"),
])
def test_bad_requests_get_a_clear_400(rasa_url, data, reason):
    reply = requests.post(f"{rasa_url}/webhooks/rest/webhook", data=data, timeout=10,
                          headers={"Content-Type": "application/json"})
    assert reply.status_code == 400 and reason in reply.json()["error"]


def test_the_http_api_is_off(rasa_url):
    assert requests.get(rasa_url + "/status", timeout=5).status_code == 404
    assert requests.get(rasa_url + "/conversations/contract-1/tracker", timeout=5).status_code == 404


def test_with_the_action_server_stopped_a_disclosure_still_gets_its_card(rasa_url, actions):
    actions.stop()
    try:
        [card] = custom(post(rasa_url, "some guy keeps asking for pics of me", sender="c-down",
                             region="ie"), "help_card")
        assert usable(card) and card["helplines"][0]["name"] == "Childline (ISPCC)"
        assert post(rasa_url, "tell me more", sender="c-down", region="ie"), "never an empty reply"
    finally:
        actions.start()
