"""Trend charts of a nightly report: inline SVG drawn from the history's nights, and no trends
section when there is no usable history."""

from __future__ import annotations

from typing import Any

import pytest

from aligner.report.html import render_html, render_site
from aligner.report.html_trends import build_trends
from tests.html_run import TRENDS, build_result, by_id, parse


@pytest.fixture(scope="module")
def html() -> str:
    return render_site(build_result(TRENDS))["index.html"].decode("utf-8")


def test_trends_are_drawn_as_inline_svg(html: str) -> None:
    elements = parse(html)
    section = by_id(elements, "trends")
    assert "3 nights, 2024-05-01 to 2024-05-03" in section.content
    polylines = [e for e in elements if e.tag == "polyline"]
    assert len(polylines) == 5  # errors, warnings, infos; es and ja
    first = polylines[0].attrs["points"] or ""
    assert len(first.split()) == 3
    circles = [
        e
        for e in elements
        if e.tag == "circle" and e.inside("figure") and e.parents[-1].attrs.get("class") == "series series-1"
    ]
    assert len(circles) == 2  # ja has no score on the last night
    assert "key &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<svg" in html and 'viewBox="0 0 560 200"' in html


def test_trends_geometry() -> None:
    trends = build_trends(TRENDS)
    assert trends is not None
    counts, scores = trends.charts
    assert [tick.label for tick in counts.y_ticks] == ["0", "2.5", "5", "7.5", "10"]  # nice max above 6
    assert [tick.label for tick in scores.y_ticks] == ["0", "25", "50", "75", "100"]
    errors = counts.series[0]
    assert errors.name == "errors" and errors.points == "40.0,108.0 294.0,124.0 548.0,124.0"
    assert [tick.anchor for tick in counts.x_ticks] == ["start", "middle", "end"]
    assert scores.rows[2] == ("2024-05-03", "90.0", "")
    # a locale with no score on the last night has none "on the last night" (not an older one)
    assert [s.last for s in scores.series] == ["90.0", ""]


@pytest.mark.parametrize(
    "trends",
    [
        None,
        {},
        {"nights": []},
        {"nights": "nope"},
        {"nights": [1, "x"]},
    ],
)
def test_no_usable_history_means_no_trends_section(trends: Any) -> None:
    html = render_html(build_result(trends))
    assert 'id="trends"' not in html and "<svg" not in html and 'href="#trends"' not in html


def test_malformed_nights_are_skipped_not_raised() -> None:
    trends = build_trends({"nights": [{"errors": "many", "scores": {"es": float("nan")}}, {"errors": 3}]})
    assert trends is not None and trends.nights == 2
    assert len(trends.charts) == 1  # no usable score: no score chart
    errors = trends.charts[0].series[0]
    assert errors.points == "548.0,76.0" and errors.last == "3"  # only the second night counts
    assert [s.points for s in trends.charts[0].series[1:]] == ["", ""]
