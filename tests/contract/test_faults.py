"""Faults, made for real: the action server stopped or slow, the Rasa server restarted.
Every disclosure still gets a usable card; every other message a reply or a clear error,
within a few seconds."""
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from safechat import action_timeout
from tests.support import custom, usable

FEW_SECONDS = action_timeout.DEFAULT_SECONDS + 3
DISCLOSURES = ["someone keeps asking me for nudes", "a man is following me home",
               "he says he will share my pic unless i pay"]


def post(url, sender, message, timeout=30):
    start = time.monotonic()
    reply = requests.post(f"{url}/webhooks/rest/webhook", timeout=timeout, json={
        "sender": sender, "message": message, "metadata": {"region": "gb"}})
    return reply, time.monotonic() - start


def assert_cards_in_time(url, sender):
    for text in DISCLOSURES:
        reply, took = post(url, sender, text)
        assert reply.status_code == 200 and took < FEW_SECONDS, (text, took)
        [card] = custom(reply.json(), "help_card")
        assert usable(card), text


class SlowHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        time.sleep(20)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"events": [], "responses": []}')

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_action_server(actions):
    """A fake action server on the real one's port that takes 20 s to answer."""
    actions.stop()
    server = ThreadingHTTPServer(("127.0.0.1", actions.port), SlowHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield
    server.shutdown()
    server.server_close()
    actions.start()


@pytest.fixture
def stopped_action_server(actions):
    actions.stop()
    yield
    actions.start()


@pytest.mark.parametrize("fault", ["slow_action_server", "stopped_action_server"])
def test_a_failing_action_server_costs_seconds_not_minutes(rasa_url, request, fault):
    sender = f"fault-{uuid.uuid4().hex[:8]}"
    assert custom(post(rasa_url, sender, "How do I make my account private?")[0].json(), "lesson")
    request.getfixturevalue(fault)
    reply, took = post(rasa_url, sender, "tell me more")
    assert reply.status_code == 200 and reply.json() and took < FEW_SECONDS, took
    assert_cards_in_time(rasa_url, sender)


def test_after_a_restart_the_conversation_carries_on_from_storage(rasa_server):
    url, sender = rasa_server.url, f"restart-{uuid.uuid4().hex[:8]}"
    [lesson] = custom(post(url, sender, "How do I make my account private?")[0].json(), "lesson")
    assert lesson["topic"] == "privacy_settings"
    rasa_server.stop()
    try:
        start = time.monotonic()
        with pytest.raises(requests.ConnectionError):
            post(url, sender, DISCLOSURES[0], timeout=5)
        assert time.monotonic() - start < 3, "a stopped server is a quick, clear error"
    finally:
        rasa_server.start()
    # "tell me more" picks the lesson after the last one shown: only storage knows which.
    [more] = custom(post(url, sender, "tell me more")[0].json(), "lesson")
    assert more["topic"] == "location_sharing"
    assert_cards_in_time(url, sender)
