"""Driving the widget in a page the way a child does: the launcher, the box, the buttons."""
import json
from typing import Any, Dict, List

from tests.browser.conftest import FRAME, LAUNCHER

REPLY_TIMEOUT_MS = 30_000


class Chat:
    def __init__(self, page, bot_url: str) -> None:
        self.page = page
        self.bot_url = bot_url
        self.view = page.frame_locator(FRAME)  # locators inside the chat's iframe

    @classmethod
    def on_school_page(cls, page, site) -> "Chat":
        page.goto(site.school.url + "/")
        page.locator(LAUNCHER).click()
        chat = cls(page, site.bot.url)
        chat.view.locator(".msg-bot").first.wait_for()  # the introduction
        return chat

    @property
    def frame(self):
        """The iframe's Frame, to run script inside the chat's own origin."""
        return next(f for f in self.page.frames if f.url.startswith(self.bot_url + "/widget/"))

    def say(self, text: str) -> Dict[str, Any]:
        """Type and send a message; wait for the bot's reply. -> {"sender", "reply"}."""
        with self.page.expect_response(lambda r: r.url.endswith("/webhooks/rest/webhook"),
                                       timeout=REPLY_TIMEOUT_MS) as answered:
            self.view.locator("#message").fill(text)
            self.view.locator("#message").press("Enter")
        response = answered.value
        return {"sender": json.loads(response.request.post_data)["sender"], "reply": response.json()}

    def cards(self, kind: str):
        return self.view.locator(f".card-{kind}")

    def hrefs(self, card) -> List[str]:
        return card.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
