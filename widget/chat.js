/* Safe Chat widget: the chat page, shown in a school's page by embed.js or opened directly.
 *
 * Rules kept here:
 * - Every text from the bot, the school or the child is set with textContent, never as HTML.
 * - It talks only to its own origin: the REST channel (../webhooks/rest/webhook) and
 *   ../webhooks/rest/forget. The page's CSP (connect-src 'self') enforces it.
 * - Nothing is kept on the computer: no cookies, no localStorage, no sessionStorage. The sender id
 *   is random (crypto.getRandomValues) and lives only in this page's memory.
 * - When the bot cannot answer (down, an error, or slow), the built-in help card of the region
 *   from config.js (made from content/helplines.yml) is shown.
 */
(function () {
  "use strict";

  var config = window.SafeChatConfig;
  var log = document.getElementById("log");
  var typing = document.getElementById("typing");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var closeButton = document.getElementById("close");
  var embedded = window.parent !== window;

  // ---- settings from the school's tag (passed in the URL fragment, never sent in a URL) ----

  function cleanText(value, limit) {
    if (typeof value !== "string") return "";
    return value.replace(/[\u0000-\u001f\u007f]/g, " ").split(/\s+/).join(" ").trim().slice(0, limit);
  }

  function readSettings() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    var region = cleanText(params.get("region") || "", 8).toLowerCase();
    return {
      region: /^[a-z]{2,8}$/.test(region) ? region : "",
      school: cleanText(params.get("school") || "", 120),
      trusted_adult: cleanText(params.get("trusted_adult") || "", config.max_trusted_adult)
    };
  }

  var settings = readSettings();
  var place = config.regions[settings.region] || config.regions[config.fallback_region];

  function metadata() {
    var kept = {};
    ["region", "school", "trusted_adult"].forEach(function (key) {
      if (settings[key]) kept[key] = settings[key];
    });
    return kept;
  }

  function newSender() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return "w-" + Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  var sender = newSender();
  var generation = 0;  // bumped by quick exit: replies to an older chat are dropped
  var waiting = 0;

  // ---- building the page: only createElement and textContent ----

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function hidden(text) {
    return el("span", "visually-hidden", text);
  }

  function add(node) {
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
    return node;
  }

  function bubble(who, text) {
    var item = el("div", "msg " + (who === "me" ? "msg-me" : "msg-bot"));
    item.appendChild(hidden(who === "me" ? "You said: " : "Safe Chat said: "));
    item.appendChild(el("span", "msg-text", text));
    return add(item);
  }

  function link(href, label, newTab) {
    var a = el("a", "card-link", label);
    a.href = href;
    if (newTab) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(hidden(" (opens in a new tab)"));
    }
    return a;
  }

  function digits(value) {
    return String(value).replace(/[^0-9+]/g, "");
  }

  function helplineItem(entry) {
    var item = el("li", "helpline");
    item.appendChild(el("strong", "helpline-name", entry.name));
    var ways = el("div", "helpline-ways");
    if (entry.phone && digits(entry.phone)) {
      var callLabel = entry.text && !entry.sms && /^call /i.test(entry.text) ? entry.text : "Call " + entry.phone;
      ways.appendChild(link("tel:" + digits(entry.phone), callLabel, false));
    }
    if (entry.sms && digits(entry.sms)) {
      var body = entry.sms_body ? "?body=" + encodeURIComponent(entry.sms_body) : "";
      ways.appendChild(link("sms:" + digits(entry.sms) + body, entry.text || "Text " + entry.sms, false));
    } else if (entry.text && !(entry.phone && /^call /i.test(entry.text))) {
      ways.appendChild(el("span", "helpline-text", entry.text));
    }
    if (typeof entry.url === "string" && /^https:\/\/[^\s]+$/.test(entry.url)) {
      var host = new URL(entry.url).hostname.replace(/^www\./, "");
      ways.appendChild(link(entry.url, "Website: " + host, true));
    }
    item.appendChild(ways);
    if (entry.hours) item.appendChild(el("span", "helpline-hours", entry.hours));
    return item;
  }

  function helpCard(card) {
    var section = el("section", "card card-help" + (card.urgent ? " card-urgent" : ""));
    section.setAttribute("aria-label", card.urgent ? "Urgent help" : "People who can help");
    if (card.urgent) section.appendChild(el("p", "badge", "Urgent: get help now"));
    section.appendChild(el("h2", "card-title", "People who can help"));
    var list = el("ul", "helplines");
    (card.helplines || []).forEach(function (entry) {
      if (entry && entry.name) list.appendChild(helplineItem(entry));
    });
    section.appendChild(list);
    var adult = cleanText(card.trusted_adult || "", config.max_trusted_adult) ||
      settings.trusted_adult || config.default_trusted_adult;
    section.appendChild(el("p", "trusted-adult", "You can also talk to " + adult + "."));
    return add(section);
  }

  function lessonCard(lesson) {
    var section = el("section", "card card-lesson");
    section.setAttribute("aria-label", "Lesson: " + (lesson.title || ""));
    section.appendChild(el("h2", "card-title", lesson.title));
    var list = el("ul", "points");
    (lesson.points || []).forEach(function (point) { list.appendChild(el("li", "", point)); });
    section.appendChild(list);
    return add(section);
  }

  function quickReplies(buttons) {
    var group = el("div", "quick-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested replies");
    buttons.forEach(function (b) {
      if (!b || !b.title) return;
      var button = el("button", "btn btn-quick", b.title);
      button.type = "button";
      button.addEventListener("click", function () { send(b.payload || b.title, b.title); });
      group.appendChild(button);
    });
    return add(group);
  }

  function clearQuickReplies() {
    Array.prototype.slice.call(log.querySelectorAll(".quick-replies")).forEach(function (g) {
      g.remove();
    });
  }

  function isUrgentCard(message) {
    return !!(message && message.custom && message.custom.help_card && message.custom.help_card.urgent);
  }

  function render(messages) {
    // urgent help cards first, the rest in the bot's order
    var ordered = messages.filter(isUrgentCard).concat(messages.filter(function (m) {
      return !isUrgentCard(m);
    }));
    var buttons = [];
    ordered.forEach(function (message) {
      if (!message || typeof message !== "object") return;
      var custom = message.custom || {};
      if (typeof message.text === "string" && message.text) bubble("bot", message.text);
      if (custom.lesson) lessonCard(custom.lesson);
      if (custom.help_card) helpCard(custom.help_card);
      if (Array.isArray(message.buttons)) buttons = buttons.concat(message.buttons);
    });
    if (buttons.length) quickReplies(buttons);  // after the cards, where the child reads on
  }

  function builtInHelp(text) {
    bubble("bot", text);
    // the built-in card names the default trusted adult; the school's own line replaces it
    helpCard(Object.assign({}, place.card, {trusted_adult: settings.trusted_adult}));
  }

  function showTyping() {
    typing.hidden = waiting === 0;
  }

  // ---- talking to the bot (own origin only) ----

  function post(path, body, options) {
    return window.fetch(path, Object.assign({
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store"
    }, options || {}));
  }

  function ask(text) {
    var mine = generation;
    var troubleShown = false;
    var controller = new AbortController();
    function trouble() {
      if (troubleShown || mine !== generation) return;
      troubleShown = true;
      builtInHelp(config.trouble_text);
    }
    var slow = window.setTimeout(trouble, config.slow_reply_ms);
    var giveUp = window.setTimeout(function () { controller.abort(); }, config.give_up_ms);
    waiting += 1;
    showTyping();
    post("../webhooks/rest/webhook", {sender: sender, message: text, metadata: metadata()},
      {signal: controller.signal})
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (messages) {
        if (!Array.isArray(messages) || messages.length === 0) throw new Error("empty reply");
        if (mine === generation) render(messages);
      })
      .catch(trouble)
      .then(function () {
        window.clearTimeout(slow);
        window.clearTimeout(giveUp);
        waiting -= 1;
        showTyping();
      });
  }

  function send(text, shown) {
    var message = String(text).trim();
    if (!message) return;
    clearQuickReplies();
    bubble("me", shown || message);
    ask(message);
  }

  // ---- the buttons ----

  function quickExit() {
    generation += 1;
    var old = sender;
    sender = newSender();
    log.replaceChildren();
    input.value = "";
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be blocked: nothing kept */ }
    // keepalive: the request still goes out while the page is replaced
    post("../webhooks/rest/forget", {sender: old}, {keepalive: true}).catch(function () {});
    try {
      window.top.location.replace(config.quick_exit_url);
    } catch (e) {
      window.location.replace(config.quick_exit_url);
    }
  }

  function close() {
    if (embedded) window.parent.postMessage({type: "safechat:close"}, "*");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text);
    input.focus();
  });
  document.getElementById("help-now").addEventListener("click", function () {
    builtInHelp(place.help_text);
  });
  document.getElementById("quick-exit").addEventListener("click", quickExit);
  if (embedded) {
    closeButton.hidden = false;
    closeButton.addEventListener("click", close);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
  }
  window.addEventListener("message", function (event) {
    // only the page that holds this frame may ask it to take the focus; nothing else is read
    if (event.source === window.parent && event.data && event.data.type === "safechat:open") {
      input.focus();
    }
  });

  // ---- the bot's introduction, on opening ----
  bubble("bot", config.intro.text);
  add(el("p", "note", config.privacy_note));
  quickReplies(config.intro.buttons);
})();
