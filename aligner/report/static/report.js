/* aligner report: findings filters and sorting (overview), "only chapters with issues" (episode).
 *
 * Safe by construction: this script never builds markup. It only toggles the `hidden`
 * attribute, classes and aria attributes of rows rendered by the report generator, moves those
 * existing rows to sort them, and writes numbers with `textContent`. No innerHTML,
 * insertAdjacentHTML, document.write, eval or network access.
 */
(function () {
  "use strict";

  var SEVERITIES = ["error", "warning", "info"];

  function byId(id) {
    return document.getElementById(id);
  }

  function setText(element, value) {
    if (element) {
      element.textContent = String(value);
    }
  }

  function normalize(text) {
    return text.toLowerCase().replace(/\s+/g, " ").trim();
  }

  function sortKey(cell) {
    if (!cell) {
      return "";
    }
    var explicit = cell.getAttribute("data-sort");
    return normalize(explicit !== null ? explicit : cell.textContent);
  }

  function isNumber(value) {
    return value !== "" && !isNaN(Number(value));
  }

  function compareKeys(a, b) {
    if (isNumber(a) && isNumber(b)) {
      return Number(a) - Number(b);
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function initFindings() {
    var table = byId("findings-table");
    var form = byId("filters");
    if (!table || !form || !table.tBodies.length) {
      return;
    }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var texts = new Map();
    rows.forEach(function (row) {
      texts.set(row, normalize(row.textContent));
    });
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var search = form.querySelector("input[data-filter='text']");
    var counters = {};
    SEVERITIES.concat(["waived"]).forEach(function (name) {
      counters[name] = document.querySelector("[data-count='" + name + "']");
    });

    function matches(row, query) {
      for (var i = 0; i < selects.length; i += 1) {
        var wanted = selects[i].value;
        if (wanted && row.getAttribute("data-" + selects[i].getAttribute("data-filter")) !== wanted) {
          return false;
        }
      }
      return !query || texts.get(row).indexOf(query) !== -1;
    }

    function apply() {
      var query = search ? normalize(search.value) : "";
      var counts = { error: 0, warning: 0, info: 0, waived: 0 };
      var shown = 0;
      rows.forEach(function (row) {
        var visible = matches(row, query);
        row.hidden = !visible;
        if (visible) {
          shown += 1;
          var severity = row.getAttribute("data-severity");
          // a waived finding counts as waived, not under its severity (as in the tiles above)
          if (row.getAttribute("data-status") === "waived") {
            counts.waived += 1;
          } else if (Object.prototype.hasOwnProperty.call(counts, severity)) {
            counts[severity] += 1;
          }
        }
      });
      setText(byId("f-shown"), shown);
      Object.keys(counters).forEach(function (name) {
        setText(counters[name], counts[name]);
      });
      var empty = byId("f-empty");
      if (empty) {
        empty.hidden = shown !== 0;
      }
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    // Back from an episode page: the browser puts the filters' values back after this script
    // ran, without an input event; the rows must follow them.
    window.addEventListener("pageshow", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0);
    });

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header, column) {
      var button = header.querySelector("button.sort");
      if (!button) {
        return;
      }
      button.addEventListener("click", function () {
        var current = header.getAttribute("aria-sort");
        // a first click sorts the column's own way (severity: errors first), the next reverses it
        var ascending = current === "none" ? header.getAttribute("data-first") !== "descending" : current !== "ascending";
        headers.forEach(function (other) {
          if (other.hasAttribute("aria-sort")) {
            other.setAttribute("aria-sort", "none");
          }
        });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyed = rows.map(function (row, index) {
          return { row: row, index: index, key: sortKey(row.cells[column]) };
        });
        keyed.sort(function (a, b) {
          var order = compareKeys(a.key, b.key);
          return (ascending ? order : -order) || a.index - b.index;
        });
        keyed.forEach(function (item) {
          body.appendChild(item.row);
        });
      });
    });

    Array.prototype.forEach.call(document.querySelectorAll("[data-set-filter]"), function (link) {
      link.addEventListener("click", function () {
        var target = form.querySelector("select[data-filter='" + link.getAttribute("data-set-filter") + "']");
        if (target) {
          target.value = link.getAttribute("data-value") || "";
          apply();
        }
      });
    });

    apply();
  }

  function initEpisode() {
    var toggle = byId("only-issues");
    if (!toggle) {
      return;
    }
    function apply() {
      document.body.classList.toggle("only-issues", toggle.checked);
    }
    toggle.addEventListener("change", apply);
    apply();
  }

  function init() {
    document.documentElement.classList.add("js");
    initFindings();
    initEpisode();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
