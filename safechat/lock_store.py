"""One message of a conversation at a time, across every Rasa process on this machine.

Rasa handles the messages of one conversation one after another, under a lock. Its default
lock lives in one process's memory, so Rasa refuses to run several worker processes with it.
This lock is an exclusive `flock` on one of a fixed set of files (the conversation id is
hashed to one of STRIPES files), so every worker process started by `make run`
(SAFECHAT_WORKERS) waits for the others. Two conversations that share a file only wait for
each other's messages, briefly; no conversation id is written anywhere, and the folder never
grows. Inside one process, messages waiting for the same file go first come, first served.
For several machines use Rasa's Redis lock store (README).
"""
import asyncio
import fcntl
import hashlib
import os
import tempfile
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncGenerator, Dict, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore

STRIPES = 256
POLL_SECONDS = 0.005
FOLDER_ENV = "SAFECHAT_LOCK_DIR"


def default_folder() -> Path:
    return Path(tempfile.gettempdir()) / f"safechat-locks-{os.getuid()}"


class FileLockStore(LockStore):
    def __init__(self, endpoint_config: Any = None, folder: Optional[Path] = None) -> None:
        configured = getattr(endpoint_config, "kwargs", {}).get("folder")
        self.folder = Path(folder or os.environ.get(FOLDER_ENV) or configured or default_folder())
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.in_process: Dict[int, asyncio.Lock] = {}

    @staticmethod
    def stripe(conversation_id: Text) -> int:
        return int(hashlib.sha256(conversation_id.encode()).hexdigest(), 16) % STRIPES

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = POLL_SECONDS) -> AsyncGenerator[TicketLock, None]:
        """Wait (without blocking other conversations) until the lock is ours, up to
        `lock_lifetime` seconds; then LockError, as Rasa's lock stores do."""
        stripe = self.stripe(conversation_id)
        deadline = time.monotonic() + lock_lifetime
        try:
            queue = self.in_process.setdefault(stripe, asyncio.Lock())
            await asyncio.wait_for(queue.acquire(), lock_lifetime)
        except asyncio.TimeoutError:
            raise LockError(f"waited {lock_lifetime} s for a conversation's lock")
        handle = os.open(self.folder / f"{stripe:03d}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise LockError(f"waited {lock_lifetime} s for a conversation's lock")
                    await asyncio.sleep(POLL_SECONDS)
            yield TicketLock(conversation_id)
        finally:
            os.close(handle)  # closing the file releases the lock
            queue.release()
