"""How long conversations are kept, and deleting the older ones.

SAFECHAT_RETENTION_DAYS (default 7) is the number of days a conversation is kept after its
last message. Older conversations are deleted when the Rasa server starts (the tracker
store, safechat/tracker_store.py) and by `make purge` (`python -m safechat.retention`,
which reads the tracker store settings of endpoints.yml). The greeting and the answer to
"what do you keep?" say the same number (safechat/nlg.py fills `{kept_days}`).
"""
import logging
import os
import sys
import time
from typing import Optional

import sqlalchemy as sa

logger = logging.getLogger(__name__)

DEFAULT_DAYS = 7


def days() -> int:
    raw = os.environ.get("SAFECHAT_RETENTION_DAYS", "").strip()
    value = int(raw) if raw else DEFAULT_DAYS
    if value < 1:
        raise ValueError(f"SAFECHAT_RETENTION_DAYS must be at least 1, not {raw!r}")
    return value


def purge(engine: "sa.engine.Engine", keep_days: Optional[int] = None,
          now: Optional[float] = None) -> int:
    """Delete every conversation whose newest event is older than `keep_days`; returns how
    many conversations were deleted. Works on Rasa's SQL tracker store table `events`."""
    cutoff = (now or time.time()) - (keep_days or days()) * 86400
    events = sa.table("events", sa.column("sender_id"), sa.column("timestamp"))
    stale = (sa.select(events.c.sender_id).group_by(events.c.sender_id)
             .having(sa.func.max(events.c.timestamp) < cutoff))
    with engine.begin() as connection:
        senders = [row[0] for row in connection.execute(stale)]
        for start in range(0, len(senders), 500):
            connection.execute(events.delete().where(
                events.c.sender_id.in_(senders[start:start + 500])))
    logger.info("Retention: deleted %d conversations older than %d days",
                len(senders), keep_days or days())
    return len(senders)


def main(endpoints: str = "endpoints.yml") -> int:
    """`make purge`: open the configured tracker store (which purges as it opens)."""
    from rasa.core.utils import AvailableEndpoints

    from safechat.tracker_store import SafeChatTrackerStore

    config = AvailableEndpoints.read_endpoints(endpoints).tracker_store
    store = SafeChatTrackerStore(host=config.url if config else None,
                                 **(config.kwargs if config else {}))
    print(f"Deleted {store.purged} conversations older than {days()} days.")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    sys.exit(main(*sys.argv[1:]))
