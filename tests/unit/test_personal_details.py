import pytest

from safechat import personal_details
from safechat.nlu import patterns


@pytest.fixture(scope="module")
def nlp():
    return patterns.load_pipeline()


def found(nlp, text):
    return [(d.kind, text[d.start:d.end]) for d in personal_details.find(nlp, text)]


@pytest.mark.parametrize("text,details", [
    ("call me on 07700 900123 or +44 7700 900123",
     [("phone", "07700 900123"), ("phone", "+44 7700 900123")]),
    ("my number is (555) 123-4567", [("phone", "(555) 123-4567")]),
    ("ring 555-123-4567 please", [("phone", "555-123-4567")]),
    ("its 07700900123", [("phone", "07700900123")]),
    ("my email is Sam.Smith@example.com", [("email", "Sam.Smith@example.com")]),
    ("I live at 12 Oak Road, SW1A 1AA", [("address", "12 Oak Road"), ("postcode", "SW1A 1AA")]),
    ("i live on oak street", [("address", "oak street")]),
    ("my postcode is m11ae", [("postcode", "m11ae")]),
    ("my zip code is 90210", [("postcode", "90210")]),
    ("my birthday is 12/05/2013", [("birthday", "12/05/2013")]),
    ("I was born on the 5th of June 2013", [("birthday", "5th of June 2013")]),
    ("my bday is march 3", [("birthday", "march 3")]),
    ("I go to Hillside Primary School", [("school", "Hillside Primary School")]),
    ("i go to st marys high", [("school", "st marys high")]),
    ("my school is hillside", [("school", "hillside")]),
    ("my name is Sam Smith", [("name", "Sam Smith")]),
    ("my name's sam", [("name", "sam")]),
    ("call me sammy", [("name", "sammy")]),
    ("my password is fluffy123", [("password", "fluffy123")]),
    ("password: hunter2", [("password", "hunter2")]),
    ("my pin is 4321", [("password", "4321")]),
    ("my shirt number is 7", [("shirt_number", "7")]),
    ("i'm number 10 on my team", [("shirt_number", "10")]),
])
def test_personal_details_are_found_with_their_kind(nlp, text, details):
    assert found(nlp, text) == details


@pytest.mark.parametrize("text", [
    "I got 1000000 points", "i hate high school", "i love primary school",
    "my name is not important", "what is a good password", "someone keeps asking me for nudes",
    "should i give my phone number to someone i play with online",
    "is it ok to tell people what school i go to", "when is your birthday",
    "i'm 12 years old", "i have 3 cats and 2 dogs", "How do I make my account private?",
    "what should i keep private", "he said meet me at the park at 5",
])
def test_ordinary_messages_have_none(nlp, text):
    assert found(nlp, text) == []


def test_redact_replaces_each_value_by_its_kind(nlp):
    text = "hi my name is Sam and my email is sam@example.com"
    redacted = personal_details.redact(text, personal_details.find(nlp, text))
    assert redacted == "hi my name is [name] and my email is [email]"


def test_text_whose_lower_case_changes_length_keeps_the_right_offsets(nlp):
    text = "İİ my email is sam@example.com"
    assert found(nlp, text) == [("email", "sam@example.com")]
