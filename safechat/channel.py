"""The REST channel children's messages arrive on: `POST /webhooks/rest/webhook`.

Rasa's own RestInput answers bad input with a 500 or puts it in a shared "default"
conversation, logs raw text on errors, and lets text starting with `/` pick an intent
directly. This channel keeps Rasa's request and reply shape (the contract) and adds:
- a clear 400 for invalid JSON, a missing or malformed sender, or a non-text message;
- only the known school settings are kept from `metadata` (nothing else is stored);
- a leading `/` is removed, so every message goes through NLU and the safety net;
- never an empty reply: when the bot fails, a built-in help card for the region;
- `POST /webhooks/rest/forget` with `{"sender": "<id>"}` deletes that conversation (Quick exit);
- the chat widget, served beside the channel at /widget/ (safechat/widget.py).
"""
import json
import logging
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from safechat import cards, storage, widget

logger = logging.getLogger(__name__)

SENDER = re.compile(r"^[A-Za-z0-9_.:@-]{1,128}$")
METADATA_KEYS = {"region": 8, "school": 120, "trusted_adult": 120}  # key -> max length
TROUBLE_TEXT = ("Sorry, I'm having trouble answering right now. "
                "If something is worrying you, these people can help.")


def bad_request(reason: Text) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


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


def as_plain_text(message: Text) -> Text:
    """Text starting with `/` would select an intent and skip the classifier."""
    return message.strip().lstrip("/").strip()


def trouble_reply(sender: Text, metadata: Dict[Text, Text]) -> List[Dict[Text, Any]]:
    card = cards.help_card("other_worry", metadata.get("region"), metadata.get("trusted_adult"))
    return [{"recipient_id": sender, "text": TROUBLE_TEXT, "custom": {"help_card": card}}]


class SafeChatInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"  # keeps the contract's URL: /webhooks/rest/webhook

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = widget.WithWidget("safechat_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = parse_body(request.body)
            except ValueError as error:
                return bad_request(str(error))
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(
                    as_plain_text(body["message"]), collector, body["sender"],
                    input_channel=self.name(), metadata=body["metadata"]))
            except Exception:  # the child must still get an answer; never log their words
                logger.exception("handling a message failed")
            return response.json(collector.messages or trouble_reply(body["sender"], body["metadata"]))

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
