"""Forgetting a conversation (Quick exit) in the tracker stores the bot can run with."""
import asyncio
import sqlite3

import pytest
from rasa.core.tracker_store import (AwaitableTrackerStore, FailSafeTrackerStore,
                                     InMemoryTrackerStore, SQLTrackerStore, TrackerStore)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from safechat import storage


def as_the_agent_wraps_it(store: TrackerStore) -> TrackerStore:
    """Rasa's agent keeps its store inside these wrappers."""
    return AwaitableTrackerStore(FailSafeTrackerStore(store))


def save_conversation(store: TrackerStore, sender: str) -> None:
    tracker = DialogueStateTracker.from_events(sender, [UserUttered("he keeps asking me for pics")])
    asyncio.run(store.save(tracker))


def retrieve(store: TrackerStore, sender: str):
    return asyncio.run(store.retrieve(sender))


def sql_store(tmp_path) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "trackers.db"))


@pytest.fixture(params=["memory", "sql"])
def store(request, tmp_path):
    return InMemoryTrackerStore(Domain.empty()) if request.param == "memory" else sql_store(tmp_path)


def test_forget_deletes_only_that_conversation(store):
    wrapped = as_the_agent_wraps_it(store)
    save_conversation(wrapped, "child-1")
    save_conversation(wrapped, "child-2")
    assert retrieve(wrapped, "child-1") is not None

    storage.forget(wrapped, "child-1")

    assert retrieve(wrapped, "child-1") is None
    assert retrieve(wrapped, "child-2").latest_message.text == "he keeps asking me for pics"


def test_forgetting_an_unknown_conversation_is_not_an_error(store):
    storage.forget(as_the_agent_wraps_it(store), "never-seen")
    assert retrieve(store, "never-seen") is None


def test_sql_rows_are_deleted_from_the_database_file(tmp_path):
    store = sql_store(tmp_path)
    save_conversation(store, "child-1")
    database = sqlite3.connect(tmp_path / "trackers.db")
    count = "SELECT COUNT(*) FROM events WHERE sender_id = ?"
    assert database.execute(count, ("child-1",)).fetchone()[0] > 0

    storage.forget(store, "child-1")

    assert database.execute(count, ("child-1",)).fetchone()[0] == 0


def test_an_unsupported_store_is_refused_not_silently_kept():
    class OtherStore(TrackerStore):
        pass

    with pytest.raises(storage.UnsupportedStore):
        storage.forget(FailSafeTrackerStore(OtherStore(Domain.empty())), "child-1")
