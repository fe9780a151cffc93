"""The file lock: one message of a conversation at a time, across processes and in order."""
import asyncio
import multiprocessing
import time

import pytest
from rasa.core.lock_store import LockError

from safechat.lock_store import FileLockStore


def test_messages_of_one_conversation_wait_their_turn_in_order(tmp_path):
    async def main():
        store, log = FileLockStore(folder=tmp_path), []

        async def handle(i):
            async with store.lock("child-1"):
                log.append(("start", i))
                await asyncio.sleep(0.02)
                log.append(("end", i))

        await asyncio.gather(*(handle(i) for i in range(5)))
        return log

    log = asyncio.run(main())
    assert log == [(edge, i) for i in range(5) for edge in ("start", "end")]


def test_other_conversations_do_not_wait(tmp_path):
    async def main():
        store = FileLockStore(folder=tmp_path)
        other = next(f"child-{i}" for i in range(1000)
                     if store.stripe(f"child-{i}") != store.stripe("child-1"))
        async with store.lock("child-1"):
            started = time.monotonic()
            async with store.lock(other):
                return time.monotonic() - started

    assert asyncio.run(main()) < 0.5


def hold(folder, held, release):
    async def main():
        async with FileLockStore(folder=folder).lock("child-1"):
            held.set()
            release.wait(10)

    asyncio.run(main())


def test_another_process_holding_the_lock_makes_this_one_wait(tmp_path):
    held, release = multiprocessing.Event(), multiprocessing.Event()
    other = multiprocessing.Process(target=hold, args=(tmp_path, held, release))
    other.start()
    assert held.wait(20)

    async def main():
        with pytest.raises(LockError):  # still held by the other process
            async with FileLockStore(folder=tmp_path).lock("child-1", lock_lifetime=0.3):
                pass
        release.set()
        started = time.monotonic()
        async with FileLockStore(folder=tmp_path).lock("child-1", lock_lifetime=20):
            return time.monotonic() - started

    try:
        assert asyncio.run(main()) < 10
    finally:
        release.set()
        other.join(20)


def test_no_conversation_id_is_written_and_the_folder_stays_small(tmp_path):
    async def main():
        store = FileLockStore(folder=tmp_path)
        for i in range(600):
            async with store.lock(f"secret-child-{i}"):
                pass

    asyncio.run(main())
    names = [p.name for p in tmp_path.iterdir()]
    assert len(names) <= 256 and not any("child" in n for n in names)
    assert all(p.stat().st_size == 0 for p in tmp_path.iterdir())
