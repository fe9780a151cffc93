import pytest

from safechat import limits
from safechat.limits import Limits, RateLimiter


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_bucket_allows_its_limit_at_once_then_refills_evenly():
    clock = Clock()
    limiter = RateLimiter(30, clock=clock)
    assert all(limiter.allow("a") for _ in range(30))
    assert not limiter.allow("a")
    assert limiter.allow("b"), "another key has its own bucket"
    assert limiter.seconds_until_next("a") == 2
    clock.now += 2.0  # 30 a minute: one more every 2 s
    assert limiter.allow("a") and not limiter.allow("a")


def test_idle_buckets_are_forgotten_when_many_are_tracked(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TRACKED", 3)
    clock = Clock()
    limiter = RateLimiter(10, clock=clock)
    for key in "abc":
        limiter.allow(key)
    clock.now += 60
    limiter.allow("d")
    assert set(limiter.buckets) == {"d"}


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SAFECHAT_MAX_CHARS", "50")
    monkeypatch.setenv("SAFECHAT_SENDER_LIMIT", "2")
    monkeypatch.delenv("SAFECHAT_ADDRESS_LIMIT", raising=False)
    configured = Limits()
    assert configured.max_chars == 50 and configured.sender.per_minute == 2
    assert configured.address.per_minute == limits.DEFAULTS["SAFECHAT_ADDRESS_LIMIT"]
    assert [configured.retry_after("s", "1.2.3.4") for _ in range(3)][:2] == [0, 0]
    assert configured.retry_after("s", "1.2.3.4") > 0
    assert configured.retry_after("other", "1.2.3.4") == 0


def test_the_address_limit_covers_every_sender_behind_it(monkeypatch):
    monkeypatch.setenv("SAFECHAT_ADDRESS_LIMIT", "3")
    configured = Limits()
    assert [configured.retry_after(f"child-{i}", "10.0.0.1") for i in range(4)][-1] > 0
    assert configured.retry_after("child-9", "10.0.0.2") == 0


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_a_bad_limit_stops_start_up(monkeypatch, value):
    monkeypatch.setenv("SAFECHAT_SENDER_LIMIT", value)
    with pytest.raises(ValueError):
        Limits()
