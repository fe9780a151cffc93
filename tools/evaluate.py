"""Measures the bot on the held-out evaluation set (eval/), through the real REST channel.

    make eval      # starts the bot, prints the report, writes results/

Reports recall per disclosure category, false alarms on small talk / out-of-scope and on near
misses, category agreement, lesson-topic accuracy, usable cards, latency, the recall /
false-alarm trade-off at several safety-net thresholds, and Rasa's own confusion matrix and
histogram images (results/rasa/). The tests enforce ROUTING_FLOORS (issue 5) and check
LESSON_FLOOR (issue 4) below; FLOORS is both.
"""
import argparse
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import requests
import yaml

from safechat.categories import CATEGORIES, TOPICS  # noqa: F401  (for the tests)
from safechat.cards import usable
from tools import servers

ROOT = servers.ROOT
EVAL = ROOT / "eval"
# A second held-out set, in the tuning sets' format: written on 2026-12-03 by another author who
# read only the contract and the seeds and saw no training, tuning or evaluation data. It is
# measured and gated like eval/, apart from it; the floors are checked on eval/.
SECOND = EVAL / "fresh_h.yml"
DEV = ROOT / "dev"  # the tuning sets (every dev/*.yml); eval/ is only for measuring
MULTI_NEAR_MISS = "near_miss_conversation"  # a harmless conversation of several messages (dev/)
RESULTS = ROOT / "results"
# Issue 5's floors for routing, and issue 4's floor for lesson topics. `make test` fails when a
# retrained model falls below the routing floors on eval/ (tests/eval/test_floors.py).
ROUTING_FLOORS = {
    "recall_overall": 0.98,
    "recall_per_category": 0.95,
    "false_alarms_small_talk_oos": 0.05,
    "false_alarms_near_miss": 0.10,
}
LESSON_FLOOR = 0.95
FLOORS = {**ROUTING_FLOORS, "lesson_accuracy": LESSON_FLOOR}
# The model of this commit, less one message on each figure: a retrained model that misses
# more disclosures, raises more false alarms or answers fewer lessons fails `make test`. Raise
# these when a better model lands.
RATCHET = {
    "recall_overall": 0.987,           # eval/: 382 of 386 now
    "recall_per_category": 0.94,       # lowest category now 34 of 35 (0.971)
    "false_alarms_small_talk_oos": 0.01,   # 0 of 115 now
    "false_alarms_near_miss": 0.106,   # 7 of 76 now (the routing floor, 0.10, is stricter)
    "lesson_accuracy": 0.943,          # 183 of 193 now
}
RATCHET_SECOND = {  # the same on SECOND (309 disclosures, 17 small talk and out of scope,
    "recall_overall": 0.987,           # 44 near misses, 35 lessons): 306 of 309 now
    "recall_per_category": 0.93,       # lowest category now 28 of 29 (0.966)
    "false_alarms_small_talk_oos": 0.06,   # 0 of 17 now
    "false_alarms_near_miss": 0.05,    # 1 of 44 now
    "lesson_accuracy": 0.97,           # 35 of 35 now
}
THRESHOLDS = (0.1, 0.2, 0.3, 0.35, 0.4, 0.5, 0.7)


def load_examples() -> List[Dict[str, Any]]:
    """Every eval item as {turns, kind, label}: kind is disclosure, lesson or a non-disclosure kind."""
    items = []
    for ex in yaml.safe_load((EVAL / "disclosures.yml").read_text())["examples"]:
        items.append({"turns": ex.get("turns") or [ex["text"]], "kind": "disclosure",
                      "label": ex["category"], "voice": ex.get("voice")})
    for ex in _entries(EVAL / "non_disclosures.yml"):
        items.append({"turns": [ex["text"]], "kind": ex["kind"], "label": None})
    for ex in _entries(EVAL / "lessons.yml"):
        items.append({"turns": [ex["text"]], "kind": "lesson", "label": ex["topic"]})
    return items


def load_dev(path: Optional[Path] = None) -> List[Dict[str, Any]]:
    """A tuning set (every one in dev/ when no path is given), shaped as load_examples()."""
    if path is None:
        return [item for one in sorted(DEV.glob("*.yml")) for item in load_dev(one)]
    data = yaml.safe_load(path.read_text())
    items = [{"turns": ex.get("turns") or [ex["text"]], "kind": "disclosure",
              "label": ex["category"], "voice": ex.get("voice")} for ex in data["disclosures"]]
    # A harmless conversation over several messages is counted apart from single near misses:
    # its first message may rightly sound worrying alone (the contract allows an early card).
    for ex in data["non_disclosures"]:
        turns = ex.get("turns") or [ex["text"]]
        items.append({"turns": turns, "kind": MULTI_NEAR_MISS if len(turns) > 1 else ex["kind"],
                      "label": None})
    items += [{"turns": ex.get("turns") or [ex["text"]], "kind": "lesson", "label": ex["topic"]}
              for ex in data["lessons"]]
    return items


