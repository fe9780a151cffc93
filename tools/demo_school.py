"""A demo school page on its own origin that embeds the widget with the school's one tag.

`make run` starts it beside the bot (scripts/run.sh); the browser tests start it too
(tools/servers.py). It serves demo/school.html at `/`, with the bot's address filled in.

    python -m tools.demo_school --port 5080 --bot http://127.0.0.1:5005
"""
import argparse
import html
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "demo" / "school.html"


class DemoPage(BaseHTTPRequestHandler):
    def __init__(self, *args, page: bytes, **kwargs) -> None:
        self.page = page
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        if self.path.split("?")[0] not in ("/", "/index.html"):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.page)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, *args) -> None:  # quiet: the page is the only thing served
        pass


def page(bot_url: str) -> bytes:
    return PAGE.read_text(encoding="utf-8").replace(
        "{{BOT_URL}}", html.escape(bot_url.rstrip("/"), quote=True)).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5080)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--bot", default="http://127.0.0.1:5005", help="the bot's address")
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), partial(DemoPage, page=page(args.bot)))
    server.serve_forever()


if __name__ == "__main__":
    main()
