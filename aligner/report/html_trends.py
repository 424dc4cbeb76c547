"""Small inline SVG line charts of the nightly history (``RunResult.trends``), drawn here.

No charting library: a chart is a fixed ``viewBox``, one ``<polyline>`` per series with a dot
per night, horizontal grid lines with their values and a few night labels. Coordinates are
formatted with one decimal, so the same history always gives the same bytes. Every chart comes
with the same numbers as a table for screen readers and for reading exact values.

The history is input too: anything malformed (a missing key, a non-number) is skipped, never
raised; no usable night means no trends section at all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aligner.report.html_findings import FindingView

WIDTH = 560
HEIGHT = 200
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 12, 28
MAX_X_LABELS = 7
MAX_SERIES = 8  # score series get classes series-0 … series-7 (colours cycle after that)


@dataclass(frozen=True, slots=True)
class Dot:
    x: str
    y: str
    label: str  # "2024-05-01: 3"


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    css: str
    points: str  # polyline points: "x,y x,y …"
    dots: tuple[Dot, ...]
    last: str


@dataclass(frozen=True, slots=True)
class Tick:
    position: str
    label: str
    anchor: str = "middle"  # SVG text-anchor: the first and last night labels stay inside


@dataclass(frozen=True, slots=True)
class Chart:
    ident: str
    title: str
    description: str
    series: tuple[Series, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    columns: tuple[str, ...]  # the data table: night, then one column per series
    rows: tuple[tuple[str, ...], ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM


@dataclass(frozen=True, slots=True)
class Trends:
    nights: int
    first: str
    last: str
    charts: tuple[Chart, ...]
    new: tuple[str, ...]
    fixed: tuple[str, ...]
    settings_changed: bool = False  # new and fixed then compare different checks or thresholds
    settings_changes: tuple[str, ...] = ()  # the settings that changed (names of the signature)
    waived: tuple[str, ...] = ()  # active the night before, accepted by a waiver or the baseline now
    unwaived: tuple[str, ...] = ()  # accepted the night before, active again (the waiver ended)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _nice_max(value: float) -> float:
    """The smallest of 1, 2, 5 × 10ⁿ at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return float(step * magnitude)
    return float(10 * magnitude)


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _label(night: Mapping[str, Any], index: int) -> str:
    started = night.get("started_at")
    if isinstance(started, str) and started:
        return started[:10]
    run_id = night.get("run_id")
    return str(run_id) if isinstance(run_id, str) and run_id else f"#{index + 1}"


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    if count == 1:
        return LEFT + span / 2
    return LEFT + span * index / (count - 1)


def _y(value: float, top: float) -> float:
    span = HEIGHT - TOP - BOTTOM
    return HEIGHT - BOTTOM - span * (max(value, 0.0) / top)


def _chart(
    ident: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
    top: float | None,
    digits: int,
) -> Chart:
    values = [v for _, _, column in series for v in column if v is not None]
    highest = max(values, default=0.0)
    scale = top if top is not None and top >= highest else _nice_max(highest)
    count = len(labels)
    drawn: list[Series] = []
    for name, css, column in series:
        dots = tuple(
            Dot(_fmt(_x(i, count)), _fmt(_y(v, scale)), f"{labels[i]}: {v:.{digits}f}")
            for i, v in enumerate(column)
            if v is not None
        )
        # the last night's value: a locale with no variant that night has none (not an older one)
        last = f"{column[-1]:.{digits}f}" if column and column[-1] is not None else ""
        drawn.append(Series(name, css, " ".join(f"{d.x},{d.y}" for d in dots), dots, last))
    step = max(1, math.ceil(count / MAX_X_LABELS))
    shown = sorted({*range(0, count, step), count - 1})
    y_ticks = tuple(Tick(_fmt(_y(scale * k / 4, scale)), f"{scale * k / 4:g}") for k in range(5))
    return Chart(
        ident=ident,
        title=title,
        description=description,
        series=tuple(drawn),
        y_ticks=y_ticks,
        x_ticks=tuple(Tick(_fmt(_x(i, count)), labels[i], _anchor(i, count)) for i in shown),
        columns=("night", *(name for name, _, _ in series)),
        rows=tuple(
            (
                labels[i],
                *("" if column[i] is None else f"{column[i]:.{digits}f}" for _, _, column in series),
            )
            for i in range(count)
        ),
    )


