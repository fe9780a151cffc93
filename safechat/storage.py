"""Forgetting a conversation: what "Quick exit" asks the server to do.

Rasa keeps each conversation in its tracker store, under the sender id. `forget` deletes
everything kept for one sender id from the store the bot runs with: Rasa's in-memory store
(the default, `make run`) or its SQL store (`tracker_store: type: SQL` in endpoints.yml).
Rasa wraps the configured store (FailSafeTrackerStore, AwaitableTrackerStore); the wrappers
are looked through. Any other store is refused loudly rather than silently kept.
"""
from typing import Any, Text

from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, TrackerStore

_WRAPPED = "_tracker_store"  # the attribute Rasa's wrapper stores keep the real store in


class UnsupportedStore(TypeError):
    """The bot runs with a tracker store this module cannot delete from."""


def underlying(store: TrackerStore) -> Any:
    """The store that really keeps the conversations, inside Rasa's wrappers."""
    while hasattr(store, _WRAPPED):
        store = getattr(store, _WRAPPED)
    return store


def forget(tracker_store: TrackerStore, sender_id: Text) -> None:
    """Delete every event kept for `sender_id`. Forgetting an unknown sender is not an error."""
    store = underlying(tracker_store)
    if isinstance(store, InMemoryTrackerStore):
        store.store.pop(sender_id, None)
    elif isinstance(store, SQLTrackerStore):
        with store.session_scope() as session:
            session.query(store.SQLEvent).filter(
                store.SQLEvent.sender_id == sender_id).delete(synchronize_session=False)
            session.commit()
    else:
        raise UnsupportedStore(f"cannot forget conversations in a {type(store).__name__}")
