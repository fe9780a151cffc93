"""Lessons from `content/lessons.yml`: validation, the contract's `lesson`, buttons."""
from functools import lru_cache
from typing import Any, Dict, List

from safechat import content
from safechat.categories import TOPICS

NEED_HELP_BUTTON = {"title": "I need help now", "payload": "I need help now"}
MIN_POINTS, MAX_POINTS = 3, 5


@lru_cache(maxsize=None)
def all_lessons() -> Dict[str, Dict[str, Any]]:
    lessons = content.load("lessons").get("lessons") or {}
    for topic, lesson in lessons.items():
        where = f"lessons.{topic}"
        if topic not in TOPICS:
            raise content.ContentError(f"{where}: not a topic of the contract")
        points = lesson.get("points") or []
        if not lesson.get("title") or not lesson.get("button"):
            raise content.ContentError(f"{where}: needs a title and a button")
        if not MIN_POINTS <= len(points) <= MAX_POINTS:
            raise content.ContentError(f"{where}: needs {MIN_POINTS}-{MAX_POINTS} points")
        if not all(p.get("text") and p.get("source") for p in points):
            raise content.ContentError(f"{where}: every point needs a text and a source")
        unknown = set(lesson.get("related") or ()) - set(lessons)
        if unknown:
            raise content.ContentError(f"{where}: related topics without a lesson: {unknown}")
    return lessons


def lesson(topic: str) -> Dict[str, Any]:
    """The contract's `custom.lesson` for a topic."""
    entry = all_lessons()[topic]
    return {"topic": topic, "title": entry["title"],
            "points": [point["text"] for point in entry["points"]]}


def as_text(topic: str) -> str:
    """The lesson for clients that show only text."""
    entry = lesson(topic)
    return "\n".join([entry["title"], *(f"• {point}" for point in entry["points"])])


def button(topic: str) -> Dict[str, str]:
    ask = all_lessons()[topic]["button"]
    return {"title": ask, "payload": ask}


def buttons(topic: str) -> List[Dict[str, str]]:
    """Related lessons, the quiz after the lessons it tests, then the way to help."""
    from safechat import quiz  # the quiz's end buttons are lessons: import here, not in a cycle

    related = [button(t) for t in all_lessons()[topic].get("related") or ()]
    if topic in quiz.quiz().get("offer_after_lessons", ()):
        related.append(quiz.start_button())
    return related + [NEED_HELP_BUTTON]


def next_topic(seen: List[str]) -> str:
    """What "tell me more" shows after the lessons seen (newest last)."""
    related = all_lessons()[seen[-1]].get("related") or ()
    return next((t for t in related if t not in seen), related[0] if related else seen[-1])
