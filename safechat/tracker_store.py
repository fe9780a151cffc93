"""Where conversations are kept: Rasa's SQL tracker store, with personal details redacted
before anything is written and old conversations deleted.

Configured in endpoints.yml (`tracker_store`); every setting there can be overridden by an
environment variable, so a school can switch to its own PostgreSQL without editing files:

| endpoints.yml | environment          | default                         |
|---------------|----------------------|---------------------------------|
| dialect       | SAFECHAT_DB_DIALECT  | sqlite (a file, no server)      |
| db            | SAFECHAT_DB_NAME     | conversations.db (the file, or the database name) |
| url           | SAFECHAT_DB_HOST     | -                               |
| port          | SAFECHAT_DB_PORT     | -                               |
| username      | SAFECHAT_DB_USER     | -                               |
| password      | SAFECHAT_DB_PASSWORD | -                               |

On start-up it deletes conversations older than SAFECHAT_RETENTION_DAYS (safechat/retention.py).
Events go to no event broker: they are stored redacted, and nowhere else.
"""
import json
import logging
import os
from typing import Any, Dict, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from safechat import redaction, retention, sqlite
from safechat.nlu import patterns

ENV = {"dialect": "SAFECHAT_DB_DIALECT", "db": "SAFECHAT_DB_NAME", "host": "SAFECHAT_DB_HOST",
       "port": "SAFECHAT_DB_PORT", "username": "SAFECHAT_DB_USER",
       "password": "SAFECHAT_DB_PASSWORD"}
DEFAULTS = {"dialect": "sqlite", "db": "conversations.db"}

logger = logging.getLogger(__name__)


def settings(**configured: Any) -> Dict[Text, Any]:
    """endpoints.yml's settings, each overridden by its environment variable when set."""
    merged = {**DEFAULTS, **{k: v for k, v in configured.items() if v not in (None, "")}}
    for key, variable in ENV.items():
        if os.environ.get(variable):
            merged[key] = os.environ[variable]
    return merged


class SafeChatTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Optional[Domain] = None, host: Optional[Text] = None,
                 event_broker: Any = None, **kwargs: Any) -> None:
        known = settings(host=host, **{k: kwargs.pop(k, None) for k in ENV if k != "host"})
        super().__init__(domain=domain, **known, **kwargs)
        sqlite.configure(self.engine)
        self.nlp = patterns.load_pipeline()
        if sqlite.is_sqlite(self.engine):
            # Rasa logs and goes on when another worker created the table first, or when the
            # file was busy: make sure the table is there before the first use.
            sqlite.when_free(lambda: self.Base.metadata.create_all(self.engine))
        self.purged = sqlite.when_free(lambda: retention.purge(self.engine))
        logger.info("Conversations stored in %s database %s, kept %d days",
                    known["dialect"], os.path.basename(str(known["db"])), retention.days())

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's SQLTrackerStore.save, with each new event redacted before it is written."""
        with self.session_scope() as session:
            events = list(self._additional_events(session, tracker))
            redacted = redaction.redact_events(self.nlp, [e.as_dict() for e in events])
            for event, data in zip(events, redacted):
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"), data=json.dumps(data)))
            session.commit()
