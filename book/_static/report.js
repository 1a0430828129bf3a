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
