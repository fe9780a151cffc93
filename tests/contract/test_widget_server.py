"""The widget's routes and `POST /webhooks/rest/forget`, through a real Rasa server."""
import requests

from tests.contract.test_rest_contract import post
from tests.support import custom

SCHOOL = "http://school.example"


def test_the_chat_page_and_the_embed_script_are_served_with_a_strict_policy(rasa_url):
    page = requests.get(f"{rasa_url}/widget/", timeout=10)
    assert page.ok and page.headers["Content-Type"].startswith("text/html")
    assert 'src="chat.js"' in page.text
    policy = page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "connect-src 'self'" in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    for name in ("embed.js", "chat.js", "config.js"):
        script = requests.get(f"{rasa_url}/widget/{name}", timeout=10)
        assert script.ok and script.headers["Content-Type"].startswith("text/javascript"), name
    assert requests.get(f"{rasa_url}/widget/chat.css", timeout=10).ok


def test_only_the_widgets_own_files_are_served(rasa_url):
    for path in ("/widget/secret.yml", "/widget/..%2Fdomain.yml", "/widget/%2E%2E/credentials.yml"):
        assert requests.get(rasa_url + path, timeout=10).status_code == 404, path
    bare = requests.get(f"{rasa_url}/widget", timeout=10, allow_redirects=False)
    assert bare.status_code == 302 and bare.headers["Location"] == "/widget/"


def test_no_cors_headers_for_another_origin(rasa_url):
    reply = requests.post(f"{rasa_url}/webhooks/rest/webhook", timeout=30, headers={"Origin": SCHOOL},
                          json={"sender": "cors-1", "message": "hi"})
    assert reply.ok and "Access-Control-Allow-Origin" not in reply.headers
    preflight = requests.options(f"{rasa_url}/webhooks/rest/webhook", timeout=10, headers={
        "Origin": SCHOOL, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_forget_deletes_the_conversation(rasa_url):
    """"tell me more" continues the last lesson from the conversation's tracker; once the
    conversation is forgotten there is no last lesson to continue."""
    assert custom(post(rasa_url, "How do I make my account private?", sender="forget-1"), "lesson")
    forgot = requests.post(f"{rasa_url}/webhooks/rest/forget", json={"sender": "forget-1"}, timeout=10)
    assert forgot.ok and forgot.json() == {"forgotten": "forget-1"}
    after = post(rasa_url, "tell me more", sender="forget-1")
    assert after and not custom(after, "lesson")


def test_forget_checks_the_sender(rasa_url):
    for body in ({"sender": "x y"}, {}, {"sender": 5}):
        reply = requests.post(f"{rasa_url}/webhooks/rest/forget", json=body, timeout=10)
        assert reply.status_code == 400 and "sender" in reply.json()["error"]
    unknown = requests.post(f"{rasa_url}/webhooks/rest/forget", json={"sender": "never-1"}, timeout=10)
    assert unknown.ok
