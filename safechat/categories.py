"""The contract's disclosure categories and lesson topics (shared/reference/contract.md)."""

CATEGORIES = (
    "sexual_images_request", "sextortion", "meeting_request", "secrecy_or_gifts",
    "sexual_talk", "image_shared", "abuse_offline", "bullying", "self_harm",
    "immediate_danger", "other_worry",
)
URGENT = frozenset({"immediate_danger", "self_harm"})

TOPICS = (
    "what_is_grooming", "grooming_signs", "privacy_settings", "location_sharing",
    "personal_info", "think_before_post", "photos_forwarded", "be_kind", "upstander",
    "report_to_adult", "never_send_photos", "meeting_online_friends",
    "online_vs_real_friends", "fake_info", "refusal_skills", "sextortion_info",
    "what_to_do_if",
)
