"""The HTML report's controls in a real browser, where they meet their limits: keyboard focus
under the sticky header, the page without JavaScript, a check's code link over other filters, and
the printed page. The report is the browser tests' one report (see conftest)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LECUN_ID, ROWS, VIEWPORT, Report, all_findings, visible_rows

A4_WIDTH = 718  # CSS pixels between the default margins of an A4 page


def test_a_link_focused_backwards_is_never_under_the_sticky_header(report: Report, open_page: Any) -> None:
    # Before: scroll-padding-top was 4rem (64 px), less than the top bar and the sticky table
    # header together (84 px): Shift+Tab up the findings table left each link under the header.
    session = open_page(report.url())
    page = session.page
    links = page.locator(f"{ROWS} td.chapter a")
    assert links.count() > 12  # the table is taller than the window
    links.last.focus()
    checked = 0
    for _ in range(links.count() - 1):
        page.keyboard.press("Shift+Tab")
        state = page.evaluate(
            """() => { const a = document.activeElement;
                 if (!a.closest('#findings-table tbody')) return null;
                 const header = document.querySelector('#findings-table thead th').getBoundingClientRect();
                 return [a.getBoundingClientRect().top, header.bottom]; }"""
        )
        if state is None:
            break
        top, header_bottom = state
        assert top >= header_bottom, (checked, top, header_bottom)
        checked += 1
    assert checked > 12
    session.assert_clean()


def test_without_javascript_no_control_shows_that_cannot_work(report: Report, browser: Any) -> None:
    # Before: with JavaScript off the filters, sort buttons and the episode toggle rendered but did
    # nothing, and Enter in the text box submitted the form (a CSP form-action violation).
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(report.url())
        assert not page.evaluate("document.documentElement.classList.contains('js')")
        assert not page.is_visible("#filters") and not page.is_visible("#f-text")
        buttons = page.locator("#findings-table thead button.sort")
        assert buttons.count() == 6
        assert all(buttons.nth(i).is_disabled() for i in range(6))
        assert page.locator("#findings-table thead th", has_text="Severity").is_visible()  # labels stay
        assert len(visible_rows(page)) == len(all_findings(report))  # every finding is shown
        assert page.is_visible("#f-summary") and page.is_visible("table.codes")
        page.goto(report.url(report.episode_files[LECUN_ID]))
        assert not page.is_visible("#only-issues")
        rows = page.locator("tr.sbs-row")
        assert rows.count() > 10 and page.locator("tr.sbs-row:visible").count() == rows.count()
    finally:
        context.close()
    with_script = browser.new_context(viewport=VIEWPORT)
    try:
        page = with_script.new_page()
        page.goto(report.url())
        page.wait_for_load_state("load")
        assert page.is_visible("#filters") and page.locator("button.sort:disabled").count() == 0
        page.goto(report.url(report.episode_files[LECUN_ID]))
        page.wait_for_load_state("load")
        assert page.is_visible("#only-issues")
    finally:
        with_script.close()


def test_a_check_code_link_shows_every_finding_of_that_check(report: Report, open_page: Any) -> None:
    # Before: the link set the Check filter and kept the others: with Severity = error, a check
    # whose findings are warnings or infos showed 0 rows.
    session = open_page(report.url())
    page = session.page
    everything = all_findings(report)
    code = next(f.code for f, _ in everything if f.severity.value != "error")
    expected = [f for f, _ in everything if f.code == code]
    page.select_option("#f-severity", "error")
    page.select_option("#f-locale", "ja")
    page.fill("#f-text", "zzz")
    page.locator(f"table.codes a.code-link[data-value='{code}']").click()
    rows = visible_rows(page)
    assert len(rows) == len(expected) > 0 and {r["code"] for r in rows} == {code}
    assert page.inner_text("#f-shown") == str(len(expected))
    assert page.input_value("#f-code") == code
    assert [page.input_value(s) for s in ("#f-severity", "#f-locale", "#f-text")] == ["", "", ""]
    assert page.url.endswith("#findings")
    page.select_option("#f-severity", "error")  # the filters go on from there
    assert {r["severity"] for r in visible_rows(page)} <= {"error"}
    session.assert_clean()


@pytest.mark.parametrize("relative", ["index.html", "lecun"])
def test_printed_tables_wrap_to_the_page(report: Report, open_page: Any, relative: str) -> None:
    # Before: print kept the ≤ 900 px rule's `display: block; overflow-x: auto`, so the Findings
    # and Source columns were cut at the edge of an A4 page.
    session = open_page(report.url(report.episode_files[LECUN_ID] if relative == "lecun" else relative))
    page = session.page
    page.set_viewport_size({"width": A4_WIDTH, "height": 1100})
    page.emulate_media(media="print")
    clipped = page.evaluate(
        """(width) => [...document.querySelectorAll('table, .scroll')]
             .filter(t => t.getClientRects().length)
             .filter(t => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > width + 1
                          || getComputedStyle(t).overflowX !== 'visible')
             .map(t => `${t.tagName}.${t.className}: ${t.scrollWidth} > ${t.clientWidth}`)""",
        A4_WIDTH,
    )
    assert clipped == []
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_WIDTH
    session.assert_clean()
