"""Starts the real action server and Rasa server on free local ports (tests, make eval)."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {
    **os.environ,
    "PYTHONPATH": str(ROOT),
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SANIC_HOST": "127.0.0.1",
}


def newest_model() -> Path:
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise RuntimeError("no trained model in models/: run `make train`")
    return models[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {process.returncode}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {timeout}s")


class Server:
    """A real server process on a free local port, stopped with SIGTERM."""

    def __init__(self, args: List[str], health_path: str, log: Path,
                 env: Optional[Dict[str, str]] = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.args = [a.replace("{port}", str(self.port)) for a in args]
        self.health_path = health_path
        self.log = log
        self.env = {**ENV, **(env or {})}
        self.process: Optional[subprocess.Popen] = None

    def start(self, timeout: float = 240) -> "Server":
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=out,
                                            stderr=subprocess.STDOUT)
        wait_until_up(self.url + self.health_path, self.process, timeout)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=60)


def action_server(log_dir: Path) -> Server:
    return Server([str(BIN / "rasa"), "run", "actions", "--actions", "actions",
                   "--port", "{port}"], "/health", log_dir / "action-server.log")


def rasa_server(actions_port: int, log_dir: Path, env: Optional[Dict[str, str]] = None,
                endpoints: str = "endpoints.yml", log_name: str = "rasa-server.log",
                model: Optional[Path] = None) -> Server:
    return Server([str(BIN / "rasa"), "run", "--model", str(model or newest_model()),
                   "--interface", "127.0.0.1", "--port", "{port}",
                   "--credentials", "credentials.yml", "--endpoints", endpoints],
                  "/", log_dir / log_name,
                  env={"ACTIONS_PORT": str(actions_port), **(env or {})})


def demo_school(bot_url: str, log_dir: Path) -> Server:
    """The demo school page (tools/demo_school.py) on its own origin, embedding the bot's widget."""
    return Server([sys.executable, "-m", "tools.demo_school", "--port", "{port}", "--bot", bot_url],
                  "/", log_dir / "demo-school.log")
