"""The widget in real Chromium, embedded by the demo school page on its own origin.

Servers: tests/browser/conftest.py. The bot-stopped test stops the bot; the `running` fixture
starts it again for any test after it.
"""
import json
import re
import time
from urllib.parse import quote

from safechat import widget
from tests.accessibility import AA_LARGE_TEXT, AA_TEXT, contrast
from tests.browser.chat import Chat
from tests.browser.conftest import FRAME, LAUNCHER
from tests.conftest import ARTIFACTS
from tests.support import custom

CONFIG = widget.client_config()
XSS = "<img src=x onerror=alert(1)>"


def expected_links(card):
    """What a help card's entries must become: tap-to-call, text with its body, web links."""
    links = set()
    for entry in card["helplines"]:
        if entry.get("phone"):
            links.add("tel:" + re.sub(r"[^0-9+]", "", entry["phone"]))
        if entry.get("sms"):
            body = f"?body={quote(entry['sms_body'])}" if entry.get("sms_body") else ""
            links.add(f"sms:{entry['sms']}{body}")
        if entry.get("url"):
            links.add(entry["url"])
    return links


def test_a_lesson_and_a_disclosure_in_the_embedded_chat(running, browser):
    page = browser()
    chat = Chat.on_school_page(page, running)
    assert chat.view.locator(".note").inner_text() == CONFIG["privacy_note"]
    assert CONFIG["intro"]["text"] in chat.view.locator(".msg-bot").first.inner_text()
    chat.frame.evaluate("""() => { window.typingSeen = false;
        new MutationObserver(() => { if (!document.getElementById('typing').hidden) window.typingSeen = true; })
          .observe(document.getElementById('typing'), {attributes: true}); }""")

    lesson = chat.say("What is grooming?")
    [sent] = custom(lesson["reply"], "lesson")
    card = chat.cards("lesson").first
    card.wait_for()
    assert card.locator("h2").inner_text() == sent["title"]
    assert card.locator("li").all_inner_texts() == sent["points"]
    assert chat.frame.evaluate("window.typingSeen") is True

    disclosure = chat.say("he keeps asking me to send pics")
    assert disclosure["sender"] == lesson["sender"] and re.fullmatch(r"w-[0-9a-f]{32}", lesson["sender"])
    [help_card] = custom(disclosure["reply"], "help_card")
    shown = chat.cards("help").last
    shown.wait_for()
    links = chat.hrefs(shown)
    assert set(links) == expected_links(help_card)
    assert any(link.startswith("tel:") for link in links)
    assert "Ms Patel, room 4" in shown.locator(".trusted-adult").inner_text()
    for entry in help_card["helplines"]:
        assert entry["name"] in shown.inner_text()
    sent_metadata = {"region": "gb", "school": "Hill Primary", "trusted_adult": "Ms Patel, room 4"}
    assert running.kept_events(lesson["sender"]) > 0
    assert chat.frame.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert page.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    kept = running.first_message_metadata(lesson["sender"])
    assert {key: kept.get(key) for key in sent_metadata} == sent_metadata


def test_the_school_page_cannot_read_the_chat(running, browser):
    page = browser()
    chat = Chat.on_school_page(page, running)
    chat.say("hi")
    attempt = page.evaluate("""async (bot) => {
        const frame = document.querySelector('#safechat-widget').shadowRoot.querySelector('iframe');
        const result = {contentDocument: frame.contentDocument === null};
        try { result.read = frame.contentWindow.document.body.innerText; }
        catch (error) { result.error = error.name; }
        try {
          await fetch(bot + '/webhooks/rest/webhook', {method: 'POST',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({sender: 'school-script', message: 'hi'})});
          result.fetch = 'allowed';
        } catch (error) { result.fetch = error.name; }
        return result;
    }""", running.bot.url)
    assert attempt == {"contentDocument": True, "error": "SecurityError", "fetch": "TypeError"}


def test_only_configured_origins_may_frame_the_chat(running, browser):
    from tools import servers

    other = servers.demo_school(running.bot.url, ARTIFACTS).start()  # not in frame-ancestors
    try:
        page = browser()
        page.goto(other.url + "/")
        page.locator(LAUNCHER).click()
        deadline = time.monotonic() + 10
        while not any("frame-ancestors" in line for line in page.console) and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert any("frame-ancestors" in line for line in page.console), page.console
        assert page.frame_locator(FRAME).locator("#log").count() == 0
    finally:
        other.stop()


