"""Helpers the test suites share: reading replies (servers are in tools/servers.py)."""
from typing import Any, Dict, List

from tools.servers import ROOT  # noqa: F401  (the repo root, for tests that read files)


def custom(replies: List[Dict[str, Any]], key: str) -> List[Dict[str, Any]]:
    """Every `custom.<key>` in a reply (help_card or lesson)."""
    return [r["custom"][key] for r in replies if key in (r.get("custom") or {})]


def usable(card: Dict[str, Any]) -> bool:
    """The contract's test of a help card a child can act on."""
    return bool(card["helplines"]) and any(
        h.get("name") and any(h.get(f) for f in ("phone", "text", "url"))
        for h in card["helplines"])
