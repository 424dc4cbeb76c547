"""L401–L404 and Q203 on the real pages: untranslated copies, code-mixed translations, injected segments."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.model import Finding, RawPage, Variant
from aligner.parse import parse_page
from aligner.pipeline import check_paths
from aligner.results import RunResult
from aligner.settings import Settings
from aligner.untranslated import IDENTICAL_CHRF, LanguageBudget, left_in, similarity, title_left_untranslated
from tests.conftest import JA_PAGE, SAMPLES

LANGUAGE_CODES = ("L402", "L403", "L404", "Q203")
HASSABIS = "a-conversation-with-demis-hassabis-biographer"
VINYALS = "gemini-co-lead-on-world-models-rl-s-next-domains-continual-l-ab0159"
LECUN = "yann-lecun-sobre-lo-que-viene-despues-de-los-llms"
JA_LECUN = "チューリング賞受賞者でAMI Labs創業者"
ZH_TYPES = {"人物": "Person", "产品": "Product", "概念": "Concept"}


def _codes(findings: tuple[Finding, ...] | list[Finding], *codes: str) -> list[Finding]:
    return [f for f in findings if f.code in codes]


# -- the real pages --------------------------------------------------------------------------------


def test_untranslated_copies_are_one_l401_each_and_nothing_else(samples_result: RunResult) -> None:
    l401 = sorted((f.episode_id, f.page_locale, f.lang) for f in _codes(samples_result.findings, "L401"))
    assert l401 == [
        (HASSABIS, "es", "en"),
        (HASSABIS, "ja", "en"),
        (VINYALS, "es", "zh"),
        (VINYALS, "ja", "zh"),
    ]
    assert all(f.chapter_ts == "" for f in _codes(samples_result.findings, "L401"))
    # no L402 (zh is the Vinyals reference language), no per-segment noise on the copies
    assert _codes(samples_result.findings, *LANGUAGE_CODES) == []


def test_japanese_lecun_with_latin_names_is_japanese_in_every_chapter(samples_result: RunResult) -> None:
    ja = next(
        v for v in samples_result.variants if v.source_path.endswith("laidub-ja-page.txt") and v.lang == "ja"
    )
    assert [c.lang for c in ja.chapters] == ["ja"] * 13
    assert sum("JEPA" in c.body or "AMI Labs" in c.body or "OpenAI" in c.body for c in ja.chapters) >= 3


# -- the Chinese Vinyals page against an English reference ------------------------------------------


def _zh_vinyals() -> Variant:
    path = SAMPLES / "zh" / "vinyals.md"
    return parse_page(RawPage("zh/vinyals.md", path.read_text(encoding="utf-8"), "zh", "path")).variants[0]


def _english_vinyals(zh: Variant) -> str:
    """An English reference for the Chinese page: same title, timestamps, titles, quotes and entities;
    English bodies built from the chapter's own (English) quotes."""
    lines = [
        f"# {zh.title}",
        zh.duration_text or "59:41",
        "EN/ZH",
        "",
        "Oriol Vinyals, VP of Research at Google DeepMind and Gemini co-lead, sat down on the second day of "
        "Google I/O to walk through the research behind the launches: why world models are Google's distinctive "
        "path to AGI, what the GPT moment for video looks like, why agent systems like Spark must be optimized "
        "together with the model, and where reinforcement learning goes next.",
        "",
    ]
    for chapter in zh.chapters:
        said = " ".join(f"Oriol says: {q.text}" for q in chapter.quotes)
        lines += [f"## [{chapter.ts_text}] {chapter.title}", f"{said} Jacob and Oriol then go deeper.", ""]
        lines += [line for q in chapter.quotes for line in (f'> *"{q.text}"*', "")]
    lines.append("## Entities")
    lines += [f"- **{e.name}** ({ZH_TYPES[e.type]}): {e.description}" for e in zh.entities or ()]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def vinyals_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("vinyals")
    (root / "en").mkdir()
    (root / "zh").mkdir()
    (root / "en" / "vinyals.md").write_text(_english_vinyals(_zh_vinyals()), encoding="utf-8")
    shutil.copy(SAMPLES / "zh" / "vinyals.md", root / "zh" / "vinyals.md")
    return root


@pytest.fixture(scope="module")
def vinyals_result(vinyals_pages: Path) -> RunResult:
    return check_paths([str(vinyals_pages)], Settings())


