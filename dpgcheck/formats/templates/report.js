(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.querySelectorAll("button.toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      document.getElementById(button.getAttribute("aria-controls")).classList.toggle("open", open);
    });
  });
  var table = document.getElementById("t");
  if (!table) { return; }
  table.querySelectorAll("button.sort").forEach(function (button) {
    button.addEventListener("click", function () {
      var col = Number(button.dataset.col);
      var th = button.parentElement;
      var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      table.querySelectorAll("thead th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", dir);
      var key = function (body) {
        var cell = body.rows[0].cells[col];
        return cell.dataset.k || cell.textContent.trim();
      };
      var bodies = Array.prototype.slice.call(table.tBodies);
      bodies.sort(function (a, b) {
        return (dir === "ascending" ? 1 : -1) * key(a).localeCompare(key(b), undefined, {numeric: true});
      });
      bodies.forEach(function (body) { table.appendChild(body); });
    });
  });
}());
