"""Personal details through the real server: a gentle reminder, and nothing kept."""
import json
import sqlite3
import uuid

import pytest
import requests
import yaml

from tests.support import custom, usable
from tools.servers import ROOT

RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]
SHARED = {
    "call me Sammy": "Sammy",
    "my email is sam.jones@example.com": "sam.jones@example.com",
    "you can call me on 07700 900123": "07700 900123",
    "I live at 12 Oak Road, SW1A 1AA": "12 Oak Road",
    "i go to Hillside Primary school": "Hillside Primary",
    "my password is fluffy123": "fluffy123",
    "my birthday is 12/05/2013": "12/05/2013",
}
DISCLOSURE = "a man keeps asking me for nudes, he has my number 07700 900456"


def post(rasa_url, sender, message, **metadata):
    reply = requests.post(f"{rasa_url}/webhooks/rest/webhook", timeout=30, json={
        "sender": sender, "message": message, "metadata": {"region": "gb", **metadata}})
    assert reply.status_code == 200, reply.text
    return reply.json()


def stored(conversations_db, sender):
    with sqlite3.connect(conversations_db) as db:
        return [row for row in db.execute("SELECT * FROM events WHERE sender_id = ?", (sender,))]


@pytest.fixture(scope="module")
def conversation(rasa_url):
    """One child's conversation sharing details, then disclosing with a phone number."""
    sender = f"pd-{uuid.uuid4().hex[:8]}"
    replies = {text: post(rasa_url, sender, text, trusted_adult="Ms Patel, 07700 900789")
               for text in [*SHARED, DISCLOSURE]}
    return sender, replies


@pytest.mark.parametrize("text", list(SHARED))
def test_sharing_a_detail_gets_the_gentle_reminder_and_a_link_to_the_lesson(conversation, text):
    [reply] = conversation[1][text]
    assert reply["text"] == " ".join(RESPONSES["utter_personal_info"][0]["text"].split())
    assert "What should I keep private?" in [b["payload"] for b in reply["buttons"]]


def test_the_lesson_link_opens_the_personal_info_lesson(rasa_url):
    [lesson] = custom(post(rasa_url, f"pl-{uuid.uuid4().hex[:6]}", "What should I keep private?"),
                      "lesson")
    assert lesson["topic"] == "personal_info"


def test_a_disclosure_with_personal_details_still_gets_its_card(conversation):
    [card] = custom(conversation[1][DISCLOSURE], "help_card")
    assert usable(card) and card["category"] == "sexual_images_request"


def test_the_store_holds_none_of_the_values(conversation, conversations_db):
    sender, _ = conversation
    rows = stored(conversations_db, sender)
    assert len(rows) > 2 * len(SHARED), "the conversation was stored"
    everything = json.dumps(rows).lower()
    for value in [*SHARED.values(), "07700 900456", "07700 900789"]:
        assert value.lower() not in everything, value
    assert "nudes" in everything and "[phone]" in everything


def test_the_greeting_says_how_long_chats_are_kept(rasa_url):
    greeting = post(rasa_url, f"g-{uuid.uuid4().hex[:6]}", "hi")[0]["text"]
    assert "keep our chat for 7 days" in greeting and "{" not in greeting