def test_code_mixed_chinese_is_not_untranslated_segment_by_segment(vinyals_result: RunResult) -> None:
    (episode,) = vinyals_result.episodes
    assert episode.ref_lang == "en"
    zh = next(v for v in episode.variants if v.page_locale == "zh")
    assert zh.lang == "zh" and {c.lang for c in zh.chapters} == {"zh"}
    assert _codes(vinyals_result.findings, "L401", "L402", "L403") == []
    # the English terms keep chrF well above a real translation's 0-10 but far below "identical"
    scores = [
        similarity(b.body, a.body) for a, b in zip(episode.reference.chapters, zh.chapters, strict=True)
    ]
    assert max(scores) < IDENTICAL_CHRF - 15


def test_english_titles_over_chinese_bodies_are_one_variant_level_l404(vinyals_result: RunResult) -> None:
    (l404,) = _codes(vinyals_result.findings, "L404")
    assert (l404.page_locale, l404.chapter_ts) == ("zh", "")
    assert "of 17 chapter titles" in l404.message and "[01:36] Why World Models" in l404.evidence


def test_english_quotes_of_the_chinese_page_are_q203_by_default(vinyals_result: RunResult) -> None:
    q203 = _codes(vinyals_result.findings, "Q203")
    assert len(q203) == 17 and {f.page_locale for f in q203} == {"zh"}
    assert len({f.chapter_ts for f in q203}) == 17


def test_q203_is_silent_for_a_locale_that_keeps_original_quotes(
    vinyals_pages: Path, vinyals_result: RunResult
) -> None:
    settings = Settings(locales={"zh": {"quotes_untranslated_ok": True}})
    result = check_paths([str(vinyals_pages)], settings)
    assert _codes(result.findings, "Q203") == []
    others = Counter((f.code, f.chapter_ts) for f in result.findings)
    assert others == Counter((f.code, f.chapter_ts) for f in vinyals_result.findings if f.code != "Q203")


def test_quotes_untranslated_ok_applies_to_that_locale_only(vinyals_pages: Path) -> None:
    result = check_paths([str(vinyals_pages)], Settings(locales={"ja": {"quotes_untranslated_ok": True}}))
    assert len(_codes(result.findings, "Q203")) == 17


# -- segments injected into the real Japanese LeCun variant (reference: the Spanish pivot) -----------


def _chapter_span(line: str, ts: str) -> tuple[int, int]:
    start = line.index(f" ## [{ts}]")
    end = line.find(" ## ", start + 4)
    return start, (end if end >= 0 else len(line))


def _replace_in_line(text: str, marker: str, edit) -> str:  # type: ignore[no-untyped-def]
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if marker in line)
    edited = edit(lines[index])
    assert edited != lines[index]
    lines[index] = edited
    return "\n".join(lines)


def _run_with_ja(tmp_path: Path, edit) -> RunResult:  # type: ignore[no-untyped-def]
    shutil.copytree(SAMPLES, tmp_path / "pages")
    page = tmp_path / "pages" / "ja" / JA_PAGE.name
    page.write_text(_replace_in_line(page.read_text(encoding="utf-8"), JA_LECUN, edit), encoding="utf-8")
    return check_paths([str(tmp_path / "pages")], Settings())


def _spanish_lecun(result: RunResult) -> Variant:
    return next(e.reference for e in result.episodes if e.episode_id == LECUN)


def test_japanese_chapter_replaced_by_the_spanish_reference_is_l403_there(
    tmp_path: Path, samples_result: RunResult
) -> None:
    es_body = next(c.body for c in _spanish_lecun(samples_result).chapters if c.ts_text == "15:55")

    def paste(line: str) -> str:
        start, end = _chapter_span(line, "15:55")
        chapter = line[start:end]
        quote_at = chapter.index(" > *")
        head = " ## [15:55] 現在のロボティクスモデルが抱える問題 "
        return line[:start] + head + es_body + chapter[quote_at:] + line[end:]

    result = _run_with_ja(tmp_path, paste)
    l403 = _codes(result.findings, "L403")
    assert [(f.page_locale, f.chapter_ts) for f in l403] == [("ja", "15:55")]
    assert "left untranslated" in l403[0].message
    assert _codes(result.findings, "L402", "L404") == []


def test_japanese_summary_replaced_by_the_spanish_one_is_a_variant_level_l403(
    tmp_path: Path, samples_result: RunResult
) -> None:
    es_summary = _spanish_lecun(samples_result).summary

    def paste(line: str) -> str:
        first = line.index(" ## [00:00]")
        return es_summary + line[first:]

    result = _run_with_ja(tmp_path, paste)
    (l403,) = _codes(result.findings, "L403")
    assert (l403.page_locale, l403.chapter_ts) == ("ja", "")
    assert l403.evidence.startswith("summary:")