def _anchor(index: int, count: int) -> str:
    if count == 1:
        return "middle"
    if index == 0:
        return "start"
    return "end" if index == count - 1 else "middle"


def build_trends(trends: Mapping[str, Any] | None) -> Trends | None:
    """The charts for ``result.trends``, or None when there is no usable history."""
    if not isinstance(trends, Mapping):
        return None
    raw_nights = trends.get("nights")
    nights = [n for n in raw_nights if isinstance(n, Mapping)] if isinstance(raw_nights, list) else []
    if not nights:
        return None
    labels = [_label(night, i) for i, night in enumerate(nights)]
    severity_series = [
        (name, f"sev-line-{key}", [_number(night.get(key)) for night in nights])
        for key, name in (("errors", "errors"), ("warnings", "warnings"), ("infos", "infos"))
    ]
    charts = [
        _chart(
            "trend-findings",
            "Findings per night",
            "Errors, warnings and infos found each night.",
            labels,
            severity_series,
            None,
            0,
        )
    ]
    locales = sorted(
        {
            str(locale)
            for night in nights
            if isinstance(night.get("scores"), Mapping)
            for locale, value in night["scores"].items()
            if _number(value) is not None
        }
    )
    if locales:
        score_series = []
        for index, locale in enumerate(locales):
            column = []
            for night in nights:
                scores = night.get("scores")
                column.append(_number(scores.get(locale)) if isinstance(scores, Mapping) else None)
            score_series.append((locale, f"series-{index % MAX_SERIES}", column))
        charts.append(
            _chart(
                "trend-scores",
                "Score per locale",
                "Mean variant score (0–100) of each page locale, each night.",
                labels,
                score_series,
                100.0,
                1,
            )
        )
    return Trends(
        nights=len(nights),
        first=labels[0],
        last=labels[-1],
        charts=tuple(charts),
        new=_keys(trends.get("new")),
        fixed=_keys(trends.get("fixed")),
        settings_changed=trends.get("settings_changed") is True,
        settings_changes=_keys(trends.get("settings_changes")),
        waived=_keys(trends.get("waived")),
        unwaived=_keys(trends.get("unwaived")),
    )


def trend_keys(trends: Mapping[str, Any] | None, name: str) -> tuple[str, ...]:
    """The finding keys of ``trends[name]`` (``new``, ``fixed``), none without trends."""
    return _keys(trends.get(name)) if isinstance(trends, Mapping) else ()


def _keys(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(item) for item in value)


@dataclass(frozen=True, slots=True)
class Change:
    """A finding new or fixed since the previous night, as the trends section lists it."""

    code: str
    episode: str  # title when the report has the finding, else the id
    locale: str
    chapter: str
    message: str
    severity: str = ""  # new findings only
    href: str = ""  # new findings on an episode page


def changes(
    trends: Mapping[str, Any] | None, views: Sequence[FindingView]
) -> tuple[list[Change], list[Change]]:
    """The new findings (from the report's own, with their messages and links) and the fixed
    ones (keys, with what they said the night before) of a nightly run."""
    if not isinstance(trends, Mapping):
        return [], []
    new_views = [v for v in views if v.new]
    new = [
        Change(v.code, v.episode_title or v.episode_id, v.locale, v.chapter_ts, v.message, v.severity, v.href)
        for v in new_views
    ]
    messages = trends.get("fixed_messages")
    said = messages if isinstance(messages, Mapping) else {}
    fixed = [_from_key(key, str(said.get(key, ""))) for key in _keys(trends.get("fixed"))]
    return new, fixed


def _from_key(key: str, message: str) -> Change:
    parts = key.rsplit("|", 4)
    if len(parts) != 5:
        return Change("", key, "", "", message)
    episode, locale, code, chapter, _fingerprint = parts
    return Change(code, episode, locale, chapter, message)
