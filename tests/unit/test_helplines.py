import datetime as dt
import re

import pytest

from safechat import content, helplines
from safechat.categories import CATEGORIES, URGENT

REGIONS = ("gb", "us", "ca", "au", "ie", "nz", "in", "international")
PHONE = re.compile(r"^\+?[0-9][0-9 -]{1,18}[0-9]$")
URL = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(/[^\s]*)?$")
MAX_AGE = dt.timedelta(days=365)


def all_entries():
    for code, region in helplines.directory().items():
        yield f"{code}.emergency", region["emergency"]
        for entry in region["helplines"]:
            yield f"{code}.{entry['id']}", entry


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_has_a_usable_helpline_in_every_region(region, category):
    chosen = helplines.select(region, category)
    assert chosen, f"no helpline for {category} in {region}"
    assert all(h["name"] and (h.get("phone") or h.get("text") or h.get("url")) for h in chosen)


def test_the_directory_covers_the_regions_of_the_contract():
    assert set(REGIONS) <= set(helplines.directory())


@pytest.mark.parametrize("region", [None, "", "zz", "FR", 42, "international"])
def test_missing_or_unknown_region_gets_the_international_fallback(region):
    assert helplines.region_code(region) == "international"
    names = [h["name"] for h in helplines.select(region, "sextortion")]
    assert "Take It Down" in names


def test_region_codes_are_read_case_insensitively():
    assert helplines.region_code(" GB ") == "gb"


@pytest.mark.parametrize("region", REGIONS)
def test_danger_now_shows_the_emergency_number_first(region):
    first = helplines.select(region, "immediate_danger")[0]
    assert first == helplines.emergency(region)


@pytest.mark.parametrize("region", [r for r in REGIONS if r != "international"])
def test_self_harm_shows_a_crisis_line_then_the_emergency_number(region):
    crisis_names = {h["name"] for h in helplines.directory()[region]["helplines"] if h.get("crisis")}
    chosen = helplines.select(region, "self_harm")
    assert chosen[0]["name"] in crisis_names
    assert chosen[1] == helplines.emergency(region)


def test_urgent_categories_are_those_of_the_contract():
    assert URGENT == {"immediate_danger", "self_harm"}


@pytest.mark.parametrize("where,entry", list(all_entries()))
def test_numbers_and_urls_are_well_formed(where, entry):
    if entry.get("phone"):
        assert PHONE.match(entry["phone"]), where
    if entry.get("sms"):
        assert entry["sms"].isdigit(), where
    if entry.get("url"):
        assert URL.match(entry["url"]), where


@pytest.mark.parametrize("where,entry", list(all_entries()))
def test_every_entry_was_checked_in_the_last_12_months(where, entry):
    age = dt.date.today() - entry["checked"]
    assert age <= MAX_AGE, f"{where} was last checked {entry['checked']}: re-check it against its official site"


def test_a_broken_entry_is_refused_at_load(monkeypatch):
    broken = {"regions": {"international": {
        "emergency": {"name": "Emergency", "text": "Call", "checked": dt.date.today()},
        "helplines": [{"id": "x", "name": "No contact", "categories": "all",
                       "checked": dt.date.today()}]}}}
    monkeypatch.setattr(content, "load", lambda name: broken)
    helplines.directory.cache_clear()
    try:
        with pytest.raises(content.ContentError, match="needs a name and one of"):
            helplines.directory()
    finally:
        helplines.directory.cache_clear()


def test_an_unknown_category_is_an_error():
    with pytest.raises(ValueError):
        helplines.select("gb", "homework")
