"""The REST channel children's messages arrive on: `POST /webhooks/rest/webhook`.

Rasa's own RestInput answers bad input with a 500 or puts it in a shared "default"
conversation, logs raw text on errors, and lets text starting with `/` pick an intent
directly. This channel keeps Rasa's request and reply shape (the contract) and adds:
- a clear 400 for invalid JSON, a missing or malformed sender, or a non-text message, and a
  413 for a body far too big to be a message;
- only the known school settings are kept from `metadata` (nothing else is stored);
- control and invisible characters are removed, and a leading `/`, so every message goes
  through NLU and the safety net; a message with no letters or digits left (empty, spaces,
  only emoji or symbols) gets a kind reply asking for words;
- a message over the length cap is cut, the kept part still goes through the bot, and the
  reply says so with the region's help card (a long message may be a disclosure);
- per-sender and per-address rate limits (safechat/limits.py): a 429 whose body is a kind
  reply with the region's help card, since the refused message may be a disclosure;
- never an empty reply: when the bot fails, a built-in help card for the region;
- `POST /webhooks/rest/forget` with `{"sender": "<id>"}` deletes that conversation (Quick exit);
- the chat widget, served beside the channel at /widget/ (safechat/widget.py).
Message text is never logged.
"""
import json
import logging
import re
import unicodedata
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from safechat import action_timeout, cards, content, speedups, storage, widget
from safechat.limits import Limits

logger = logging.getLogger(__name__)

SENDER = re.compile(r"^[A-Za-z0-9_.:@-]{1,128}\Z")
METADATA_KEYS = {"region": 8, "school": 120, "trusted_adult": 120}  # key -> max length
MAX_BODY_BYTES = 64 * 1024  # far above any message the length cap lets through
INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}  # control, format, surrogate, private, unassigned
action_timeout.apply()  # Rasa 3.6 waits 5 minutes for a slow action server by default
speedups.apply()  # work Rasa would repeat for every message, done once


def say(key: Text) -> Text:
    """A reply the channel gives by itself (content/channel.yml)."""
    return content.load("channel")[key]


def bad_request(reason: Text, status: int = 400) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


def parse_sender(raw: bytes) -> Dict[Text, Any]:
    """The JSON object of a request with a valid `sender`, or ValueError with the reason."""
    try:
        body = json.loads(raw or b"")
    except (ValueError, UnicodeDecodeError):
        raise ValueError("the body must be JSON")
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    sender = body.get("sender")
    if not isinstance(sender, str) or not SENDER.match(sender):
        raise ValueError("'sender' must be 1-128 letters, digits or _.:@-")
    return body


def parse_body(raw: bytes) -> Dict[Text, Any]:
    """The checked request, or ValueError with a reason a caller can act on."""
    body = parse_sender(raw)
    sender, message = body["sender"], body.get("message")
    if not isinstance(message, str):
        raise ValueError("'message' must be a string")
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise ValueError("'metadata' must be a JSON object")
    return {"sender": sender, "message": message, "metadata": clean_metadata(metadata)}


def clean_metadata(metadata: Optional[Dict[Text, Any]]) -> Dict[Text, Text]:
    """Keep only the settings the bot uses, as short strings."""
    kept = {}
    for key, limit in METADATA_KEYS.items():
        value = (metadata or {}).get(key)
        if isinstance(value, str) and value.strip():
            kept[key] = value.strip()[:limit]
    return kept


def visible_text(message: Text) -> Text:
    """The message without control or invisible characters; line breaks become spaces."""
    return "".join(" " if char in "\t\n\r" else char for char in message
                   if char in "\t\n\r" or unicodedata.category(char) not in INVISIBLE)


def as_plain_text(message: Text) -> Text:
    """Text starting with `/` would select an intent and skip the classifier."""
    return visible_text(message).strip().lstrip("/").strip()


def cut(text: Text, max_chars: int) -> Text:
    """The first `max_chars` characters, ending at a word boundary when there is one."""
    if len(text) <= max_chars:
        return text
    kept = text[:max_chars]
    space = kept.rfind(" ")
    return kept[:space] if space > max_chars // 2 else kept


def card_reply(sender: Text, metadata: Dict[Text, Text], key: Text) -> List[Dict[Text, Any]]:
    """One message saying `key`'s text with the help card for the child's region."""
    card = cards.help_card("other_worry", metadata.get("region"), metadata.get("trusted_adult"))
    return [{"recipient_id": sender, "text": say(key), "custom": {"help_card": card}}]


def trouble_reply(sender: Text, metadata: Dict[Text, Text]) -> List[Dict[Text, Any]]:
    return card_reply(sender, metadata, "trouble")


def has_words(text: Text) -> bool:
    return any(char.isalnum() for char in text)


def no_words_reply(sender: Text, text: Text) -> List[Dict[Text, Any]]:
    """For an empty message, or one of only emoji or symbols (the model would guess)."""
    key = "no_words_symbols" if text else "no_words"
    return [{"recipient_id": sender, "text": say(key), "buttons": [
        {"title": "Stay safe online", "payload": "What can you teach me?"},
        {"title": "I need help now", "payload": "I need help now"}]}]


def too_long_note(sender: Text, metadata: Dict[Text, Text],
                  replies: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """Says the message was cut; carries a help card unless the reply already has one."""
    [note] = card_reply(sender, metadata, "too_long")
    if any("help_card" in (r.get("custom") or {}) for r in replies):
        del note["custom"]
    return [note]


class SafeChatInput(InputChannel):
    def __init__(self) -> None:
        self.limits = Limits()

    @classmethod
    def name(cls) -> Text:
        return "rest"  # keeps the contract's URL: /webhooks/rest/webhook

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SafeChatInput":
        return cls()

    async def answer(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: Text,
                     sender: Text, metadata: Dict[Text, Text]) -> List[Dict[Text, Any]]:
        """The bot's reply, or a help card when the bot fails: never an empty reply."""
        collector = CollectingOutputChannel()
        try:
            await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(),
                                              metadata=metadata))
        except Exception as error:  # the child must still get an answer; never log their words
            logger.error("handling a message failed: %s", type(error).__name__)
            logger.debug("handling a message failed", exc_info=True)
        return collector.messages or trouble_reply(sender, metadata)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = widget.WithWidget("safechat_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if len(request.body or b"") > MAX_BODY_BYTES:
                return bad_request(f"the body must be at most {MAX_BODY_BYTES} bytes", 413)
            try:
                body = parse_body(request.body)
            except ValueError as error:
                return bad_request(str(error))
            sender, metadata = body["sender"], body["metadata"]
            wait = self.limits.retry_after(sender, request.remote_addr or request.ip or "")
            if wait:
                logger.info("rate limit reached; asked to wait %d s", wait)
                return response.json(card_reply(sender, metadata, "too_fast"), status=429,
                                     headers={"Retry-After": str(wait)})
            text = as_plain_text(body["message"])
            if not has_words(text):
                return response.json(no_words_reply(sender, text))
            kept = cut(text, self.limits.max_chars)
            replies = await self.answer(on_new_message, kept, sender, metadata)
            if kept != text:
                replies += too_long_note(sender, metadata, replies)
            return response.json(replies)

        @webhook.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            try:
                sender = parse_sender(request.body)["sender"]
            except ValueError as error:
                return bad_request(str(error))
            agent = request.app.ctx.agent
            async with agent.lock_store.lock(sender):  # not while a message is being handled
                storage.forget(agent.tracker_store, sender)
            return response.json({"forgotten": sender})

        return webhook
