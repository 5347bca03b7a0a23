// Live reload for `playbook serve`. The dev server adds this script to every
// page it serves; `playbook build` never does. It listens for the server's
// events: reload the page, swap the stylesheets, or show the content's
// errors over the page until the next good build.
(function () {
  "use strict";
  var overlay = null;

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("reload", String(Date.now()));
      links[i].href = url.href;
    }
  }

  function showErrors(diagnostics) {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    if (!diagnostics.length) return;
    overlay = document.createElement("section");
    overlay.id = "playbook-errors";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "playbook-errors-title");
    var title = document.createElement("h2");
    title.id = "playbook-errors-title";
    // Before any good build the page is the server's waiting page.
    var shows = document.getElementById("playbook-waiting")
      ? "the page reloads once they are fixed"
      : "the page shows the last good build";
    title.textContent = (diagnostics.length === 1
      ? "1 problem in the content: "
      : diagnostics.length + " problems in the content: ") + shows;
    overlay.appendChild(title);
    var list = document.createElement("ul");
    diagnostics.forEach(function (d) {
      var item = document.createElement("li");
      var where = document.createElement("code");
      where.textContent = d.file + (d.line ? ":" + d.line + (d.col ? ":" + d.col : "") : "");
      item.appendChild(where);
      item.appendChild(document.createTextNode(" " + d.message));
      if (d.hint) {
        var hint = document.createElement("p");
        hint.textContent = d.hint;
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }

  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "/_playbook/overlay.css";
  document.head.appendChild(style);

  // An EventSource reconnects by itself when the connection drops, but
  // not when the server refuses the stream (503: too many open pages):
  // then it tries again later, waiting twice as long each time.
  var wait = 1000;
  function listen() {
    var events = new EventSource("/_playbook/events");
    events.addEventListener("open", function () { wait = 1000; });
    events.addEventListener("reload", function () { location.reload(); });
    events.addEventListener("css", swapStylesheets);
    events.addEventListener("errors", function (e) { showErrors(JSON.parse(e.data)); });
    events.addEventListener("error", function () {
      if (events.readyState !== EventSource.CLOSED) return;
      setTimeout(listen, wait);
      wait = Math.min(wait * 2, 60000);
    });
  }
  listen();
})();
