"""Parsing: both seed layouts, line-broken pages, quotes, entities, JSON round trip."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from aligner import langdata
from aligner.cli import main
from aligner.model import Layout, RawPage
from aligner.parse import parse_page
from aligner.parse.items import parse_entity, parse_quote, parse_ts, timestamp_fault
from aligner.parse.lines import logical_lines
from aligner.parse.titles import make_hints, split_title
from aligner.pipeline import check_paths
from aligner.read import read_page
from aligner.results import RunResult
from aligner.schema import errors, variant_errors
from aligner.serialize import variant_to_dict
from aligner.settings import Settings
from tests.conftest import ES_PAGE, JA_PAGE, ROOT, SAMPLES

ORACLE = json.loads((ROOT / "tests" / "data" / "seed_titles.json").read_text(encoding="utf-8"))


def _parse(path: Path):  # type: ignore[no-untyped-def]
    return parse_page(read_page(str(path), None, langdata.ui_locale))


def _page(text: str, path: str = "pages/en/x.md") -> RawPage:
    return RawPage(path, text, "en", "path")


def test_flattened_chapter_titles_match_a_human_reading() -> None:
    """The heuristic title/body split on both seed pages, against the hand-made oracle."""
    total = right = 0
    for path in (ES_PAGE, JA_PAGE):
        key = str(path.relative_to(ROOT))
        for expected, variant in zip(ORACLE[key], _parse(path).variants, strict=True):
            for want, chapter in zip(expected["chapters"], variant.chapters, strict=True):
                total += 1
                right += want["title"] == chapter.title
                assert chapter.title_split == "heuristic"
                assert chapter.found.startswith(chapter.title)
    assert total == 82
    assert right / total >= 0.95


def test_line_broken_page_parses_like_the_flattened_one() -> None:
    flattened = _parse(ES_PAGE).variants[0]
    line_broken = _parse(SAMPLES / "en" / "hassabis.md").variants[0]
    assert line_broken.layout is Layout.LINE_BROKEN and flattened.layout is Layout.FLATTENED
    assert line_broken.title == flattened.title
    assert line_broken.summary == flattened.summary
    assert [(c.ts, c.title, c.body) for c in line_broken.chapters] == [
        (c.ts, c.title, c.body) for c in flattened.chapters
    ]
    assert [c.title_split for c in line_broken.chapters] == ["exact"] * 11
    assert line_broken.entities == flattened.entities
    assert line_broken.tags == flattened.tags
    assert line_broken.duration == flattened.duration == 56 * 60 + 10


def test_h1_layout_with_unspaced_entity_punctuation() -> None:
    variant = _parse(SAMPLES / "zh" / "vinyals.md").variants[0]
    assert len(variant.chapters) == 17
    assert variant.entities is not None and variant.entities[0].name == "Jacob Effron"
    assert variant.entities[0].type == "人物"
    assert variant.chapters[11].quotes[0].text == "I like games."
    assert variant.chapters[11].quotes[0].note.startswith("(这句")


def test_japanese_page_skips_site_chrome() -> None:
    parsed = _parse(JA_PAGE)
    assert [v.title for v in parsed.variants][2] == "ヤン・ルカンが語るLLMの先にあるもの"
    assert "チャンネルを探す" in parsed.chrome
    assert parsed.page.locale == "ja"


def test_several_quotes_in_one_chapter_and_corner_brackets() -> None:
    text = (
        "# Title\n\nSummary text here.\n\n## [00:00] Intro\nBody.\n\n"
        '> *"First quote."*\n\n> *「二つ目の引用。」*\n\n## [01:00:26] Late\nMore body.\n'
    )
    variant = parse_page(_page(text)).variants[0]
    assert [q.text for q in variant.chapters[0].quotes] == ["First quote.", "二つ目の引用。"]
    assert [q.mark for q in variant.chapters[0].quotes] == ['"', "「"]
    assert variant.chapters[1].ts == 3626


def test_entity_section_under_any_heading_with_full_width_punctuation() -> None:
    text = (
        "# Titre\n\nRésumé.\n\n## [00:00] Intro\nCorps du chapitre.\n\n## Personnes et concepts\n"
        "- **Yann LeCun**（人物）：chercheur\n- **JEPA** (Concept): architecture\n"
    )
    variant = parse_page(_page(text)).variants[0]
    assert variant.entity_heading == "Personnes et concepts"
    assert [(e.name, e.type, e.description) for e in variant.entities or ()] == [
        ("Yann LeCun", "人物", "chercheur"),
        ("JEPA", "Concept", "architecture"),
    ]


def test_items() -> None:
    assert parse_ts("01:00:26") == 3626 and parse_ts("15:55") == 955 and parse_ts("１５：５５") == 955
    quote, trailing = parse_quote("> *\"He said 'no'.\"*(note)")
    assert quote is not None and quote.text == "He said 'no'." and trailing == "(note)"
    entity = parse_entity("- **Jacob Effron**(人物):Redpoint", 0)
    assert entity is not None and (entity.name, entity.type, entity.description) == (
        "Jacob Effron",
        "人物",
        "Redpoint",
    )
    assert parse_entity("- plain item", 0) is None


def test_page_without_episodes_is_s002_not_a_crash() -> None:
    parsed = parse_page(_page("LaiDub\n\nPodcasts\n"))
    assert parsed.variants == ()
    assert [p.code for p in parsed.problems] == ["S002"]


def test_parse_output_validates_and_json_input_round_trips(tmp_path: Path) -> None:
    variants = [v for path in (ES_PAGE, JA_PAGE) for v in _parse(path).variants]
    document = {"schema_version": 1, "variants": [variant_to_dict(v) for v in variants]}
    assert errors("episode", document) == []
    path = tmp_path / "ja" / "episodes.json"
    path.parent.mkdir()
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    again = _parse(path).variants
    assert [(v.title, len(v.chapters), v.quote_count, v.entity_count) for v in again] == [
        (v.title, len(v.chapters), v.quote_count, v.entity_count) for v in variants
    ]
    assert all(v.layout is Layout.JSON for v in again)


def test_timestamps_in_native_digits_round_trip_through_json(tmp_path: Path) -> None:
    # `aligner parse` wrote `٠٠:٠٠` as read: the schema's timestamp is ASCII, and the Arabic variant
    # read back was S003 and dropped
    arabic = Path(__file__).parent / "data" / "languages" / "ar" / "hassabis.md"
    text = arabic.read_text(encoding="utf-8")
    native = text.replace("## [00:00]", "## [٠٠:٠٠]").replace("## [23:46]", "## [٢٣:٤٦]")
    assert native != text
    page = tmp_path / "ar" / "hassabis.md"
    page.parent.mkdir()
    page.write_text(native, encoding="utf-8")
    [variant] = _parse(page).variants
    document = {"schema_version": 1, "variants": [variant_to_dict(variant)]}
    assert errors("episode", document) == []
    assert [c["ts"] for c in document["variants"][0]["chapters"]][:1] == ["00:00"]
    assert "23:46" in [c["ts"] for c in document["variants"][0]["chapters"]]


def test_a_json_time_no_clock_shows_is_s003_and_the_variant_is_still_checked(tmp_path: Path) -> None:
    """As on a page (`[12:75]` is read as 13:15 and reported): JSON input used to drop the variant."""
    path = tmp_path / "es" / "x.json"
    path.parent.mkdir()
    chapters = [
        {"ts": "00:00", "title": "Intro", "body": "Hola."},
        {"ts": "12:75", "title": "Dos", "body": "Adiós."},
    ]
    path.write_text(json.dumps({"variants": [{"title": "X", "chapters": chapters}]}), encoding="utf-8")
    parsed = _parse(path)
    assert [c.ts for v in parsed.variants for c in v.chapters] == [0, 795]
    assert [p.code for p in parsed.problems] == ["S003"]
    assert (
        "`[12:75]` in `X` is not a valid time (seconds 75 exceed 59); checked as `[13:15]`"
        in parsed.problems[0].message
    )


def test_invalid_json_variant_is_s003(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps({"variants": [{"title": "X", "chapters": [{"ts": "nope"}]}]}), encoding="utf-8"
    )
    parsed = _parse(path)
    assert parsed.variants == ()
    assert [p.code for p in parsed.problems] == ["S003"]
    assert "chapters/0" in parsed.problems[0].evidence


def test_a_time_no_clock_shows_is_named_by_its_field() -> None:
    for fine in ("00:00", "15:55", "59:59", "125:30", "01:00:26", "9:59:59", "１５：５５"):
        assert timestamp_fault(fine) == "", fine
    assert timestamp_fault("12:75") == "seconds 75 exceed 59"
    assert timestamp_fault("1:75:00") == "minutes 75 exceed 59"
    assert timestamp_fault("01:00:60") == "seconds 60 exceed 59"
    assert timestamp_fault("１２：７５") == "seconds 75 exceed 59"  # full width, as parse_ts reads it


def test_the_schema_timestamp_agrees_with_timestamp_fault() -> None:
    for ts in ("00:00", "15:55", "125:30", "01:00:26", "12:75", "1:75:00", "01:00:60", "99:99:99"):
        problems = variant_errors({"title": "X", "chapters": [{"ts": ts, "title": "T", "body": "B"}]})
        assert bool(problems) == bool(timestamp_fault(ts)), (ts, problems)


def test_an_impossible_time_on_a_page_is_s003_and_the_card_is_still_checked() -> None:
    text = (
        "An Episode\n\nA summary of the episode.\n\n"
        "## [00:00] Intro\nHello there.\n\n## [12:75] Next\nMore text.\n\n## [1:75:00] Late\nThe end.\n"
    )
    parsed = parse_page(_page(text))
    assert [c.label for c in parsed.variants[0].chapters] == ["00:00", "13:15", "02:15:00"]
    assert [(p.code, p.evidence) for p in parsed.problems] == [
        ("S003", "[12:75] Next"),
        ("S003", "[1:75:00] Late"),
    ]
    first, second = (p.message for p in parsed.problems)
    assert "`[12:75]`" in first and "seconds 75 exceed 59" in first and "`[13:15]`" in first
    assert "An Episode" in first and "minutes 75 exceed 59" in second
    clean = parse_page(_page(text.replace("[12:75]", "[12:15]").replace("[1:75:00]", "[1:15:00]")))
    assert clean.problems == ()


def test_chapter_headings_as_scrapers_also_write_them() -> None:
    """Brackets left out or round, no-break spaces from HTML, a separator before the title: each is
    still a chapter (before, three of them were lost: their bodies ran into the first chapter's)."""
    text = (
        "An Episode\n\nA summary of the episode.\n\n"
        "## [00:00] - Intro\nHello there.\n\n"
        "##\u00a0[01:00]\u00a0Second\nBody two.\n\n"
        "## 02:00 Third\nBody three.\n\n"
        "## (03:00) Fourth\nBody four.\n\n"
        "### [04:00]: Fifth\nBody five.\n\n"
        "## [05:00] -1 °C in Oslo\nBody six.\n"
    )
    (variant,) = parse_page(_page(text)).variants
    assert [(c.ts_text, c.title, c.body) for c in variant.chapters] == [
        ("00:00", "Intro", "Hello there."),
        ("01:00", "Second", "Body two."),
        ("02:00", "Third", "Body three."),
        ("03:00", "Fourth", "Body four."),
        ("04:00", "Fifth", "Body five."),
        ("05:00", "-1 °C in Oslo", "Body six."),
    ]
    assert variant.parse_notes == (
        "chapter heading without square brackets: ## 02:00 Third",
        "chapter heading without square brackets: ## (03:00) Fourth",
    )


def test_text_after_a_quote_is_kept_in_the_parse_output_and_read_back(tmp_path: Path) -> None:
    """The Chinese Vinyals page glosses a quote on its line: `> *"I like games."*(这句…注脚)`. The
    gloss is the quote's note; `aligner parse` shows it (it used to show the quote alone) and JSON
    input reads it back."""
    variants = _parse(SAMPLES / "zh" / "vinyals.md").variants
    document = {"schema_version": 1, "variants": [variant_to_dict(v) for v in variants]}
    assert errors("episode", document) == []
    chapters = [c for v in document["variants"] for c in v["chapters"] if "quote_notes" in c]
    assert [c["ts"] for c in chapters] == ["35:57"]
    assert chapters[0]["quotes"] == ["I like games."]
    assert (
        chapters[0]["quote_notes"][0].startswith("(这句简单的自陈")
        and "game-playing RL" in chapters[0]["quote_notes"][0]
    )
    path = tmp_path / "zh" / "episodes.json"
    path.parent.mkdir()
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    again = _parse(path).variants
    assert [[q.note for c in v.chapters for q in c.quotes] for v in again] == [
        [q.note for c in v.chapters for q in c.quotes] for v in variants
    ]


def test_only_a_tags_line_with_a_title_run_into_it_is_split() -> None:
    def kinds(text: str) -> list[tuple[str, str, str]]:
        return [(line.kind.value, line.text, line.glued) for line in logical_lines(text)]

    assert kinds("#deepmind#ai-safetyGemini Co-Lead on World Models") == [
        ("tags", "#deepmind#ai-safety", ""),
        ("text", "Gemini Co-Lead on World Models", "#ai-safety"),
    ]
    # without a space nothing tells where a title would begin: a tags line, as before
    assert kinds("#lecun#jepaヤン・ルカンが語るLLMの先") == [
        ("tags", "#lecun#jepaヤン・ルカンが語るLLMの先", "")
    ]
    for text, kind in [
        ("#deepmind#ai-safety", "tags"),
        ("#ai #openAI", "tags"),
        ("#ai#openAI #x", "tags"),
        ("#ai#openAI", "tags"),
        ("## [01:10] Intro Talk", "chapter"),
        ("# A Title", "h1"),
    ]:
        assert kinds(text) == [(kind, text, "")], text


def test_a_short_flattened_text_without_sentence_punctuation_is_a_bare_title() -> None:
    hints = make_hints([], "", "es")
    assert split_title("Por qué Yann dejó Meta", hints) == ("Por qué Yann dejó Meta", "")
    # a title with its body still splits (the seed oracle holds the real pages)
    title, body = split_title("Por qué Yann dejó Meta Yann corrige un malentendido extendido.", hints)
    assert (title, body) == ("Por qué Yann dejó Meta", "Yann corrige un malentendido extendido.")


def test_the_parse_of_several_pages_checks_as_the_pages_do(tmp_path: Path, samples_result: RunResult) -> None:
    """`aligner parse samples/pages -o x.json`, then `aligner check x.json`: one file holding the
    cards of four pages. Its variants name their pages, and each is a page of its own again — before,
    they were one page, so LeCun's two cards never paired (cards of one page do not pair on their
    timestamps) and S004 compared cards across pages (10 false warnings)."""
    document = tmp_path / "x.json"
    assert CliRunner().invoke(main, ["parse", str(SAMPLES), "-o", str(document)]).exit_code == 0
    again = check_paths([str(document)], Settings())

    def findings(result: RunResult) -> list[tuple[str, str, str, str, str]]:
        # S005 too: the JSON keeps the seams the parser found (`glued`), so the glued channel and
        # date of the Spanish cards are reported from it as from the page
        return sorted((f.episode_id, f.page_locale, f.chapter_ts, f.code, f.message) for f in result.findings)

    def rows(result: RunResult) -> list[tuple[object, ...]]:
        return sorted(
            (r.episode_id, r.page_locale, r.ref_ts, r.var_ts, r.score, r.components) for r in result.chapters
        )

    assert [len(e.variants) for e in again.episodes] == [len(e.variants) for e in samples_result.episodes]
    assert findings(again) == findings(samples_result)
    assert rows(again) == rows(samples_result)
    assert {v.source_path.split("#", 1)[0] for v in again.variants} == {str(document)}


def test_a_card_that_lost_its_duration_is_reported_from_the_parse_as_from_the_page(tmp_path: Path) -> None:
    """S004 compares a card with the other cards of its page: read back from one JSON file holding
    four pages, the card had no page to be compared with, and the missing duration went unreported."""
    pages = tmp_path / "pages"
    shutil.copytree(SAMPLES, pages)
    page = pages / "es" / "laidub-es-page.txt"
    lines = page.read_text(encoding="utf-8").split("\n")
    assert lines[5] == "56:10"  # the Hassabis card's duration
    page.write_text("\n".join(lines[:5] + lines[6:]), encoding="utf-8")
    (tmp_path / "json").mkdir()
    document = tmp_path / "json" / "x.json"
    assert CliRunner().invoke(main, ["parse", str(pages), "-o", str(document)]).exit_code == 0

    def findings(path: Path) -> list[tuple[str, str, str, str]]:
        result = check_paths([str(path)], Settings())
        return sorted((f.page_locale, f.chapter_ts, f.code, f.fingerprint) for f in result.findings)

    direct = findings(pages)
    assert any(code == "S004" for _locale, _ts, code, _fp in direct)
    assert findings(document) == direct
