"""End to end on the bundled samples: the real scraped pages plus the line-broken pages."""

from __future__ import annotations

import json
from collections import Counter

from aligner.model import Severity
from aligner.results import RunResult
from tests.conftest import ROOT

COUNTS = json.loads((ROOT / "tests" / "data" / "seed_counts.json").read_text(encoding="utf-8"))

HASSABIS = "a-conversation-with-demis-hassabis-biographer"
LECUN = "yann-lecun-sobre-lo-que-viene-despues-de-los-llms"


def _variants(result: RunResult, page: str) -> list:
    return [v for v in result.variants if v.source_path.endswith(page)]


def test_three_episodes_with_every_variant_paired(samples_result: RunResult) -> None:
    by_id = {e.episode_id: e for e in samples_result.episodes}
    assert len(by_id) == 3
    assert sorted(len(e.variants) for e in by_id.values()) == [2, 3, 3]
    lecun = by_id[LECUN]
    assert {v.page_locale for v in lecun.variants} == {"es", "ja"}
    assert lecun.pairing == "signature"  # Spanish and Japanese titles differ
    assert lecun.reference.lang == "es"  # no English variant: deterministic pivot


def test_seed_pages_parse_to_expected_counts(samples_result: RunResult) -> None:
    for page_key, expected_episodes in COUNTS.items():
        page_name = page_key.split("/")[-1]
        variants = _variants(samples_result, page_name)
        assert [v.title for v in variants] == [e["title"] for e in expected_episodes]
        for variant, expected in zip(variants, expected_episodes, strict=True):
            assert len(variant.chapters) == expected["chapters"]
            assert variant.quote_count == expected["quotes"]
            assert variant.entity_count == expected["entities"]
            assert variant.entity_heading == expected["entity_heading"]
            assert variant.duration_text == expected["duration_text"]
            assert variant.duration == expected["duration"]
            assert list(variant.tags) == expected["tags"]
            assert [c.ts_text for c in variant.chapters] == expected["chapter_ts"]
            assert [e.name for e in variant.entities or ()] == expected["entity_names"]
            assert [e.type for e in variant.entities or ()] == expected["entity_types"]
            assert variant.caption_langs == tuple(c.lower() for c in expected["caption_langs"])
            assert variant.channel == expected["channel"]
            assert variant.published == expected["published"]
            assert variant.call_to_action == expected["call_to_action"]
            assert variant.title_repeated == expected["title_repeated"]
            assert variant.lang == expected["content_lang"]


def test_chapter_counts_11_17_13(samples_result: RunResult) -> None:
    es = _variants(samples_result, "laidub-es-page.txt")
    ja = _variants(samples_result, "laidub-ja-page.txt")
    assert [len(v.chapters) for v in es] == [11, 17, 13]
    assert [len(v.chapters) for v in ja] == [11, 17, 13]
    assert es[2].chapters[-2].ts_text == "01:00:26" and es[2].chapters[-2].ts == 3626


def test_metadata_of_the_spanish_cards(samples_result: RunResult) -> None:
    hassabis, vinyals, lecun = _variants(samples_result, "laidub-es-page.txt")
    assert hassabis.channel == "Unsupervised Learning: With Jacob Effron"
    assert hassabis.published == "hace 3 días"
    assert vinyals.published == "hace 13 días"
    assert lecun.duration == 1 * 3600 + 21 * 60 + 56
    assert hassabis.caption_langs == ("en", "zh")
    assert hassabis.title_repeated


def test_page_locales_from_path(samples_result: RunResult) -> None:
    assert {p.path.split("/")[-2]: p.locale for p in samples_result.pages} == {
        "en": "en",
        "es": "es",
        "ja": "ja",
        "zh": "zh",
    }


def test_content_languages(samples_result: RunResult) -> None:
    es = [v.lang for v in _variants(samples_result, "laidub-es-page.txt")]
    ja = [v.lang for v in _variants(samples_result, "laidub-ja-page.txt")]
    assert es == ["en", "zh", "es"]
    assert ja == ["en", "zh", "ja"]


def test_untranslated_episodes_on_es_and_ja_pages_are_l401(samples_result: RunResult) -> None:
    l401 = Counter(
        (f.episode_id.split("-")[0], f.page_locale) for f in samples_result.findings if f.code == "L401"
    )
    assert l401 == Counter({("a", "es"): 1, ("a", "ja"): 1, ("gemini", "es"): 1, ("gemini", "ja"): 1})
    assert all(f.severity is Severity.ERROR for f in samples_result.findings if f.code == "L401")


def test_lecun_spanish_and_japanese_align_without_errors(samples_result: RunResult) -> None:
    findings = [f for f in samples_result.findings if f.episode_id == LECUN]
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    alignment = next(
        a for a in samples_result.alignments if a.variant.page_locale == "ja" and a.variant.lang == "ja"
    )
    assert [p.status for p in alignment.chapters] == ["matched"] * 13
    methods = Counter(p.method for p in alignment.entities)
    assert methods == Counter({"name": 8, "transliteration": 1})  # World Model ↔ ワールドモデル


def test_untranslated_copies_match_their_reference_exactly(samples_result: RunResult) -> None:
    rows = [r for r in samples_result.chapters if r.episode_id == HASSABIS]
    assert len(rows) == 22 and all(r.status == "matched" for r in rows)
    assert all(r.ref_title == r.var_title for r in rows)  # flattened split == line-broken titles
