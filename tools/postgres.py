"""A throwaway PostgreSQL server for tests: a new cluster in a temp folder on a free port.

Uses the machine's PostgreSQL programs (`make test` installs them: scripts/ensure_postgres.sh).
PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
"""
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional

from tools.servers import free_port

USER = "safechat"


def bin_dir() -> Optional[Path]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class Cluster:
    def __init__(self) -> None:
        self.bin = bin_dir()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed: run scripts/ensure_postgres.sh")
        self.dir = Path(tempfile.mkdtemp(prefix="safechat-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0

    def run(self, *args: str) -> None:
        command: List[str] = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> "Cluster":
        if self.as_root:
            shutil.chown(self.dir, "postgres")
        self.run("initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "--no-sync")
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"), "-w",
                 "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
                 "start")
        return self

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
