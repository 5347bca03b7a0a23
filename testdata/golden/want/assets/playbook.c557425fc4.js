/* Playbook: what a reader saves in this browser. The pages work without
   this script; it adds pathway progress, saved checklist ticks, saved
   reflection answers, printing with or without answers, and export and
   import of everything saved.

   Everything is kept in localStorage under one key, "playbook.v1:" followed
   by the site's base path, as one JSON object:

     { "version": 1,
       "done":        { "<guide id>": true },                 pathway steps
       "checklists":  { "<checklist id>": { "<item id>": true } },
       "reflections": { "<form id>": { "fields":  { "name": "...", "school": "...", "date": "..." },
                                       "answers": { "<prompt id>": "..." } } } }

   Ids are the stable ids of data/*.yaml and content/guides, read from the
   page's data-* attributes (see THEMES.md). Nothing is ever removed because
   the page no longer shows it: an item renamed or deleted in the content
   leaves its saved value in place, untouched, and it travels in exports.
   Nothing leaves the browser except in a file the reader exports. */
(function () {
  "use strict";

  var VERSION = 1;
  var FORMAT = "playbook-saved-work";
  var script = document.currentScript;
  var base = "/";
  if (script && script.src) {
    var m = new URL(script.src, location.href).pathname.match(/^(.*\/)assets\/[^/]*$/);
    if (m) base = m[1];
  }
  var KEY = "playbook.v1:" + base;

  document.documentElement.classList.add("js");

  // ---- storage -----------------------------------------------------------

  function isObject(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  function empty() {
    return { version: VERSION, done: {}, checklists: {}, reflections: {} };
  }

  // normalize returns a well-formed store holding every usable value of x:
  // booleans for ticks, strings for answers. Anything else is left out
  // rather than trusted; unknown ids are kept.
  function normalize(x) {
    var s = empty();
    if (!isObject(x)) return s;
    // Keep what a later version of this script may have saved.
    Object.keys(x).forEach(function (k) {
      if (!(k in s)) s[k] = x[k];
    });
    if (isObject(x.done)) {
      Object.keys(x.done).forEach(function (id) {
        if (x.done[id] === true) s.done[id] = true;
      });
    }
    if (isObject(x.checklists)) {
      Object.keys(x.checklists).forEach(function (id) {
        var c = x.checklists[id];
        if (!isObject(c)) return;
        var out = {};
        Object.keys(c).forEach(function (item) {
          if (c[item] === true) out[item] = true;
        });
        s.checklists[id] = out;
      });
    }
    if (isObject(x.reflections)) {
      Object.keys(x.reflections).forEach(function (id) {
        var r = x.reflections[id];
        if (!isObject(r)) return;
        var out = { fields: {}, answers: {} };
        ["fields", "answers"].forEach(function (part) {
          if (!isObject(r[part])) return;
          Object.keys(r[part]).forEach(function (k) {
            if (typeof r[part][k] === "string") out[part][k] = r[part][k];
          });
        });
        s.reflections[id] = out;
      });
    }
    return s;
  }

  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(KEY);
  } catch (e) {
    storage = null; // storage blocked: the page still works, nothing is kept
  }

  function load() {
    if (!storage) return empty();
    var raw = storage.getItem(KEY);
    if (!raw) return empty();
    try {
      return normalize(JSON.parse(raw));
    } catch (e) {
      // Keep what could not be read beside the new store, never discard it.
      try { storage.setItem(KEY + ":unreadable", raw); } catch (e2) { /* full */ }
      return empty();
    }
  }

  function save(s) {
    if (!storage) return false;
    try {
      storage.setItem(KEY, JSON.stringify(s));
      return true;
    } catch (e) {
      return false;
    }
  }

  // update loads the store, lets fn change it and saves it, so that two
  // tabs writing different items do not undo each other.
  function update(fn) {
    var s = load();
    fn(s);
    save(s);
    return s;
  }

  function each(sel, root, fn) {
    Array.prototype.forEach.call((root || document).querySelectorAll(sel), fn);
  }

  function reveal(root) {
    each("[data-progress][hidden], [data-saved-work][hidden]", root, function (el) {
      el.hidden = false;
    });
  }

  function setCount(root, sel, n) {
    each(sel, root, function (el) {
      if (el.textContent !== String(n)) el.textContent = String(n);
    });
  }

  // renderers redraw the page from the store: after loading, after a
  // change in another tab and after an import.
  var renderers = [];

  // ---- pathways ------------------------------------------------------------

  function renderPathways(s) {
    each("[data-done]", null, function (box) {
      box.checked = s.done[box.getAttribute("data-done")] === true;
    });
    each("[data-steps]", null, function (el) {
      var ids = el.getAttribute("data-steps").split(/\s+/).filter(Boolean);
      var n = ids.filter(function (id) { return s.done[id] === true; }).length;
      setCount(el, "[data-done-count]", n);
      each("progress", el, function (p) { p.value = n; });
      each("[data-step]", el, function (li) {
        li.classList.toggle("is-done", s.done[li.getAttribute("data-step")] === true);
      });
      el.classList.toggle("is-complete", ids.length > 0 && n === ids.length);
    });
  }

  function initPathways() {
    each("[data-done]", null, function (box) {
      box.addEventListener("change", function () {
        var id = box.getAttribute("data-done");
        var s = update(function (s) {
          if (box.checked) s.done[id] = true;
          else delete s.done[id];
        });
        renderPathways(s);
      });
    });
    renderers.push(renderPathways);
  }

  // ---- checklists ----------------------------------------------------------

  function renderChecklist(list, s) {
    var ticks = s.checklists[list.getAttribute("data-checklist")] || {};
    var total = 0;
    each("[data-item]", list, function (box) {
      box.checked = ticks[box.getAttribute("data-item")] === true;
      if (box.checked) total++;
    });
    each("[data-section]", list, function (sec) {
      setCount(sec, "[data-count]", sec.querySelectorAll("[data-item]:checked").length);
    });
    var tools = list.querySelector(".tools");
    if (tools) {
      setCount(tools, "[data-count]", total);
      each("progress", tools, function (p) { p.value = total; });
    }
  }

  function initChecklists() {
    each("[data-checklist]", null, function (list) {
      var id = list.getAttribute("data-checklist");
      list.addEventListener("change", function (ev) {
        var box = ev.target;
        if (!box.hasAttribute || !box.hasAttribute("data-item")) return;
        var item = box.getAttribute("data-item");
        var s = update(function (s) {
          var c = s.checklists[id] || (s.checklists[id] = {});
          if (box.checked) c[item] = true;
          else delete c[item];
        });
        renderChecklist(list, s);
      });
      each("[data-clear]", list, function (btn) {
        btn.addEventListener("click", function () {
          if (!confirmed(btn)) return;
          // Clear only the items on the page; ticks of items the content
          // no longer has stay saved.
          var s = update(function (s) {
            var c = s.checklists[id] || {};
            each("[data-item]", list, function (box) { delete c[box.getAttribute("data-item")]; });
          });
          renderChecklist(list, s);
        });
      });
      renderers.push(function (s) { renderChecklist(list, s); });
    });
  }

  function confirmed(btn) {
    var q = btn.getAttribute("data-confirm");
    return !q || window.confirm(q);
  }

  // ---- reflection forms ------------------------------------------------------

  // A form's values: data-field inputs (name, school, date), and for each
  // data-prompt its textarea, or the value of its checked radio button.
  function promptValue(p) {
    var ta = p.querySelector("textarea");
    if (ta) return ta.value;
    var checked = p.querySelector("input[type=radio]:checked");
    return checked ? checked.value : "";
  }

  function setPromptValue(p, v) {
    var ta = p.querySelector("textarea");
    if (ta) {
      if (ta.value !== v) ta.value = v;
    } else {
      each("input[type=radio]", p, function (r) { r.checked = r.value === v; });
    }
    mirror(p);
  }

  // mirror copies a written answer into the element that prints in its
  // place: a textarea prints only the lines it shows.
  function mirror(p) {
    var ta = p.querySelector("textarea");
    var out = p.querySelector("[data-answer]");
    var v = ta ? ta.value : promptValue(p);
    if (out && ta) out.textContent = v;
    p.classList.toggle("has-answer", v.trim() !== "");
  }

  function renderForm(form, s) {
    var r = s.reflections[form.getAttribute("data-reflection")] || { fields: {}, answers: {} };
    each("[data-field]", form, function (input) {
      var v = r.fields[input.getAttribute("data-field")] || "";
      if (input.value !== v) input.value = v;
      input.classList.toggle("is-empty", !input.value);
    });
    each("[data-prompt]", form, function (p) {
      setPromptValue(p, r.answers[p.getAttribute("data-prompt")] || "");
    });
  }

  function initForms() {
    each("[data-reflection]", null, function (form) {
      var id = form.getAttribute("data-reflection");
      function record(ev) {
        var el = ev.target;
        var field = el.getAttribute && el.getAttribute("data-field");
        var p = el.closest && el.closest("[data-prompt]");
        if (!field && !p) return;
        update(function (s) {
          var r = s.reflections[id] || (s.reflections[id] = { fields: {}, answers: {} });
          if (field) {
            el.classList.toggle("is-empty", !el.value);
            if (el.value) r.fields[field] = el.value;
            else delete r.fields[field];
          } else {
            var k = p.getAttribute("data-prompt");
            var v = promptValue(p);
            if (v) r.answers[k] = v;
            else delete r.answers[k];
          }
        });
        if (p) mirror(p);
      }
      form.addEventListener("input", record);
      form.addEventListener("change", record);
      renderers.push(function (s) { renderForm(form, s); });
    });
    each("[data-clear-answers]", null, function (btn) {
      var form = document.querySelector("[data-reflection]");
      if (!form) return;
      btn.addEventListener("click", function () {
        if (!confirmed(btn)) return;
        var id = form.getAttribute("data-reflection");
        var s = update(function (s) {
          var r = s.reflections[id];
          if (!r) return;
          each("[data-field]", form, function (el) { delete r.fields[el.getAttribute("data-field")]; });
          each("[data-prompt]", form, function (p) { delete r.answers[p.getAttribute("data-prompt")]; });
        });
        renderForm(form, s);
      });
    });
  }

  // ---- printing --------------------------------------------------------------

  // A data-print button prints the page; data-print="blank" prints a
  // reflection form without its answers, with ruled space to write in.
  function initPrint() {
    var root = document.documentElement;
    each("[data-print]", null, function (btn) {
      btn.addEventListener("click", function () {
        root.classList.toggle("print-blank", btn.getAttribute("data-print") === "blank");
        window.print();
      });
    });
    window.addEventListener("afterprint", function () {
      root.classList.remove("print-blank");
    });
  }

  // ---- export and import -------------------------------------------------------

  function counts(s) {
    var n = { steps: Object.keys(s.done).length, ticks: 0, answers: 0 };
    Object.keys(s.checklists).forEach(function (id) {
      n.ticks += Object.keys(s.checklists[id]).length;
    });
    Object.keys(s.reflections).forEach(function (id) {
      n.answers += Object.keys(s.reflections[id].answers).length;
    });
    return n;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function describe(s) {
    var n = counts(s);
    return plural(n.steps, "pathway step", "pathway steps") + ", " +
      plural(n.ticks, "checklist tick", "checklist ticks") + " and " +
      plural(n.answers, "answer", "answers");
  }

  // merge copies every value of b over a: an import adds to what this
  // browser has and, where both have a value for the same id, the file wins.
  function merge(a, b) {
    Object.keys(b).forEach(function (k) {
      if (!(k in empty())) a[k] = b[k];
    });
    Object.keys(b.done).forEach(function (id) { a.done[id] = true; });
    Object.keys(b.checklists).forEach(function (id) {
      var c = a.checklists[id] || (a.checklists[id] = {});
      Object.keys(b.checklists[id]).forEach(function (item) { c[item] = true; });
    });
    Object.keys(b.reflections).forEach(function (id) {
      var r = a.reflections[id] || (a.reflections[id] = { fields: {}, answers: {} });
      ["fields", "answers"].forEach(function (part) {
        Object.keys(b.reflections[id][part]).forEach(function (k) {
          r[part][k] = b.reflections[id][part][k];
        });
      });
    });
    return a;
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function initSavedWork() {
    each("[data-saved-work]", null, function (box) {
      var status = box.querySelector("[data-saved-status]");
      var file = box.querySelector("[data-import-file]");
      function say(msg) { if (status) status.textContent = msg; }

      each("[data-export]", box, function (btn) {
        btn.addEventListener("click", function () {
          var s = load();
          var doc = { format: FORMAT, version: VERSION, site: location.origin + base,
            exported: new Date().toISOString(), data: s };
          var blob = new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" });
          var a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = "playbook-saved-work-" + today() + ".json";
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
          say("Exported " + describe(s) + " to " + a.download + ".");
        });
      });

      each("[data-import]", box, function (btn) {
        btn.addEventListener("click", function () { if (file) file.click(); });
      });
      if (file) {
        file.addEventListener("change", function () {
          var f = file.files && file.files[0];
          if (!f) return;
          var reader = new FileReader();
          reader.onload = function () {
            var doc;
            try {
              doc = JSON.parse(String(reader.result));
            } catch (e) {
              doc = null;
            }
            if (!isObject(doc) || doc.format !== FORMAT || !isObject(doc.data)) {
              say("Nothing was imported: " + f.name + " is not a file of saved work exported from this playbook.");
              return;
            }
            if (typeof doc.version === "number" && doc.version > VERSION) {
              say("Nothing was imported: " + f.name + " was saved by a newer version of the playbook.");
              return;
            }
            var incoming = normalize(doc.data);
            var s = merge(load(), incoming);
            if (!save(s)) {
              say("Nothing was imported: this browser does not let the playbook save.");
              return;
            }
            redraw(s);
            say("Imported " + describe(incoming) + " from " + f.name + ".");
          };
          reader.onerror = function () { say("Nothing was imported: " + f.name + " could not be read."); };
          reader.readAsText(f);
          file.value = "";
        });
      }
    });
  }

  function redraw(s) {
    renderers.forEach(function (fn) { fn(s); });
  }

  // ---- start -------------------------------------------------------------------

  initPathways();
  initChecklists();
  initForms();
  initPrint();
  initSavedWork();
  redraw(load());
  if (storage) reveal(document);

  // Another tab changed what is saved: show it here too.
  window.addEventListener("storage", function (ev) {
    if (ev.key === KEY) redraw(load());
  });
  // Coming back with the Back button shows the page as it was left; show
  // what is saved now.
  window.addEventListener("pageshow", function (ev) {
    if (ev.persisted) redraw(load());
  });
})();
