"""Load benchmark: `make bench` (python -m tools.bench).

Starts Safe Chat as `make run` does (production limits, one worker process per core, SQLite
store in a temp folder) on 127.0.0.1, and, in the same run, a plain `rasa init --no-prompt`
bot built in a temp folder.
Every simulated child holds a multi-turn conversation under one sender id.

1. Typing children: N = 1, 10, 50, 100, 200 children, each sending its next message 2-8 s
   after the last reply, for BENCH_SECONDS (default 60) per N: latency p50/p95/p99, errors
   (a status other than 200, or no answer) and lost messages (sent but no non-empty reply).
2. Capacity: no think time. Children send back to back at rising concurrency; the capacity is
   the highest messages/s sustained with p95 < 500 ms and no errors, for this bot and the
   plain one, and their ratio.

    python -m tools.bench [--seconds 60] [--capacity-seconds 20] [--skip-plain]
"""
import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import aiohttp

from tools import servers

CONVERSATION = ["hi", "what can you do", "How do I make my account private?", "tell me more",
                "should I share my location?", "thanks", "someone keeps asking me for nudes",
                "What happens when I call?", "is it ok to post my school photo", "bye"]
PLAIN_CONVERSATION = ["hi", "I am sad", "yes", "thanks", "are you a bot?", "bye"]
TYPING_N = [1, 10, 50, 100, 200]
CONCURRENCY = [1, 2, 4, 8, 16, 32, 64]
P95_LIMIT_MS = 500.0


@dataclass
class Results:
    latencies: List[float] = field(default_factory=list)
    sent: int = 0
    errors: int = 0
    lost: int = 0

    def add(self, other: "Results") -> None:
        self.latencies += other.latencies
        self.sent += other.sent
        self.errors += other.errors
        self.lost += other.lost

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def send(session: aiohttp.ClientSession, url: str, sender: str, text: str,
               results: Results) -> None:
    results.sent += 1
    start = time.perf_counter()
    try:
        async with session.post(f"{url}/webhooks/rest/webhook", json={
                "sender": sender, "message": text, "metadata": {"region": "gb"}}) as reply:
            body = await reply.json(content_type=None)
            results.latencies.append(1000 * (time.perf_counter() - start))
            if reply.status != 200:
                results.errors += 1
            if reply.status != 200 or not body:
                results.lost += 1
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        results.errors += 1
        results.lost += 1


async def child(session, url, messages, end, think, results, turns_per_sender=None):
    """One simulated child: a conversation under one sender id (a new child after
    `turns_per_sender` messages, in capacity mode)."""
    sender, turn = f"bench-{uuid.uuid4().hex[:12]}", 0
    await asyncio.sleep(random.uniform(0, think[1]) if think else 0)
    while time.monotonic() < end:
        await send(session, url, sender, messages[turn % len(messages)], results)
        turn += 1
        if turns_per_sender and turn % turns_per_sender == 0:
            sender = f"bench-{uuid.uuid4().hex[:12]}"
        if think:
            await asyncio.sleep(random.uniform(*think))


async def run_load(url: str, children: int, seconds: float, messages: List[str],
                   think: Optional[tuple], fresh_connections: bool = False) -> Results:
    results = Results()
    timeout = aiohttp.ClientTimeout(total=30)
    # fresh_connections: a new connection for every message. The capacity probe opens all its
    # connections at the same instant, and one worker's accept loop can take them all, so
    # kept-alive connections left the other workers idle (8 at once measured one worker's rate).
    connector = aiohttp.TCPConnector(limit=0, force_close=fresh_connections)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        end = time.monotonic() + seconds
        await asyncio.gather(*(child(session, url, messages, end, think, results,
                                     None if think else len(messages))
                               for _ in range(children)))
    return results


def capacity(url: str, seconds: float, messages: List[str]) -> Dict:
    """The best messages/s with p95 under the limit and no errors, over rising concurrency."""
    best = {"rate": 0.0, "concurrency": 0, "p95": float("nan")}
    for level in CONCURRENCY:
        started = time.monotonic()
        results = asyncio.run(run_load(url, level, seconds, messages, None, fresh_connections=True))
        rate = len(results.latencies) / (time.monotonic() - started)
        p95 = results.percentile(95)
        print(f"    capacity probe: {level:3d} at once: {rate:6.1f} msg/s, p95 {p95:6.0f} ms, "
              f"errors {results.errors}", flush=True)
        if p95 >= P95_LIMIT_MS or results.errors:
            break
        if rate > best["rate"]:
            best = {"rate": rate, "concurrency": level, "p95": p95}
        time.sleep(2)
    return best


