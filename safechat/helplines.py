"""Chooses the helplines a help card shows, by region and category.

The directory is data (`content/helplines.yml`); this module validates it once and picks
entries from it. It does not format cards (see cards.py).
"""
import datetime as dt
from functools import lru_cache
from typing import Any, Dict, List, Optional

from safechat import content
from safechat.categories import CATEGORIES

FALLBACK_REGION = "international"
# What a card carries of an entry; the rest (sources, checked, ages, ...) stays in the directory.
CARD_FIELDS = ("name", "phone", "text", "sms", "sms_body", "url", "hours")
CONTACT_FIELDS = ("phone", "text", "url")
MAX_PER_CARD = 4


def _check_entry(where: str, entry: Dict[str, Any]) -> None:
    if not entry.get("name") or not any(entry.get(f) for f in CONTACT_FIELDS):
        raise content.ContentError(f"{where}: needs a name and one of {CONTACT_FIELDS}")
    if not isinstance(entry.get("checked"), dt.date):
        raise content.ContentError(f"{where}: needs a `checked` date (YYYY-MM-DD)")


def _categories(where: str, entry: Dict[str, Any]) -> frozenset:
    wanted = entry.get("categories")
    if wanted == "all":
        return frozenset(CATEGORIES)
    unknown = set(wanted or ()) - set(CATEGORIES)
    if not wanted or unknown:
        raise content.ContentError(f"{where}: bad categories {sorted(unknown) or wanted}")
    return frozenset(wanted)


@lru_cache(maxsize=None)
def directory() -> Dict[str, Dict[str, Any]]:
    """The validated directory: region -> {name, emergency, helplines}."""
    regions = content.load("helplines").get("regions") or {}
    if FALLBACK_REGION not in regions:
        raise content.ContentError(f"helplines: the '{FALLBACK_REGION}' region is required")
    checked = {}
    for code, region in regions.items():
        _check_entry(f"{code}.emergency", region.get("emergency") or {})
        helplines = []
        for entry in region.get("helplines") or ():
            where = f"{code}.{entry.get('id')}"
            _check_entry(where, entry)
            helplines.append({**entry, "categories": _categories(where, entry)})
        checked[code] = {**region, "helplines": helplines}
    return checked


def region_code(region: Optional[str]) -> str:
    """The directory's region for an ISO code from the request; unknown means fallback."""
    code = region.strip().lower() if isinstance(region, str) else ""
    return code if code in directory() and code != FALLBACK_REGION else FALLBACK_REGION


def _card_entry(entry: Dict[str, Any]) -> Dict[str, str]:
    return {field: str(entry[field]) for field in CARD_FIELDS if entry.get(field)}


def emergency(region: Optional[str]) -> Dict[str, str]:
    return _card_entry(directory()[region_code(region)]["emergency"])


def select(region: Optional[str], category: str) -> List[Dict[str, str]]:
    """Helplines for a card: danger now puts the emergency number first; self-harm puts
    the first crisis line first, then the emergency number."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category: {category}")
    place = directory()[region_code(region)]
    serving = [h for h in place["helplines"] if category in h["categories"]]
    if category == "immediate_danger":
        ordered = [place["emergency"], *serving]
    elif category == "self_harm":
        crisis = next((h for h in serving if h.get("crisis")), None)
        rest = [h for h in serving if h is not crisis]
        ordered = [h for h in (crisis, place["emergency"]) if h] + rest
    else:
        ordered = serving
    return [_card_entry(h) for h in ordered[:MAX_PER_CARD]]
