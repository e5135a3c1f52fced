/* Private search: the index is loaded only on the search page, in small
   chunks (several to a file), as script files from this site. The query never leaves the page:
   no form submission, no URL change, no storage. Works from file:// too.
   docs.js names the chunks that exist, with their file names, so no request
   is made for one that does not (a missing file would be a failed request and
   a console error). The build and the live preview name every index file by
   its content (docs.<hash>.js, given by data-tk-search). */
(function () {
  "use strict";
  var root = document.querySelector("[data-tk-search]");
  if (!root) { return; }
  var input = document.getElementById("tk-search-input");
  var results = document.getElementById("tk-search-results");
  var base = "search/";
  var files = { docs: root.getAttribute("data-tk-search") || "docs.js" };
  var chunks = {};
  var waiting = {};
  var docs = null;
  var known = {};
  var stopwords = {};

  window.__tkSearch = {
    docs: function (list, chunkFiles, stops) {
      docs = list;
      Object.keys(chunkFiles).forEach(function (key) { known[key] = true; files[key] = chunkFiles[key]; });
      stops.forEach(function (word) { stopwords[word] = true; });
      run();
    },
    chunk: function (key, terms) { chunks[key] = terms; run(); }
  };

  /* Several chunks share a file: it is asked for once, and a file that fails leaves each of its chunks empty. */
  function load(name) {
    var file = files[name];
    if (waiting[file]) { return; }
    waiting[file] = true;
    var script = document.createElement("script");
    script.src = base + file;
    script.onerror = function () {
      if (name === "docs") { docs = []; }
      Object.keys(known).forEach(function (key) {
        if (files[key] === file && !(key in chunks)) { chunks[key] = {}; }
      });
      run();
    };
    document.head.appendChild(script);
  }

  /* Folded as toolkit/harden/search_index.py folds the index: accents and Arabic vowel marks off,
     letters written several ways made one. */
  var FOLD = { "\u0142": "l", "\u00f8": "o", "\u0111": "d", "\u00df": "ss", "\u0623": "\u0627", "\u0625": "\u0627",
               "\u0622": "\u0627", "\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647", "\u0640": "" };
  function words(text) {
    return text.toLowerCase().replace(/[\u0142\u00f8\u0111\u00df\u0623\u0625\u0622\u0671\u0649\u0629\u0640]/g,
      function (ch) { return FOLD[ch]; }).normalize("NFKD").replace(/\p{M}/gu, "")
      .split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1 && !stopwords[w]; });
  }

  function keyOf(word) {
    var head = word.slice(0, 2);
    if (/^[\x00-\x7f]*$/.test(head)) { return head; }
    return "u" + Array.from(head).map(function (ch) { return ch.codePointAt(0).toString(16); }).join("-");
  }

  function termsFor(word) {
    var key = keyOf(word);
    return known[key] ? chunks[key] : {};
  }

  function run() {
    if (!input.value.trim()) { results.textContent = ""; return; }
    if (docs === null) { load("docs"); results.textContent = root.dataset.tkSearching; return; }
    var query = words(input.value);
    var ready = true;
    query.forEach(function (word) {
      var key = keyOf(word);
      if (known[key] && !(key in chunks)) { load(key); ready = false; }
    });
    if (!ready) { results.textContent = root.dataset.tkSearching; return; }
    var scores = query.length ? null : {};
    query.forEach(function (word) {
      var terms = termsFor(word);
      var found = {};
      Object.keys(terms).forEach(function (term) {
        if (term.indexOf(word) !== 0) { return; }
        var exact = term === word ? 2 : 1;
        terms[term].forEach(function (posting) {
          found[posting[0]] = (found[posting[0]] || 0) + posting[1] * exact;
        });
      });
      if (scores === null) { scores = found; return; }
      var both = {};
      Object.keys(scores).forEach(function (doc) {
        if (doc in found) { both[doc] = scores[doc] + found[doc]; }
      });
      scores = both;
    });
    show(Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a]; }).slice(0, 30));
  }

  function show(order) {
    results.textContent = "";
    var heading = document.createElement("p");
    heading.textContent = !order.length ? root.dataset.tkNone : order.length === 1 ? root.dataset.tkFoundOne
      : root.dataset.tkFoundMany.replace("{count}", order.length);
    results.appendChild(heading);
    if (!order.length) { return; }
    var list = document.createElement("ol");
    order.forEach(function (index) {
      var doc = docs[index];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = doc[1];
      link.textContent = doc[0];
      item.appendChild(link);
      if (doc[2]) {
        var summary = document.createElement("p");
        summary.textContent = doc[2];
        item.appendChild(summary);
      }
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  var pending = null;
  input.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(run, 150);
  });
})();
