"""A short timeout for calls to the action server.

Rasa 3.6 waits up to 5 minutes for a custom action (`DEFAULT_REQUEST_TIMEOUT`, read when each
call is made) and has no setting for it. A child must not wait that long, so the Rasa server
waits SAFECHAT_ACTION_TIMEOUT seconds (default 3); after that the action counts as failed and
the channel answers anyway. Help cards and lessons never wait on the action server.
"""
import os

DEFAULT_SECONDS = 3.0


def seconds() -> float:
    value = float(os.environ.get("SAFECHAT_ACTION_TIMEOUT") or DEFAULT_SECONDS)
    if value <= 0:
        raise ValueError("SAFECHAT_ACTION_TIMEOUT must be more than 0 seconds")
    return value


def apply() -> float:
    """Set the timeout of action calls in this process; returns it."""
    import rasa.core.actions.action as action
    import rasa.utils.endpoints as endpoints

    action.DEFAULT_REQUEST_TIMEOUT = endpoints.DEFAULT_REQUEST_TIMEOUT = seconds()
    return action.DEFAULT_REQUEST_TIMEOUT