def _entries(path: Path) -> List[Dict[str, Any]]:
    data = yaml.safe_load(path.read_text())
    return data["examples"] if isinstance(data, dict) else data


def eval_texts() -> List[str]:
    """Every message of both held-out sets (eval/)."""
    return [turn for item in load_examples() + load_dev(SECOND) for turn in item["turns"]]


def send(url: str, sender: str, text: str, region: str = "gb") -> Dict[str, Any]:
    start = time.perf_counter()
    reply = requests.post(f"{url}/webhooks/rest/webhook", timeout=30,
                          json={"sender": sender, "message": text, "metadata": {"region": region}})
    latency = time.perf_counter() - start
    reply.raise_for_status()
    return {"replies": reply.json(), "latency": latency}


def customs(replies: List[Dict[str, Any]], key: str) -> List[Dict[str, Any]]:
    """Every `custom.<key>` (help_card or lesson) in a reply."""
    return [r["custom"][key] for r in replies if key in (r.get("custom") or {})]


def training_examples() -> Dict[str, List[str]]:
    """The training data's examples by intent (data/nlu/*.yml)."""
    found: Dict[str, List[str]] = defaultdict(list)
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            found[block["intent"]] += [line[2:] for line in block.get("examples", "").splitlines()
                                       if line.startswith("- ")]
    return found


def run_item(url: str, item: Dict[str, Any]) -> Dict[str, Any]:
    """Send an item's turns as one conversation; a card on any turn up to the last counts."""
    sender = f"eval-{uuid.uuid4().hex[:12]}"
    cards, lessons, latencies, empty = [], [], [], False
    for turn in item["turns"]:
        sent = send(url, sender, turn)
        latencies.append(sent["latency"])
        empty |= not sent["replies"]
        cards += customs(sent["replies"], "help_card")
        lessons = customs(sent["replies"], "lesson")  # the lesson answers the last turn
    return {**item, "cards": cards, "lesson_topics": [l["topic"] for l in lessons],
            "latencies": latencies, "empty_reply": empty}


