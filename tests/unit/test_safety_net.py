"""The safety net on its own: cue phrases over lemmas, and routing when the classifier is unsure."""
import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from safechat.nlu.safety_net import SafetyNet
from tools.servers import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "data" / "safety_net_cases.yml").read_text())


@pytest.fixture(scope="module")
def net():
    return SafetyNet(SafetyNet.get_default_config())


@pytest.mark.parametrize("case", CASES["route"], ids=lambda c: c["text"][:40])
def test_cues_route_to_their_category(net, case):
    assert net.cue_category(case["text"]) == case["category"]


@pytest.mark.parametrize("text", CASES["no_route"])
def test_near_misses_and_lesson_questions_match_no_cue(net, text):
    assert net.cue_category(text) is None


def message(text, ranking, category="bullying"):
    top = max(ranking, key=ranking.get)
    msg = Message({"text": text})
    msg.set("intent", {"name": top, "confidence": ranking[top]}, add_to_output=True)
    msg.set("intent_ranking", [{"name": k, "confidence": v} for k, v in ranking.items()])
    msg.set("response_selector", {"disclose": {"response": {
        "intent_response_key": f"disclose/{category}", "utter_action": f"utter_disclose/{category}"}}})
    return msg


def test_unsure_between_a_disclosure_and_something_else_routes(net):
    msg = message("they wont leave me alone", {"mood": 0.55, "disclose": net.threshold + 0.01})
    net.route(msg)
    assert msg.get("intent")["name"] == "disclose"
    assert msg.get("response_selector")["disclose"]["response"]["utter_action"] == "utter_disclose/bullying"
    assert msg.get("safety_net") == {"category": "bullying", "reason": "classifier"}


def test_a_clear_non_disclosure_is_left_alone(net):
    msg = message("what is a noun", {"out_of_scope": 0.9, "disclose": net.threshold / 2})
    net.route(msg)
    assert msg.get("intent")["name"] == "out_of_scope" and msg.get("safety_net") is None


def test_a_cue_overrides_the_classifier_and_its_category(net):
    msg = message("i want to kill myself", {"out_of_scope": 0.95, "disclose": 0.01}, category="bullying")
    net.route(msg)
    assert msg.get("intent")["name"] == "disclose"
    assert msg.get("response_selector")["disclose"]["response"]["intent_response_key"] == "disclose/self_harm"
    assert msg.get("safety_net")["reason"] == "cue"


def test_an_exact_spelling_cue_does_not_match_its_lemma():
    from safechat.nlu import patterns

    nlp = patterns.load_pipeline()
    matcher = patterns.build_matcher(nlp, {"self_harm": ["want ... to ... die|=kms"]})
    assert matcher(nlp("i want to kms")) and matcher(nlp("i want to die"))
    assert not matcher(nlp("i want to km"))  # the lemma of "kms" is "km"


def test_a_harmless_phrase_cancels_the_cue_it_covers(net):
    assert net.cue_category("i almost killed myself laughing") is None


def test_an_unknown_category_in_the_cue_file_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "cues.yml"
    bad.write_text("cues:\n  homework:\n    - maths\n")
    monkeypatch.setenv("SAFECHAT_SAFETY_NET", str(bad))
    with pytest.raises(ValueError, match="unknown categories"):
        SafetyNet(SafetyNet.get_default_config())
