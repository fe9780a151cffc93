"""Real Chromium (Debian's /usr/bin/chromium, driven by Playwright) against the real servers:
the Rasa server (SQL tracker store in a temporary SQLite file, so a test can see what it
keeps), the action server, and the demo school page on its own origin."""
import json
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from safechat import widget
from tests.conftest import ARTIFACTS
from tools import servers

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAUNCHER = "#safechat-widget .launcher"
FRAME = "#safechat-widget iframe"


@dataclass
class Site:
    bot: servers.Server
    school: servers.Server
    database: Path

    def kept_events(self, sender: str) -> int:
        with sqlite3.connect(self.database) as db:
            return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]

    def first_message_metadata(self, sender: str) -> dict:
        """The settings the bot kept with the child's first message."""
        with sqlite3.connect(self.database) as db:
            data = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' "
                              "ORDER BY id LIMIT 1", (sender,)).fetchone()[0]
        return json.loads(data)["metadata"]


@pytest.fixture(scope="module")
def site(actions, tmp_path_factory):
    folder = tmp_path_factory.mktemp("widget-bot")
    database = folder / "trackers.db"  # the project's SQLite tracker store, in a file of its own
    bot = servers.rasa_server(actions.port, ARTIFACTS, log_name="widget-rasa-server.log",
                              env={"SAFECHAT_DB_NAME": str(database)})
    school = servers.demo_school(bot.url, ARTIFACTS)
    bot.env[widget.FRAME_ANCESTORS_ENV] = school.url  # only the demo school may frame the chat
    school.start()
    bot.start()
    yield Site(bot, school, database)
    bot.stop()
    school.stop()


@pytest.fixture
def running(site):
    """The site with the bot running (a test may have stopped it)."""
    if site.bot.process.poll() is not None:
        site.bot.start()
    return site


@pytest.fixture(scope="package")
def playwright_driver():
    """Playwright's sync API keeps an event loop running while it is open: closed after these
    tests, so the suites after them can run their own loops."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def browser(playwright_driver):
    """open(width, height, scale) -> a page in a fresh Chromium with a fresh profile.
    Dialogs (alert, confirm) are recorded in page.dialogs and dismissed."""
    contexts = []

    def open_page(width=1024, height=768, scale=1):
        context = playwright_driver.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="chromium-profile-"), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": width, "height": height},
            device_scale_factor=scale)
        contexts.append(context)
        page = context.pages[0] if context.pages else context.new_page()
        page.dialogs = []
        page.console = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: page.console.append(message.text))
        return page

    yield open_page
    for context in contexts:
        context.close()
