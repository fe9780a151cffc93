"""scripts/run.sh: local address by default, Rasa's HTTP API only with a token."""
import os
import subprocess

from tools.servers import ROOT


def rasa_command(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SAFECHAT_")}
    result = subprocess.run(["scripts/run.sh"], cwd=ROOT, capture_output=True, text=True,
                            env={**clean, "SAFECHAT_PRINT_COMMAND": "1", **env}, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_by_default_the_server_listens_locally_with_the_api_off():
    command = rasa_command()
    assert command[command.index("--interface") + 1] == "127.0.0.1"
    assert "--enable-api" not in command and "--auth-token" not in command


def test_the_api_is_on_only_with_a_token_which_is_never_printed():
    command = rasa_command(SAFECHAT_API_TOKEN="not-a-real-token-42")
    assert command[-3:] == ["--enable-api", "--auth-token", "***"]
    assert "not-a-real-token-42" not in " ".join(command)
