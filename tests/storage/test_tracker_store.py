"""The tracker store with SQLite (the default) and a real PostgreSQL server."""
import asyncio
import json
import sqlite3
import time

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from safechat import retention, sqlite, storage, tracker_store
from tools.postgres import USER
from tools.servers import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
DETAILS = ["Sam Jones", "sam.jones@example.com", "07700 900123", "12 Oak Road", "SW1A 1AA",
           "Hillside Primary", "fluffy123", "12/05/2013"]
MESSAGES = ["hi my name is Sam Jones", "my email is sam.jones@example.com and my number is "
            "07700 900123", "I live at 12 Oak Road, SW1A 1AA and go to Hillside Primary school",
            "my password is fluffy123", "my birthday is 12/05/2013 and a man asked for nudes"]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path, monkeypatch):
    for variable in tracker_store.ENV.values():
        monkeypatch.delenv(variable, raising=False)
    if request.param == "sqlite":
        monkeypatch.setenv("SAFECHAT_DB_NAME", str(tmp_path / "conversations.db"))
        return tracker_store.SafeChatTrackerStore(domain=DOMAIN)
    cluster = request.getfixturevalue("postgres")
    monkeypatch.setenv("SAFECHAT_DB_DIALECT", "postgresql")
    monkeypatch.setenv("SAFECHAT_DB_PORT", str(cluster.port))
    monkeypatch.setenv("SAFECHAT_DB_USER", USER)
    monkeypatch.setenv("SAFECHAT_DB_NAME", f"safechat_{int(time.time() * 1000)}")
    # endpoints.yml-style settings, overridden by the environment above; Rasa creates the
    # database through login_db.
    return tracker_store.SafeChatTrackerStore(domain=DOMAIN, host="127.0.0.1", login_db="postgres")


def user(text, when):
    return UserUttered(text, {"name": "share_personal_info", "confidence": 1.0},
                       parse_data={"text": text, "intent": {"name": "share_personal_info"},
                                   "entities": []},
                       metadata={"region": "gb"}, timestamp=when)


def conversation(sender, when=None):
    when = when or time.time()
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen", timestamp=when))
    for i, text in enumerate(MESSAGES):
        tracker.update(user(text, when + i))
        tracker.update(BotUttered("Thanks for trusting me.", timestamp=when + i))
    tracker.update(SlotSet("nickname", "Sam Jones", timestamp=when + 9))
    return tracker


def stored_rows(store):
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(sa.text("SELECT * FROM events"))]


def test_the_dialect_comes_from_the_environment(store):
    assert store.engine.dialect.name in ("sqlite", "postgresql")


def test_no_personal_detail_reaches_the_database(store):
    asyncio.run(store.save(conversation("child-1")))
    rows = stored_rows(store)
    assert len(rows) == 12
    everything = json.dumps(rows, default=str).lower()
    for value in DETAILS:
        assert value.lower() not in everything, value
    assert "nudes" in everything and "[email]" in everything, "the rest of the words are kept"
    tracker = asyncio.run(store.retrieve("child-1"))
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)][0] == "hi my name is [name]"


def test_saving_again_adds_only_the_new_events(store):
    tracker = conversation("child-2")
    asyncio.run(store.save(tracker))
    tracker.update(user("thanks", time.time()))
    asyncio.run(store.save(tracker))
    assert len(stored_rows(store)) == 13


def test_old_conversations_are_deleted_and_recent_ones_kept(store):
    old = time.time() - 8 * 86400
    asyncio.run(store.save(conversation("old-child", when=old)))
    asyncio.run(store.save(conversation("new-child")))
    assert retention.purge(store.engine, keep_days=7) == 1
    assert {r["sender_id"] for r in stored_rows(store)} == {"new-child"}
    assert asyncio.run(store.retrieve("old-child")) is None


def test_the_store_purges_when_it_opens(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFECHAT_DB_NAME", str(tmp_path / "c.db"))
    first = tracker_store.SafeChatTrackerStore(domain=DOMAIN)
    asyncio.run(first.save(conversation("stale", when=time.time() - 3 * 86400)))
    monkeypatch.setenv("SAFECHAT_RETENTION_DAYS", "2")
    assert tracker_store.SafeChatTrackerStore(domain=DOMAIN).purged == 1


def test_settings_prefer_the_environment(monkeypatch):
    monkeypatch.setenv("SAFECHAT_DB_HOST", "db.school.internal")
    monkeypatch.delenv("SAFECHAT_DB_NAME", raising=False)
    assert tracker_store.settings(dialect="postgresql", host="localhost", port=None) == {
        "dialect": "postgresql", "db": "conversations.db", "host": "db.school.internal"}


def files_bytes(path):
    """Everything on disk for an SQLite database: the file and its write-ahead log, if any."""
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


@pytest.mark.parametrize("delete", ["forget", "purge"])
def test_deleted_words_leave_no_trace_in_the_sqlite_files(tmp_path, monkeypatch, delete):
    db = tmp_path / "conversations.db"
    monkeypatch.setenv("SAFECHAT_DB_NAME", str(db))
    store = tracker_store.SafeChatTrackerStore(domain=DOMAIN)
    words = "zebra crossing near the purple bakery"
    when = time.time() - (30 * 86400 if delete == "purge" else 0)
    tracker = DialogueStateTracker("child-gone", DOMAIN.slots)
    tracker.update(UserUttered(words, {"name": "chitchat"}, timestamp=when))
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(conversation("child-kept")))
    assert words.encode() in files_bytes(db)  # the check can see the words when they are there
    if delete == "forget":
        storage.forget(store, "child-gone")
    else:
        assert retention.purge(store.engine, keep_days=7) == 1
    assert words.encode() not in files_bytes(db)
    assert asyncio.run(store.retrieve("child-kept")) is not None


def test_sqlite_runs_with_a_write_ahead_log(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFECHAT_DB_NAME", str(tmp_path / "c.db"))
    store = tracker_store.SafeChatTrackerStore(domain=DOMAIN)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def locked():
    raise sqlite3.OperationalError("database is locked")


def broken():
    raise sqlite3.OperationalError("disk I/O error")


def test_start_up_steps_wait_while_another_worker_has_the_file_busy():
    calls = []

    def step():
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "done"

    assert sqlite.when_free(step, seconds=5) == "done" and len(calls) == 3
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):  # not busy: no waiting
        sqlite.when_free(broken)
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):  # busy for too long
        sqlite.when_free(locked, seconds=0.3)
    assert time.monotonic() - started < 2


def test_a_worker_whose_first_try_finds_the_file_busy_still_opens_it(tmp_path, monkeypatch):
    # `make run` starts one worker per core on the same SQLite file. When two set up a new
    # file at once, SQLite answers one of them "database is locked" without waiting (measured:
    # 3 starts in 60 with 2 workers). Before the store tried again, that worker died.
    monkeypatch.setenv("SAFECHAT_DB_NAME", str(tmp_path / "conversations.db"))
    real, tries = retention.purge, []

    def busy_once(engine, *args, **kwargs):
        tries.append(1)
        if len(tries) == 1:
            raise sa.exc.OperationalError("DELETE", {}, sqlite3.OperationalError(
                "database is locked"))
        return real(engine, *args, **kwargs)

    monkeypatch.setattr(retention, "purge", busy_once)
    store = tracker_store.SafeChatTrackerStore(domain=DOMAIN)
    assert len(tries) == 2 and store.purged == 0
    asyncio.run(store.save(conversation("child-1")))
    assert asyncio.run(store.retrieve("child-1")) is not None
