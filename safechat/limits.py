"""How much the REST channel takes in: message length and message rates.

Every limit is read from an environment variable when the server starts:
- SAFECHAT_MAX_CHARS (default 1000): a longer message is cut to this many characters; the
  kept part still goes through the bot, and the reply says so (with a help card).
- SAFECHAT_SENDER_LIMIT (default 30): messages a minute from one conversation (`sender`).
- SAFECHAT_ADDRESS_LIMIT (default 3000): messages a minute from one network address. A whole
  school usually reaches the bot from one address, so this is sized for hundreds of children
  chatting at once; it stops floods, not classes.
Each rate is a token bucket: up to the limit at once, refilled evenly over a minute.
"""
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Text

DEFAULTS = {"SAFECHAT_MAX_CHARS": 1000, "SAFECHAT_SENDER_LIMIT": 30,
            "SAFECHAT_ADDRESS_LIMIT": 3000}
MAX_TRACKED = 50_000  # buckets kept before full (idle) ones are forgotten


def setting(name: Text) -> int:
    """A positive whole number from the environment, or the default."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return DEFAULTS[name]
    value = int(raw)
    if value < 1:
        raise ValueError(f"{name} must be at least 1, not {raw!r}")
    return value


@dataclass
class RateLimiter:
    """Token buckets keyed by sender or address: `allow(key)` spends one token."""

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    buckets: Dict[Text, list] = field(default_factory=dict)  # key -> [tokens, last time]

    def allow(self, key: Text) -> bool:
        now = self.clock()
        tokens, last = self.buckets.get(key, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - last) * self.per_minute / 60.0)
        allowed = tokens >= 1.0
        self.buckets[key] = [tokens - 1.0 if allowed else tokens, now]
        if len(self.buckets) > MAX_TRACKED:
            self.forget_idle(now)
        return allowed

    def forget_idle(self, now: float) -> None:
        """Drop buckets that have refilled: forgetting them changes nothing."""
        full = [key for key, (tokens, last) in self.buckets.items()
                if tokens + (now - last) * self.per_minute / 60.0 >= self.per_minute]
        for key in full:
            del self.buckets[key]

    def seconds_until_next(self, key: Text) -> int:
        tokens, _ = self.buckets.get(key, (float(self.per_minute), 0.0))
        return max(1, int((1.0 - tokens) * 60.0 / self.per_minute + 0.999))


class Limits:
    """The channel's limits, read from the environment once."""

    def __init__(self) -> None:
        self.max_chars = setting("SAFECHAT_MAX_CHARS")
        self.sender = RateLimiter(setting("SAFECHAT_SENDER_LIMIT"))
        self.address = RateLimiter(setting("SAFECHAT_ADDRESS_LIMIT"))

    def retry_after(self, sender: Text, address: Text) -> int:
        """0 when the message may go on, else seconds to wait before sending again."""
        if not self.address.allow(address):
            return self.address.seconds_until_next(address)
        if not self.sender.allow(sender):
            return self.sender.seconds_until_next(sender)
        return 0
