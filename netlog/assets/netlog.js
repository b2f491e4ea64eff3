/* netlog's own script: a filter box and a sort menu for long lists (the people index, the orgs
   index, the tags index). Progressive: without it the page shows the whole list in its
   built order. It loads nothing and sends nothing.

   A list is a `.nl-list[data-nl-sorts]` wrapper around a table; `data-nl-sorts` holds the
   orders offered, `key:Label:asc|desc` separated by `|`, and each row carries `data-<key>`.
   Empty values sort last in either direction. Filtering matches every word typed against the
   row's text, case and accents folded ("nunez" finds "Núñez"). */
(function () {
  "use strict";

  var fold = function (text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };

  var compare = function (a, b) {
    var x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) return x - y;
    return a < b ? -1 : a > b ? 1 : 0;
  };

  function setUp(wrap, n) {
    if (wrap.getAttribute("data-nl-ready")) return;
    wrap.setAttribute("data-nl-ready", "1");
    var body = wrap.querySelector("tbody");
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var texts = rows.map(function (r) { return fold(r.textContent); });
    rows.forEach(function (r, i) { r.setAttribute("data-nl-order", String(i)); });
    var sorts = wrap.getAttribute("data-nl-sorts").split("|").map(function (s) {
      var p = s.split(":");
      return {key: p[0], label: p[1], dir: p[2] === "desc" ? -1 : 1};
    });

    var bar = document.createElement("div");
    bar.className = "nl-listbar";
    var id = "nl-list-" + n;
    bar.innerHTML =
      '<span class="nl-lb-filter"><label for="' + id + '-q">Filter</label>' +
      '<input type="search" id="' + id + '-q" autocomplete="off" spellcheck="false"></span>' +
      '<span class="nl-lb-sort"><label for="' + id + '-s">Sort by</label><select id="' + id + '-s"></select></span>' +
      '<span class="nl-listcount" role="status"></span>';
    var input = bar.querySelector("input"), select = bar.querySelector("select");
    var count = bar.querySelector(".nl-listcount");
    sorts.forEach(function (s, i) {
      var o = document.createElement("option");
      o.value = String(i);
      o.textContent = s.label;
      select.appendChild(o);
    });
    wrap.parentNode.insertBefore(bar, wrap);

    function show() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r, i) {
        var hit = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        r.hidden = !hit;
        if (hit) shown++;
      });
      count.textContent = words.length ? shown + " of " + rows.length + " shown" : rows.length + " in all";
    }

    function order() {
      var s = sorts[Number(select.value)];
      var keyed = rows.slice().sort(function (a, b) {
        var x = a.getAttribute("data-" + s.key) || "", y = b.getAttribute("data-" + s.key) || "";
        if ((x === "") !== (y === "")) return x === "" ? 1 : -1;
        return s.dir * compare(x, y) || compare(a.getAttribute("data-nl-order"), b.getAttribute("data-nl-order"));
      });
      keyed.forEach(function (r) { body.appendChild(r); });
    }

    input.addEventListener("input", show);
    select.addEventListener("change", order);
    show();
  }

  function start() {
    var lists = document.querySelectorAll(".nl-list[data-nl-sorts]");
    for (var i = 0; i < lists.length; i++) setUp(lists[i], i);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // Material's instant navigation swaps pages without a load event
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
})();
