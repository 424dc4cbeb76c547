"""Headless Chromium for the HTML report, and one report built for the browser tests.

The browser is Debian's ``chromium`` (``/usr/bin/chromium``; ``.ci/run`` installs it when it is
missing) driven by the ``playwright`` package — never ``playwright install``, whose browser
download is not available here. Without Chromium these tests fail with a message that says how to
install it: they are never skipped.

The report: the sample pages with injected defects in the Japanese LeCun variant (a dropped
chapter, a dropped quote, an extra chapter), plus a hostile page (``tests/hostile.py``); one
finding is moved to ``waived`` and a short synthetic nightly history is attached as ``trends`` so
that every part of the report is exercised.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from aligner.pipeline import check_paths
from aligner.report import write_reports
from aligner.report.html_links import episode_links
from aligner.results import RunResult
from aligner.settings import Settings
from tests import defects
from tests.conftest import ROOT, SAMPLES
from tests.hostile import write_hostile_page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS: list[str] = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--headless",
]
ARTIFACTS = ROOT / "test-artifacts"
VIEWPORT = {"width": 1366, "height": 900}  # a laptop screen

JA_LECUN = "チューリング賞受賞者でAMI Labs創業者"
DROPPED_CHAPTER = ("15:55", 955)
DROPPED_QUOTE = ("12:07", 727)
EXTRA_CHAPTER = ("38:00", 2280)
LECUN_ID = "yann-lecun-sobre-lo-que-viene-despues-de-los-llms"
WAIVED_CODE = "E305"

TRENDS: dict[str, Any] = {
    "nights": [
        {"run_id": "n1", "started_at": "2024-05-01T02:00:00Z", "errors": 9, "warnings": 14, "infos": 3,
         "by_code": {"L401": 4}, "scores": {"es": 71.5, "ja": 64.0}},
        {"run_id": "n2", "started_at": "2024-05-02T02:00:00Z", "errors": 7, "warnings": 12, "infos": 4,
         "by_code": {"L401": 4}, "scores": {"es": 74.0, "ja": 66.2}},
        {"run_id": "n3", "started_at": "2024-05-03T02:00:00Z", "errors": 8, "warnings": 9, "infos": 4,
         "by_code": {"L401": 4}, "scores": {"es": 78.3, "ja": 70.1}},
        {"run_id": "n4", "started_at": "2024-05-04T02:00:00Z", "errors": 6, "warnings": 9, "infos": 5,
         "by_code": {"L401": 4}, "scores": {"es": 80.0, "ja": 69.4}},
        {"run_id": "n5", "started_at": "2024-05-05T02:00:00Z", "errors": 7, "warnings": 10, "infos": 5,
         "by_code": {"L401": 4}, "scores": {"es": 82.6, "ja": 73.0}},
    ],
    "new": ["ja|yann-lecun|C101|15:55"],
    "fixed": [],
}  # fmt: skip


@dataclass
class Report:
    folder: Path
    result: RunResult
    episode_files: dict[str, str]  # episode id → path relative to the folder

    def url(self, relative: str = "index.html") -> str:
        return (self.folder / relative).as_uri()


def _inject(pages: Path) -> None:
    page = pages / "ja" / "laidub-ja-page.txt"
    text = page.read_text(encoding="utf-8")
    text = defects.drop_chapter(text, JA_LECUN, DROPPED_CHAPTER[0])
    text = defects.drop_quote(text, JA_LECUN, DROPPED_QUOTE[0])
    text = defects.add_chapter(
        text,
        JA_LECUN,
        "35:49",
        EXTRA_CHAPTER[0],
        "ボーナス質問 ルカンはリスナーから寄せられた計算資源の予算についての質問に短く答える。",
    )
    page.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    base = tmp_path_factory.mktemp("browser-report")
    pages = base / "pages"
    shutil.copytree(SAMPLES, pages)
    _inject(pages)
    write_hostile_page(pages / "ja")
    result = check_paths([str(pages)], Settings())
    waived = tuple(f for f in result.findings if f.code == WAIVED_CODE)
    assert waived, "the samples should hold an E305 finding to waive"
    result = replace(
        result,
        findings=tuple(f for f in result.findings if f.code != WAIVED_CODE),
        waived=waived,
        trends=TRENDS,
    )
    folder = base / "report"
    write_reports(result, folder, ["html", "csv"])
    links = episode_links(result.episodes)
    return Report(folder, result, {key: value.file for key, value in links.items()})


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"headless Chromium is required for the HTML report tests and {CHROMIUM} is missing: "
            "install it with `apt-get update && apt-get install -y chromium` (.ci/run does this)",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.fail("the `playwright` package is missing: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclass
class Session:
    """A page with everything it logged and requested."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        remote = [url for url in self.requests if not url.startswith("file://")]
        assert remote == [], remote
        assert self.page.evaluate("typeof window.__pwned") == "undefined"


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """``open_page(url)`` → a :class:`Session` on a fresh page at a laptop-sized viewport."""
    contexts: list[Any] = []

    def _open(url: str) -> Session:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        session = Session(page)
        page.on("console", lambda m: session.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: session.page_errors.append(str(e)))
        page.on("request", lambda r: session.requests.append(r.url))
        page.goto(url)
        page.wait_for_load_state("load")
        return session

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


ROWS = "#findings-table tbody tr"


def visible_rows(page: Any) -> list[dict[str, str]]:
    """The findings table's rows shown now, by their data attributes."""
    return page.eval_on_selector_all(
        ROWS,
        "rows => rows.filter(r => !r.hidden && r.getClientRects().length)"
        ".map(r => ({code: r.dataset.code, severity: r.dataset.severity, locale: r.dataset.locale,"
        " episode: r.dataset.episode, status: r.dataset.status}))",
    )


def all_findings(report: Report) -> list[tuple[Any, bool]]:
    """Every finding of the report, with whether it is waived."""
    return [(f, False) for f in report.result.findings] + [(f, True) for f in report.result.waived]
