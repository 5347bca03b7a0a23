// Search for the playbook's /search/ page. The index is built by
// `playbook build` (Go package internal/search, whose documentation
// describes the file and the ranking); this script loads it once and
// answers each keystroke in the browser. Nothing typed leaves the page.
// Every step below mirrors the Go code, so both give the same results.
// Its messages come from the page, in the page's language: the JSON of
// <script type="application/json" id="pb-search-words">, which the search
// page writes from the theme's translation table.
(function () {
  "use strict";

  // ---- Words (internal/search/text.go) ----

  var wordRE = /[\p{L}\p{M}\p{N}'\u2019]+/gu;
  var apostrophes = /['\u2019]/g;
  var leadingMarks = /^\p{M}+/u;

  // wordOf is the word a match of wordRE gives: lowercase, without
  // apostrophes, and without marks at its start, which have no letter to
  // belong to.
  function wordOf(match) {
    return match.replace(apostrophes, "").toLowerCase().replace(leadingMarks, "");
  }

  function words(text) {
    var out = [];
    var m;
    wordRE.lastIndex = 0;
    while ((m = wordRE.exec(text))) {
      var w = wordOf(m[0]);
      if (w) out.push(w);
    }
    return out;
  }

  // ---- Folding and languages (internal/search/language.go) ----

  var nonASCII = /[^\x00-\x7f]/;
  var diacritics = /[\u0300-\u036f]/g;

  // fold takes the accents off a lowercase word: "matemáticas" is
  // "matematicas", "niño" is "nino". Greek's final sigma is σ, as Go
  // lowers Σ.
  function fold(w) {
    if (!nonASCII.test(w)) return w;
    return w.normalize("NFD").replace(diacritics, "").replace(/\u03c2/g, "\u03c3").normalize("NFC");
  }

  // stemEnglish is given the folded word; a word with a character outside
  // a to z is left as it is.
  function stemEnglish(word, folded) {
    if (folded.length <= 2 || !/^[a-z]+$/.test(folded)) return folded;
    return porter2(folded);
  }

  // stemSpanish is given the word as written, composed, and folds its
  // stem; a word with a character outside the Spanish alphabet is left as
  // it is, folded.
  function stemSpanish(word, folded) {
    word = word.normalize("NFC");
    if (!/^[a-záéíóúüñ]+$/.test(word)) return folded;
    return fold(snowballSpanish(word));
  }

  var stemmers = { en: stemEnglish, es: stemSpanish };

  // Language is the rules of the index's language: its stop words (folded)
  // and its stemmer, if it has one.
  function Language(code, stop) {
    this.code = code;
    this.stop = new Set(stop);
    this.stemmer = Object.prototype.hasOwnProperty.call(stemmers, code) ? stemmers[code] : null;
    this.stems = new Map();
  }

  Language.prototype.isStop = function (word) { return this.stop.has(fold(word)); };

  // stem is the folded stem a word is indexed under.
  Language.prototype.stem = function (word) {
    var s = this.stems.get(word);
    if (s !== undefined) return s;
    var folded = fold(word);
    s = this.stemmer ? this.stemmer(word, folded) : folded;
    this.stems.set(word, s);
    return s;
  };

  // ---- Porter2, the Snowball English stemmer (github.com/kljensen/snowball/english) ----

  var exceptions = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var invariantAfter1a = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);
  var step2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent",
    izer: "ize", ization: "ize", ational: "ate", ation: "ate", ator: "ate",
    alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous", ousness: "ous",
    iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: ""
  };
  var step3 = {
    tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic",
    ical: "ic", ful: "", ness: "", ative: ""
  };
  var step4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
    "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];

  function isVowel(c) { return "aeiouy".indexOf(c) >= 0; }

  function regionAfter(w, from) {
    for (var i = from + 1; i < w.length; i++) {
      if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    }
    return w.length;
  }

  function endsShortSyllable(w) {
    var n = w.length;
    if (n === 2) return isVowel(w[0]) && !isVowel(w[1]);
    if (n < 3) return false;
    var c = w[n - 1];
    return !isVowel(w[n - 3]) && isVowel(w[n - 2]) && !isVowel(c) && c !== "w" && c !== "x" && c !== "Y";
  }

  function hasVowel(w) {
    for (var i = 0; i < w.length; i++) if (isVowel(w[i])) return true;
    return false;
  }

  function longest(w, suffixes) {
    var best = "";
    for (var i = 0; i < suffixes.length; i++) {
      var x = suffixes[i];
      if (x.length > best.length && w.endsWith(x)) best = x;
    }
    return best;
  }

  // porter2 stems a word of three or more letters a to z.
  function porter2(word) {
    if (Object.prototype.hasOwnProperty.call(exceptions, word)) return exceptions[word];
    var w = "";
    for (var i = 0; i < word.length; i++) {
      // After a vowel of the word as marked so far: in "yyy" the second y
      // follows a Y, a consonant, and stays y.
      w += word[i] === "y" && (i === 0 || isVowel(w[i - 1])) ? "Y" : word[i];
    }
    var r1;
    if (w.startsWith("gener") || w.startsWith("arsen")) r1 = 5;
    else if (w.startsWith("commun")) r1 = 6;
    else r1 = regionAfter(w, 0);
    var r2 = regionAfter(w, r1);
    function inR1(x) { return w.length - x.length >= r1; }
    function inR2(x) { return w.length - x.length >= r2; }
    function cut(x, by) { w = w.slice(0, w.length - x.length) + by; }

    // Step 1a.
    var x = longest(w, ["sses", "ied", "ies", "us", "ss", "s"]);
    if (x === "sses") cut(x, "ss");
    else if (x === "ied" || x === "ies") cut(x, w.length > 4 ? "i" : "ie");
    else if (x === "s" && hasVowel(w.slice(0, w.length - 2))) cut(x, "");
    if (invariantAfter1a.has(w)) return w.toLowerCase();

    // Step 1b.
    x = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (x === "eed" || x === "eedly") {
      if (inR1(x)) cut(x, "ee");
    } else if (x && hasVowel(w.slice(0, w.length - x.length))) {
      cut(x, "");
      if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
      else if (longest(w, ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"])) w = w.slice(0, -1);
      else if (r1 >= w.length && endsShortSyllable(w)) w += "e";
    }

    // Step 1c.
    var n = w.length;
    if (n > 2 && (w[n - 1] === "y" || w[n - 1] === "Y") && !isVowel(w[n - 2])) w = w.slice(0, -1) + "i";

    // Step 2.
    x = longest(w, Object.keys(step2));
    if (x && inR1(x)) {
      var before = w.slice(0, w.length - x.length);
      var last = before[before.length - 1] || "";
      if ((x !== "ogi" || last === "l") && (x !== "li" || (last && "cdeghkmnrt".indexOf(last) >= 0))) cut(x, step2[x]);
    }

    // Step 3.
    x = longest(w, Object.keys(step3));
    if (x && inR1(x) && (x !== "ative" || inR2(x))) cut(x, step3[x]);

    // Step 4.
    x = longest(w, step4);
    if (x && inR2(x)) {
      var prev = w[w.length - 4] || "";
      if (x !== "ion" || prev === "s" || prev === "t") cut(x, "");
    }

    // Step 5.
    if (w.endsWith("e")) {
      if (inR2("e") || (inR1("e") && !endsShortSyllable(w.slice(0, -1)))) cut("e", "");
    } else if (w.endsWith("l")) {
      if (inR2("l") && w.endsWith("ll")) cut("l", "");
    }
    return w.toLowerCase();
  }

  // ---- The Snowball Spanish stemmer (github.com/kljensen/snowball/spanish) ----
  //
  // A port of the Go library the index is built with, step for step,
  // including where it reads the algorithm its own way (a suffix found
  // first in a list is kept even where a later one would fit its region;
  // "ér" before a pronoun is dropped); the browser test compares the two
  // on Snowball's Spanish vocabulary and on generated words. Every letter
  // of the words it is given is one UTF-16 unit.

  var esStep0 = ["selas", "selos", "sela", "selo", "las", "les", "los", "nos", "me", "se", "la", "le", "lo"];
  var esStep0Before = ["iéndo", "iendo", "yendo", "ando", "ándo", "ár", "ér", "ír", "ar", "er", "ir"];
  var esStep0Accent = { "iéndo": "iendo", "ándo": "ando", "ár": "ar", "ér": "", "ír": "ir" };
  var esStep1 = ["amientos", "imientos", "aciones", "amiento", "imiento",
    "uciones", "logías", "idades", "encias", "ancias", "amente",
    "adores", "adoras", "ución", "mente", "logía", "istas",
    "ismos", "ibles", "encia", "anzas", "antes", "ancia",
    "adora", "ación", "ables", "osos", "osas", "ivos", "ivas",
    "ista", "ismo", "idad", "icos", "icas", "ible", "anza",
    "ante", "ador", "able", "oso", "osa", "ivo", "iva",
    "ico", "ica"];
  // esStep1Then are the suffixes removed, in R2, after each of step 1's
  // that is followed by another removal.
  var esStep1Then = {
    adora: ["ic"], ador: ["ic"], "ación": ["ic"], adoras: ["ic"], adores: ["ic"], aciones: ["ic"],
    ante: ["ic"], antes: ["ic"], ancia: ["ic"], ancias: ["ic"],
    mente: ["ante", "able", "ible"],
    idad: ["abil", "ic", "iv"], idades: ["abil", "ic", "iv"],
    iva: ["at"], ivo: ["at"], ivas: ["at"], ivos: ["at"]
  };
  // esStep1Replace are step 1's suffixes replaced rather than removed.
  var esStep1Replace = {
    "logía": "log", "logías": "log", "ución": "u", uciones: "u", encia: "ente", encias: "ente"
  };
  var esStep2a = ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yó", "yas", "yes", "yais", "yamos"];
  var esStep2b = ["iésemos", "iéramos", "iríamos", "eríamos", "aríamos", "ásemos",
    "áramos", "ábamos", "isteis", "iríais", "iremos", "ieseis",
    "ierais", "eríais", "eremos", "asteis", "aríais", "aremos",
    "íamos", "irías", "irían", "iréis", "ieses", "iesen", "ieron",
    "ieras", "ieran", "iendo", "erías", "erían", "eréis", "aseis",
    "arías", "arían", "aréis", "arais", "abais", "íais", "iste",
    "iría", "irás", "irán", "imos", "iese", "iera", "idos", "idas",
    "ería", "erás", "erán", "aste", "ases", "asen", "aría", "arás",
    "arán", "aron", "aras", "aran", "ando", "amos", "ados", "adas",
    "abas", "aban", "ías", "ían", "éis", "áis", "iré", "irá", "ido",
    "ida", "eré", "erá", "emos", "ase", "aré", "ará", "ara", "ado",
    "ada", "aba", "ís", "ía", "ió", "ir", "id", "es", "er", "en",
    "ed", "as", "ar", "an", "ad"];
  var esStep3 = ["os", "a", "o", "á", "í", "ó", "e", "é"];
  var esAcute = { "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u" };

  function isSpanishVowel(c) { return "aeiouáéíóúü".indexOf(c) >= 0; }

  // snowballSpanish stems a lowercase word of the Spanish alphabet.
  function snowballSpanish(word) {
    // The library leaves words of two bytes or fewer, in UTF-8, as they are.
    if (word.length + word.replace(/[a-z]/g, "").length <= 2) return word;
    var w = word, n = w.length;

    // The regions: R1 and R2 as in English, RV as Spanish has it.
    function vnv(from) {
      for (var j = from + 1; j < w.length; j++) {
        if (isSpanishVowel(w[j - 1]) && !isSpanishVowel(w[j])) return j + 1;
      }
      return w.length;
    }
    var r1 = vnv(0), r2 = vnv(r1), rv = n, i;
    if (n >= 3) {
      if (!isSpanishVowel(w[1])) {
        for (i = 2; i < n; i++) if (isSpanishVowel(w[i])) { rv = i + 1; break; }
      } else if (isSpanishVowel(w[0]) && isSpanishVowel(w[1])) {
        for (i = 2; i < n; i++) if (!isSpanishVowel(w[i])) { rv = i + 1; break; }
      } else {
        rv = 3;
      }
    }

    // set replaces the word, keeping the regions within it.
    function set(next) {
      w = next;
      r1 = Math.min(r1, w.length);
      r2 = Math.min(r2, w.length);
      rv = Math.min(rv, w.length);
    }
    function cut(k) { set(w.slice(0, w.length - k)); }
    // firstIn is the first of suffixes that w[start:end] ends with.
    function firstIn(start, end, suffixes) {
      for (var k = 0; k < suffixes.length; k++) {
        var s = suffixes[k];
        if (s.length <= end - start && w.slice(end - s.length, end) === s) return s;
      }
      return "";
    }
    // firstIfIn is the first of suffixes that w[:end] ends with, if it
    // begins at or after start, and otherwise "".
    function firstIfIn(start, end, suffixes) {
      for (var k = 0; k < suffixes.length; k++) {
        var s = suffixes[k];
        if (s.length <= end && w.slice(end - s.length, end) === s) return end - s.length >= start ? s : "";
      }
      return "";
    }
    function removeIfIn(start, suffixes) {
      var s = firstIfIn(start, w.length, suffixes);
      if (s) cut(s.length);
      return s;
    }

    // Step 0: attached pronouns.
    var x = firstIn(rv, w.length, esStep0);
    if (x) {
      var before = firstIn(rv, w.length - x.length, esStep0Before);
      if (Object.prototype.hasOwnProperty.call(esStep0Accent, before)) {
        cut(x.length);
        set(w.slice(0, w.length - before.length) + esStep0Accent[before]);
      } else if (before === "yendo") {
        if (w.slice(0, w.length - x.length - before.length).indexOf("u") >= 0) cut(x.length);
      } else if (before) {
        cut(x.length);
      }
    }

    // Step 1: standard suffixes.
    var done = false;
    x = firstIfIn(0, w.length, esStep1);
    if (x === "amente") {
      if (r1 <= w.length - x.length) {
        cut(x.length);
        if (removeIfIn(r2, ["iv", "os", "ic", "ad"]) === "iv") removeIfIn(r2, ["at"]);
        done = true;
      }
    } else if (x && r2 <= w.length - x.length) {
      done = true;
      if (Object.prototype.hasOwnProperty.call(esStep1Then, x)) {
        cut(x.length);
        removeIfIn(r2, esStep1Then[x]);
      } else if (Object.prototype.hasOwnProperty.call(esStep1Replace, x)) {
        set(w.slice(0, w.length - x.length) + esStep1Replace[x]);
      } else {
        cut(x.length);
      }
    }

    // Steps 2a and 2b: verb suffixes, if step 1 removed nothing.
    if (!done) {
      x = firstIn(rv, w.length, esStep2a);
      if (x && w[w.length - x.length - 1] === "u") {
        cut(x.length);
      } else {
        x = firstIn(rv, w.length, esStep2b);
        if (x) {
          cut(x.length);
          if ((x === "en" || x === "es" || x === "éis" || x === "emos") && w.endsWith("gu")) cut(1);
        }
      }
    }

    // Step 3: residual suffixes.
    x = firstIfIn(rv, w.length, esStep3);
    if (x) {
      cut(x.length);
      if ((x === "e" || x === "é") && w.endsWith("gu")) cut(1);
    }

    return w.replace(/[áéíóú]/g, function (c) { return esAcute[c]; });
  }

  // ---- The index (internal/search/search.go) ----

  var digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var digitValue = {};
  for (var d = 0; d < digits.length; d++) digitValue[digits[d]] = d;

  function Index(file) {
    this.kinds = file.kinds;
    this.roles = file.roles;
    this.systems = file.systems;
    this.docs = file.docs;
    this.terms = file.terms;
    this.stems = Object.keys(file.terms).sort();
    this.decoded = new Map();
    this.language = new Language(file.lang, file.stop);
  }

  // Matched is the stems a query found, for marking the words of the
  // results that have them.
  function Matched(language) {
    this.language = language;
    this.stems = new Set();
  }

  Matched.prototype.add = function (stem) { this.stems.add(stem); };

  // has reports whether a word of a result has a stem the query found.
  Matched.prototype.has = function (word) {
    return !this.language.isStop(word) && this.stems.has(this.language.stem(word));
  };

  // normalTitle is a title or query as its words, folded, joined by
  // single spaces, for the exact-title comparison.
  function normalTitle(s) { return words(s).map(fold).join(" "); }

  // postings returns [doc, score, doc, score, ...] for a stem.
  Index.prototype.postings = function (s) {
    var p = this.decoded.get(s);
    if (p) return p;
    p = [];
    var text = Object.prototype.hasOwnProperty.call(this.terms, s) ? this.terms[s] : "";
    var value = 0, scale = 1, doc = 0, pair = [];
    for (var i = 0; i < text.length; i++) {
      var v = digitValue[text[i]];
      if (v >= 32) {
        value += (v - 32) * scale;
        scale *= 32;
        continue;
      }
      value += v * scale;
      pair.push(value);
      value = 0;
      scale = 1;
      if (pair.length === 2) {
        doc += pair[0];
        p.push(doc, pair[1]);
        pair = [];
      }
    }
    this.decoded.set(s, p);
    return p;
  };

  // lowerBound returns the first index of the sorted stems at or after s.
  Index.prototype.lowerBound = function (s) {
    var lo = 0, hi = this.stems.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.stems[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // termScores is Index.termScores in query.go; matched collects the
  // stems that found something, for marking.
  Index.prototype.termScores = function (word, typing, matched) {
    var scores = new Map();
    var self = this;
    function add(s, half) {
      var p = self.postings(s);
      if (p.length) matched.add(s);
      for (var i = 0; i < p.length; i += 2) {
        var sc = half ? Math.floor(p[i + 1] / 2) : p[i + 1];
        if (sc > (scores.get(p[i]) || 0)) scores.set(p[i], sc);
      }
    }
    var st = this.language.stem(word);
    add(st, false);
    if (!typing) return scores;
    word = fold(word);
    [word, st].forEach(function (prefix) {
      for (var i = self.lowerBound(prefix); i < self.stems.length && self.stems[i].startsWith(prefix); i++) {
        if (self.stems[i] !== st) add(self.stems[i], true);
      }
    });
    var chars = Array.from(word);
    for (var n = 4; n < chars.length; n++) {
      var part = chars.slice(0, n).join("");
      if (part !== st) add(part, true);
    }
    return scores;
  };

  function facetIndex(facets, id) {
    if (!id) return -1;
    for (var i = 0; i < facets.length; i++) if (facets[i][0] === id) return i;
    return -2;
  }

  // search is Index.Search in query.go. It returns results as
  // {doc, score, exact} and the Matched stems to mark.
  Index.prototype.search = function (query, role, system) {
    var language = this.language;
    var look = words(query).filter(function (w) { return !language.isStop(w); });
    var matched = new Matched(language);
    if (!look.length) return { results: [], matched: matched };
    var typing = /[\p{L}\p{M}\p{N}]$/u.test(query);
    var total = null;
    for (var i = 0; i < look.length; i++) {
      var scores = this.termScores(look[i], typing && i === look.length - 1, matched);
      if (total === null) {
        total = scores;
        continue;
      }
      total.forEach(function (s, doc) {
        if (scores.has(doc)) total.set(doc, s + scores.get(doc));
        else total.delete(doc);
      });
    }
    var r = facetIndex(this.roles, role), sy = facetIndex(this.systems, system);
    var title = normalTitle(query);
    var results = [];
    var docs = this.docs;
    total.forEach(function (score, doc) {
      var d = docs[doc];
      if ((r !== -1 && d[4].indexOf(r) < 0) || (sy !== -1 && d[5].indexOf(sy) < 0)) return;
      results.push({ doc: doc, score: score, exact: normalTitle(d[1]) === title });
    });
    results.sort(function (a, b) {
      if (a.exact !== b.exact) return a.exact ? -1 : 1;
      if (a.score !== b.score) return b.score - a.score;
      return a.doc - b.doc;
    });
    return { results: results, matched: matched };
  };

  // ---- The page ----

  var shown = 50; // results shown at once

  // marked appends text to el, each word whose stem was matched in a <mark>.
  function marked(el, text, matched) {
    var last = 0, m;
    wordRE.lastIndex = 0;
    while ((m = wordRE.exec(text))) {
      var w = wordOf(m[0]);
      if (!w || !matched.has(w)) continue;
      if (m.index > last) el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
  }

  // The page's messages (pb-search-words): a key's text, or its plural
  // forms, each with {name} placeholders the script fills.
  var messages = {};
  try {
    var block = document.getElementById("pb-search-words");
    if (block) messages = JSON.parse(block.textContent);
  } catch (e) { /* no messages: say shows their keys */ }
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || undefined) : null;

  // say returns the message key with args written in; a message with
  // plural forms takes the language's form for args.count. A message the
  // page lacks shows as its key in brackets, as the build shows one.
  function say(key, args) {
    var own = Object.prototype.hasOwnProperty;
    var m = own.call(messages, key) ? messages[key] : undefined;
    if (m && typeof m === "object") {
      var form = plurals ? plurals.select(args.count) : args.count === 1 ? "one" : "other";
      m = own.call(m, form) ? m[form] : m.other;
    }
    if (typeof m !== "string") return "[" + key + "]";
    return m.replace(/\{([\w-]+)\}/g, function (all, name) {
      return args && own.call(args, name) ? String(args[name]) : all;
    });
  }

  function start(form) {
    var input = form.querySelector("#search-q");
    var role = form.querySelector("#search-role");
    var system = form.querySelector("#search-system");
    var status = form.querySelector("#search-status");
    var list = form.querySelector("#search-results");
    var fallback = document.querySelector("[data-search-fallback]");
    var index = null;
    var announce = 0;

    form.hidden = false;
    if (fallback) fallback.hidden = true;
    status.textContent = say("search.loading");

    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    role.value = params.get("role") || "";
    system.value = params.get("system") || "";
    if (role.selectedIndex < 0) role.value = "";
    if (system.selectedIndex < 0) system.value = "";

    function run() {
      if (!index) return;
      var q = input.value;
      var found = index.search(q, role.value, system.value);
      var frag = document.createDocumentFragment();
      found.results.slice(0, shown).forEach(function (r) {
        var d = index.docs[r.doc];
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d[2];
        marked(a, d[1], found.matched);
        var kind = document.createElement("span");
        kind.className = "search-kind";
        kind.textContent = index.kinds[d[0]];
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(kind);
        if (d[3]) {
          var p = document.createElement("p");
          marked(p, d[3], found.matched);
          li.appendChild(p);
        }
        frag.appendChild(li);
      });
      list.replaceChildren(frag);

      var n = found.results.length;
      var message = "";
      if (words(q).length) {
        message = n === 0 ? say("search.none", { query: q.trim() }) :
          n > shown ? say("search.count-shown", { count: n, shown: shown }) : say("search.count", { count: n });
      }
      // Announce once typing pauses, so a screen reader is not interrupted
      // at every key; the URL keeps the search, for the back button and links.
      clearTimeout(announce);
      announce = setTimeout(function () {
        status.textContent = message;
        var url = new URL(location.href);
        [["q", q], ["role", role.value], ["system", system.value]].forEach(function (kv) {
          if (kv[1]) url.searchParams.set(kv[0], kv[1]);
          else url.searchParams.delete(kv[0]);
        });
        history.replaceState(null, "", url);
      }, 250);
    }

    input.addEventListener("input", run);
    role.addEventListener("change", run);
    system.addEventListener("change", run);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) first.focus();
    });

    // Arrow keys move between the box and the results.
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var first = list.querySelector("a");
        if (first) {
          e.preventDefault();
          first.focus();
        }
      }
    });
    list.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
      if (i < 0) return;
      e.preventDefault();
      if (e.key === "ArrowDown" && i + 1 < links.length) links[i + 1].focus();
      if (e.key === "ArrowUp") (i > 0 ? links[i - 1] : input).focus();
    });

    return fetch(form.getAttribute("data-search-index"))
      .then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + r.statusText);
        return r.json();
      })
      .then(function (file) {
        index = new Index(file);
        status.textContent = "";
        run();
        return index;
      })
      .catch(function (err) {
        // The browser's own words for what failed are in its language,
        // not the page's: the reader is told it failed, in the page's.
        status.textContent = say("search.failed", {});
        if (fallback) fallback.hidden = false;
        throw err;
      });
  }

  var form = document.querySelector("form[data-search-index]");
  var ready = form ? start(form) : Promise.reject(new Error("no search form on this page"));
  ready.catch(function () {});

  // For tests and for the curious: the same steps the page uses.
  window.playbookSearch = {
    words: words,
    fold: fold,
    language: function (code, stop) { return new Language(code, stop || []); },
    stemmers: { en: porter2, es: snowballSpanish },
    ready: ready,
    search: function (query, role, system) {
      return ready.then(function (index) {
        return index.search(query, role || "", system || "").results;
      });
    }
  };
})();
