import os
import subprocess
import sys

import pytest

from safechat import action_timeout, retention
from tools.servers import ROOT


def test_make_purge_opens_the_configured_store_and_reports(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SAFECHAT_DB_NAME": str(tmp_path / "c.db")}
    result = subprocess.run([sys.executable, "-m", "safechat.retention"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Deleted 0 conversations older than 7 days." in result.stdout
    assert (tmp_path / "c.db").exists()


@pytest.mark.parametrize("value,days", [("", 7), ("30", 30)])
def test_retention_days_come_from_the_environment(monkeypatch, value, days):
    monkeypatch.setenv("SAFECHAT_RETENTION_DAYS", value)
    assert retention.days() == days


def test_a_retention_under_a_day_is_refused(monkeypatch):
    monkeypatch.setenv("SAFECHAT_RETENTION_DAYS", "0")
    with pytest.raises(ValueError):
        retention.days()


def test_the_action_timeout_replaces_rasas_five_minutes(monkeypatch):
    import rasa.core.actions.action as action
    import rasa.utils.endpoints as endpoints

    monkeypatch.setattr(action, "DEFAULT_REQUEST_TIMEOUT", 300)
    monkeypatch.setattr(endpoints, "DEFAULT_REQUEST_TIMEOUT", 300)
    monkeypatch.setenv("SAFECHAT_ACTION_TIMEOUT", "2.5")
    assert action_timeout.apply() == 2.5 and action.DEFAULT_REQUEST_TIMEOUT == 2.5
