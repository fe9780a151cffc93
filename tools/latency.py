"""Sequential reply latency of a running bot (one child, one message at a time).

    python tools/latency.py [URL] [N]     # default http://127.0.0.1:5005, 200 messages

A quick check of a single conversation's speed; the load benchmark is separate.
"""
import statistics
import sys
import time
import uuid

import requests

MESSAGES = ["hi", "what can you do", "How do I make my account private?", "tell me more",
            "thanks", "someone keeps asking me for nudes", "What happens when I call?", "bye"]


def measure(url: str, count: int) -> dict:
    sender, times = f"latency-{uuid.uuid4().hex[:8]}", []
    for i in range(count):
        start = time.perf_counter()
        reply = requests.post(f"{url}/webhooks/rest/webhook", timeout=30, json={
            "sender": sender, "message": MESSAGES[i % len(MESSAGES)], "metadata": {"region": "gb"}})
        times.append(1000 * (time.perf_counter() - start))
        reply.raise_for_status()
        assert reply.json(), "empty reply"
    times.sort()
    return {"n": count, "p50_ms": statistics.median(times),
            "p95_ms": times[int(0.95 * (count - 1))], "max_ms": times[-1]}


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5005"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    print(measure(url, count))
