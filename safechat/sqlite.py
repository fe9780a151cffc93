"""How the default SQLite file is used: quick to write, and deleted words really gone.

- Write-ahead log: a reply waits for one append, not for a rewrite of the journal, and
  reads do not wait for writes. `synchronous=NORMAL` keeps every committed message through a
  crash of the bot; only a power cut can lose the last few.
- `secure_delete`: deleted conversations are overwritten with zeros, not left in free pages
  (Debian's SQLite does this by default; other builds may not). The log is emptied into the
  file when the last connection closes (SQLAlchemy opens one per use for an SQLite file).
Other databases (PostgreSQL) are left as their administrators configure them.

Several workers open the same file at once when the server starts (`make run` starts one per
core). SQLite then answers "database is locked" at once, without waiting, to some of them:
when two connections switch a new file to the log, or both find no table and both create it.
A worker that gave up would die, and the bot would run at half its capacity. So those
start-up steps are tried again until the file is free (`when_free`).
"""
import sqlite3
import time
from typing import Any, Callable, TypeVar

import sqlalchemy as sa

T = TypeVar("T")
WAIT_SECONDS = 20.0  # how long start-up waits for another worker before it gives up
BUSY = ("database is locked", "already exists", "no such table")


def busy(error: BaseException) -> bool:
    """Another worker is setting up the same file right now."""
    return any(words in str(error) for words in BUSY)


def when_free(step: Callable[[], T], seconds: float = WAIT_SECONDS) -> T:
    """The step's result, trying again while another worker has the file busy."""
    deadline = time.monotonic() + seconds
    pause = 0.02
    while True:
        try:
            return step()
        except (sqlite3.OperationalError, sa.exc.OperationalError) as error:
            if not busy(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def is_sqlite(engine: "sa.engine.Engine") -> bool:
    return engine.dialect.name == "sqlite"


def configure(engine: "sa.engine.Engine") -> None:
    """Set the pragmas on every connection the engine opens (for SQLite only)."""
    if not is_sqlite(engine):
        return

    @sa.event.listens_for(engine, "connect")
    def pragmas(connection: Any, _: Any) -> None:
        cursor = connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "secure_delete=ON"):
            when_free(lambda: cursor.execute(f"PRAGMA {pragma}"))
        cursor.close()

    engine.dispose()  # connections opened before the listener get it too, when reopened