def start_safechat(log_dir: Path, db: Path):
    """As `make run` starts it: one Rasa worker process per core unless SAFECHAT_WORKERS says."""
    workers = os.environ.get("SAFECHAT_WORKERS") or str(os.cpu_count() or 1)
    actions = servers.action_server(log_dir).start()
    rasa = servers.rasa_server(actions.port, log_dir, env={
        "SAFECHAT_DB_NAME": str(db), "SANIC_WORKERS": workers, "OPENBLAS_NUM_THREADS": "1"}).start()
    return actions, rasa


def start_plain_bot(folder: Path, log_dir: Path) -> servers.Server:
    """A plain `rasa init --no-prompt` bot (trained in `folder`), REST channel, no limits."""
    rasa = str(servers.BIN / "rasa")
    env = {**servers.ENV, "PYTHONPATH": ""}
    print("  training a plain `rasa init` bot (a few minutes)...", flush=True)
    subprocess.run([rasa, "init", "--no-prompt", "--init-dir", str(folder)], cwd=folder,
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = servers.Server([rasa, "run", "--model", str(folder / "models"), "--interface",
                             "127.0.0.1", "--port", "{port}"], "/", log_dir / "plain-bot.log",
                            env={"PYTHONPATH": ""})
    server.log.parent.mkdir(parents=True, exist_ok=True)  # started in the plain bot's folder
    with server.log.open("ab") as out:
        server.process = subprocess.Popen(server.args, cwd=folder, env=server.env, stdout=out,
                                          stderr=subprocess.STDOUT)
    servers.wait_until_up(server.url + server.health_path, server.process, 300)
    return server


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def row(name: str, r: Results) -> str:
    return (f"| {name:<26} | {r.sent:6d} | {r.percentile(50):7.0f} | {r.percentile(95):7.0f} | "
            f"{r.percentile(99):7.0f} | {r.errors:6d} | {r.lost:4d} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 60)))
    parser.add_argument("--capacity-seconds", type=float, default=20)
    parser.add_argument("--skip-plain", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="safechat-bench-"))
    log_dir = servers.ROOT / "test-artifacts" / "bench"
    print(f"Safe Chat benchmark on {os.cpu_count()} cores (load average {load()}); "
          f"logs in {log_dir}", flush=True)
    actions, rasa = start_safechat(log_dir, work / "conversations.db")
    try:
        typing = []
        for n in TYPING_N:
            print(f"  {n} typing children for {args.seconds:.0f} s...", flush=True)
            typing.append((n, asyncio.run(run_load(rasa.url, n, args.seconds, CONVERSATION,
                                                   (2.0, 8.0)))))
            time.sleep(3)
        print("  capacity of Safe Chat...", flush=True)
        ours = capacity(rasa.url, args.capacity_seconds, CONVERSATION)
    finally:
        rasa.stop()
        actions.stop()
    plain = None
    if not args.skip_plain:
        folder = work / "plain"
        folder.mkdir()
        server = start_plain_bot(folder, log_dir)
        try:
            print("  capacity of the plain bot...", flush=True)
            plain = capacity(server.url, args.capacity_seconds, PLAIN_CONVERSATION)
        finally:
            server.stop()
    shutil.rmtree(work, ignore_errors=True)
    print(f"\nLoad average at the end: {load()} (other work on the machine slows every figure)")

    print("\n| typing children (2-8 s apart) |   sent | p50 ms  | p95 ms  | p99 ms  | errors | lost |")
    print("|----------------------------|--------|---------|---------|---------|--------|------|")
    for n, results in typing:
        print(row(f"N = {n}", results))
    print("\n| capacity (no think time)   | msg/s at p95 < 500 ms | at once | p95 ms |")
    print("|----------------------------|-----------------------|---------|--------|")
    print(f"| Safe Chat                  | {ours['rate']:21.1f} | {ours['concurrency']:7d} | "
          f"{ours['p95']:6.0f} |")
    if plain:
        print(f"| plain `rasa init` bot      | {plain['rate']:21.1f} | {plain['concurrency']:7d} | "
              f"{plain['p95']:6.0f} |")
        ratio = ours["rate"] / plain["rate"] if plain["rate"] else float("nan")
        print(f"\nSafe Chat / plain bot capacity: {ratio:.2f}")


if __name__ == "__main__":
    main()
