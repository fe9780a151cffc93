"""Builds the contract's `help_card` for a category, region and school setting."""
import re
from typing import Any, Dict, Optional

from safechat import helplines
from safechat.categories import URGENT

DEFAULT_TRUSTED_ADULT = "a parent, a teacher or any adult you trust"
MAX_TRUSTED_ADULT = 120
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def trusted_adult_text(school_text: Any) -> str:
    """The school's trusted-adult line if it sent a usable one, else the default."""
    if isinstance(school_text, str):
        cleaned = " ".join(_CONTROL.sub(" ", school_text).split())[:MAX_TRUSTED_ADULT]
        if cleaned:
            return cleaned
    return DEFAULT_TRUSTED_ADULT


def usable(card: Dict[str, Any]) -> bool:
    """The contract's test of a card a child can act on: a named helpline with a phone,
    a text line or a web address."""
    return any(h.get("name") and any(h.get(f) for f in helplines.CONTACT_FIELDS)
               for h in card.get("helplines") or ())


def help_card(category: str, region: Optional[str] = None,
              trusted_adult: Any = None) -> Dict[str, Any]:
    return {
        "category": category,
        "urgent": category in URGENT,
        "helplines": helplines.select(region, category),
        "trusted_adult": trusted_adult_text(trusted_adult),
    }