def test_get_help_now_shows_the_regions_card_without_asking_the_server(running, browser):
    page = browser()
    chat = Chat.on_school_page(page, running)
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "/webhooks/" in request.url else None)
    chat.view.get_by_role("button", name="Get help now").click()
    shown = chat.cards("help").last
    shown.wait_for()
    built_in = CONFIG["regions"]["gb"]
    assert chat.view.locator(".msg-bot").last.inner_text().endswith(built_in["help_text"])
    assert set(chat.hrefs(shown)) == expected_links(built_in["card"])
    assert any(link.startswith("sms:") and "body=" in link for link in chat.hrefs(shown))
    assert "Ms Patel, room 4" in shown.inner_text()
    assert asked == []


def test_a_message_with_markup_is_shown_as_text(running, browser):
    page = browser()
    chat = Chat.on_school_page(page, running)
    chat.say(XSS)
    chat.view.locator(".msg-bot").nth(1).wait_for()
    assert chat.view.locator(".msg-me .msg-text").inner_text() == XSS
    assert chat.view.locator("#log img").count() == 0
    # the school's settings too: a trusted-adult line with markup, opened directly
    page.goto(running.bot.url + "/widget/#region=gb&trusted_adult=" + quote(XSS.replace("1", "2")))
    page.get_by_role("button", name="Get help now").click()
    assert page.locator(".trusted-adult").last.inner_text() == f"You can also talk to {XSS.replace('1', '2')}."
    assert page.locator("img").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []


