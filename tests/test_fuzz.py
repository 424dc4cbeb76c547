"""Property-based robustness of the parser (aligner.parse.parse_page): scraped text is hostile.

Arbitrary text, real pages mutated at their markdown markers, and pathological pages: no
exception escapes, a page without episodes is an S002 problem, and no regular expression
backtracks catastrophically (a 1 MB adversarial page parses in well under a second; the bound
asserted is a generous 2 s, a robustness bound rather than a performance target).
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.detect import detect_variant
from aligner.model import RawPage
from aligner.parse import ParsedPage, parse_page
from aligner.pipeline import build_result
from aligner.settings import DEFAULT_LANGUAGES, Settings
from tests.conftest import ES_PAGE, JA_PAGE, SAMPLES

PAGES = {
    "es": ES_PAGE.read_text(encoding="utf-8"),
    "ja": JA_PAGE.read_text(encoding="utf-8"),
    "en": (SAMPLES / "en" / "hassabis.md").read_text(encoding="utf-8"),
    "zh": (SAMPLES / "zh" / "vinyals.md").read_text(encoding="utf-8"),
}
MARKERS = (
    " ## [",
    ' > *"',
    " - **",
    "#",
    "## [00:00] ",
    " ## Entities ",
    "> *「",
    "\n",
    "**",
    "]",
    "[",
    '*"',
)
FUZZ = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])

# Text made of the characters the grammar reacts to, plus ordinary letters, CJK and controls.
marker_text = st.text(
    alphabet=st.sampled_from(list('#[]()*>-:：「」"“”•・ \t\n0123456789aZé語かー\u200b\ufffd\x00')),
    max_size=400,
)
chunks = st.lists(st.one_of(st.sampled_from(MARKERS), marker_text), max_size=30).map("".join)


def _page(text: str, locale: str = "es", path: str = "fuzz/page.txt") -> RawPage:
    return RawPage(path=path, text=text, locale=locale, locale_source="option")


def _assert_well_formed(parsed: ParsedPage, page: RawPage) -> None:
    assert parsed.page is page
    if not parsed.variants:
        assert any(p.code == "S002" for p in parsed.problems)
    for position, variant in enumerate(parsed.variants):
        assert variant.source_path == page.path
        assert variant.page_locale == page.locale
        assert variant.position >= position  # positions are card positions: increasing, unique
        for chapter in variant.chapters:
            assert chapter.ts >= 0
            assert chapter.ts_text
        for index, entity in enumerate(variant.entities or ()):
            assert entity.name and entity.position == index
    assert len({v.position for v in parsed.variants}) == len(parsed.variants)


@FUZZ
@given(text=st.text(max_size=2000))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    page = _page(text)
    _assert_well_formed(parse_page(page), page)


@FUZZ
@given(text=chunks)
def test_marker_soup_never_raises(text: str) -> None:
    page = _page(text)
    parsed = parse_page(page)
    _assert_well_formed(parsed, page)
    for variant in parsed.variants:  # detection copes with whatever the parser produced
        detected = detect_variant(variant, DEFAULT_LANGUAGES)
        assert len(detected.chapters) == len(variant.chapters)


Mutation = tuple[str, float, float, str]
mutations = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "insert", "swap"]),
        st.floats(0, 1),
        st.floats(0, 1),
        st.sampled_from(MARKERS),
    ),
    min_size=1,
    max_size=8,
)


def mutate(text: str, edits: list[Mutation]) -> str:
    """Delete, duplicate or swap spans, or insert a marker — at the page's own markers when the
    position falls near one, as a scraper gone wrong would."""
    for op, where, length, marker in edits:
        if not text:
            text = marker
            continue
        start = int(where * (len(text) - 1))
        found = text.find(marker.strip() or marker, start)
        if found >= 0 and op != "insert":
            start = found
        end = min(len(text), start + 1 + int(length * 400))
        if op == "delete":
            text = text[:start] + text[end:]
        elif op == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif op == "insert":
            text = text[:start] + marker + text[start:]
        else:
            other = int(length * (len(text) - 1))
            a, b = sorted((start, other))
            text = (
                text[:a]
                + text[b : b + (end - start)]
                + text[a + (end - start) : b]
                + text[a : a + (end - start)]
            )
    return text


@FUZZ
@given(locale=st.sampled_from(sorted(PAGES)), edits=mutations)
def test_mutated_real_pages_never_raise(locale: str, edits: list[Mutation]) -> None:
    page = _page(mutate(PAGES[locale], edits), locale, f"{locale}/page.txt")
    _assert_well_formed(parse_page(page), page)


@settings(deadline=None, max_examples=8, suppress_health_check=[HealthCheck.too_slow])
@given(edits=mutations)
def test_mutated_page_runs_through_every_check(edits: list[Mutation]) -> None:
    """A damaged Japanese page next to the intact Spanish one: the whole pipeline still runs and
    every finding names a real variant or page."""
    pages = []
    for locale, text in (("es", PAGES["es"]), ("ja", mutate(PAGES["ja"], edits))):
        parsed = parse_page(_page(text, locale, f"{locale}/page.txt"))
        pages.append(
            replace(parsed, variants=tuple(detect_variant(v, DEFAULT_LANGUAGES) for v in parsed.variants))
        )
    result = build_result(pages, Settings())
    assert {f.source_path for f in result.findings} <= {"es/page.txt", "ja/page.txt"}
    assert len(result.variant_rows) == sum(len(p.variants) for p in pages)


MB = 1_000_000
ADVERSARIAL = {
    "headings": "## [" * (MB // 4),
    "spaced headings": " ## [" * (MB // 5),
    "entity openers": "- **" * (MB // 4),
    "spaced entity openers": " - **" * (MB // 5),
    "quote openers": '> *"' * (MB // 4),
    "spaced quote openers": ' > *"' * (MB // 5),
    "words": "a " * (MB // 2),
    "hashes": "#" * MB,
    "h1 markers": "# " * (MB // 2),
    "unclosed entity": "## Entities - **" + "a" * MB,
    "stars": "*" * MB,
    "timestamp digits": "## [" + "1:" * (MB // 2),
    "tags": "#a" * (MB // 2),
    "spaces after a chapter": "Title\nsummary ## [00:00] y" + " " * MB + "z",
    "tabs after a chapter": "Title\nsummary ## [00:00] y" + "\t" * MB + "z",
    "spaces before a quote": "Title\nsummary ## [00:00] y >" + " " * MB + "x",
    "spaces inside a quote opener": "Title\nsummary ## [00:00] y\n>" + " " * MB + "x",
    "spaced hashes in a body": "Title\nsummary ## [00:00] y" + " #" * (MB // 2),
    "spaced dashes in entities": "Title\nsummary ## [00:00] y ## Entities" + " -" * (MB // 2),
    "blank lines": "\n" * MB,
    "spaces in a heading": "## " + " " * MB + "x",
    "unclosed quote": 'Title\nsummary ## [00:00] y > *"' + "a" * MB,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_megabyte_page_parses_quickly(name: str) -> None:
    page = _page(ADVERSARIAL[name])
    start = time.perf_counter()
    parsed = parse_page(page)
    elapsed = time.perf_counter() - start
    _assert_well_formed(parsed, page)
    assert elapsed < 2.0, f"{name}: {elapsed:.2f} s"
