"""The measuring script's own arithmetic: what counts as a hit, a false alarm, a route."""
from tools import evaluate


def test_a_tuning_set_counts_harmless_conversations_apart(tmp_path):
    path = tmp_path / "tuning.yml"
    path.write_text(
        "version: 1\n"
        "disclosures:\n"
        "  - {text: a man keeps asking me for pics, category: sexual_images_request}\n"
        "  - {turns: [theres this guy, he wants pics], category: sexual_images_request}\n"
        "non_disclosures:\n"
        "  - {text: send me a pic of a cat, kind: near_miss}\n"
        "  - {turns: [someones at the door, oh its the pizza], kind: near_miss}\n"
        "  - {text: hi, kind: small_talk}\n"
        "  - {turns: [what is 7 times 8], kind: out_of_scope}\n"
        "lessons:\n"
        "  - {text: what is grooming, topic: what_is_grooming}\n")
    items = evaluate.load_dev(path)
    assert [i["kind"] for i in items] == ["disclosure", "disclosure", "near_miss",
                                          evaluate.MULTI_NEAR_MISS, "small_talk", "out_of_scope",
                                          "lesson"]
    assert items[1]["turns"] == ["theres this guy", "he wants pics"]
    # A one-message item written with `turns` keeps its kind.
    cards = [[{"category": "sexual_images_request"}], [], [], [{"category": "immediate_danger"}],
             [], [], []]
    results = [{**item, "cards": c, "latencies": [0.01], "empty_reply": False,
                "lesson_topics": ["what_is_grooming"] if item["kind"] == "lesson" else []}
               for item, c in zip(items, cards)]
    summary = evaluate.summarize(results)
    assert summary["recall_overall"] == 0.5
    assert summary["false_alarms_near_miss"] == 0.0
    assert summary["false_alarms_near_miss_conversations"] == 1.0
    assert summary["lesson_accuracy"] == 1.0


def test_threshold_rows_route_on_cues_always_and_on_confidence_from_the_threshold_up():
    items = [{"kind": "disclosure"}, {"kind": "disclosure"}, {"kind": "near_miss"},
             {"kind": "lesson"}]

    def parse(disclose, top="lesson", net=None):
        return {"intent": {"name": top}, "safety_net": net,
                "intent_ranking": [{"name": "disclose", "confidence": disclose}]}

    parsed = [parse(0.05, "disclose", {"reason": "cue"}), parse(0.45), parse(0.25),
              parse(0.0, "disclose")]
    rows = evaluate.threshold_rows(items, parsed, thresholds=(0.2, 0.3, 0.5))
    assert [r["recall"] for r in rows] == [1.0, 1.0, 0.5]
    assert [r["fa_near_miss"] for r in rows] == [1.0, 0.0, 0.0]
    assert [r["cards_on_lessons"] for r in rows] == [1.0, 1.0, 1.0]