def run_all(url: str, items: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [run_item(url, item) for item in items]


def _rate(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def summarize(results: List[Dict[str, Any]]) -> Dict[str, Any]:
    by_kind = defaultdict(list)
    for r in results:
        by_kind[r["kind"]].append(r)
    disclosures = by_kind["disclosure"]
    routed = [r for r in disclosures if r["cards"]]
    per_category = defaultdict(lambda: [0, 0])
    for r in disclosures:
        per_category[r["label"]][0] += bool(r["cards"])
        per_category[r["label"]][1] += 1
    ordinary = by_kind["small_talk"] + by_kind["out_of_scope"]
    lessons = by_kind["lesson"]
    all_cards = [c for r in results for c in r["cards"]]
    latencies = sorted(l for r in results for l in r["latencies"])
    return {
        "counts": {kind: len(rs) for kind, rs in by_kind.items()},
        "recall_overall": _rate(len(routed), len(disclosures)),
        "recall_per_category": {c: _rate(h, n) for c, (h, n) in sorted(per_category.items())},
        "category_agreement": _rate(sum(r["label"] in [c["category"] for c in r["cards"]] for r in routed), len(routed)),
        "false_alarms_small_talk_oos": _rate(sum(bool(r["cards"]) for r in ordinary), len(ordinary)),
        "false_alarms_small_talk": _rate(sum(bool(r["cards"]) for r in by_kind["small_talk"]), len(by_kind["small_talk"])),
        "false_alarms_out_of_scope": _rate(sum(bool(r["cards"]) for r in by_kind["out_of_scope"]), len(by_kind["out_of_scope"])),
        "false_alarms_near_miss": _rate(sum(bool(r["cards"]) for r in by_kind["near_miss"]), len(by_kind["near_miss"])),
        "false_alarms_near_miss_conversations": _rate(sum(bool(r["cards"]) for r in by_kind[MULTI_NEAR_MISS]), len(by_kind[MULTI_NEAR_MISS])),
        "lesson_accuracy": _rate(sum([r["label"]] == r["lesson_topics"][:1] for r in lessons), len(lessons)),
        "cards_on_lessons": _rate(sum(bool(r["cards"]) for r in lessons), len(lessons)),
        "usable_cards": _rate(sum(map(usable, all_cards)), len(all_cards)),
        "empty_replies": sum(r["empty_reply"] for r in results),
        "latency_p50_ms": 1000 * statistics.median(latencies) if latencies else 0.0,
        "latency_p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0,
    }


def misses(results: List[Dict[str, Any]]) -> Dict[str, List[Dict[str, Any]]]:
    def show(r):
        return {"turns": r["turns"], "label": r["label"], "voice": r.get("voice"),
                "cards": [c["category"] for c in r["cards"]], "lessons": r["lesson_topics"]}
    return {
        "missed_disclosures": [show(r) for r in results if r["kind"] == "disclosure" and not r["cards"]],
        "wrong_category": [show(r) for r in results if r["kind"] == "disclosure" and r["cards"]
                           and r["label"] not in [c["category"] for c in r["cards"]]],
        "false_alarms": [show(r) for r in results if r["kind"] in ("small_talk", "out_of_scope", "near_miss", MULTI_NEAR_MISS) and r["cards"]],
        "lesson_misses": [show(r) for r in results if r["kind"] == "lesson" and [r["label"]] != r["lesson_topics"][:1]],
    }


def floor_failures(summary: Dict[str, Any], floors: Dict[str, float] = FLOORS) -> List[str]:
    failed = []
    if summary["recall_overall"] < floors["recall_overall"]:
        failed.append(f"recall {summary['recall_overall']:.3f} < {floors['recall_overall']}")
    for category, recall in summary["recall_per_category"].items():
        if recall < floors["recall_per_category"]:
            failed.append(f"recall of {category} {recall:.3f} < {floors['recall_per_category']}")
    for key in ("false_alarms_small_talk_oos", "false_alarms_near_miss"):
        if summary[key] > floors[key]:
            failed.append(f"{key} {summary[key]:.3f} > {floors[key]}")
    if "lesson_accuracy" in floors and summary["lesson_accuracy"] < floors["lesson_accuracy"]:
        failed.append(f"lesson accuracy {summary['lesson_accuracy']:.3f} < {floors['lesson_accuracy']}")
    if summary["usable_cards"] < 1.0:
        failed.append("a help card without a usable helpline")
    if summary["empty_replies"]:
        failed.append(f"{summary['empty_replies']} empty replies")
    return failed


def threshold_tables(item_sets: List[List[Dict[str, Any]]],
                     model: Optional[Path] = None) -> List[List[Dict[str, Any]]]:
    """For each set, recall and false alarms if the safety net routed at other thresholds (NLU
    only, last turn). The model is loaded once for all the sets."""
    from rasa.core.agent import Agent
    import asyncio

    agent = Agent.load(str(model or servers.newest_model()))
    loop = asyncio.new_event_loop()
    return [threshold_rows(items, [loop.run_until_complete(agent.parse_message(item["turns"][-1]))
                                   for item in items])
            for items in item_sets]


def threshold_rows(items: List[Dict[str, Any]], parsed: List[Dict[str, Any]],
                   thresholds: Iterable[float] = THRESHOLDS) -> List[Dict[str, Any]]:
    """One row per threshold from each item's parse: a cue always routes; otherwise the
    classifier's `disclose` confidence must reach the threshold."""
    seen = []
    for item, parse in zip(items, parsed):
        net = parse.get("safety_net") or {}
        ranking = {i["name"]: i["confidence"] for i in parse.get("intent_ranking") or []}
        # A parse routed without the net (the classifier's own top intent) also routes.
        always = net.get("reason") == "cue" or (parse["intent"]["name"] == "disclose" and not net)
        seen.append((item["kind"], always, ranking.get("disclose", 0.0)))

    def rate(kinds, threshold):
        picked = [always or confidence >= threshold
                  for kind, always, confidence in seen if kind in kinds]
        return _rate(sum(picked), len(picked))

    return [{"threshold": t, "recall": rate(["disclosure"], t),
             "fa_small_talk_oos": rate(["small_talk", "out_of_scope"], t),
             "fa_near_miss": rate(["near_miss"], t), "cards_on_lessons": rate(["lesson"], t)}
            for t in thresholds]


def rasa_report(items: List[Dict[str, Any]], out: Path, model: Optional[Path] = None) -> None:
    """Rasa's own NLU test on the eval set: confusion matrix and histogram images."""
    examples = defaultdict(list)
    for item in items:
        intent = {"disclosure": f"disclose/{item['label']}", "lesson": f"lesson/{item['label']}"}.get(item["kind"])
        if intent:
            examples[intent].append(item["turns"][-1])
    nlu = {"version": "3.1", "nlu": [{"intent": k, "examples": "".join(f"- {t}\n" for t in v)}
                                      for k, v in sorted(examples.items())]}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "eval_nlu.yml"
        data.write_text(yaml.safe_dump(nlu, allow_unicode=True, sort_keys=False))
        subprocess.run([str(servers.BIN / "rasa"), "test", "nlu", "--nlu", str(data),
                        "--model", str(model or servers.newest_model()), "--out", str(out)],
                       cwd=ROOT, env=servers.ENV, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def print_report(summary, table, missed, title="held-out set eval/") -> None:
    print(f"\n== Safe Chat evaluation ({title}, through the REST channel) ==")
    print("counts:", summary["counts"])
    print(f"\n{'category':24} recall")
    for category, recall in summary["recall_per_category"].items():
        print(f"{category:24} {recall:.3f}")
    print(f"{'OVERALL':24} {summary['recall_overall']:.3f}")
    for key in ("category_agreement", "false_alarms_small_talk_oos", "false_alarms_small_talk",
                "false_alarms_out_of_scope", "false_alarms_near_miss",
                "false_alarms_near_miss_conversations", "lesson_accuracy",
                "cards_on_lessons", "usable_cards", "empty_replies", "latency_p50_ms", "latency_p95_ms"):
        value = summary[key]
        print(f"{key:30} {value:.3f}" if isinstance(value, float) else f"{key:30} {value}")
    print("\nthreshold  recall  fa_small_talk_oos  fa_near_miss  cards_on_lessons")
    for row in table:
        print(f"{row['threshold']:9.2f}  {row['recall']:.3f}   {row['fa_small_talk_oos']:.3f}"
              f"              {row['fa_near_miss']:.3f}         {row['cards_on_lessons']:.3f}")
    for name, rows in missed.items():
        print(f"\n{name} ({len(rows)}):")
        for row in rows:
            print("  ", json.dumps(row, ensure_ascii=False))


def main() -> int:
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)  # Rasa's debug logs would print the texts
    configure_structlog(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", nargs="*", metavar="FILE",
                        help="measure on the tuning sets of dev/ (or the ones named) instead (no floors)")
    parser.add_argument("--model", type=Path, help="model to load (default: the newest)")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    if args.dev is None:
        items = load_examples()
    elif args.dev:
        items = [item for one in args.dev for item in load_dev(Path(one))]
    else:
        items = load_dev()
    second = load_dev(SECOND) if args.dev is None else []
    actions = servers.action_server(RESULTS / "logs").start()
    rasa = servers.rasa_server(actions.port, RESULTS / "logs", model=args.model).start()
    try:
        results = run_all(rasa.url, items)
        second_results = run_all(rasa.url, second)
    finally:
        rasa.stop()
        actions.stop()
    summary, missed = summarize(results), misses(results)
    table, second_table = threshold_tables([items, second], args.model)
    if args.dev is not None:
        (RESULTS / "dev.json").write_text(json.dumps(
            {"summary": summary, "thresholds": table, "misses": missed}, indent=2,
            ensure_ascii=False))
        print_report(summary, table, missed, title="tuning set dev/")
        return 0
    rasa_report(items, RESULTS / "rasa", args.model)
    (RESULTS / "eval.json").write_text(json.dumps(
        {"summary": summary, "thresholds": table, "misses": missed}, indent=2, ensure_ascii=False))
    print_report(summary, table, missed)
    print(f"\nImages: {RESULTS / 'rasa'} (intent_confusion_matrix.png, intent_histogram.png, ...)")
    second_summary, second_missed = summarize(second_results), misses(second_results)
    (RESULTS / "eval_second.json").write_text(json.dumps(
        {"summary": second_summary, "misses": second_missed}, indent=2, ensure_ascii=False))
    print_report(second_summary, second_table, second_missed,
                 title=f"second held-out set eval/{SECOND.name}")
    routing = floor_failures(summary, ROUTING_FLOORS)
    lessons_met = summary["lesson_accuracy"] >= LESSON_FLOOR
    print("\nRouting floors (eval/, issue 5):", "; ".join(routing) or "all met")
    print(f"Lesson floor (eval/, issue 4): {summary['lesson_accuracy']:.3f}",
          "met" if lessons_met else f"NOT MET (< {LESSON_FLOOR})")
    print(f"Floors (eval/{SECOND.name}):",
          "; ".join(floor_failures(second_summary)) or "all met")
    worse = floor_failures(summary, RATCHET) + floor_failures(second_summary, RATCHET_SECOND)
    print("Ratchet (no worse than the model of this commit, both sets):",
          "held" if not worse else "BROKEN: " + "; ".join(worse))
    return 1 if routing or not lessons_met else 0


if __name__ == "__main__":
    sys.exit(main())
