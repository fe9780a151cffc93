import pytest

from safechat import cards

CARD_KEYS = {"category", "urgent", "helplines", "trusted_adult"}


def test_a_card_has_the_fields_of_the_contract():
    card = cards.help_card("sextortion", "gb")
    assert set(card) == CARD_KEYS
    assert card["category"] == "sextortion" and card["urgent"] is False
    assert "Childline" in [h["name"] for h in card["helplines"]]
    assert all(set(h) <= set(cards.helplines.CARD_FIELDS) for h in card["helplines"])


@pytest.mark.parametrize("category", ["immediate_danger", "self_harm"])
def test_urgent_cards(category):
    assert cards.help_card(category, "us")["urgent"] is True


def test_the_schools_trusted_adult_is_shown():
    card = cards.help_card("bullying", "gb", "Ms Patel, room 4")
    assert card["trusted_adult"] == "Ms Patel, room 4"


@pytest.mark.parametrize("school_text", [None, "", "   ", 7, {"a": 1}, "\x00\x07"])
def test_no_usable_trusted_adult_text_gives_the_default(school_text):
    assert cards.trusted_adult_text(school_text) == cards.DEFAULT_TRUSTED_ADULT


def test_trusted_adult_text_is_cleaned_and_capped():
    text = cards.trusted_adult_text("Mr\nSmith\t" + "x" * 500)
    assert text.startswith("Mr Smith x") and len(text) == cards.MAX_TRUSTED_ADULT


@pytest.mark.parametrize("helplines,expected", [
    ([{"name": "Childline", "phone": "0800 1111"}], True),
    ([{"name": "Shout", "text": "Text SHOUT to 85258"}], True),
    ([{"name": "Take It Down", "url": "https://takeitdown.ncmec.org"}], True),
    ([{"name": "No way to reach it", "hours": "24/7"}], False),
    ([{"phone": "999"}], False),
    ([], False),
])
def test_a_card_is_usable_only_with_a_named_way_to_reach_help(helplines, expected):
    assert cards.usable({"helplines": helplines}) is expected
