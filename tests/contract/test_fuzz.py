"""Random text and malformed bodies against the real webhook, for a bounded time
(SAFECHAT_FUZZ_SECONDS, default 60): never a 5xx, never an empty reply to a well-formed
message, and the server is healthy afterwards."""
import json
import os
import time

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safechat.channel import SENDER
from tests.support import custom, usable

BUDGET = float(os.environ.get("SAFECHAT_FUZZ_SECONDS", "60"))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=4),
    max_leaves=8)
senders = st.from_regex(SENDER, fullmatch=True)
texts = st.text(st.characters(codec=None), max_size=1500)  # any code point, lone surrogates too
well_formed = st.fixed_dictionaries(
    {"sender": senders, "message": texts},
    optional={"metadata": st.dictionaries(st.sampled_from(["region", "school", "trusted_adult",
                                                           "other"]), json_values, max_size=3)})
malformed = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"sender": json_values, "message": json_values}).map(
        lambda v: json.dumps(v).encode()),
)
BATCH = settings(max_examples=40, deadline=None, database=None,
                 suppress_health_check=list(HealthCheck))


def run_for(seconds, test):
    """Runs a Hypothesis test in batches of fresh random examples until time is up."""
    end, batches = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        test()
        batches += 1
    return batches


def post_raw(url, data):
    return requests.post(f"{url}/webhooks/rest/webhook", data=data, timeout=30,
                         headers={"Content-Type": "application/json"})


def check_reply(reply, sender):
    assert reply.status_code < 500, reply.text
    if reply.status_code in (200, 429):
        messages = reply.json()
        assert isinstance(messages, list) and messages, "never an empty reply"
        assert all(m["recipient_id"] == sender for m in messages)
    else:
        assert reply.status_code in (400, 413) and reply.json()["error"]


def test_fuzz_the_webhook(rasa_url):
    @BATCH
    @given(body=well_formed)
    def well_formed_messages(body):
        check_reply(post_raw(rasa_url, json.dumps(body).encode()), body["sender"])

    @BATCH
    @given(data=malformed)
    def malformed_bodies(data):
        reply = post_raw(rasa_url, data)
        assert reply.status_code < 500, reply.text
        if reply.status_code == 200:
            assert reply.json(), "never an empty reply"

    assert run_for(BUDGET / 2, well_formed_messages) >= 1
    assert run_for(BUDGET / 2, malformed_bodies) >= 1

    assert requests.get(rasa_url + "/", timeout=5).ok
    reply = requests.post(f"{rasa_url}/webhooks/rest/webhook", timeout=30, json={
        "sender": "after-fuzz", "message": "someone keeps asking me for nudes",
        "metadata": {"region": "gb"}})
    [card] = custom(reply.json(), "help_card")
    assert reply.status_code == 200 and usable(card)
