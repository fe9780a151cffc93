"""The widget's server side: its configuration, headers and the built-in help cards."""
import re

import pytest
import yaml

from safechat import cards, channel, content, helplines, retention, widget
from tests.accessibility import AA_NON_TEXT, AA_TEXT, contrast
from tests.support import usable

CSS = (widget.STATIC_DIR / "chat.css").read_text(encoding="utf-8")
PALETTE = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3,6});", CSS))


def test_contrast_of_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# Every text colour of chat.css on the backgrounds it is used on, and the focus ring.
TEXT_PAIRS = [
    ("ink", "page"), ("muted", "page"), ("brand", "page"), ("link", "page"),
    ("ink", "bot-bubble"), ("me-ink", "me-bubble"), ("help-ink", "help"),
    ("exit-ink", "exit"), ("urgent", "urgent-bg"), ("ink", "urgent-bg"), ("muted", "urgent-bg"),
    ("ink", "lesson-bg"), ("link", "urgent-bg"),
]
NON_TEXT_PAIRS = [("focus", "page"), ("focus", "focus-halo"), ("line", "page"), ("urgent", "page")]


@pytest.mark.parametrize("foreground,background", TEXT_PAIRS)
def test_text_colours_meet_wcag_aa(foreground, background):
    ratio = contrast(PALETTE[foreground], PALETTE[background])
    assert ratio >= AA_TEXT, f"{foreground} on {background}: {ratio:.2f}"


@pytest.mark.parametrize("foreground,background", NON_TEXT_PAIRS)
def test_focus_ring_and_borders_meet_wcag_aa(foreground, background):
    assert contrast(PALETTE[foreground], PALETTE[background]) >= AA_NON_TEXT


def test_the_built_in_card_of_every_region_is_usable_and_ends_with_the_emergency_number():
    config = widget.client_config()
    assert set(config["regions"]) == set(helplines.directory())
    for code, place in config["regions"].items():
        card = place["card"]
        assert usable(card), code
        assert card["helplines"][:-1] == cards.help_card("other_worry", code)["helplines"]
        assert card["helplines"][-1] == helplines.emergency(code)
        assert card["trusted_adult"] == cards.DEFAULT_TRUSTED_ADULT


def test_help_text_names_the_regions_emergency_number():
    gb = widget.client_config()["regions"]["gb"]["help_text"]
    assert helplines.emergency("gb")["phone"] in gb and "{" not in gb


def test_intro_and_trouble_text_are_the_bots_own_words():
    domain = yaml.safe_load(widget.DOMAIN_FILE.read_text(encoding="utf-8"))
    config = widget.client_config()
    greet = domain["responses"]["utter_greet"][0]
    assert config["intro"]["text"] == greet["text"].replace("{kept_days}", str(retention.days()))
    assert "{" not in config["intro"]["text"]
    assert config["intro"]["buttons"] == greet["buttons"]
    assert config["trouble_text"] == channel.say("trouble")


def test_config_script_is_one_assignment_of_json():
    script = widget.config_script()
    assert script.startswith("window.SafeChatConfig = {") and script.rstrip().endswith("};")
    assert "<" not in script  # ensure_ascii keeps it plain; no markup travels in it


def test_privacy_note_and_quick_exit_come_from_the_settings_file(monkeypatch):
    monkeypatch.setenv("SAFECHAT_RETENTION_DAYS", "3")
    widget.client_config.cache_clear()  # made once per server; this test changes the setting
    try:
        config, settings = widget.client_config(), content.load("widget")
    finally:
        widget.client_config.cache_clear()
    assert config["privacy_note"] == " ".join(settings["privacy_note"].format(kept_days=3).split())
    assert "3 days" in config["privacy_note"]
    assert config["quick_exit_url"] == settings["quick_exit_url"].strip()
    assert config["quick_exit_url"].startswith("https://")


def test_frame_ancestors_from_the_environment(monkeypatch):
    monkeypatch.setenv(widget.FRAME_ANCESTORS_ENV, "https://hill.example http://127.0.0.1:5080")
    assert widget.frame_ancestors() == ["https://hill.example", "http://127.0.0.1:5080"]
    policy = widget.security_headers()["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://hill.example http://127.0.0.1:5080" in policy
    assert "connect-src 'self'" in policy and "script-src 'self'" in policy


def test_without_configuration_only_the_bots_own_origin_may_frame_it(monkeypatch):
    monkeypatch.delenv(widget.FRAME_ANCESTORS_ENV, raising=False)
    assert widget.frame_ancestors() == content.load("widget")["frame_ancestors"] == []
    assert widget.security_headers()["Content-Security-Policy"].endswith("frame-ancestors 'self'")


@pytest.mark.parametrize("bad", ["*", "https://hill.example/page", "hill.example",
                                 "javascript:alert(1)", "https://a.example; script-src *"])
def test_a_bad_frame_ancestor_stops_the_server_at_start(monkeypatch, bad):
    monkeypatch.setenv(widget.FRAME_ANCESTORS_ENV, bad)
    with pytest.raises(content.ContentError):
        widget.security_headers()
