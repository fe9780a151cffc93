/* Safe Chat: the one tag a school adds to its page.
 *
 *   <script src="https://bot.example/widget/embed.js" data-region="gb"
 *           data-school="Hill Primary" data-trusted-adult="Ms Patel, room 4"></script>
 *
 * Adds a launcher button; the chat opens in an iframe from the bot's own origin, so the
 * school page's scripts cannot read it. The settings go to the chat in the URL fragment
 * (never sent to any server in a URL). The frame is made when the page loads, so the chat and
 * its built-in help card are ready even if the bot stops later.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.SafeChatEmbed) return;
  window.SafeChatEmbed = true;

  var chatUrl = new URL("./", script.src);
  var botOrigin = chatUrl.origin;
  var settings = new URLSearchParams();
  [["region", "region"], ["school", "school"], ["trustedAdult", "trusted_adult"]].forEach(function (pair) {
    var value = script.dataset[pair[0]];
    if (value) settings.set(pair[1], value);
  });
  chatUrl.hash = settings.toString();

  var css = [
    ":host { all: initial; }",
    ".launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483646;",
    "  font: 600 16px/1.2 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;",
    "  min-height: 48px; padding: 12px 18px; border-radius: 24px; border: 2px solid #ffffff;",
    "  background: #1d4f91; color: #ffffff; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.35); }",
    ".launcher:focus-visible { outline: 3px solid #000000; outline-offset: 2px; box-shadow: 0 0 0 6px #ffd60a; }",
    ".panel { position: fixed; right: 16px; bottom: 80px; z-index: 2147483647;",
    "  width: 380px; height: min(620px, calc(100vh - 96px)); max-width: calc(100vw - 32px);",
    "  border: 1px solid #767676; border-radius: 12px; overflow: hidden; background: #ffffff;",
    "  box-shadow: 0 4px 24px rgba(0,0,0,.3); }",
    ".panel[hidden] { display: none; }",
    ".panel iframe { width: 100%; height: 100%; border: 0; display: block; }",
    "@media (max-width: 480px), (max-height: 520px) {",
    "  .panel { inset: 0; width: 100%; height: 100%; max-width: none; border-radius: 0; border: 0; } }"
  ].join("\n");

  var host = document.createElement("div");
  host.id = "safechat-widget";
  var root = host.attachShadow({mode: "open"});
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement("style");
    style.textContent = css;
    root.appendChild(style);
  }

  var launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = "launcher";
  launcher.textContent = "Chat to Safe Chat";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "safechat-panel");

  var panel = document.createElement("div");
  panel.className = "panel";
  panel.id = "safechat-panel";
  panel.hidden = true;
  var frame = document.createElement("iframe");
  frame.title = "Safe Chat";
  frame.referrerPolicy = "no-referrer";
  frame.src = chatUrl.href;
  panel.appendChild(frame);
  root.appendChild(launcher);
  root.appendChild(panel);

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    frame.focus();
    frame.contentWindow.postMessage({type: "safechat:open"}, botOrigin);
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", function () {
    if (panel.hidden) open(); else close();
  });
  window.addEventListener("message", function (event) {
    if (event.origin === botOrigin && event.source === frame.contentWindow &&
        event.data && event.data.type === "safechat:close") {
      close();
    }
  });

  function attach() { document.body.appendChild(host); }
  if (document.body) attach(); else document.addEventListener("DOMContentLoaded", attach);
})();
