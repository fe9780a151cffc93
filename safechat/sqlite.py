"""How the default SQLite file is used: quick to write, and deleted words really gone.

- Write-ahead log: a reply waits for one append, not for a rewrite of the journal, and
  reads do not wait for writes. `synchronous=NORMAL` keeps every committed message through a
  crash of the bot; only a power cut can lose the last few.
- `secure_delete`: deleted conversations are overwritten with zeros, not left in free pages
  (Debian's SQLite does this by default; other builds may not). The log is emptied into the
  file when the last connection closes (SQLAlchemy opens one per use for an SQLite file).
Other databases (PostgreSQL) are left as their administrators configure them.
"""
from typing import Any

import sqlalchemy as sa


def is_sqlite(engine: "sa.engine.Engine") -> bool:
    return engine.dialect.name == "sqlite"


def configure(engine: "sa.engine.Engine") -> None:
    """Set the pragmas on every connection the engine opens (for SQLite only)."""
    if not is_sqlite(engine):
        return

    @sa.event.listens_for(engine, "connect")
    def pragmas(connection: Any, _: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    engine.dispose()  # connections opened before the listener get it too, when reopened

