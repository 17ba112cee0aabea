// Appended (inside a <script>) to a copy of the HTML report by check_html_page.py. It measures the
// page as laid out by the browser and writes the result as JSON into <pre id="layout-report">, which
// `chromium --dump-dom` then hands to Python. Only the copy carries this script; the report has none.
(function () {
  "use strict";
  var report = {};
  var doc = document.documentElement;
  report.innerWidth = window.innerWidth;
  report.clientWidth = doc.clientWidth;
  report.scrollWidth = doc.scrollWidth;
  report.scrollHeight = doc.scrollHeight;

  function visible(el) {
    var r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }
  function describe(el) {
    var s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    if (el.className && typeof el.className === "string") s += "." + el.className.split(" ").join(".");
    var section = el.closest("section");
    if (section && section.id) s = "#" + section.id + " " + s;
    return s;
  }
  function text(el) {
    return (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 60);
  }
  function round(v) {
    return Math.round(v * 100) / 100;
  }

  // Elements that stick out of the page, and scroll containers (tables' wrappers) that scroll.
  var width = doc.clientWidth;
  report.outside = [];  // the outermost of the elements that stick out
  var sticking = new Set();
  report.scrolling = [];
  var all = document.body.getElementsByTagName("*");
  for (var i = 0; i < all.length; ++i) {
    var el = all[i];
    if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;  // charts: below
    if (!visible(el)) continue;
    var r = el.getBoundingClientRect();
    if (r.right > width + 1 || r.left < -1) sticking.add(el);
    if (sticking.has(el) && !sticking.has(el.parentElement) && report.outside.length < 20) {
      report.outside.push({element: describe(el), left: round(r.left), right: round(r.right), text: text(el)});
    }
    var style = getComputedStyle(el);
    if ((style.overflowX === "auto" || style.overflowX === "scroll" || style.overflowX === "hidden") &&
        el.scrollWidth > el.clientWidth + 1 && report.scrolling.length < 20) {
      report.scrolling.push({element: describe(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth,
                             text: text(el)});
    }
  }

  // Text that runs past the page's edge (a long word in a box that does not grow).
  var range = document.createRange();
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("svg, script, title")) continue;
    range.selectNodeContents(node);
    var tb = range.getBoundingClientRect();
    if (tb.width > 0 && (tb.right > width + 1 || tb.left < -1) && !sticking.has(node.parentElement) &&
        report.outside.length < 20) {
      report.outside.push({element: describe(node.parentElement) + " (text)", left: round(tb.left),
                           right: round(tb.right), text: text(node)});
    }
  }

  // Charts: the rendered size of every text (font size times the chart's scale), text clipped at
  // the chart's edge, and texts drawn over each other.
  report.charts = [];
  report.smallestText = null;
  var svgs = document.querySelectorAll("svg");
  for (var s = 0; s < svgs.length; ++s) {
    var svg = svgs[s];
    if (!visible(svg)) continue;
    var box = svg.getBoundingClientRect();
    var viewBox = svg.viewBox && svg.viewBox.baseVal;
    var scale = viewBox && viewBox.width > 0 ? box.width / viewBox.width : 1;
    var chart = {id: ((svg.querySelector("title") || {}).id || "").replace(/-title$/, ""), width: round(box.width), scale: round(scale),
                 smallest: null, clipped: [], overlapping: [], curveLabels: []};
    var texts = svg.querySelectorAll("text");
    var rects = [];
    for (var t = 0; t < texts.length; ++t) {
      var te = texts[t];
      var px = parseFloat(getComputedStyle(te).fontSize) * scale;
      if (chart.smallest === null || px < chart.smallest.px) chart.smallest = {px: round(px), text: text(te)};
      var tr = te.getBoundingClientRect();
      rects.push(tr);
      if (tr.width > 0 && (tr.left < box.left - 1 || tr.right > box.right + 1 || tr.top < box.top - 1 ||
                           tr.bottom > box.bottom + 1)) {
        chart.clipped.push(text(te));
      }
    }
    for (var a = 0; a < rects.length; ++a) {
      for (var b = a + 1; b < rects.length; ++b) {
        var ra = rects[a], rb = rects[b];
        // Glyph boxes include line gaps: only overlaps of more than 2 px each way count.
        var w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        var h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 2 && h > 2) chart.overlapping.push([text(texts[a]), text(texts[b])]);
      }
    }
    // Labels of the S-curve must not sit on the curve: sample its segments in page pixels.
    var line = svg.querySelector("polyline");
    if (line) {
      var ctm = line.getScreenCTM();
      var points = [];
      for (var p = 0; p < line.points.numberOfItems; ++p) {
        var q = line.points.getItem(p).matrixTransform(ctm);
        points.push(q);
      }
      var half = parseFloat(line.getAttribute("stroke-width") || "1") * scale / 2;
      for (var u = 0; u < texts.length; ++u) {
        var label = text(texts[u]);
        if (label.indexOf("break-even") < 0 && label.indexOf("at or below") < 0) continue;
        if (texts[u].getAttribute("transform")) continue;  // the rotated axis title
        var lr = rects[u];
        var hit = false;
        for (var k = 1; k < points.length && !hit; ++k) {
          var p0 = points[k - 1], p1 = points[k];
          var n = Math.max(1, Math.ceil(Math.hypot(p1.x - p0.x, p1.y - p0.y)));
          for (var j = 0; j <= n; ++j) {
            var x = p0.x + (p1.x - p0.x) * j / n, y = p0.y + (p1.y - p0.y) * j / n;
            if (x >= lr.left - half && x <= lr.right + half && y >= lr.top - half && y <= lr.bottom + half) {
              hit = true;
              break;
            }
          }
        }
        chart.curveLabels.push({label: label, onCurve: hit});
      }
    }
    if (chart.smallest && (report.smallestText === null || chart.smallest.px < report.smallestText.px)) {
      report.smallestText = {px: chart.smallest.px, text: chart.smallest.text, chart: chart.id};
    }
    report.charts.push(chart);
  }
  // Each figure shows exactly one chart at a time.
  report.figures = [];
  var figures = document.querySelectorAll("figure");
  for (var f = 0; f < figures.length; ++f) {
    var shown = 0, all_svgs = figures[f].querySelectorAll("svg");
    for (var g = 0; g < all_svgs.length; ++g) if (visible(all_svgs[g])) ++shown;
    report.figures.push(shown);
  }

  // Summary cards: one row, and each value inside its card.
  report.cards = [];
  var cards = document.querySelectorAll(".cards > .card");
  for (var c = 0; c < cards.length; ++c) {
    report.cards.push({top: cards[c].offsetTop, overflow: cards[c].scrollWidth > cards[c].clientWidth + 1,
                       text: text(cards[c].querySelector(".label") || cards[c])});
  }

  var pre = document.createElement("pre");
  pre.id = "layout-report";
  pre.textContent = JSON.stringify(report);
  // In the test the page sits in an iframe (srcdoc, same origin): the report goes to the host page.
  (window.parent !== window ? window.parent.document.body : document.body).appendChild(pre);
})();
