/* aligner report: findings filters and sorting (overview), "only chapters with issues" (episode).
 *
 * Safe by construction: this script never builds markup. It only toggles the `hidden`
 * attribute, classes and aria attributes of rows rendered by the report generator, moves those
 * existing rows to sort them, enables the sort buttons and writes numbers with `textContent`.
 *
 * Without it the page still shows everything: the controls that need it (the filters, the
 * "only chapters with issues" toggle) are hidden until it marks the page `html.js`, and the sort
 * buttons are rendered disabled. No innerHTML,
 * insertAdjacentHTML, document.write, eval or network access.
 */
(function () {
  "use strict";

  var SEVERITIES = ["error", "warning", "info"];

  function byId(id) {
    return document.getElementById(id);
  }

  function setText(element, value) {
    // unchanged numbers are not rewritten: the live region would announce each write
    if (element && element.textContent !== String(value)) {
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

  // A row's sort key in one column: numbers compare as numbers when both sides are numbers.
  function keyOf(row, index, column) {
    var key = sortKey(row.cells[column]);
    return { row: row, index: index, key: key, number: isNumber(key) ? Number(key) : null };
  }

  function compareKeys(a, b) {
    if (a.number !== null && b.number !== null) {
      return a.number - b.number;
    }
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
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

    var keys = {}; // column → the rows' keys, read once: the rows never change, only their order

    function keysOf(column) {
      if (!keys[column]) {
        keys[column] = rows.map(function (row, index) {
          return keyOf(row, index, column);
        });
      }
      return keys[column];
    }

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header, column) {
      var button = header.querySelector("button.sort");
      if (!button) {
        return;
      }
      button.disabled = false; // rendered disabled: without this script it could not sort
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
        var keyed = keysOf(column).slice();
        keyed.sort(function (a, b) {
          var order = compareKeys(a, b);
          return (ascending ? order : -order) || a.index - b.index;
        });
        // The rows leave the table body at once and come back in one insertion: moving them one
        // by one within the live table took seconds on a run with thousands of findings.
        var fragment = document.createDocumentFragment();
        body.textContent = "";
        for (var i = 0; i < keyed.length; i += 1) {
          fragment.appendChild(keyed[i].row);
        }
        body.appendChild(fragment);
      });
    });

    // A check's code in "Findings by check" shows that check's findings: every other filter is
    // cleared, else one set before (Severity: error) could hide them all.
    Array.prototype.forEach.call(document.querySelectorAll("[data-set-filter]"), function (link) {
      link.addEventListener("click", function () {
        var target = form.querySelector("select[data-filter='" + link.getAttribute("data-set-filter") + "']");
        if (target) {
          selects.forEach(function (select) {
            select.value = "";
          });
          if (search) {
            search.value = "";
          }
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