def test_japanese_quote_left_in_spanish_is_q203_at_its_chapter(
    tmp_path: Path, samples_result: RunResult
) -> None:
    es_quote = next(c.quotes[0].text for c in _spanish_lecun(samples_result).chapters if c.ts_text == "28:18")

    def paste(line: str) -> str:
        start, end = _chapter_span(line, "28:18")
        chapter = line[start:end]
        q_start = chapter.index(" > *「")
        q_end = chapter.index("」*", q_start) + 2
        return line[:start] + chapter[:q_start] + f' > *"{es_quote}"*' + chapter[q_end:] + line[end:]

    result = _run_with_ja(tmp_path, paste)
    assert [(f.page_locale, f.chapter_ts) for f in _codes(result.findings, "Q203")] == [("ja", "28:18")]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=150), st.text(max_size=150), st.sampled_from(["en", "es", "ja", "zh", "und", "xx"]))
def test_untranslated_helpers_never_raise(text: str, reference: str, lang: str) -> None:
    budget = LanguageBudget(Settings().languages, limit=2)
    left_in(text, reference, lang, "es", budget)
    title_left_untranslated(text, reference, lang, "ja", frozenset({"jepa"}))


LANGUAGES = Path(__file__).parent / "data" / "languages"


def _chinese_pages(tmp_path: Path, pages: dict[str, str]) -> list[Finding]:
    for locale, text in pages.items():
        (tmp_path / locale).mkdir()
        (tmp_path / locale / "vinyals.md").write_text(text, encoding="utf-8")
    return [f for f in check_paths([str(tmp_path)], Settings()).findings if f.code == "L402"]


SIMPLIFIED = (SAMPLES / "zh" / "vinyals.md").read_text(encoding="utf-8")
TRADITIONAL = (LANGUAGES / "zh-Hant" / "vinyals.md").read_text(encoding="utf-8")


def test_each_chinese_text_on_its_own_script_s_page_passes(tmp_path: Path) -> None:
    assert _chinese_pages(tmp_path, {"zh-CN": SIMPLIFIED, "zh-TW": TRADITIONAL}) == []


def test_simplified_text_on_a_traditional_page_is_the_wrong_language(tmp_path: Path) -> None:
    # One language to the detector, another text to a reader in Taiwan: nothing was reported.
    found = _chinese_pages(tmp_path, {"zh-Hans": TRADITIONAL, "zh-TW": SIMPLIFIED})
    assert sorted((f.page_locale, f.chapter_ts) for f in found) == [("zh-hans", ""), ("zh-tw", "")]
    tw = next(f for f in found if f.page_locale == "zh-tw")
    assert "Simplified Chinese on the `zh-tw` page (expected Traditional Chinese)" in tw.message


def test_one_simplified_chapter_on_a_traditional_page_is_reported_at_its_chapter(tmp_path: Path) -> None:
    heading = "## [04:21]"
    simplified_chapter = SIMPLIFIED.split(heading)[1].split("\n## ")[0]
    traditional_chapter = TRADITIONAL.split(heading)[1].split("\n## ")[0]
    assert simplified_chapter != traditional_chapter
    mixed = TRADITIONAL.replace(traditional_chapter, simplified_chapter)
    found = _chinese_pages(tmp_path, {"zh": SIMPLIFIED, "zh-Hant": mixed})
    assert [(f.page_locale, f.chapter_ts) for f in found] == [("zh-hant", "04:21")]
    assert "Chapter `[04:21]` body is in Simplified Chinese" in found[0].message


@pytest.mark.parametrize(
    ("text_of", "page", "configured"),
    [("he", "ar", ()), ("ar", "fa", ()), ("hi", "th", ()), ("tr", "pl", ("tr",))],
)
def test_a_page_in_another_language_without_a_table_is_the_wrong_language(
    tmp_path: Path, text_of: str, page: str, configured: tuple[str, ...]
) -> None:
    # The Hebrew translation filed on the Arabic page: both were `und`, and no check could tell.
    # A script of a few languages needs no configuring; Turkish among the Latin ones is found
    # when configured (else L402 names the nearest candidate: `es`).
    (tmp_path / "en").mkdir()
    shutil.copyfile(LANGUAGES / "en" / "hassabis.md", tmp_path / "en" / "hassabis.md")
    (tmp_path / page).mkdir()
    shutil.copyfile(LANGUAGES / text_of / "hassabis.md", tmp_path / page / "hassabis.md")
    settings = Settings(languages=(*Settings().languages, *configured))
    found = [f for f in check_paths([str(tmp_path)], settings).findings if f.code == "L402"]
    assert [(f.page_locale, f.chapter_ts) for f in found] == [(page, "")]
    assert f"Episode is in `{text_of}` on the `{page}` page" in found[0].message


