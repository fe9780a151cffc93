"""`make run` starts one Rasa worker process per core: they share the conversations and the
lock, so a child's conversation carries on whichever worker answers each message."""
import concurrent.futures
import time
import uuid

import pytest
import requests

from safechat import quiz
from tests.conftest import ARTIFACTS
from tools import servers

WORKERS = 2


@pytest.fixture(scope="module")
def two_workers(actions, tmp_path_factory):
    log = f"rasa-workers-{uuid.uuid4().hex[:6]}.log"
    server = servers.rasa_server(actions.port, ARTIFACTS, log_name=log, env={
        "SANIC_WORKERS": str(WORKERS), "OPENBLAS_NUM_THREADS": "1",
        "SAFECHAT_LOCK_DIR": str(tmp_path_factory.mktemp("locks")),
        "SAFECHAT_DB_NAME": str(tmp_path_factory.mktemp("store") / "conversations.db")}).start()
    deadline = time.monotonic() + 120  # the first worker up answers; wait for the other too
    while workers_up(server) < WORKERS and time.monotonic() < deadline:
        time.sleep(0.5)
    yield server
    server.stop()


def workers_up(server):
    return server.log.read_text(errors="replace").count("Rasa server is up and running")


def say(url, sender, text):
    # A new connection each time, so the messages are spread over the workers.
    reply = requests.post(f"{url}/webhooks/rest/webhook", headers={"Connection": "close"},
                          json={"sender": sender, "message": text, "metadata": {"region": "gb"}},
                          timeout=30)
    assert reply.status_code == 200
    return reply.json()


def quiz_steps(replies):
    return [r["custom"]["quiz"] for r in replies if "quiz" in (r.get("custom") or {})]


def whole_quiz(url):
    sender = f"workers-{uuid.uuid4().hex[:10]}"
    steps = quiz_steps(say(url, sender, quiz.start_button()["payload"]))
    for number in range(quiz.total()):
        steps += quiz_steps(say(url, sender, "red flag"))
    return steps


def test_both_workers_started(two_workers):
    assert workers_up(two_workers) == WORKERS


def test_conversations_carry_on_across_workers_and_at_the_same_time(two_workers):
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        runs = list(pool.map(lambda _: whole_quiz(two_workers.url), range(6)))
    expected = [{"question": n, "of": quiz.total()} for n in range(1, quiz.total() + 1)]
    for steps in runs:  # every question in order, then the score: no turn lost or doubled
        assert steps[:quiz.total()] == expected and "score" in steps[-1]


def test_a_disclosure_gets_its_card_from_any_worker(two_workers):
    for _ in range(6):
        replies = say(two_workers.url, f"workers-{uuid.uuid4().hex[:10]}",
                      "a man online keeps asking me for nudes")
        assert any("help_card" in (r.get("custom") or {}) for r in replies)
