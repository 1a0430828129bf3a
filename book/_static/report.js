// Filter boxes of the indicator tables: plain JavaScript, no library, works from disk.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-filter-table]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter-table"));
    var count = document.querySelector('[data-count-for="' + input.getAttribute("data-filter-table") + '"]');
    if (!table) { return; }
    // the box is hidden until this script runs (in JupyterLab, where it does not, there is no dead box)
    var box = input.closest(".ind-filter");
    if (box) { box.hidden = false; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        row.style.display = ok ? "" : "none";
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " rows"; }
    });
  });
});
// Tables wider than their column get a visible "scroll sideways" hint (class "scrolls", see report.css).
(function () {
  function mark() {
    document.querySelectorAll(".table-wrapper").forEach(function (w) {
      w.classList.toggle("scrolls", w.scrollWidth > w.clientWidth + 2);
    });
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
// Search in the text of every report (analysis/search.py: a Pagefind index built over the finished site).
// On the search page, the results from the reports come first: each report that has the words as
// written (Pagefind cuts 低空经济 into 低空 + 经济; a report must have the words themselves), with the
// sentence they are in, linked to that sentence (a URL text fragment), above Sphinx's results for the
// chapters. Pagefind loads its index with fetch: a site opened from disk (file://) keeps Sphinx's search.
(function () {
  var script = document.currentScript;
  var root = script && script.src ? new URL("..", script.src) : null;  // report.js is in _static/
  var ENDS = "。！？；\n";
  function fragment(s) {  // a text directive's term: percent-encoded, also - , &
    return encodeURIComponent(s).replace(/-/g, "%2D").replace(/,/g, "%2C").replace(/&/g, "%26");
  }
  function sentence(text, i, n) {  // [start, end) of the sentence around text[i, i + n), at most ~200 characters
    // (the index ends each paragraph with ". ")
    var s = i, e = i + n;
    while (s > 0 && ENDS.indexOf(text[s - 1]) < 0 && text.slice(s - 2, s) !== ". " && i - s < 80) { s -= 1; }
    while (e < text.length && ENDS.indexOf(text[e - 1]) < 0 && text.slice(e, e + 2) !== ". " && e - i < 120) {
      e += 1;
    }
    return [s, e];
  }
  function item(page, words) {  // the first sentence with the first word, or null when a word is missing
    var text = (page.content || "").replace(/\u200b/g, "");  // the index's word breaks
    if (!words.every(function (w) { return text.indexOf(w) >= 0; })) { return null; }
    var w = words[0], i = text.indexOf(w), span = sentence(text, i, w.length);
    // the characters right before the word (after any space the index put between elements)
    var prefix = text.slice(Math.max(span[0], i - 10), i).split(/\s/).pop();
    return {
      title: (page.meta && page.meta.title) || page.url, url: page.url.split("#")[0] + "#:~:text=" +
        (prefix ? fragment(prefix) + "-," : "") + fragment(w),
      before: text.slice(span[0], i), hit: w, after: text.slice(i + w.length, span[1])
    };
  }
  function segmented(query) {
    // Chinese words cut into the index's words, spaced: Pagefind finds 新 质 生产 力 but not 新质生产力 as typed
    if (typeof Intl === "undefined" || !Intl.Segmenter) { return query; }
    var words = [];
    for (var it = new Intl.Segmenter("zh", { granularity: "word" }).segment(query)[Symbol.iterator](), x = it.next();
      !x.done; x = it.next()) {
      if (x.value.isWordLike) { words.push(x.value.segment); }
    }
    return words.length ? words.join(" ") : query;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var results = document.getElementById("search-results");
    var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
    if (!results || !query || !root) { return; }
    var words = query.split(/\s+/);
    var box = document.createElement("section");
    box.className = "report-search";
    box.id = "report-search";
    var title = document.createElement("h2");
    title.textContent = "In the text of the reports";
    var status = document.createElement("p");
    status.className = "rs-status";
    var list = document.createElement("ol");
    list.className = "rs-results";
    var more = document.createElement("button");
    more.type = "button";
    more.className = "rs-more";
    more.textContent = "More reports";
    more.hidden = true;
    box.append(title, status, list, more);
    results.parentNode.insertBefore(box, results);
    if (window.location.protocol === "file:") {
      status.textContent = "The full-text search of the reports works when the site is served (any static host); " +
        "opened from disk, only the chapters below are searched.";
      return;
    }
    status.textContent = "Searching every report…";
    var candidates = [], next = 0, found = 0;
    function show(it) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = it.url;
      a.textContent = it.title;
      var quote = document.createElement("p");
      quote.className = "rs-excerpt";
      quote.lang = "zh";
      var mark = document.createElement("mark");
      mark.textContent = it.hit;
      quote.append(document.createTextNode(it.before), mark, document.createTextNode(it.after));
      li.append(a, quote);
      list.append(li);
    }
    function page() {  // ten more reports with the words (each candidate loads its page's text: one fragment)
      var want = found + 10;
      function step() {
        if (found >= want || next >= candidates.length) {
          status.textContent = found ? found + " report page" + (found === 1 ? "" : "s") + " with " + query +
            (next < candidates.length ? " so far" : "") + ":" : "No report has " + query + ".";
          more.hidden = next >= candidates.length;
          return Promise.resolve();
        }
        var batch = candidates.slice(next, next + Math.min(10, want - found));
        next += batch.length;
        return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
          pages.forEach(function (p) {
            var it = item(p, words);
            if (it) { found += 1; show(it); }
          });
          return step();
        });
      }
      return step();
    }
    more.addEventListener("click", page);
    import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
      return pagefind.options({ baseUrl: root.pathname }).then(function () { return pagefind.search(segmented(query)); });
    }).then(function (search) {
      candidates = search.results;
      return page();
    }).catch(function () {
      status.textContent = "The full-text search of the reports is not available here; the chapters are searched below.";
    });
  });
})();
