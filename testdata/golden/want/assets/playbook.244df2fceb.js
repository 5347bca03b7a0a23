/* Playbook: what a reader saves in this browser. The pages work without
   this script; it adds the reader's role, pathway progress, saved
   "Check yourself" and checklist ticks, saved reflection answers,
   printing with or without answers, and export, import and deletion of
   everything saved.

   Everything is kept in localStorage under one key, "playbook.v1:"
   followed by the site's base path, as one JSON object:

     { "version": 2,
       "role":        "<role id>",                                   the reader's role, once chosen
       "progress":    { "<role id>": { "<guide id>": true } },       pathway steps done, role by role
       "checks":      { "<guide id>": { "<item>": true } },           a guide's "Check yourself" ticks
       "checklists":  { "<checklist id>": { "<item id>": true } },
       "reflections": { "<form id>": { "fields":  { "name": "...", "school": "...", "date": "..." },
                                       "answers": { "<prompt id>": "..." } } },
       "done":        { "<guide id>": true },                         version 1's steps, see below
       "copied":      { "<role id>": true } }

   Version 1 kept one "done" per guide, shared by every pathway, so two
   steps ticked as a teacher showed as progress of four other roles.
   Version 2 keeps progress per role. Steps saved by version 1 stay in
   "done", untouched; the first time a page shows a role's pathway, those
   of its steps are copied into that role's progress and the role is noted
   in "copied". So every pathway shows what it showed before, and from then
   on each role's progress is its own. Files exported by version 1 import
   the same way.

   Ids are the stable ids of data/*.yaml and content/guides, read from the
   page's data-* attributes (see THEMES.md). Any id is safe, "__proto__" or
   "constructor" too: every map is an object without a prototype, so no id
   can reach or change Object.prototype. Nothing is ever removed because
   the page no longer shows it: an item renamed or deleted in the content
   leaves its saved value in place, untouched, and it travels in exports.
   Nothing leaves the browser except in a file the reader exports.

   Every word it shows comes from the page, in the page's language: the
   messages of <script type="application/json" id="pb-words">, which the
   layout writes from the theme's translation table, and the data-says
   and data-confirm texts of the elements it fills. */
