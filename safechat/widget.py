"""Serves the chat widget (the files in widget/) from the Rasa server, at /widget/.

- `/widget/` is the chat page a school's page shows in an iframe; `/widget/embed.js` is the
  one script a school adds to its page (it adds the launcher and the iframe).
- `/widget/config.js` is made here at start-up from the project's content, so nothing is typed
  twice: the bot's introduction (domain.yml), the privacy note and quick-exit address
  (content/widget.yml), and a built-in help card per region (content/helplines.yml via
  safechat/cards.py) that the widget shows when the bot cannot answer.
- Framing is allowed only to the origins a school configures (CSP frame-ancestors), and the
  chat page may talk only to its own origin (CSP connect-src 'self'; no CORS headers).

Rasa registers a channel's blueprint under /webhooks/<channel>/; the channel's blueprint is a
`WithWidget`, which registers the widget's own blueprint beside it, at /widget/.
"""
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List

import yaml
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from safechat import cards, content, helplines, retention

STATIC_DIR = Path(__file__).resolve().parent.parent / "widget"
DOMAIN_FILE = Path(__file__).resolve().parent.parent / "domain.yml"
FRAME_ANCESTORS_ENV = "SAFECHAT_FRAME_ANCESTORS"
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")
FILES = {  # the only files served: name -> content type
    "index.html": "text/html; charset=utf-8",
    "chat.css": "text/css; charset=utf-8",
    "chat.js": "text/javascript; charset=utf-8",
    "embed.js": "text/javascript; charset=utf-8",
}


def settings() -> Dict[str, Any]:
    """content/widget.yml, checked."""
    data = content.load("widget")
    for key in ("privacy_note", "quick_exit_url"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise content.ContentError(f"widget: `{key}` must be a non-empty text")
    if not data["quick_exit_url"].startswith("https://"):
        raise content.ContentError("widget: `quick_exit_url` must be an https:// address")
    return data


def frame_ancestors() -> List[str]:
    """The origins allowed to frame the widget: the env variable if set, else the file."""
    configured = os.environ.get(FRAME_ANCESTORS_ENV)
    origins = configured.split() if configured is not None else settings().get("frame_ancestors") or []
    for origin in origins:
        if not isinstance(origin, str) or not ORIGIN.match(origin):
            raise content.ContentError(
                f"widget frame ancestors: {origin!r} is not an origin like https://school.example")
    return list(origins)


def security_headers() -> Dict[str, str]:
    ancestors = " ".join(["'self'", *frame_ancestors()])
    return {
        "Content-Security-Policy": (
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            f"img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }


def _response(name: str) -> Dict[str, Any]:
    domain = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))
    variants = domain["responses"][name]
    return variants[0]


def built_in_card(region: str) -> Dict[str, Any]:
    """The card the widget shows without the bot: the general helplines of the region (the
    same as the server's own trouble reply), then the emergency number."""
    card = cards.help_card("other_worry", region)
    emergency = helplines.emergency(region)
    if emergency not in card["helplines"]:
        card["helplines"].append(emergency)
    return card


@lru_cache(maxsize=None)
def client_config() -> Dict[str, Any]:
    """Everything the widget needs from the project, made once per server."""
    from safechat.channel import say  # the server's own words when it fails

    greet, need_help, options = _response("utter_greet"), _response("utter_need_help"), settings()
    kept_days = retention.days()
    regions = {}
    for code in helplines.directory():
        number = helplines.emergency(code).get("phone", "your local emergency number")
        regions[code] = {"help_text": need_help["text"].replace("{emergency_number}", number),
                         "card": built_in_card(code)}
    return {
        "intro": {"text": greet["text"].replace("{kept_days}", str(kept_days)),
                  "buttons": greet.get("buttons") or []},
        "privacy_note": " ".join(options["privacy_note"].format(kept_days=kept_days).split()),
        "quick_exit_url": options["quick_exit_url"],
        "slow_reply_ms": int(float(options.get("slow_reply_seconds", 6)) * 1000),
        "give_up_ms": int(float(options.get("give_up_seconds", 30)) * 1000),
        "trouble_text": say("trouble"),
        "default_trusted_adult": cards.DEFAULT_TRUSTED_ADULT,
        "max_trusted_adult": cards.MAX_TRUSTED_ADULT,
        "fallback_region": helplines.FALLBACK_REGION,
        "regions": regions,
    }


def config_script() -> str:
    return "window.SafeChatConfig = " + json.dumps(client_config(), ensure_ascii=True) + ";\n"


def blueprint() -> Blueprint:
    """The widget's routes, at /widget/. Checks the configuration now, at start-up."""
    headers = security_headers()
    script = config_script()
    widget = Blueprint("safechat_widget", url_prefix="/widget")

    @widget.route("", methods=["GET"], strict_slashes=True)
    async def bare(_: Request) -> HTTPResponse:  # relative links need the slash
        return response.redirect("/widget/", headers=headers)

    @widget.route("/", methods=["GET"], strict_slashes=True)
    async def page(_: Request) -> HTTPResponse:
        return await response.file(STATIC_DIR / "index.html", mime_type=FILES["index.html"],
                                   headers=headers)

    @widget.route("/config.js", methods=["GET"])
    async def config(_: Request) -> HTTPResponse:
        return response.text(script, content_type=FILES["chat.js"], headers=headers)

    @widget.route("/<name:str>", methods=["GET"])
    async def static(_: Request, name: str) -> HTTPResponse:
        if name not in FILES:
            return response.text("Not found", status=404, headers=headers)
        return await response.file(STATIC_DIR / name, mime_type=FILES[name], headers=headers)

    return widget


class WithWidget(Blueprint):
    """A channel blueprint that brings the widget with it: when Rasa registers it (under
    /webhooks/<channel>/), the widget's blueprint is registered beside it at /widget/."""

    def register(self, app: Any, options: Dict[str, Any]) -> None:
        super().register(app, options)
        app.blueprint(blueprint())