def test_quick_exit_clears_the_chat_forgets_it_and_leaves(running, browser):
    exit_url = CONFIG["quick_exit_url"]
    page = browser()
    leaving = []
    page.route(lambda url: url.startswith(exit_url), lambda route: leaving.append(route))  # held
    chat = Chat.on_school_page(page, running)
    said = chat.say("he keeps asking me to send pics")
    chat.cards("help").first.wait_for()
    assert running.kept_events(said["sender"]) > 0

    # While the page is being replaced the chat's frame cannot be inspected from here, so the
    # frame reports what it holds the moment the chat is cleared.
    chat.frame.evaluate("""() => { const log = document.getElementById('log');
        new MutationObserver(() => console.log('after quick exit: ' + JSON.stringify({
            shown: log.childElementCount, typed: document.getElementById('message').value,
            stored: localStorage.length + sessionStorage.length}))).observe(log, {childList: true}); }""")
    chat.view.locator("#message").fill("half-typed words")
    chat.view.get_by_role("button", name="Quick exit").focus()
    page.keyboard.press("Enter")  # a real key press (user activation); does not wait for the page
    deadline = time.monotonic() + 10
    while not leaving and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert leaving and leaving[0].request.is_navigation_request()
    assert leaving[0].request.frame == page.main_frame, "the whole page must go, not only the chat"
    assert 'after quick exit: {"shown":0,"typed":"","stored":0}' in page.console
    leaving[0].fulfill(status=200, content_type="text/html", body="<title>Weather</title><h1>Weather</h1>")
    page.wait_for_url(exit_url)
    assert page.locator("h1").inner_text() == "Weather"
    while running.kept_events(said["sender"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert running.kept_events(said["sender"]) == 0, "the server still keeps the conversation"

    page.go_back()  # the school page was replaced in the history, not left behind it
    assert not page.url.startswith(running.school.url)
    again = Chat.on_school_page(page, running)  # coming back starts a new, empty chat
    assert again.view.locator(".msg-me").count() == 0
    assert again.say("hi")["sender"] != said["sender"]


def focus_state(frame):
    return frame.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return {id: e.id, text: (e.innerText || '').trim().slice(0, 30), tag: e.tagName,
                outline: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor}; }""")


def test_keyboard_only(running, browser):
    page = browser()
    page.goto(running.school.url + "/")
    for _ in range(10):  # Tab from the top of the school page to the launcher
        page.keyboard.press("Tab")
        if page.evaluate("() => { const r = document.querySelector('#safechat-widget').shadowRoot;"
                         " return !!r.activeElement && r.activeElement.className === 'launcher'; }"):
            break
    else:
        raise AssertionError("the launcher is not reachable with Tab")
    assert page.evaluate("getComputedStyle(document.querySelector('#safechat-widget').shadowRoot"
                         ".activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    chat = Chat(page, running.bot.url)
    chat.view.locator("#message").wait_for()
    chat.frame.wait_for_function("document.activeElement.id === 'message'")

    page.keyboard.type("What is grooming?")
    page.keyboard.press("Enter")
    chat.cards("lesson").first.wait_for()
    visited = []
    for _ in range(30):  # Shift+Tab back through the chat to "Get help now"
        page.keyboard.press("Shift+Tab")
        state = focus_state(chat.frame)
        visited.append(state)
        assert state["outline"] == "solid" and state["width"] >= 2, f"no visible focus on {state}"
        if state["id"] == "help-now":
            break
    else:
        raise AssertionError(f"Get help now not reached: {visited}")
    assert [s["id"] for s in visited[-3:]] == ["close", "quick-exit", "help-now"]
    page.keyboard.press("Enter")
    chat.cards("help").first.wait_for()

    page.keyboard.press("Escape")  # closes the chat; the focus goes back to the launcher
    assert page.evaluate("() => { const r = document.querySelector('#safechat-widget').shadowRoot;"
                         " return [r.querySelector('.panel').hidden, r.activeElement.className]; }") \
        == [True, "launcher"]
    (ARTIFACTS / "keyboard-run.json").write_text(json.dumps(visited, indent=1))


CONTRAST_SCRIPT = """() => {
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest('.visually-hidden') || !el.getClientRects().length) continue;
    const s = getComputedStyle(el);
    found.push({text: node.textContent.trim().slice(0, 40), colour: s.color, background: background(el),
                size: parseFloat(s.fontSize), bold: parseInt(s.fontWeight) >= 700});
  }
  const input = document.getElementById('message');
  if (input) found.push({text: 'placeholder', colour: getComputedStyle(input, '::placeholder').color,
                         background: background(input), size: 16, bold: false});
  return found;
}"""


def test_colour_contrast_of_everything_shown(running, browser):
    page = browser()
    chat = Chat.on_school_page(page, running)
    chat.say("What is grooming?")
    chat.say("a man is following me home")  # an urgent card
    chat.view.locator(".card-urgent").first.wait_for()
    chat.view.get_by_role("button", name="Get help now").click()
    measured = []
    for where, texts in (("chat", chat.frame.evaluate(CONTRAST_SCRIPT)),
                         ("launcher", page.evaluate(
                             "() => { const b = document.querySelector('#safechat-widget').shadowRoot"
                             ".querySelector('.launcher'), s = getComputedStyle(b); return [{text: b.innerText,"
                             " colour: s.color, background: s.backgroundColor, size: 16, bold: true}]; }"))):
        for text in texts:
            large = text["size"] >= 24 or (text["bold"] and text["size"] >= 18.66)
            ratio = contrast(text["colour"], text["background"])
            measured.append({**text, "where": where, "ratio": round(ratio, 2),
                             "needed": AA_LARGE_TEXT if large else AA_TEXT})
    (ARTIFACTS / "contrast.json").write_text(json.dumps(measured, indent=1))
    assert len(measured) > 20
    failing = [m for m in measured if m["ratio"] < m["needed"]]
    assert not failing, failing


def test_phone_width_and_200_percent_zoom(running, browser):
    """320 CSS px wide at scale 2: what a 640 px window at 200% zoom lays out."""
    page = browser(width=320, height=640, scale=2)
    chat = Chat.on_school_page(page, running)
    chat.say("he keeps asking me to send pics")
    chat.cards("help").first.wait_for()
    box = page.locator(FRAME).bounding_box()
    assert box["width"] == 320 and box["x"] == 0
    layout = chat.frame.evaluate("""() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        controls: [...document.querySelectorAll('button:not([hidden]), input')]
          .filter(e => e.closest('.log') === null)
          .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.height]; })})""")
    assert layout["overflow"] <= 0
    for left, right, height in layout["controls"]:
        assert 0 <= left and right <= 320 and height >= 44
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-phone-320.png"))


def test_when_the_bot_is_slow_the_built_in_card_comes_then_the_reply(running, browser):
    page = browser()
    chat = Chat.on_school_page(page, running)
    held = []
    page.route("**/webhooks/rest/webhook", lambda route: held.append(route))
    chat.view.locator("#message").fill("What is grooming?")
    chat.view.locator("#message").press("Enter")
    started = time.monotonic()
    chat.cards("help").first.wait_for(timeout=CONFIG["slow_reply_ms"] + 5000)
    assert time.monotonic() - started >= CONFIG["slow_reply_ms"] / 1000 - 0.5
    assert CONFIG["trouble_text"] in chat.view.locator(".msg-bot").last.inner_text()
    assert chat.cards("lesson").count() == 0
    held[0].continue_()  # the reply arrives late: it is shown as well
    chat.cards("lesson").first.wait_for()


def test_with_the_bot_stopped_the_built_in_card(running, browser):
    page = browser()
    chat = Chat.on_school_page(page, running)
    running.bot.stop()
    chat.view.locator("#message").fill("he keeps asking me to send pics")
    chat.view.locator("#message").press("Enter")
    shown = chat.cards("help").first
    shown.wait_for(timeout=CONFIG["slow_reply_ms"] + 5000)
    assert CONFIG["trouble_text"] in chat.view.locator(".msg-bot").last.inner_text()
    card = CONFIG["regions"]["gb"]["card"]
    assert set(chat.hrefs(shown)) == expected_links(card)
    assert "Ms Patel, room 4" in shown.locator(".trusted-adult").inner_text()
