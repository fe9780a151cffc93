"""Bad, odd and excessive input through the real REST channel of a running server."""
import time
import uuid

import pytest
import requests

from safechat import channel, limits
from tests.support import custom, usable

NUDES = "someone keeps asking me for nudes"


def send(rasa_url, data, **headers):
    return requests.post(f"{rasa_url}/webhooks/rest/webhook", data=data, timeout=30,
                         headers={"Content-Type": "application/json", **headers})


def post(rasa_url, message, sender=None, **metadata):
    return requests.post(f"{rasa_url}/webhooks/rest/webhook", timeout=30, json={
        "sender": sender or f"h-{uuid.uuid4().hex[:10]}", "message": message,
        "metadata": metadata})


@pytest.mark.parametrize("data,reason", [
    (b"", "JSON"),
    (b"null", "JSON object"),
    (b'"hi"', "JSON object"),
    (b'[{"sender": "a", "message": "hi"}]', "JSON object"),
    (b'{"sender": null, "message": "hi"}', "sender"),
    (b'{"sender": "", "message": "hi"}', "sender"),
    (b'{"sender": 12, "message": "hi"}', "sender"),
    (b'{"sender": {"id": 1}, "message": "hi"}', "sender"),
    (b'{"sender": "../../etc", "message": "hi"}', "sender"),
    (b'{"sender": "ok", "message": null}', "message"),
    (b'{"sender": "ok", "message": {"text": "hi"}}', "message"),
    (b'{"sender": "ok", "message": "hi", "metadata": [1]}', "metadata"),
    (b'\xff\xfe\x00{', "JSON"),
])
def test_malformed_requests_get_a_clear_400_and_no_shared_conversation(rasa_url, data, reason):
    reply = send(rasa_url, data)
    assert reply.status_code == 400 and reason in reply.json()["error"]


def test_a_body_far_too_big_for_a_message_gets_a_413(rasa_url):
    reply = send(rasa_url, b'{"sender": "big", "message": "' + b"a" * 70_000 + b'"}')
    assert reply.status_code == 413 and "bytes" in reply.json()["error"]


@pytest.mark.parametrize("message", ["", "   \n\t ", "😢", "🙂🙂!!", "\u0000\u0007\u200b",
                                     "\x1b[31m", "/"])
def test_a_message_without_words_gets_a_kind_reply(rasa_url, message):
    reply = post(rasa_url, message)
    assert reply.status_code == 200
    [answer] = reply.json()
    assert answer["text"] and answer["buttons"]


def test_control_characters_inside_a_disclosure_do_not_hide_it(rasa_url):
    reply = post(rasa_url, "someone keeps\u0000 asking\u200b me for\nnudes", region="gb")
    [card] = custom(reply.json(), "help_card")
    assert usable(card)


@pytest.mark.parametrize("where", ["start", "end"])
def test_a_long_message_gets_a_reply_and_a_card_wherever_the_disclosure_is(rasa_url, where):
    filler = "and then we played the game again and it was fun " * 40
    text = f"{NUDES}. {filler}" if where == "start" else f"{filler} {NUDES}"
    assert len(text) > limits.DEFAULTS["SAFECHAT_MAX_CHARS"]
    replies = post(rasa_url, text, region="gb").json()
    [card] = custom(replies, "help_card")
    assert usable(card) and card["helplines"][0]["name"] == "Childline"
    assert replies[-1]["text"] == channel.say("too_long")
    if where == "start":
        assert card["category"] == "sexual_images_request", "the kept part was read"


def test_a_child_sending_too_fast_gets_a_429_with_a_card(rasa_url):
    sender = f"fast-{uuid.uuid4().hex[:8]}"
    limit = limits.DEFAULTS["SAFECHAT_SENDER_LIMIT"]
    codes = [post(rasa_url, ".", sender=sender).status_code for _ in range(limit)]
    assert codes == [200] * limit
    reply = post(rasa_url, NUDES, sender=sender, region="au")
    assert reply.status_code == 429 and int(reply.headers["Retry-After"]) >= 1
    [message] = reply.json()
    assert message["recipient_id"] == sender and message["text"] == channel.say("too_fast")
    assert usable(message["custom"]["help_card"])
    assert "Kids Helpline" in [h["name"] for h in message["custom"]["help_card"]["helplines"]]
    assert post(rasa_url, "hi").status_code == 200, "other children are not held up"


def test_no_message_text_in_the_server_log_at_info_level(rasa_server):
    log = rasa_server.log
    start = log.stat().st_size
    secret = f"zebramarmalade{uuid.uuid4().hex[:6]}"
    for message in (f"hi {secret}", f"{secret} someone keeps asking me for nudes",
                    f"my email is {secret}@example.com", f"/{secret}", "x" * 2000 + secret):
        assert post(rasa_server.url, message, region="gb").status_code == 200
    time.sleep(1)
    whole = log.read_bytes().decode("utf-8", "replace")
    assert "INFO" in whole and "Rasa server is up and running" in whole, "logging at INFO"
    assert secret not in whole[start:]