(function () {
  "use strict";

  var VERSION = 2;
  var FORMAT = "playbook-saved-work";
  var script = document.currentScript;
  var base = "/";
  if (script && script.src) {
    var m = new URL(script.src, location.href).pathname.match(/^(.*\/)assets\/[^/]*$/);
    if (m) base = m[1];
  }
  var KEY = "playbook.v1:" + base;
  var root = document.documentElement;

  root.classList.add("js");

  // ---- the saved work, as plain data --------------------------------------

  // dict returns a map for ids: an object without a prototype, in which
  // "__proto__", "constructor" and "toString" are ids like any other.
  function dict() {
    return Object.create(null);
  }

  function isObject(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  // get returns x's own property k, never one x inherits.
  function get(x, k) {
    return isObject(x) && Object.prototype.hasOwnProperty.call(x, k) ? x[k] : undefined;
  }

  function keys(x) {
    return Object.keys(x);
  }

  // ---- the page's words ------------------------------------------------------

  var words = dict();
  try {
    var block = document.getElementById("pb-words");
    if (block) words = JSON.parse(block.textContent);
  } catch (e) { /* no messages: say shows their keys */ }
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(root.lang || undefined) : null;

  // fill writes the values of args into text's {name} placeholders.
  function fill(text, args) {
    return text.replace(/\{([\w-]+)\}/g, function (all, name) {
      return args && Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : all;
    });
  }

  // say returns the message key with args written in; a message with
  // plural forms takes the form of the language for args.count. A message
  // the page lacks shows as its key in brackets, as the build shows one.
  function say(key, args) {
    var m = get(words, key);
    if (isObject(m)) {
      var n = args ? args.count : 0;
      m = get(m, plurals ? plurals.select(n) : n === 1 ? "one" : "other") || get(m, "other");
    }
    return typeof m === "string" ? fill(m, args) : "[" + key + "]";
  }

  var PARTS = ["version", "role", "progress", "checks", "checklists", "reflections", "done", "copied"];

  function empty() {
    var s = dict();
    s.version = VERSION;
    s.role = "";
    s.progress = dict();
    s.checks = dict();
    s.checklists = dict();
    s.reflections = dict();
    s.done = dict();
    s.copied = dict();
    return s;
  }

  // ticks copies the ids of x marked true; texts, those with a string.
  function ticks(x) {
    var out = dict();
    if (isObject(x)) keys(x).forEach(function (k) { if (x[k] === true) out[k] = true; });
    return out;
  }

  function texts(x) {
    var out = dict();
    if (isObject(x)) keys(x).forEach(function (k) { if (typeof x[k] === "string") out[k] = x[k]; });
    return out;
  }

  // nested copies a map of maps, each inner map with fn.
  function nested(x, fn) {
    var out = dict();
    if (isObject(x)) keys(x).forEach(function (k) { if (isObject(x[k])) out[k] = fn(x[k]); });
    return out;
  }

  function savedForm(r) {
    var out = dict();
    out.fields = texts(get(r, "fields"));
    out.answers = texts(get(r, "answers"));
    return out;
  }

  // normalize returns a well-formed store holding every usable value of x,
  // saved by this version or version 1: true for ticks, strings for
  // answers. Anything else is left out rather than trusted; unknown ids
  // are kept, and so is what a later version may have added.
  function normalize(x) {
    var s = empty();
    if (!isObject(x)) return s;
    keys(x).forEach(function (k) {
      if (PARTS.indexOf(k) < 0) s[k] = x[k];
    });
    var role = get(x, "role");
    if (typeof role === "string") s.role = role;
    s.progress = nested(get(x, "progress"), ticks);
    s.checks = nested(get(x, "checks"), ticks);
    s.checklists = nested(get(x, "checklists"), ticks);
    s.reflections = nested(get(x, "reflections"), savedForm);
    s.done = ticks(get(x, "done"));
    s.copied = ticks(get(x, "copied"));
    return s;
  }

  // ---- storage ---------------------------------------------------------------

  // A browser may refuse to keep anything (storage blocked, private
  // browsing, a full disk): then the page still works, from memory, and
  // says that nothing will be kept.
  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(KEY);
  } catch (e) {
    storage = null;
  }
  var memory = null; // the store, when storage cannot keep it

  function load() {
    if (memory) return normalize(JSON.parse(JSON.stringify(memory)));
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
    var ok = false;
    if (storage) {
      try {
        storage.setItem(KEY, JSON.stringify(s));
        ok = true;
      } catch (e) {
        ok = false;
      }
    }
    if (ok) {
      memory = null;
    } else {
      memory = s;
      cannotSave();
    }
    return ok;
  }

  // update loads the store, lets fn change it and saves it, so that two
  // tabs writing different items do not undo each other.
  function update(fn) {
    var s = load();
    fn(s);
    save(s);
    return s;
  }

  // cannotSave shows the page's note that nothing is being kept.
  function cannotSave() {
    each("[data-save-warning]", null, function (el) { el.hidden = false; });
  }

  // ---- helpers -----------------------------------------------------------------

  function each(sel, scope, fn) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(sel), fn);
  }

  // within returns the elements under scope with attribute name equal to
  // value, compared as text (never put into a selector).
  function within(scope, name, value) {
    return Array.prototype.filter.call((scope || document).querySelectorAll("[" + name + "]"), function (el) {
      return el.getAttribute(name) === value;
    });
  }

  // setCount writes the number n into the counters sel under scope: the
  // whole text of its data-says, the placeholder the build left in it
  // filled, or the number alone.
  function setCount(scope, sel, n) {
    each(sel, scope, function (el) {
      var says = el.getAttribute("data-says");
      var text = says ? says.replace(/\{[\w-]+\}/g, String(n)) : String(n);
      if (el.textContent !== text) el.textContent = text;
    });
  }

  function stepIds(el) {
    return (el.getAttribute("data-steps") || "").split(/\s+/).filter(Boolean);
  }

  function confirmed(btn) {
    var q = btn.getAttribute("data-confirm");
    return !q || window.confirm(q);
  }

  // renderers redraw the page from the store: after loading, after a
  // change in another tab, after an import and after a deletion.
  var renderers = [];

  function redraw(s) {
    renderers.forEach(function (fn) { fn(s); });
  }

  // ---- the reader's role -----------------------------------------------------------

  function roleName(id) {
    var name = "";
    each("[data-role-choice] option", null, function (o) { if (o.value === id) name = o.textContent; });
    return name;
  }

  function roleURL(id) {
    var url = "";
    each("[data-role-choice] option", null, function (o) { if (o.value === id) url = o.getAttribute("data-url") || ""; });
    return url;
  }

  function renderRole(s) {
    if (s.role) root.setAttribute("data-role", s.role);
    else root.removeAttribute("data-role");
    each("[data-role-choice]", null, function (sel) {
      var known = Array.prototype.some.call(sel.options, function (o) { return o.value === s.role; });
      sel.value = known ? s.role : "";
    });
    each("[data-choose-role]", null, function (btn) {
      btn.setAttribute("aria-pressed", String(btn.getAttribute("data-choose-role") === s.role));
    });
    each(".roles > [data-pathway]", null, function (card) {
      card.classList.toggle("is-chosen", card.getAttribute("data-pathway") === s.role);
    });
  }

  function chooseRole(id) {
    var s = update(function (s) { s.role = id; });
    redraw(s);
    each("[data-role-status]", null, function (el) {
      var name = roleName(id);
      el.textContent = name
        ? (el.getAttribute("data-says") || "").replace("{role}", name)
        : el.getAttribute("data-says-none") || "";
    });
  }

  function initRole() {
    each("[data-role-choice]", null, function (sel) {
      sel.addEventListener("change", function () { chooseRole(sel.value); });
    });
    each("[data-choose-role]", null, function (btn) {
      btn.addEventListener("click", function () {
        var id = btn.getAttribute("data-choose-role");
        chooseRole(btn.getAttribute("aria-pressed") === "true" ? "" : id);
      });
    });
    renderers.push(renderRole);
  }

  // ---- pathways ------------------------------------------------------------

  // A step box belongs to the pathway around it (a role page, a guide's
  // place in one pathway); elsewhere, to the reader's role.
  function roleOf(el, s) {
    var p = el.closest("[data-pathway]");
    return p ? p.getAttribute("data-pathway") : s.role;
  }

  function isDone(s, role, id) {
    var p = s.progress[role];
    return !!p && p[id] === true;
  }

  // copyOldSteps gives each pathway on the page, once, the steps version 1
  // saved for all pathways at once, and reports whether it copied any.
  function copyOldSteps(s) {
    if (keys(s.done).length === 0) return false;
    var changed = false;
    each("[data-pathway][data-steps]", null, function (el) {
      var role = el.getAttribute("data-pathway");
      if (s.copied[role] === true) return;
      s.copied[role] = true;
      changed = true;
      stepIds(el).forEach(function (id) {
        if (s.done[id] !== true) return;
        var p = s.progress[role] || (s.progress[role] = dict());
        p[id] = true;
      });
    });
    return changed;
  }

  function renderPathways(s) {
    each("[data-done]", null, function (box) {
      box.checked = isDone(s, roleOf(box, s), box.getAttribute("data-done"));
    });
    each("[data-pathway][data-steps]", null, function (el) {
      var role = el.getAttribute("data-pathway");
      var ids = stepIds(el);
      var n = ids.filter(function (id) { return isDone(s, role, id); }).length;
      setCount(el, "[data-done-count]", n);
      each("progress", el, function (p) { p.value = n; });
      each("[data-step]", el, function (li) {
        li.classList.toggle("is-done", isDone(s, role, li.getAttribute("data-step")));
      });
      el.classList.toggle("is-complete", ids.length > 0 && n === ids.length);
    });
  }

  // renderNext writes, in each role's card, the step to go on with: the
  // first not done, from the card's template of step links.
  function renderNext(s) {
    each("[data-next]", null, function (line) {
      var card = line.closest("[data-pathway]");
      var tpl = card && card.querySelector("template[data-step-links]");
      var link = line.querySelector("[data-next-link]");
      if (!tpl || !link) return;
      var role = card.getAttribute("data-pathway");
      var ids = stepIds(card);
      var done = ids.filter(function (id) { return isDone(s, role, id); }).length;
      var next = ids.filter(function (id) { return !isDone(s, role, id); })[0];
      var state = done === 0 ? "start" : next ? "continue" : "complete";
      each("[data-next-label]", line, function (l) { l.hidden = l.getAttribute("data-next-label") !== state; });
      link.hidden = !next;
      if (!next) return;
      var a = within(tpl.content, "data-step", next)[0];
      if (a) {
        link.setAttribute("href", a.getAttribute("href"));
        link.textContent = a.textContent;
      }
    });
  }

  // renderGuidePathways shows, on a guide's page, the reader's own
  // pathway first and folds the others away; with no role chosen it
  // leaves every pathway in view.
  var folded = new WeakMap(); // section → the role it was last folded for
  var pathwayItems = new WeakMap(); // section → its pathways, in the page's order
  function renderGuidePathways(s) {
    each("[data-pathways]", null, function (sec) {
      var slot = sec.querySelector("[data-your-pathway]");
      var others = sec.querySelector("[data-pathway-others]");
      var list = others && others.querySelector(".pathway-list");
      if (!slot || !list) return;
      var items = pathwayItems.get(sec);
      if (!items) {
        items = Array.prototype.slice.call(list.children);
        pathwayItems.set(sec, items);
      }
      items.forEach(function (li) {
        li.classList.remove("is-chosen");
        list.appendChild(li);
      });
      var chosen = s.role ? items.filter(function (li) { return li.getAttribute("data-pathway") === s.role; })[0] : null;
      if (chosen) {
        chosen.classList.add("is-chosen");
        (slot.querySelector("[data-your-pathway-list]") || slot).appendChild(chosen);
      }
      each("[data-when]", slot, function (note) {
        var when = note.getAttribute("data-when");
        note.hidden = when === "no-role" ? !!s.role : !(s.role && !chosen);
      });
      each("[data-role-link]", slot, function (a) {
        var url = roleURL(s.role);
        if (url) a.setAttribute("href", url);
      });
      var summary = others.querySelector("summary");
      if (summary) {
        if (!summary.hasAttribute("data-all-label")) summary.setAttribute("data-all-label", summary.textContent);
        summary.textContent = s.role ? summary.getAttribute("data-others-label") : summary.getAttribute("data-all-label");
      }
      others.hidden = list.children.length === 0;
      if (folded.get(sec) !== s.role) {
        others.open = !s.role;
        folded.set(sec, s.role);
      }
    });
  }

  function initPathways() {
    each("[data-done]", null, function (box) {
      box.addEventListener("change", function () {
        var id = box.getAttribute("data-done");
        var s = update(function (s) {
          var role = roleOf(box, s);
          if (!role) return;
          var p = s.progress[role] || (s.progress[role] = dict());
          if (box.checked) p[id] = true;
          else delete p[id];
        });
        redraw(s);
      });
    });
    renderers.push(renderGuidePathways, renderPathways, renderNext);
  }

  // ---- a guide's "Check yourself" ----------------------------------------------

  function initChecks() {
    each("[data-guide]", null, function (guide) {
      var id = guide.getAttribute("data-guide");
      if (!guide.querySelector("[data-check]")) return;
      guide.addEventListener("change", function (ev) {
        var box = ev.target;
        if (!box.hasAttribute || !box.hasAttribute("data-check")) return;
        var item = box.getAttribute("data-check");
        update(function (s) {
          var c = s.checks[id] || (s.checks[id] = dict());
          if (box.checked) c[item] = true;
          else delete c[item];
        });
      });
      renderers.push(function (s) {
        var c = s.checks[id] || dict();
        each("[data-check]", guide, function (box) { box.checked = c[box.getAttribute("data-check")] === true; });
      });
    });
  }

  // ---- checklists ----------------------------------------------------------

  function sectionTitle(sec) {
    var t = sec.querySelector("legend, h2, h3");
    if (!t) return "";
    var copy = t.cloneNode(true);
    each(".section-count, [data-progress]", copy, function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // summarize writes, after a checklist, the reader's answers section by
  // section: how many items are ticked, or how many got each answer where
  // items are answered by choosing among levels. It shows only once
  // something is answered, and is made here, in the browser, from what
  // this browser saved: nothing of it is sent anywhere.
  var summaries = new WeakMap(); // checklist → its summary
  function summarize(list) {
    var box = summaries.get(list);
    if (!box) {
      box = document.createElement("section");
      summaries.set(list, box);
      box.className = "checklist-summary screen-only";
      var id = "summary-" + (list.getAttribute("data-checklist") || "checklist").replace(/[^a-z0-9-]/gi, "");
      box.setAttribute("aria-labelledby", id);
      box.innerHTML = '<h2></h2><table><thead><tr><th scope="col"></th><th scope="col"></th></tr></thead><tbody></tbody></table>';
      box.querySelector("h2").id = id;
      box.querySelector("h2").textContent = say("checklist.summary.title");
      var th = box.querySelectorAll("th");
      th[0].textContent = say("checklist.summary.section");
      th[1].textContent = say("checklist.summary.answers");
      list.parentNode.insertBefore(box, list.nextSibling);
    }
    var rows = [];
    var any = false;
    each("[data-section]", list, function (sec) {
      var items = sec.querySelectorAll("[data-item]");
      var ticked = sec.querySelectorAll("[data-item]:checked").length;
      var levels = dict();
      var order = [];
      each("input[type=radio]:checked", sec, function (r) {
        var label = r.labels && r.labels[0] ? r.labels[0].textContent.trim() : r.value;
        if (!(label in levels)) { levels[label] = 0; order.push(label); }
        levels[label]++;
      });
      var parts = [];
      if (items.length > 0) parts.push(say("checklist.summary.ticked", { ticked: ticked, count: items.length }));
      order.forEach(function (label) { parts.push(say("checklist.summary.level", { level: label, count: levels[label] })); });
      if (ticked > 0 || order.length > 0) any = true;
      rows.push([sectionTitle(sec), parts.join(", ")]);
    });
    var body = box.querySelector("tbody");
    body.textContent = "";
    rows.forEach(function (r) {
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = r[0];
      var td = document.createElement("td");
      td.textContent = r[1];
      tr.appendChild(th);
      tr.appendChild(td);
      body.appendChild(tr);
    });
    box.hidden = !any;
  }

  function renderChecklist(list, s) {
    var saved = s.checklists[list.getAttribute("data-checklist")] || dict();
    var total = 0;
    each("[data-item]", list, function (box) {
      box.checked = saved[box.getAttribute("data-item")] === true;
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
    summarize(list);
  }

  function initChecklists() {
    each("[data-checklist]", null, function (list) {
      var id = list.getAttribute("data-checklist");
      list.addEventListener("change", function (ev) {
        var box = ev.target;
        if (!box.hasAttribute || !box.hasAttribute("data-item")) {
          summarize(list);
          return;
        }
        var item = box.getAttribute("data-item");
        var s = update(function (s) {
          var c = s.checklists[id] || (s.checklists[id] = dict());
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
            var c = s.checklists[id] || dict();
            each("[data-item]", list, function (box) { delete c[box.getAttribute("data-item")]; });
          });
          renderChecklist(list, s);
        });
      });
      renderers.push(function (s) { renderChecklist(list, s); });
    });
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

  // mirrorField copies a name, school or date into the text that prints in
  // place of its input, which would cut a long value off; a date as
  // readers write it.
  function mirrorField(form, input) {
    var field = input.getAttribute("data-field");
    var v = input.value;
    if (input.type === "date" && v) {
      var d = new Date(v + "T12:00:00");
      if (!isNaN(d)) v = d.toLocaleDateString(root.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
    }
    within(form, "data-field-print", field).forEach(function (el) { el.textContent = v; });
    input.classList.toggle("is-empty", !input.value);
  }

  function renderForm(form, s) {
    var r = s.reflections[form.getAttribute("data-reflection")];
    var fields = r ? r.fields : dict();
    var answers = r ? r.answers : dict();
    each("[data-field]", form, function (input) {
      var v = fields[input.getAttribute("data-field")] || "";
      if (input.value !== v) input.value = v;
      mirrorField(form, input);
    });
    each("[data-prompt]", form, function (p) {
      setPromptValue(p, answers[p.getAttribute("data-prompt")] || "");
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
          var r = s.reflections[id] || (s.reflections[id] = form0());
          if (field) {
            if (el.value) r.fields[field] = el.value;
            else delete r.fields[field];
          } else {
            var k = p.getAttribute("data-prompt");
            var v = promptValue(p);
            if (v) r.answers[k] = v;
            else delete r.answers[k];
          }
        });
        if (field) mirrorField(form, el);
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

  function form0() {
    var r = dict();
    r.fields = dict();
    r.answers = dict();
    return r;
  }

  // ---- printing --------------------------------------------------------------

  // A data-print button prints the page; data-print="blank" prints a
  // reflection form without its answers, with ruled space to write in.
  function initPrint() {
    each("[data-print]", null, function (btn) {
      btn.addEventListener("click", function () {
        root.classList.toggle("print-blank", btn.getAttribute("data-print") === "blank");
        window.print();
      });
    });
    window.addEventListener("afterprint", function () {
      root.classList.remove("print-blank");
    });
    // A sheet prints the page's address: a full one, even where the site
    // was built without its base URL.
    each("[data-page-address]", null, function (el) {
      var a = el.textContent.trim();
      if (a.charAt(0) === "/") el.textContent = location.origin + a;
    });
  }

  // ---- export, import and deletion ---------------------------------------------

  function counts(s) {
    var n = { steps: 0, ticks: 0, answers: 0 };
    var counted = dict();
    keys(s.progress).forEach(function (role) {
      keys(s.progress[role]).forEach(function (id) { n.steps++; counted[id] = true; });
    });
    keys(s.done).forEach(function (id) { if (!counted[id]) n.steps++; });
    [s.checklists, s.checks].forEach(function (m) {
      keys(m).forEach(function (id) { n.ticks += keys(m[id]).length; });
    });
    keys(s.reflections).forEach(function (id) {
      n.answers += keys(s.reflections[id].answers).length;
    });
    return n;
  }

  function describe(s) {
    var n = counts(s);
    return say("saved.what", {
      steps: say("saved.steps", { count: n.steps }),
      ticks: say("saved.ticks", { count: n.ticks }),
      answers: say("saved.answers", { count: n.answers })
    });
  }

  function mergeTicks(a, b) {
    keys(b).forEach(function (id) {
      var into = a[id] || (a[id] = dict());
      keys(b[id]).forEach(function (item) { into[item] = true; });
    });
  }

  // merge copies every value of b over a: an import adds to what this
  // browser has and, where both have a value for the same id, the file wins.
  function merge(a, b) {
    keys(b).forEach(function (k) {
      if (PARTS.indexOf(k) < 0) a[k] = b[k];
    });
    if (b.role) a.role = b.role;
    mergeTicks(a.progress, b.progress);
    mergeTicks(a.checks, b.checks);
    mergeTicks(a.checklists, b.checklists);
    keys(b.reflections).forEach(function (id) {
      var r = a.reflections[id] || (a.reflections[id] = form0());
      ["fields", "answers"].forEach(function (part) {
        keys(b.reflections[id][part]).forEach(function (k) {
          r[part][k] = b.reflections[id][part][k];
        });
      });
    });
    // Steps of version 1 this browser did not have go to every pathway
    // again, the next time a page shows it.
    var fresh = false;
    keys(b.done).forEach(function (id) {
      if (a.done[id] !== true) fresh = true;
      a.done[id] = true;
    });
    if (fresh) a.copied = dict();
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
      function tell(msg) { if (status) status.textContent = msg; }

      each("[data-export]", box, function (btn) {
        btn.addEventListener("click", function () {
          var s = load();
          var doc = { format: FORMAT, version: VERSION, site: location.origin + base,
            exported: new Date().toISOString(), data: s };
          var blob = new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" });
          var a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = say("saved.file-name", { date: today() });
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
          tell(say("saved.exported", { what: describe(s), file: a.download }));
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
            if (!isObject(doc) || get(doc, "format") !== FORMAT || !isObject(get(doc, "data"))) {
              tell(say("saved.not-saved-work", { file: f.name }));
              return;
            }
            var version = get(doc, "version");
            if (typeof version === "number" && version > VERSION) {
              tell(say("saved.newer", { file: f.name }));
              return;
            }
            var incoming = normalize(get(doc, "data"));
            var s = merge(load(), incoming);
            copyOldSteps(s);
            if (!save(s)) {
              redraw(s);
              tell(say("saved.imported-unsaved", { what: describe(incoming), file: f.name }));
              return;
            }
            redraw(s);
            tell(say("saved.imported", { what: describe(incoming), file: f.name }));
          };
          reader.onerror = function () { tell(say("saved.unreadable", { file: f.name })); };
          reader.readAsText(f);
          file.value = "";
        });
      }

      each("[data-delete-all]", box, function (btn) {
        btn.addEventListener("click", function () {
          if (!confirmed(btn)) return;
          memory = null;
          if (storage) {
            try {
              storage.removeItem(KEY);
              storage.removeItem(KEY + ":unreadable");
            } catch (e) { /* nothing was kept */ }
          }
          redraw(load());
          tell(say("saved.deleted"));
        });
      });
    });
  }

  // ---- start -------------------------------------------------------------------

  // Controls that need this script are shown from the first paint by the
  // stylesheet, which hides them only when scripts are off, so that
  // nothing moves when the script starts. A theme may still write them
  // hidden, as themes before it did: show those.
  each("[data-progress][hidden], [data-saved-work][hidden]", null, function (el) { el.hidden = false; });

  initRole();
  initPathways();
  initChecks();
  initChecklists();
  initForms();
  initPrint();
  initSavedWork();
  var start = load();
  if (keys(start.done).length > 0 && copyOldSteps(start)) save(start);
  redraw(start);
  var inputs = "[data-done], [data-check], [data-checklist], [data-reflection], [data-choose-role]";
  if (!storage && document.querySelector(inputs)) cannotSave();

  // Another tab changed what is saved: show it here too.
  window.addEventListener("storage", function (ev) {
    if (ev.key === KEY || ev.key === null) redraw(load());
  });
  // Coming back with the Back button shows the page as it was left; show
  // what is saved now.
  window.addEventListener("pageshow", function (ev) {
    if (ev.persisted) redraw(load());
  });
})();
