"""An edit to the safety net's cue file takes effect at the next start, with no retraining."""
import requests
import yaml

from tests.support import custom
from tools import servers
from tools.servers import ROOT


def test_a_new_cue_routes_after_a_restart_with_the_same_model(actions, tmp_path):
    cues = yaml.safe_load((ROOT / "content" / "patterns" / "safety_net.yml").read_text())
    cues["cues"].setdefault("other_worry", []).append("purple ... giraffe ... protocol")
    edited = tmp_path / "safety_net.yml"
    edited.write_text(yaml.safe_dump(cues))
    model_before = servers.newest_model()
    server = servers.rasa_server(actions.port, ROOT / "test-artifacts",
                                 env={"SAFECHAT_SAFETY_NET": str(edited)}).start()
    try:
        reply = requests.post(f"{server.url}/webhooks/rest/webhook", timeout=30, json={
            "sender": "cue-edit", "message": "the purple giraffe protocol is happening"})
        assert [c["category"] for c in custom(reply.json(), "help_card")] == ["other_worry"]
    finally:
        server.stop()
    assert servers.newest_model() == model_before  # nothing was retrained