@pytest.mark.parametrize("locale", ["id", "pl"])
def test_quotes_of_a_page_in_its_own_language_are_not_left_in_english(tmp_path: Path, locale: str) -> None:
    # The quotes were detected among the configured languages only: four faithful Indonesian quotes
    # were "left in English" (Q203), and a Polish one.
    for folder in ("en", locale):
        shutil.copytree(LANGUAGES / folder, tmp_path / folder)
    found = [f for f in check_paths([str(tmp_path)], Settings()).findings if f.code in ("Q203", "L403")]
    assert found == []


def test_a_chinese_page_in_another_script_subtag_is_not_judged_by_characters(tmp_path: Path) -> None:
    # `zh-Latn/` (pinyin) names a script the character pairs know nothing of: no crash, no finding
    assert _chinese_pages(tmp_path, {"zh": SIMPLIFIED, "zh-Latn": SIMPLIFIED}) == []


def test_pages_read_back_from_aligner_parse_json_are_detected_as_the_pages(tmp_path: Path) -> None:
    # One JSON file holds the pages of many locales: its variants were detected among the file's
    # locale's candidates, so Polish read as `pt`, Turkish as `es` (L402 x2 where the pages PASS)
    from click.testing import CliRunner

    from aligner.cli import main

    for locale in ("en", "tr", "pl"):
        shutil.copytree(LANGUAGES / locale, tmp_path / "pages" / locale)
    document = tmp_path / "json" / "all.json"
    document.parent.mkdir()
    assert CliRunner().invoke(main, ["parse", str(tmp_path / "pages"), "-o", str(document)]).exit_code == 0
    from_json = check_paths([str(document)], Settings())
    from_pages = check_paths([str(tmp_path / "pages")], Settings())
    assert sorted((v.page_locale, v.lang) for v in from_json.variants) == [
        ("en", "en"),
        ("pl", "pl"),
        ("tr", "tr"),
    ]
    assert sorted(f.code for f in from_json.findings) == sorted(f.code for f in from_pages.findings)


def test_a_quote_in_another_script_inside_a_chapter_is_no_chapter_in_that_language(tmp_path: Path) -> None:
    # An Aristotle quote in Greek opening an English chapter (a third of its letters) made it a
    # Greek chapter: L402 on the English reference, a script of one language counted from a
    # minority of the letters
    for locale in ("en", "tr"):
        shutil.copytree(LANGUAGES / locale, tmp_path / locale)
    page = tmp_path / "en" / "hassabis.md"
    greek = "Πάντες ἄνθρωποι τοῦ εἰδέναι ὀρέγονται φύσει. σημεῖον δ᾽ ἡ τῶν αἰσθήσεων ἀγάπησις."
    english = (
        " Mallaby says Demis quoted Aristotle to every new hire at DeepMind, and meant it as a plan"
        " for the lab: curiosity first, products later."
    )
    text = page.read_text(encoding="utf-8")
    head, rest = text.split("## [02:04] Was the AI Race Inevitable?\n", 1)
    _body, tail = rest.split("\n", 1)
    page.write_text(
        f"{head}## [02:04] Was the AI Race Inevitable?\n{greek}{english}\n{tail}", encoding="utf-8"
    )
    assert [f.message for f in check_paths([str(tmp_path)], Settings()).findings if f.code == "L402"] == []


def test_a_chapter_in_mojibake_is_encoding_damage_not_another_language(tmp_path: Path) -> None:
    # Arabic read as cp1256 bytes in Latin-1 (`ÃÚÊÞÏ Ãäå ßÇä`) reads as French or Portuguese: the
    # chapter was S006 and also "in `pt`" (L402) — one fault, reported as what it is
    for locale in ("en", "ar"):
        shutil.copytree(LANGUAGES / locale, tmp_path / locale)
    page = tmp_path / "ar" / "hassabis.md"
    text = page.read_text(encoding="utf-8")
    body = text.split("## [19:43]", 1)[1].split("\n", 1)[1].split("\n>", 1)[0]
    page.write_text(text.replace(body, body.encode("cp1256").decode("latin-1")), encoding="utf-8")
    found = [(f.code, f.chapter_ts) for f in check_paths([str(tmp_path)], Settings()).findings]
    assert ("S006", "19:43") in found
    assert [code for code, chapter in found if chapter == "19:43" and code in ("L402", "L403")] == []
