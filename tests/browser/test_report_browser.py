"""The HTML report in a real browser (headless Chromium, from file://).

One report over the sample pages with injected defects (Japanese LeCun variant: chapter 15:55
dropped, the quote of 12:07 dropped, an extra chapter at 38:00) and a hostile page (tests/hostile.py).
Every page must load with no console error, no request other than its own files, and no payload
executed; filters, sorting and keyboard use are driven by clicks and key presses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests import hostile
from tests.browser.conftest import (
    DROPPED_CHAPTER,
    DROPPED_QUOTE,
    EXTRA_CHAPTER,
    LECUN_ID,
    ROWS,
    VIEWPORT,
    WAIVED_CODE,
    Report,
    all_findings,
    visible_rows,
)

OVERVIEW_CLIP = {"x": 0, "y": 0, "width": VIEWPORT["width"], "height": 1500}  # summary, trends, matrix

# For every element with its own text: its colour, the background behind it (the first opaque
# background colour up the tree, or every colour of a gradient) and whether the text is large.
CONTRAST_JS = """
() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(Number); return {rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1}; };
  const lum = (rgb) => { const f = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * f[0] + 0.7152 * f[1] + 0.0722 * f[2]; };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const backgrounds = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      const image = s.backgroundImage;
      if (image && image !== 'none') {
        const colours = (image.match(/rgba?\\([^)]+\\)/g) || []).map(parse).filter(Boolean).map(c => c.rgb);
        if (colours.length) return colours;
      }
      const bg = parse(s.backgroundColor);
      if (bg && bg.a > 0) return [bg.rgb];
    }
    return [[255, 255, 255]];
  };
  const failures = [];
  let checked = 0;
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg')) continue;
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.clip === 'rect(0px, 0px, 0px, 0px)') continue;
    const fg = parse(s.color).rgb;
    const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
    const need = (size >= 24 || (size >= 18.66 && bold)) ? 3 : 4.5;
    const worst = Math.min(...backgrounds(el).map(bg => ratio(fg, bg)));
    checked += 1;
    if (worst < need) failures.push(`${el.tagName}.${el.className}: ${worst.toFixed(2)} < ${need} (${el.textContent.trim().slice(0, 40)})`);
  }
  return {checked, failures};
}
"""


def _hostile_file(report: Report) -> str:
    ids = [e.episode_id for e in report.result.episodes if "pwned" in e.title]
    assert len(ids) == 1
    return report.episode_files[ids[0]]


def test_overview_loads_offline_and_payloads_stay_text(report: Report, open_page: Any) -> None:
    session = open_page(report.url())
    page = session.page
    session.assert_clean()
    assert sorted(Path(url).name for url in session.requests) == ["index.html", "report.css", "report.js"]
    csp = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert page.evaluate("document.documentElement.classList.contains('js')")  # report.js ran
    assert page.evaluate("Array.from(document.scripts).map(s => s.getAttribute('src'))") == ["report.js"]
    assert page.locator("img, iframe, object, embed, a[href^='javascript']").count() == 0
    title = page.locator("table.matrix th.episode-cell a", has_text="HYPERLINK").inner_text()
    assert hostile.SCRIPT in title and hostile.TEMPLATE in title and hostile.FORMULA in title
    evidence = page.locator("#findings-table .evidence", has_text="@SUM(1+1)").first.inner_text()
    assert hostile.IMG in evidence


def test_every_episode_page_loads_offline(report: Report, open_page: Any) -> None:
    assert len(report.episode_files) == len(report.result.episodes) == 4
    for relative in report.episode_files.values():
        session = open_page(report.url(relative))
        session.assert_clean()
        assert {Path(url).name for url in session.requests} == {
            Path(relative).name,
            "report.css",
            "report.js",
        }
        assert session.page.locator("h1").count() == 1


def test_hostile_episode_shows_every_payload_as_text(report: Report, open_page: Any) -> None:
    session = open_page(report.url(_hostile_file(report)))
    page = session.page
    heading = page.locator("h1").inner_text()
    assert hostile.SCRIPT in heading and hostile.TEMPLATE in heading
    body = page.locator("td .chapter-body", has_text="translators worked before software").first.inner_text()
    for payload in (hostile.SCRIPT, hostile.IMG, hostile.LINK, hostile.TEMPLATE, hostile.JINJA_BLOCK):
        assert payload in body
    quote = page.locator("blockquote.quote", has_text="We never trusted the scraper").inner_text()
    assert all(payload in quote for payload in hostile.PAYLOADS)
    summary = page.locator(".summary-text").inner_text()
    assert hostile.IMG in summary and hostile.LINK in summary
    assert page.locator("img, iframe, a[href^='javascript']").count() == 0
    assert page.evaluate("document.scripts.length") == 1
    session.assert_clean()


def test_filters_hide_rows_and_update_counts(report: Report, open_page: Any) -> None:
    session = open_page(report.url())
    page = session.page
    everything = all_findings(report)
    assert len(visible_rows(page)) == len(everything)
    assert page.inner_text("#f-shown") == str(len(everything))

    page.select_option("#f-severity", "error")
    rows = visible_rows(page)
    errors = [f for f, _ in everything if f.severity.value == "error"]
    assert len(rows) == len(errors) > 0 and {r["severity"] for r in rows} == {"error"}
    assert page.inner_text("#f-shown") == str(len(errors))
    assert page.inner_text("[data-count='error']") == str(len(errors))
    assert page.inner_text("[data-count='warning']") == "0"

    page.select_option("#f-locale", "ja")
    rows = visible_rows(page)
    expected = [f for f in errors if f.page_locale == "ja"]
    assert len(rows) == len(expected) and {r["locale"] for r in rows} == {"ja"}

    page.click("#f-reset")
    expect(page.locator("#f-shown")).to_have_text(str(len(everything)))  # reset applies after the event
    page.select_option("#f-code", "Q201")
    rows = page.locator(f"{ROWS}:visible")
    assert rows.count() == 1
    href = rows.locator("td.chapter a").get_attribute("href")
    assert href == f"{report.episode_files[LECUN_ID]}#ch-ja-{DROPPED_QUOTE[1]}"

    page.select_option("#f-code", "")
    page.select_option("#f-episode", LECUN_ID)
    lecun = [f for f, _ in everything if f.episode_id == LECUN_ID]
    assert len(visible_rows(page)) == len(lecun)

    page.select_option("#f-episode", "")
    page.locator("#f-text").press_sequentially("pwned")
    rows = visible_rows(page)
    hostile_findings = [f for f, _ in everything if "pwned" in f.episode_title]
    assert len(rows) == len(hostile_findings) > 1
    assert page.inner_text("#f-shown") == str(len(hostile_findings))

    page.fill("#f-text", "no finding says this")
    assert visible_rows(page) == [] and page.is_visible("#f-empty")
    assert page.inner_text("#f-shown") == "0"
    session.assert_clean()


def test_filters_still_hold_after_going_back_from_an_episode_page(report: Report, open_page: Any) -> None:
    session = open_page(report.url())
    page = session.page
    page.select_option("#f-severity", "error")
    errors = len(visible_rows(page))
    assert 0 < errors < len(all_findings(report))
    page.locator(f"{ROWS}:visible td.chapter a").first.click()
    page.wait_for_load_state("load")
    page.go_back()
    page.wait_for_load_state("load")
    # Before: the select said "error" again, but every row showed (the filters ran before the
    # browser restored them).
    assert page.input_value("#f-severity") == "error"
    rows = visible_rows(page)
    assert len(rows) == errors and {r["severity"] for r in rows} == {"error"}
    assert page.inner_text("#f-shown") == str(errors)
    session.assert_clean()


@pytest.mark.parametrize("width", [375, 1366])
def test_no_page_scrolls_sideways_on_a_phone_or_a_laptop(report: Report, open_page: Any, width: int) -> None:
    # Before: at 375 px the overview was 739 px wide (a hidden caption positioned outside its
    # scroller, the 32rem check table) and each episode page 901 px (three side-by-side columns);
    # the hostile episode's unbroken title widened its page at any width.
    session = open_page(report.url())
    page = session.page
    page.set_viewport_size({"width": width, "height": 800})
    for relative in ["index.html", *sorted(report.episode_files.values())]:
        page.goto(report.url(relative))
        page.wait_for_load_state("load")
        page.evaluate("window.scrollTo(10000, 0)")
        assert page.evaluate("window.scrollX") == 0, relative
    session.assert_clean()


def test_waived_findings_are_marked_and_filterable(report: Report, open_page: Any) -> None:
    page = open_page(report.url()).page
    page.select_option("#f-status", "waived")
    rows = visible_rows(page)
    assert [r["code"] for r in rows] == [WAIVED_CODE] * len(report.result.waived)
    row = page.locator(f"{ROWS}.is-waived")
    assert row.count() == len(report.result.waived) and "waived" in row.first.inner_text()
    assert page.inner_text("[data-count='waived']") == str(len(report.result.waived))
    page.select_option("#f-status", "active")
    assert len(visible_rows(page)) == len(report.result.findings)
    assert page.inner_text("[data-count='waived']") == "0"


def test_sorting_by_clicking_column_headers(report: Report, open_page: Any) -> None:
    session = open_page(report.url())
    page = session.page

    def column(attribute: str) -> list[str]:
        return page.eval_on_selector_all(ROWS, f"rows => rows.map(r => r.dataset.{attribute})")

    check = page.locator("#findings-table thead th", has_text="Check")
    check.locator("button").click()
    assert check.get_attribute("aria-sort") == "ascending"
    assert column("code") == sorted(column("code"))
    check.locator("button").click()
    assert check.get_attribute("aria-sort") == "descending"
    assert column("code") == sorted(column("code"), reverse=True)

    severity = page.locator("#findings-table thead th", has_text="Severity")
    severity.locator("button").click()
    assert check.get_attribute("aria-sort") == "none"
    ranks = {"info": 1, "warning": 2, "error": 3}
    # errors first on the first click (it put infos first); the second click reverses it
    assert severity.get_attribute("aria-sort") == "descending"
    assert [ranks[s] for s in column("severity")] == sorted(
        (ranks[s] for s in column("severity")), reverse=True
    )
    severity.locator("button").click()
    assert [ranks[s] for s in column("severity")] == sorted(ranks[s] for s in column("severity"))

    page.locator("#findings-table thead th", has_text="Chapter").locator("button").click()
    seconds = page.eval_on_selector_all(ROWS, "rows => rows.map(r => Number(r.cells[4].dataset.sort))")
    assert seconds == sorted(seconds) and seconds[-1] > 0
    page.select_option("#f-severity", "warning")  # filters still apply to the sorted rows
    assert {r["severity"] for r in visible_rows(page)} == {"warning"}
    session.assert_clean()


def test_keyboard_skip_link_focus_and_controls(report: Report, open_page: Any) -> None:
    page = open_page(report.url()).page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-severity":
            break
    assert page.evaluate("document.activeElement.id") == "f-severity"
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2
    page.keyboard.press("ArrowDown")  # first choice after "All severities": error
    assert {r["severity"] for r in visible_rows(page)} == {"error"}

    unlabeled = page.evaluate(
        "Array.from(document.querySelectorAll('select, input, button:not(.sort)'))"
        ".filter(e => !(e.labels && e.labels.length) && !e.textContent.trim()).length"
    )
    assert unlabeled == 0
    assert page.locator("thead th:not([scope='col'])").count() == 0

    button = page.locator("#findings-table thead th", has_text="Locale").locator("button")
    button.focus()
    page.keyboard.press("Enter")
    assert (
        page.locator("#findings-table thead th", has_text="Locale").get_attribute("aria-sort") == "ascending"
    )


def test_side_by_side_shows_the_injected_defects(report: Report, open_page: Any) -> None:
    session = open_page(report.url(report.episode_files[LECUN_ID]))
    page = session.page
    missing = page.locator(f"#ch-ja-{DROPPED_CHAPTER[1]}")
    assert missing.get_attribute("data-status") == "missing"
    assert "Missing chapter" in missing.locator("td.side-var").inner_text()
    assert DROPPED_CHAPTER[0] in missing.locator("td.side-ref .ts").inner_text()
    assert missing.locator("li.finding[data-code='C101']").count() == 1

    quote = page.locator(f"#ch-ja-{DROPPED_QUOTE[1]}")
    assert quote.get_attribute("data-status") == "matched"
    assert quote.locator("li.finding[data-code='Q201']").count() == 1
    assert quote.locator("td.side-ref blockquote").count() == 1
    assert quote.locator("td.side-var blockquote").count() == 0
    assert page.locator("li.finding[data-code='Q201']").count() == 1  # nowhere else inline

    extra = page.locator(f"#ch-ja-{EXTRA_CHAPTER[1]}")
    assert extra.get_attribute("data-status") == "extra"
    assert "No reference chapter" in extra.locator("td.side-ref").inner_text()
    assert extra.locator("li.finding[data-code='C102']").count() == 1

    renamed = page.locator(
        "table.entities tr", has=page.locator("strong", has_text=re.compile("^ワールドモデル$"))
    )
    assert renamed.count() == 1
    cells = renamed.locator("td").all_inner_texts()
    assert cells[0].startswith("World Model") and cells[2].startswith("ワールドモデル")
    assert "transliteration" in cells[4]

    rows = page.locator("section#v-ja tr.sbs-row")
    total = rows.count()
    page.locator("#only-issues").check()
    visible = page.locator("section#v-ja tr.sbs-row:visible")
    assert 3 <= visible.count() < total
    assert missing.is_visible() and quote.is_visible() and extra.is_visible()
    page.locator("#only-issues").uncheck()
    assert page.locator("section#v-ja tr.sbs-row:visible").count() == total
    session.assert_clean()


def test_finding_link_lands_on_its_chapter(report: Report, open_page: Any) -> None:
    session = open_page(report.url())
    page = session.page
    page.select_option("#f-code", "C101")
    page.locator(f"{ROWS}:visible td.chapter a").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"{report.episode_files[LECUN_ID]}#ch-ja-{DROPPED_CHAPTER[1]}")
    box = page.locator(f"#ch-ja-{DROPPED_CHAPTER[1]}").bounding_box()
    assert box is not None and 0 <= box["y"] < VIEWPORT["height"]
    session.assert_clean()


def test_text_contrast_meets_wcag_aa(report: Report, open_page: Any) -> None:
    for relative in ("index.html", report.episode_files[LECUN_ID]):
        page = open_page(report.url(relative)).page
        outcome = page.evaluate(CONTRAST_JS)
        assert outcome["checked"] > 100
        assert outcome["failures"] == [], relative


def test_trends_charts_render(report: Report, open_page: Any) -> None:
    page = open_page(report.url()).page
    charts = page.locator("#trends figure.chart svg")
    assert charts.count() == 2
    for index in range(2):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 250 and box["height"] > 80
    assert page.locator("#trend-findings polyline").count() == 3
    assert page.locator("#trend-scores .chart-legend li").all_inner_texts() == ["es: 82.6", "ja: 73.0"]


def test_screenshots(report: Report, open_page: Any, artifacts: Path) -> None:
    overview = open_page(report.url()).page
    overview.screenshot(path=str(artifacts / "overview-full.png"), full_page=True)
    overview.screenshot(path=str(artifacts / "overview.png"), full_page=True, clip=OVERVIEW_CLIP)
    episode = open_page(report.url(report.episode_files[LECUN_ID]) + f"#ch-ja-{DROPPED_QUOTE[1]}").page
    episode.screenshot(path=str(artifacts / "episode.png"))
    episode.screenshot(path=str(artifacts / "episode-full.png"), full_page=True)
    for name in ("overview.png", "overview-full.png", "episode.png", "episode-full.png"):
        data = (artifacts / name).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_the_table_counts_agree_with_the_tiles(report: Report, open_page: Any) -> None:
    # Before: the tiles left waived findings out and the table summary counted them under their
    # severity too ("0 errors" above, "4 error … 4 waived" below).
    page = open_page(report.url()).page
    for severity in ("error", "warning", "info"):
        tile = page.inner_text(f"li.tile-{severity} .tile-count")
        assert page.inner_text(f"[data-count='{severity}']") == tile
    page.select_option("#f-status", "waived")
    assert page.inner_text("[data-count='info']") == "0"  # the waived E306 counts as waived only
    assert page.inner_text("[data-count='waived']") == str(len(report.result.waived))
