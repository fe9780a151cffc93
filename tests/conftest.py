"""Quiet, private test runs, and the real servers and model shared by the suites."""
import asyncio
import logging
import os

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import pytest  # noqa: E402

from tools import servers  # noqa: E402
from tools.servers import ROOT  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"


def pytest_configure() -> None:
    # Under pytest, Rasa would log at debug level (with message text) unless configured.
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)


@pytest.fixture(scope="session")
def actions():
    server = servers.action_server(ARTIFACTS).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def event_loop_session():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def agent(actions, monkeypatch_session):
    """A real trained model with the project's endpoints.yml, loaded once per session."""
    from rasa.core.agent import Agent
    from rasa.core.utils import AvailableEndpoints

    monkeypatch_session.setenv("ACTIONS_PORT", str(actions.port))
    endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))
    return Agent.load(str(servers.newest_model()), generator=endpoints.nlg,
                      action_endpoint=endpoints.action)


@pytest.fixture(scope="session")
def monkeypatch_session():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture
def chat(agent, event_loop_session):
    """say(text, region=...) -> the bot's replies, in one conversation per test."""
    from uuid import uuid4

    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    sender = f"test-{uuid4().hex}"

    def say(text, region="gb"):
        output = CollectingOutputChannel()
        message = UserMessage(text, output, sender, input_channel="rest",
                              metadata={"region": region} if region else {})
        event_loop_session.run_until_complete(agent.handle_message(message))
        return output.messages

    return say


@pytest.fixture(scope="session")
def conversations_db(tmp_path_factory):
    """The SQLite file the test server stores conversations in (fresh each session)."""
    return tmp_path_factory.mktemp("store") / "conversations.db"


@pytest.fixture(scope="session")
def rasa_server(actions, conversations_db):
    """The real Rasa server, REST channel on a free port, with the project's endpoints.yml,
    logging at INFO level like `make run`, storing conversations in `conversations_db`."""
    server = servers.rasa_server(actions.port, ARTIFACTS, env={
        "LOG_LEVEL": "INFO", "SAFECHAT_DB_NAME": str(conversations_db)}).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def rasa_url(rasa_server):
    return rasa_server.url
